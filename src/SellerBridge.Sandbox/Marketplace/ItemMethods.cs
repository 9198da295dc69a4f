using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>The item and category APIs: publish, find by <c>outer_id</c>, change, take off and put on sale, read, browse categories.</summary>
public sealed partial class ItemMethods(IMarketplaceStore store, SandboxCategories categories, ListingAudit audit)
{
    public const int MaxTitleLength = 60;

    /// <summary>
    /// What <c>taobao.item.seller.get</c> may answer: the fields PROTOCOLS.md names for it (the SDK's
    /// <c>Item</c> has more, but the app may rely on these only). No audit field: state is
    /// <c>approve_status</c> and <c>violation</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> SellerGetFields =
        new HashSet<string>(["num_iid", "outer_id", "approve_status", "violation", "num", "price", "skus", "modified"], StringComparer.Ordinal);

    /// <summary>TOP's sub code for a <c>num_iid</c> the shop does not have (Tmall form, as the public SDK clients match it).</summary>
    public const string ItemNotExist = "isv.item-not-exist:invalid-numIid-or-iid-tmall";

    public JsonObject Add(TopRequest request)
    {
        foreach (var name in (string[])["cid", "title", "desc", "num", "price", "outer_id", "type", "stuff_status", "location.state", "location.city"])
        {
            request.Required(name);
        }

        if (request.Required("type") != "fixed")
        {
            throw SandboxError.Invalid("type", "only type=fixed is supported");
        }

        var cid = request.RequiredLong("cid");
        var props = request.Optional("props") ?? "";
        CheckLeafAndProps(cid, props);
        var title = CheckTitle(request.Required("title"));
        var price = ParsePrice(request.Required("price"));
        var num = ParseNum("num", request.Required("num"));
        var outerId = request.Required("outer_id");
        var item = new SandboxItem(
            request.Shop.Id, store.NextId(), outerId, cid, title, request.Required("desc"), num, price,
            request.Required("location.state"), request.Required("location.city"), props, request.Optional("pic_path"),
            "instock", false, audit.DueAfter(request.Now), request.Now, request.Now);
        if (!store.TryAddItem(item))
        {
            throw SandboxError.Isv("isv.item-outer-id-duplicate", $"outer_id {outerId} is already used by another item of this shop");
        }

        return new JsonObject { ["item"] = new JsonObject { ["num_iid"] = item.NumIid, ["created"] = TopWire.Time(item.Created) } };
    }

    public JsonObject CustomGet(TopRequest request)
    {
        var outerIds = request.Required("outer_id").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fields = Fields(request, null);
        var items = outerIds.SelectMany(id => store.FindItemsByOuterId(request.Shop.Id, id)).Select(i => Settled(i, request.Now)).ToList();
        return items.Count == 0 ? [] : new JsonObject { ["items"] = TopWire.Wrap("item", items.Select(i => ToJson(i, fields))) };
    }

    public JsonObject Update(TopRequest request)
    {
        var item = Find(request);
        var changedText = false;
        if (request.Optional("cid") is not null || request.Optional("props") is not null)
        {
            var cid = request.Optional("cid") is null ? item.Cid : request.RequiredLong("cid");
            var props = request.Optional("props") ?? item.Props;
            CheckLeafAndProps(cid, props);
            item = item with { Cid = cid, Props = props };
        }

        if (request.Optional("title") is { } title && title != item.Title)
        {
            item = item with { Title = CheckTitle(title) };
            changedText = true;
        }

        if (request.Optional("desc") is { } desc && desc != item.Desc)
        {
            item = item with { Desc = desc };
            changedText = true;
        }

        item = item with
        {
            Price = request.Optional("price") is { } price ? ParsePrice(price) : item.Price,
            Num = request.Optional("num") is { } num ? ParseNum("num", num) : item.Num,
            PicPath = request.Optional("pic_path") ?? item.PicPath,
            Modified = request.Now,
        };
        if (changedText || request.Optional("pic_path") is not null)
        {
            // New words (or a new picture) are audited again before the item may sell.
            item = item with { Violation = false, ApproveStatus = "instock", AuditDueAt = audit.DueAfter(request.Now) };
        }

        store.SaveItem(item);
        return new JsonObject { ["item"] = new JsonObject { ["num_iid"] = item.NumIid, ["modified"] = TopWire.Time(item.Modified) } };
    }

