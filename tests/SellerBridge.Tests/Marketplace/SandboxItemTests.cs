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
        Assert.Equal(("韩国补水面膜 5片装", 79.50m), (item.Title, item.Price));
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

        Assert.Equal(("PENDING", "instock"), (before.AuditStatus, before.ApproveStatus));
        Assert.Equal(("PASSED", "onsale"), (after.AuditStatus, after.ApproveStatus));
        Assert.Null(after.AuditReason);
    }

    [Theory]
    [InlineData("最好用的韩国面膜", "来自韩国的补水面膜。", "最")]
    [InlineData("韩国补水面膜", "销量第一的补水面膜。", "第一")]
    [InlineData("韩国顶级面膜", "来自韩国。", "顶级")]
    public async Task The_audit_rejects_absolute_claims_and_says_which(string title, string desc, string claim)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = (await client.ItemAddAsync(Item("S1-CLAIM", title, desc), Token)).Value!.NumIid;

        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));
        var item = (await client.ItemSellerGetAsync(numIid, Token)).Value!;

        Assert.Equal(("REJECTED", "instock"), (item.AuditStatus, item.ApproveStatus));
        Assert.Contains($"「{claim}」", item.AuditReason);
    }
}
