using System.Globalization;
using System.Text.Json;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>An item to publish with <c>taobao.item.add</c>; <see cref="OuterId"/> is our seller SKU key.</summary>
public sealed record TopNewItem(
    long Cid,
    string Title,
    string Desc,
    int Num,
    decimal Price,
    string OuterId,
    string LocationState,
    string LocationCity,
    string? Props = null,
    string? PicPath = null);

/// <summary>
/// An item as the marketplace reports it (PROTOCOLS.md, <c>taobao.item.seller.get</c>): its state is
/// <see cref="ApproveStatus"/> (<c>onsale</c> / <c>instock</c>) and <see cref="Violation"/> (taken
/// down for breaking the platform's rules). TOP has no audit field and gives no take-down reason.
/// </summary>
public sealed record TopItem(
    long NumIid,
    string? OuterId,
    decimal? Price,
    int? Num,
    string? ApproveStatus,
    bool Violation,
    DateTimeOffset? Modified)
{
    public const string OnSale = "onsale";
    public const string InStock = "instock";

    public bool IsOnSale => ApproveStatus == OnSale;
}

public sealed record TopCategory(long Cid, long ParentCid, string Name, bool IsParent);

public enum TopQuantityUpdate
{
    Full = 1,
    Delta = 2,
}

/// <summary>Typed wrappers for the item and category methods we use.</summary>
public static class TopItemCalls
{
    // Only fields PROTOCOLS.md names for taobao.item.seller.get: the real gateway sends nothing we could wait for beyond these.
    private const string ItemFields = "num_iid,outer_id,approve_status,violation,num,price,modified";

    /// <summary>The sub code TOP answers for a <c>num_iid</c> the shop does not have (<c>isv.item-not-exist</c>, often with <c>:invalid-numIid-or-iid[-tmall]</c>).</summary>
    public static bool IsItemNotExist(TopError? error) =>
        error?.SubCode is { } sub && sub.StartsWith("isv.item-not-exist", StringComparison.Ordinal);

    public static async Task<TopResult<TopItem>> ItemAddAsync(this ITopClient client, TopNewItem item, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.item.add", new Dictionary<string, string?>
        {
            ["cid"] = Invariant(item.Cid),
            ["title"] = item.Title,
            ["desc"] = item.Desc,
            ["num"] = Invariant(item.Num),
            ["price"] = Money(item.Price),
            ["outer_id"] = item.OuterId,
            ["type"] = "fixed",
            ["stuff_status"] = "new",
            ["location.state"] = item.LocationState,
            ["location.city"] = item.LocationCity,
            ["props"] = item.Props,
            ["pic_path"] = item.PicPath,
        }, cancellationToken)).Map(b => ReadItem(b.Child("item")));

    /// <summary>Items of the shop with this <c>outer_id</c>: the idempotency check before an add.</summary>
    public static async Task<TopResult<IReadOnlyList<TopItem>>> ItemsCustomGetAsync(this ITopClient client, string outerId, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.items.custom.get", new Dictionary<string, string?>
        {
            ["outer_id"] = outerId,
            ["fields"] = ItemFields,
        }, cancellationToken)).Map(b => (IReadOnlyList<TopItem>)b.Wrapped("items", "item").Select(ReadItem).ToList());

    /// <summary>Changes the given fields (TOP parameter names, e.g. <c>title</c>, <c>desc</c>) of an item.</summary>
    public static async Task<TopResult<TopItem>> ItemUpdateAsync(this ITopClient client, long numIid, IReadOnlyDictionary<string, string?> changes, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string?>(changes) { ["num_iid"] = Invariant(numIid) };
        return (await client.CallAsync("taobao.item.update", parameters, cancellationToken)).Map(b => ReadItem(b.Child("item")));
    }

    public static async Task<TopResult<TopItem>> ItemQuantityUpdateAsync(this ITopClient client, long numIid, int quantity, TopQuantityUpdate type, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.item.quantity.update", new Dictionary<string, string?>
        {
            ["num_iid"] = Invariant(numIid),
            ["quantity"] = Invariant(quantity),
            ["type"] = Invariant((int)type),
        }, cancellationToken)).Map(b => ReadItem(b.Child("item")));

    public static async Task<TopResult<TopItem>> ItemPriceUpdateAsync(this ITopClient client, long numIid, decimal price, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.item.price.update", new Dictionary<string, string?>
        {
            ["num_iid"] = Invariant(numIid),
            ["price"] = Money(price),
        }, cancellationToken)).Map(b => ReadItem(b.Child("item")));

    /// <summary>Takes an item off sale (into the warehouse).</summary>
    public static async Task<TopResult<TopItem>> ItemUpdateDelistingAsync(this ITopClient client, long numIid, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.item.update.delisting", new Dictionary<string, string?>
        {
            ["num_iid"] = Invariant(numIid),
        }, cancellationToken)).Map(b => ReadItem(b.Child("item")));

    /// <summary>Puts an item on sale again with <paramref name="num"/> in stock.</summary>
    public static async Task<TopResult<TopItem>> ItemUpdateListingAsync(this ITopClient client, long numIid, int num, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.item.update.listing", new Dictionary<string, string?>
        {
            ["num_iid"] = Invariant(numIid),
            ["num"] = Invariant(num),
        }, cancellationToken)).Map(b => ReadItem(b.Child("item")));

    /// <summary>One item's state: on sale, in the warehouse, or taken down for a violation.</summary>
    public static async Task<TopResult<TopItem>> ItemSellerGetAsync(this ITopClient client, long numIid, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.item.seller.get", new Dictionary<string, string?>
        {
            ["num_iid"] = Invariant(numIid),
            ["fields"] = ItemFields,
        }, cancellationToken)).Map(b => ReadItem(b.Child("item")));

    /// <summary>Children of <paramref name="parentCid"/>, or the categories <paramref name="cids"/> (comma separated).</summary>
    public static async Task<TopResult<IReadOnlyList<TopCategory>>> ItemcatsGetAsync(this ITopClient client, long? parentCid, string? cids, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.itemcats.get", new Dictionary<string, string?>
        {
            ["parent_cid"] = parentCid is { } p ? Invariant(p) : null,
            ["cids"] = cids,
            ["fields"] = "cid,parent_cid,name,is_parent",
        }, cancellationToken)).Map(b => (IReadOnlyList<TopCategory>)b.Wrapped("item_cats", "item_cat")
            .Select(c => new TopCategory(c.Long("cid"), c.Long("parent_cid"), c.Str("name") ?? "", c.Bool("is_parent")))
            .ToList());

    private static TopItem ReadItem(JsonElement e) => new(
        e.Long("num_iid"),
        e.Str("outer_id"),
        e.Dec("price"),
        e.Int("num"),
        e.Str("approve_status"),
        e.Bool("violation"),
        e.Time("modified"));

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