    public JsonObject QuantityUpdate(TopRequest request)
    {
        var item = Find(request);
        var quantity = request.OptionalInt("quantity") ?? throw SandboxError.Missing("quantity");
        var type = request.OptionalInt("type") ?? 1;
        var num = type switch
        {
            1 when quantity >= 0 => quantity,
            1 => throw SandboxError.Invalid("quantity", "a full update needs quantity >= 0"),
            2 when item.Num + quantity >= 0 => item.Num + quantity,
            2 => throw SandboxError.Isv("isv.item-quantity-item-update-service-error", $"stock {item.Num} cannot be reduced by {-quantity}"),
            _ => throw SandboxError.Invalid("type", "type must be 1 (full) or 2 (delta)"),
        };
        // Stock 0 takes an item off sale (sold out, into the warehouse); new stock does not put it back: a relisting does.
        item = item with { Num = num, ApproveStatus = num == 0 ? "instock" : item.ApproveStatus, Modified = request.Now };
        store.SaveItem(item);
        return new JsonObject { ["item"] = new JsonObject { ["num_iid"] = item.NumIid, ["num"] = item.Num, ["modified"] = TopWire.Time(item.Modified) } };
    }

    public JsonObject PriceUpdate(TopRequest request)
    {
        var item = Find(request);
        item = item with { Price = ParsePrice(request.Required("price")), Modified = request.Now };
        store.SaveItem(item);
        return new JsonObject { ["item"] = new JsonObject { ["num_iid"] = item.NumIid, ["price"] = TopWire.Money(item.Price), ["modified"] = TopWire.Time(item.Modified) } };
    }

    /// <summary><c>taobao.item.update.delisting</c>: off sale into the warehouse. A pending audit is decided first, so a violation is never hidden by a withdrawal.</summary>
    public JsonObject Delisting(TopRequest request)
    {
        var item = ListingAudit.Decide(Find(request), request.Now) with { ApproveStatus = "instock", Modified = request.Now };
        store.SaveItem(item);
        return new JsonObject { ["item"] = new JsonObject { ["num_iid"] = item.NumIid, ["modified"] = TopWire.Time(item.Modified) } };
    }

    /// <summary><c>taobao.item.update.listing</c>: on sale again with <c>num</c> in stock; an item taken down for a violation must be changed first.</summary>
    public JsonObject Listing(TopRequest request)
    {
        var item = Find(request);
        var num = ParseNum("num", request.Required("num"));
        if (num == 0)
        {
            throw SandboxError.Invalid("num", "num must be at least 1 to list an item");
        }

        if (item.Violation)
        {
            throw SandboxError.Invalid("num_iid", $"item {item.NumIid} was taken down for breaking the rules; change it before listing it again");
        }

        // Still in audit: it goes on sale when the audit passes (Decide looks at the stock).
        item = item with { Num = num, ApproveStatus = item.AuditDueAt is null ? "onsale" : item.ApproveStatus, Modified = request.Now };
        store.SaveItem(item);
        return new JsonObject { ["item"] = new JsonObject { ["num_iid"] = item.NumIid, ["modified"] = TopWire.Time(item.Modified) } };
    }

    /// <summary>Only the fields asked for, and of those only the ones the method documents.</summary>
    public JsonObject SellerGet(TopRequest request) => new() { ["item"] = ToJson(Find(request), Fields(request, SellerGetFields)) };

    public JsonObject ItemcatsGet(TopRequest request)
    {
        IEnumerable<SandboxCategory> found;
        if (request.Optional("cids") is { } cids)
        {
            found = cids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => long.TryParse(c, CultureInfo.InvariantCulture, out var cid) ? categories.Find(cid) : throw SandboxError.Invalid("cids", "cids must be numbers"))
                .OfType<SandboxCategory>();
        }
        else if (request.Optional("parent_cid") is not null)
        {
            found = categories.Children(request.RequiredLong("parent_cid"));
        }
        else
        {
            throw SandboxError.Missing("parent_cid");
        }

