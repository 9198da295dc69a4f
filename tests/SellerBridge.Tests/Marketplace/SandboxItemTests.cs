using System.Text.Json;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public class SandboxItemTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static TopNewItem Item(string outerId, string title = "韩国玻尿酸补水面膜 10片装", string desc = "来自韩国的补水面膜。", decimal price = 89.90m) =>
        new(SandboxServer.LeafCid, title, desc, 20, price, outerId, "浙江省", "杭州市", "20000:3271530", "https://img.example.com/mask.jpg");

    [Fact]
    public async Task A_published_item_is_found_by_its_outer_id_and_the_outer_id_cannot_be_used_twice()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();

        var added = await client.ItemAddAsync(Item("S1-MASK-10"), Token);
        var found = await client.ItemsCustomGetAsync("S1-MASK-10", Token);
        var duplicate = await client.ItemAddAsync(Item("S1-MASK-10"), Token);

        Assert.True(added.IsSuccess, added.Error?.ToString());
        var item = Assert.Single(found.Value!);
        Assert.Equal((added.Value!.NumIid, "S1-MASK-10", 89.90m, 20), (item.NumIid, item.OuterId, item.Price, item.Num));
        Assert.Equal("isv.item-outer-id-duplicate", duplicate.Error?.SubCode);
        Assert.Equal(TopErrorKind.Permanent, duplicate.Kind);
    }

    [Fact]
    public async Task An_unknown_outer_id_finds_nothing()
    {
        await using var sandbox = await SandboxServer.StartAsync();

        var found = await sandbox.CreateClient().ItemsCustomGetAsync("NOT-THERE", Token);

        Assert.True(found.IsSuccess);
        Assert.Empty(found.Value!);
    }

    [Theory]
    [InlineData("title", "isv.invalid-parameter:title")]
    [InlineData("price-too-high", "isv.invalid-parameter:price")]
    [InlineData("price-three-decimals", "isv.invalid-parameter:price")]
    [InlineData("parent-category", "isv.invalid-parameter:cid")]
    [InlineData("required-prop", "isv.missing-parameter:props.20000")]
    [InlineData("no-desc", "isv.missing-parameter:desc")]
    public async Task Item_add_refuses_data_the_marketplace_would_refuse(string fault, string subCode)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var parameters = new Dictionary<string, string?>
        {
            ["cid"] = $"{SandboxServer.LeafCid}",
            ["title"] = "韩国面膜",
            ["desc"] = "补水",
            ["num"] = "5",
            ["price"] = "10.00",
            ["outer_id"] = "S1-X",
            ["type"] = "fixed",
            ["stuff_status"] = "new",
            ["location.state"] = "浙江省",
            ["location.city"] = "杭州市",
            ["props"] = "20000:3271530",
        };
        switch (fault)
        {
            case "title": parameters["title"] = new string('面', 61); break;
            case "price-too-high": parameters["price"] = "5000.01"; break;
            case "price-three-decimals": parameters["price"] = "12.345"; break;
            case "parent-category": parameters["cid"] = $"{SandboxServer.ParentCid}"; break;
            case "required-prop": parameters["props"] = "122216347:1"; break;
            case "no-desc": parameters["desc"] = null; break;
        }

        var response = await sandbox.CreateClient().CallAsync("taobao.item.add", parameters, Token);

        Assert.Equal(subCode, response.Error?.SubCode);
        Assert.Equal(TopErrorKind.Permanent, response.Kind);
    }

    [Fact]
    public async Task Quantity_updates_set_the_stock_or_move_it_by_a_delta_but_never_below_zero()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-Q"), Token)).Value!.NumIid;

        var full = await client.ItemQuantityUpdateAsync(numIid, 7, TopQuantityUpdate.Full, Token);
        var up = await client.ItemQuantityUpdateAsync(numIid, 5, TopQuantityUpdate.Delta, Token);
        var down = await client.ItemQuantityUpdateAsync(numIid, -3, TopQuantityUpdate.Delta, Token);
        var belowZero = await client.ItemQuantityUpdateAsync(numIid, -10, TopQuantityUpdate.Delta, Token);

        Assert.Equal([7, 12, 9], new[] { full, up, down }.Select(r => r.Value!.Num));
        Assert.Equal(TopErrorKind.Permanent, belowZero.Kind);
        Assert.Equal(9, (await client.ItemSellerGetAsync(numIid, Token)).Value!.Num);
    }

    [Fact]
    public async Task Price_and_item_updates_are_kept()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-P"), Token)).Value!.NumIid;

        var price = await client.ItemPriceUpdateAsync(numIid, 79.5m, Token);
        var update = await client.ItemUpdateAsync(numIid, new Dictionary<string, string?> { ["title"] = "韩国补水面膜 5片装" }, Token);
        var item = (await client.ItemSellerGetAsync(numIid, Token)).Value!;

        Assert.Equal(79.50m, price.Value!.Price);
        Assert.True(update.IsSuccess, update.Error?.ToString());
        // item.seller.get does not answer the title (not in its documented fields): read the sandbox's own record.
        Assert.Equal(("韩国补水面膜 5片装", 79.50m), (sandbox.Store.FindItem(sandbox.ShopId, numIid)!.Title, item.Price));
    }

    [Fact]
    public async Task The_audit_puts_a_clean_item_on_sale_once_its_delay_has_passed()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-CLEAN"), Token)).Value!.NumIid;

        var before = (await client.ItemSellerGetAsync(numIid, Token)).Value!;
        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));
        var after = (await client.ItemSellerGetAsync(numIid, Token)).Value!;

        Assert.Equal(("instock", false), (before.ApproveStatus, before.Violation));
        Assert.Equal(("onsale", false), (after.ApproveStatus, after.Violation));
    }

    [Theory]
    [InlineData("最好用的韩国面膜", "来自韩国的补水面膜。", "最")]
    [InlineData("韩国补水面膜", "销量第一的补水面膜。", "第一")]
    [InlineData("韩国顶级面膜", "来自韩国。", "顶级")]
    [InlineData("韩国国家级面膜", "来自韩国。", "国家级")]
    [InlineData("韩国面膜", "补水效果最佳。", "最")]
    public async Task The_audit_takes_absolute_claims_down_through_approve_status_and_violation_only(string title, string desc, string claim)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-CLAIM", title, desc), Token)).Value!.NumIid;

        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));
        var item = (await client.ItemSellerGetAsync(numIid, Token)).Value!;

        Assert.Equal(("instock", true), (item.ApproveStatus, item.Violation));
        // TOP sends no reason: the sandbox's own record knows which term it refused, the answer does not.
        Assert.Contains(claim, ListingAuditReason(sandbox, numIid));
    }

    private static string ListingAuditReason(SandboxServer sandbox, long numIid) =>
        Sandbox.Marketplace.ListingAudit.Reject(sandbox.Store.FindItem(sandbox.ShopId, numIid)!) ?? "";

    [Fact]
    public async Task Item_seller_get_answers_only_the_documented_fields_it_was_asked_for()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-FIELDS"), Token)).Value!.NumIid;
        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));
        // PROTOCOLS.md, taobao.item.seller.get: num_iid,outer_id,approve_status,violation,num,price,skus,modified.
        string[] documented = ["num_iid", "outer_id", "approve_status", "violation", "num", "price", "skus", "modified"];

        // Asked for everything an app might want, audit fields of old included: only documented ones come back.
        var wide = await client.CallAsync("taobao.item.seller.get", new Dictionary<string, string?>
        {
            ["num_iid"] = $"{numIid}",
            ["fields"] = "num_iid,outer_id,title,desc,cid,props,pic_url,approve_status,audit_status,audit_reason,violation,num,price,modified",
        }, Token);
        var narrow = await client.CallAsync("taobao.item.seller.get", new Dictionary<string, string?>
        {
            ["num_iid"] = $"{numIid}",
            ["fields"] = "num_iid,approve_status",
        }, Token);

        Assert.True(wide.IsSuccess, wide.Error?.ToString());
        var fields = wide.Body!.Value.GetProperty("item").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(fields, f => Assert.Contains(f, documented));
        // The sandbox has no options (skus); every other documented field it was asked for is there.
        Assert.Equal(documented.Where(f => f != "skus").Order(StringComparer.Ordinal), fields.Order(StringComparer.Ordinal));
        Assert.Equal(["approve_status", "num_iid"], narrow.Body!.Value.GetProperty("item").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.False, wide.Body!.Value.GetProperty("item").GetProperty("violation").ValueKind);
    }

    [Fact]
    public async Task Delisting_and_listing_take_an_item_off_sale_and_put_it_back_with_its_stock()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-SALE"), Token)).Value!.NumIid;
        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));

        var off = await client.ItemUpdateDelistingAsync(numIid, Token);
        var afterOff = (await client.ItemSellerGetAsync(numIid, Token)).Value!;
        var on = await client.ItemUpdateListingAsync(numIid, 3, Token);
        var afterOn = (await client.ItemSellerGetAsync(numIid, Token)).Value!;

        Assert.True(off.IsSuccess, off.Error?.ToString());
        Assert.Equal(numIid, off.Value!.NumIid);
        Assert.Equal(("instock", false), (afterOff.ApproveStatus, afterOff.Violation));
        Assert.True(on.IsSuccess, on.Error?.ToString());
        Assert.Equal(("onsale", false, 3), (afterOn.ApproveStatus, afterOn.Violation, afterOn.Num));
    }

    [Fact]
    public async Task Delisting_and_listing_refuse_an_unknown_item_and_a_relisting_without_stock()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-REFUSE"), Token)).Value!.NumIid;

        var unknownOff = await client.ItemUpdateDelistingAsync(999_999_999, Token);
        var unknownOn = await client.ItemUpdateListingAsync(999_999_999, 1, Token);
        var noStock = await client.ItemUpdateListingAsync(numIid, 0, Token);

        Assert.All([unknownOff, unknownOn], r =>
        {
            Assert.Equal((15, "isv.item-not-exist:invalid-numIid-or-iid-tmall"), (r.Error!.Code, r.Error.SubCode));
            Assert.Equal(TopErrorKind.Permanent, r.Kind);
            Assert.True(TopItemCalls.IsItemNotExist(r.Error));
        });
        Assert.Equal("isv.invalid-parameter:num", noStock.Error?.SubCode);
    }

    [Fact]
    public async Task Stock_set_to_zero_puts_an_item_in_the_warehouse_and_new_stock_does_not_list_it_again()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-SOLDOUT"), Token)).Value!.NumIid;
        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));

        await client.ItemQuantityUpdateAsync(numIid, 0, TopQuantityUpdate.Full, Token);
        var soldOut = (await client.ItemSellerGetAsync(numIid, Token)).Value!;
        await client.ItemQuantityUpdateAsync(numIid, 4, TopQuantityUpdate.Full, Token);
        var restocked = (await client.ItemSellerGetAsync(numIid, Token)).Value!;

        Assert.Equal(("instock", false, 0), (soldOut.ApproveStatus, soldOut.Violation, soldOut.Num));
        Assert.Equal(("instock", 4), (restocked.ApproveStatus, restocked.Num));
    }
}
