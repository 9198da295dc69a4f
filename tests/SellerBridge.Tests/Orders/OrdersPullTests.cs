using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Marketplace;
using SellerBridge.Tests.Payments;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Orders;

public sealed class OrdersPullTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllProviders]
    public async Task Pull_misses_no_trade_when_one_is_modified_while_the_window_is_paged(string provider)
    {
        await using var h = await OrdersHarness.StartAsync(provider, new Dictionary<string, string?> { ["Orders:PageSize"] = "10" });
        var seller = await Accounts.CreateAsync(h.App);
        var t0 = h.Sandbox.Clock.GetUtcNow();
        var trades = Enumerable.Range(0, 25)
            .Select(i => h.Trade(t0.AddMinutes(-20).AddSeconds(i), TradeStatus.WaitBuyerPay, ($"{seller.Id}-SKU-{i}", 10m + i, 1)))
            .ToList();

        // While page 2 is asked for, the buyer of the third trade pays: it leaves the window (its new
        // modified time is after the window's end) and every later trade moves one place forward.
        var hooked = new HookedTopClient(h.Get<ITopClient>());
        var moved = false;
        hooked.Before = (method, p) =>
        {
            if (method == "taobao.trades.sold.increment.get" && p["page_no"] == "2" && !moved)
            {
                moved = true;
                h.Sandbox.Clock.Advance(TimeSpan.FromMinutes(2));
                h.Sandbox.Trades.Pay(h.ShopId, trades[2].Tid);
            }

            return Task.CompletedTask;
        };
        var appClock = new ManualClock(t0.AddMinutes(1));
        var pull = ActivatorUtilities.CreateInstance<PullOrders>(h.Wired.Services, hooked, (TimeProvider)appClock);

        var first = await pull.RunAsync(Ct);

        Assert.True(moved);
        await using var connection = await h.App.Db.OpenAsync(Ct);
        var stored = (await connection.QueryAsync<long>("SELECT tid FROM orders")).ToHashSet();
        Assert.Equal(trades.Select(t => t.Tid).ToHashSet(), stored);
        Assert.Equal(25, first.Trades);
        // The window that shifted under us was read again.
        Assert.True(hooked.Count("taobao.trades.sold.increment.get") > 3);

        // The next run starts a few minutes before the checkpoint and picks up the payment.
        appClock.Advance(TimeSpan.FromMinutes(3));
        await pull.RunAsync(Ct);
        Assert.Equal("WAIT_SELLER_SEND_GOODS", await connection.ExecuteScalarAsync<string>("SELECT status FROM orders WHERE tid = @Tid", new { trades[2].Tid }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.tid = @Tid AND e.kind = 'MarketplaceStatus' AND e.detail = 'WAIT_BUYER_PAY → WAIT_SELLER_SEND_GOODS'",
            new { trades[2].Tid }));
        Assert.Equal(25, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM orders"));
        Assert.Equal(25, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM order_lines"));
    }

    [Theory]
    [AllProviders]
    public async Task Lines_are_split_by_seller_and_lines_that_are_not_ours_are_kept_for_the_operator(string provider)
    {
        await using var h = await OrdersHarness.StartAsync(provider);
        var a = await Accounts.CreateAsync(h.App);
        var b = await Accounts.CreateAsync(h.App);
        var ginseng = await OrderBuilder.ProductAsync(h.App.Db, a.Id, "RG-100", "식품>건강식품>홍삼");
        var trade = h.Trade(h.Sandbox.Clock.GetUtcNow().AddMinutes(-5), TradeStatus.WaitSellerSendGoods,
            ($"{a.Id}-RG-100", 89.90m, 2), ($"{b.Id}-MASK-1", 45.50m, 1), ("999999-GHOST", 5m, 1), ("hand-listed", 7m, 1));

        await h.Get<PullOrders>().RunAsync(Ct);

        await using var connection = await h.App.Db.OpenAsync(Ct);
        var lines = (await connection.QueryAsync<(long? SellerId, long? ProductId, string OuterIid)>(
            "SELECT seller_id, product_id, outer_iid FROM order_lines ORDER BY oid")).ToList();
        Assert.Equal([(a.Id, ginseng, $"{a.Id}-RG-100"), (b.Id, null, $"{b.Id}-MASK-1"), (null, null, "999999-GHOST"), (null, null, "hand-listed")], lines);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM order_events WHERE kind = 'UnmatchedLine'"));
        var orderId = await connection.ExecuteScalarAsync<long>("SELECT id FROM orders WHERE tid = @Tid", new { trade.Tid });

        // Each seller's API shows its own line only.
        using var apiA = h.Api(a.ApiKey);
        var json = JsonDocument.Parse(await apiA.GetStringAsync($"/api/v1/orders/{orderId}", Ct)).RootElement;
        Assert.Equal(["RG-100"], json.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sku").GetString()));
        Assert.Equal(179.80m, json.GetProperty("yuanAmount").GetDecimal());
        using var apiB = h.Api(b.ApiKey);
        var jsonB = JsonDocument.Parse(await apiB.GetStringAsync($"/api/v1/orders/{orderId}", Ct)).RootElement;
        Assert.Equal(["MASK-1"], jsonB.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sku").GetString()));

        // The operator finds the order through the filter for lines without a seller.
        var op = await Accounts.CreateOperatorAsync(h.App);
        using var portal = await h.SignedInAsync(op);
        var page = await portal.GetPageAsync("/operator/orders?unmatched=true");
        Assert.Contains(trade.Tid.ToString(System.Globalization.CultureInfo.InvariantCulture), page);
        Assert.Contains("hand-listed", await portal.GetPageAsync($"/operator/orders/{orderId}"));
    }

    [Fact]
    public async Task A_permanent_marketplace_error_fails_the_run_with_the_reason_and_keeps_the_checkpoint()
    {
        await using var h = await OrdersHarness.StartAsync("Sqlite", new Dictionary<string, string?> { ["Marketplace:SessionKey"] = "6100not-a-session" });
        var error = await Assert.ThrowsAsync<OrdersPullException>(() => h.Get<PullOrders>().RunAsync(Ct));
        Assert.Contains("refused taobao.trades.sold.increment.get", error.Message);
        await using var connection = await h.App.Db.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sync_checkpoints"));
    }
}
