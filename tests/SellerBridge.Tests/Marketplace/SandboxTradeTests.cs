using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public class SandboxTradeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Publishes an item, lets the audit pass it, and returns its num_iid.</summary>
    private static async Task<long> LiveItemAsync(SandboxServer sandbox, ITopClient client, string outerId, decimal price = 89.90m)
    {
        var numIid = (await client.ItemAddAsync(SandboxItemTests.Item(outerId, price: price), Token)).Value!.NumIid;
        sandbox.Clock.Advance(TimeSpan.FromSeconds(5));
        return numIid;
    }

    [Fact]
    public async Task Incremental_pull_pages_with_has_next_until_every_trade_is_seen()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = await LiveItemAsync(sandbox, client, "S1-PAGE");
        var from = sandbox.Clock.GetUtcNow();
        var placed = Enumerable.Range(0, 5).Select(_ => sandbox.Trades.PlaceOrder(sandbox.ShopId, numIid).Tid).ToList();
        var to = sandbox.Clock.GetUtcNow().AddMinutes(1);

        var pages = new List<TopTradePage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add((await client.TradesSoldIncrementGetAsync(from, to, page, Token, pageSize: 2)).Value!);
        }

        Assert.Equal([true, true, false], pages.Select(p => p.HasNext));
        Assert.Equal(placed.Order(), pages.SelectMany(p => p.Trades).Select(t => t.Tid).Order());
    }

    [Fact]
    public async Task Incremental_pull_sees_only_the_window_and_refuses_a_window_over_a_day()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = await LiveItemAsync(sandbox, client, "S1-WIN");
        var early = sandbox.Trades.PlaceOrder(sandbox.ShopId, numIid);
        sandbox.Clock.Advance(TimeSpan.FromMinutes(30));
        var late = sandbox.Trades.PlaceOrder(sandbox.ShopId, numIid);

        var window = await client.TradesSoldIncrementGetAsync(late.Modified.AddMinutes(-5), late.Modified.AddMinutes(5), 1, Token);
        var tooWide = await client.TradesSoldIncrementGetAsync(early.Modified.AddHours(-25), early.Modified, 1, Token);

        Assert.Equal([late.Tid], window.Value!.Trades.Select(t => t.Tid));
        Assert.Equal("isv.invalid-parameter:end_modified", tooWide.Error?.SubCode);
        Assert.Equal(TopErrorKind.Permanent, tooWide.Kind);
    }

    [Fact]
    public async Task A_paid_trade_reads_in_full_with_its_lines_and_payment_number()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = await LiveItemAsync(sandbox, client, "S1-FULL", price: 45.50m);
        var placed = sandbox.Trades.PlaceOrder(sandbox.ShopId, numIid, num: 2, receiverState: "广东省");
        sandbox.Trades.Pay(sandbox.ShopId, placed.Tid);

        var trade = (await client.TradeFullinfoGetAsync(placed.Tid, Token)).Value!;

        Assert.Equal(("WAIT_SELLER_SEND_GOODS", 91.00m, "广东省"), (trade.Status, trade.Payment, trade.ReceiverState));
        Assert.NotNull(trade.PayTime);
        Assert.False(string.IsNullOrEmpty(trade.AlipayNo));
        var line = Assert.Single(trade.Orders);
        Assert.Equal(("S1-FULL", numIid, 45.50m, 2, 91.00m), (line.OuterIid, line.NumIid, line.Price, line.Num, line.TotalFee));
    }

    [Fact]
    public async Task Only_a_paid_unshipped_trade_can_be_shipped()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        var numIid = await LiveItemAsync(sandbox, client, "S1-SHIP");
        var unpaid = sandbox.Trades.PlaceOrder(sandbox.ShopId, numIid);
        var closed = sandbox.Trades.CloseUnpaid(sandbox.ShopId, sandbox.Trades.PlaceOrder(sandbox.ShopId, numIid).Tid);
        var paid = sandbox.Trades.Pay(sandbox.ShopId, sandbox.Trades.PlaceOrder(sandbox.ShopId, numIid).Tid);

        var unpaidSend = await client.LogisticsOfflineSendAsync(unpaid.Tid, "SF1234567890", "SF", Token);
        var closedSend = await client.LogisticsOfflineSendAsync(closed.Tid, "SF1234567891", "SF", Token);
        var paidSend = await client.LogisticsOfflineSendAsync(paid.Tid, "SF1234567892", "SF", Token);
        var again = await client.LogisticsOfflineSendAsync(paid.Tid, "SF1234567892", "SF", Token);

        Assert.Equal("isv.logistics-trade-not-paid", unpaidSend.Error?.SubCode);
        Assert.Equal(TradeStatus.TradeClosedByTaobao, closed.Status);
        Assert.Equal("isv.logistics-trade-closed", closedSend.Error?.SubCode);
        Assert.True(paidSend.Value, paidSend.Error?.ToString());
        Assert.Equal(TopErrorKind.Permanent, again.Kind);
        Assert.Equal("WAIT_BUYER_CONFIRM_GOODS", (await client.TradeFullinfoGetAsync(paid.Tid, Token)).Value!.Status);
    }

    [Fact]
    public async Task Simulated_buyers_order_live_items_and_pay_or_lapse_when_due()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        await LiveItemAsync(sandbox, client, "S1-BUY");
        var buyers = new SandboxBuyerOptions { OrdersPerMinute = 60, PayAfterSeconds = 10, UnpaidRate = 0 };

        sandbox.Trades.Tick(new Random(7), buyers, TimeSpan.FromSeconds(1));
        sandbox.Clock.Advance(TimeSpan.FromSeconds(10));
        sandbox.Trades.Tick(new Random(7), new SandboxBuyerOptions { OrdersPerMinute = 0, PayAfterSeconds = 10, UnpaidRate = 0 }, TimeSpan.FromSeconds(1));

        var trade = Assert.Single(sandbox.Store.Trades(sandbox.ShopId));
        Assert.Equal(TradeStatus.WaitSellerSendGoods, trade.Status);
        Assert.Equal("S1-BUY", trade.Orders[0].OuterIid);
    }
}