        var list = found.Select(c => (JsonNode)new JsonObject
        {
            ["cid"] = c.Cid,
            ["parent_cid"] = c.ParentCid,
            ["name"] = c.Name,
            ["is_parent"] = c.IsParent,
            ["status"] = "normal",
        }).ToList();
        return list.Count == 0 ? [] : new JsonObject { ["item_cats"] = TopWire.Wrap("item_cat", list) };
    }

    /// <summary>An item of the caller's shop, its audit settled; another shop's item does not exist for the caller.</summary>
    private SandboxItem Find(TopRequest request)
    {
        var numIid = request.RequiredLong("num_iid");
        var item = store.FindItem(request.Shop.Id, numIid)
            ?? throw SandboxError.Isv(ItemNotExist, $"item {numIid} does not exist in this shop");
        return Settled(item, request.Now);
    }

    private SandboxItem Settled(SandboxItem item, DateTimeOffset now)
    {
        var settled = audit.Settle(item, now);
        if (!ReferenceEquals(settled, item))
        {
            store.SaveItem(settled);
        }

        return settled;
    }

    private void CheckLeafAndProps(long cid, string props)
    {
        var category = categories.Find(cid) ?? throw SandboxError.Invalid("cid", $"category {cid} does not exist");
        if (category.IsParent)
        {
            throw SandboxError.Invalid("cid", $"category {cid} is not a leaf category");
        }

        var given = props.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split(':')[0])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var prop in (category.Props ?? []).Where(p => p.Required))
        {
            if (!given.Contains(prop.Pid.ToString(CultureInfo.InvariantCulture)))
            {
                throw SandboxError.Missing($"props.{prop.Pid}");
            }
        }
    }

    private static string CheckTitle(string title) =>
        title.Length <= MaxTitleLength ? title : throw SandboxError.Invalid("title", $"title is {title.Length} characters; at most {MaxTitleLength}");

    private static decimal ParsePrice(string text)
    {
        if (!PricePattern().IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
            || price < 0.01m || price > 5000.00m)
        {
            throw SandboxError.Invalid("price", "price must be 0.01 to 5000.00 yuan with at most 2 decimals");
        }

        return price;
    }

    private static int ParseNum(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var num) && num <= 999_999
            ? num
            : throw SandboxError.Invalid(name, $"{name} must be a whole number from 0 to 999999");

    /// <summary>The <c>fields</c> asked for (TOP requires them), limited to <paramref name="allowed"/> when given.</summary>
    private static HashSet<string> Fields(TopRequest request, IReadOnlySet<string>? allowed) =>
        request.Required("fields").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => allowed is null || allowed.Contains(f))
            .ToHashSet(StringComparer.Ordinal);

    internal static JsonObject ToJson(SandboxItem item, IReadOnlySet<string> fields)
    {
        var all = ToJson(item);
        var answer = new JsonObject();
        foreach (var (name, value) in all)
        {
            if (fields.Contains(name))
            {
                answer[name] = value?.DeepClone();
            }
        }

        return answer;
    }

    internal static JsonObject ToJson(SandboxItem item) => new()
    {
        ["num_iid"] = item.NumIid,
        ["outer_id"] = item.OuterId,
        ["cid"] = item.Cid,
        ["title"] = item.Title,
        ["desc"] = item.Desc,
        ["num"] = item.Num,
        ["price"] = TopWire.Money(item.Price),
        ["props"] = item.Props,
        ["pic_url"] = item.PicPath,
        ["location"] = new JsonObject { ["state"] = item.LocationState, ["city"] = item.LocationCity },
        ["approve_status"] = item.ApproveStatus,
        ["violation"] = item.Violation,
        ["created"] = TopWire.Time(item.Created),
        ["modified"] = TopWire.Time(item.Modified),
    };

    [GeneratedRegex(@"^\d{1,4}(\.\d{1,2})?$")]
    private static partial Regex PricePattern();
}
