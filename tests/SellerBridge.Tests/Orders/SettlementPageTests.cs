using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Payments;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Infrastructure.Payments;

namespace SellerBridge.Tests.Orders;

public sealed partial class SettlementPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllProviders]
    public async Task Settlement_page_totals_are_the_sum_of_its_rows_and_a_refund_shows_on_the_order_and_in_the_settlement(string provider)
    {
        await using var h = await OrdersHarness.StartAsync(provider);
        var a = await Accounts.CreateAsync(h.App);
        var b = await Accounts.CreateAsync(h.App);
        var ginseng = await OrderBuilder.ProductAsync(h.App.Db, a.Id, "RG-100", "식품>건강식품>홍삼");
        await using var connection = await h.App.Db.OpenAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO commissions (category_prefix, percent) VALUES ('식품>', 8.00)");
        await connection.ExecuteAsync("INSERT INTO processor_fx_rates (currency, rate_date, rate, source, recorded_at) VALUES ('KRW', '2025-03-13', 190.50, 'test', @at)", new { at = DateTimeOffset.UtcNow });
        var first = new OrderBuilder().Line(a.Id, "RG-100", 89.90m, 2, ginseng).Line(b.Id, "MASK-1", 45.50m);
        var second = new OrderBuilder().Line(a.Id, "MASK-2", 45.50m);
        var firstId = await first.InsertAsync(h.App.Db);
        await second.InsertAsync(h.App.Db);
        using var client = h.Wired.CreateClient();
        foreach (var order in new[] { first, second })
        {
            Assert.Equal("success", await Notifications.PostAsync(client, Notifications.Form(order, "TRADE_SUCCESS").Signed(h.Keys.Processor)));
        }

        // Seller A, paid 2025-03-14 (GMT+8) at 190.50:
        //   RG-100 (식품> 8%): 179.80 × 190.50 = 34,251.90 → 34,252; fee 1% 343; commission 2,740; net 31,169.
        //   MASK-2 (default 5%): 45.50 × 190.50 = 8,667.75 → 8,668; fee 87; commission 433; net 8,148.
        using var portalA = await h.SignedInAsync(a.Email);
        var page = await portalA.GetPageAsync("/settlements?month=2025-03");
        var nets = NetCells().Matches(page).Select(m => long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
        var total = long.Parse(TotalNet().Match(page).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal([8_148L, 31_169L], nets.Order());
        Assert.Equal(nets.Sum(), total);
        Assert.Equal(31_169 + 8_148, total);
        Assert.DoesNotContain("MASK-1", page); // seller B's line

        // The operator refunds 10 yuan of A's ginseng line from the order page.
        var lineId = await connection.ExecuteScalarAsync<long>("SELECT id FROM order_lines WHERE order_id = @firstId AND seller_id = @Id", new { firstId, a.Id });
        var op = await Accounts.CreateOperatorAsync(h.App);
        using var portalOp = await h.SignedInAsync(op);
        using (var refund = await portalOp.PostFormAsync($"/operator/orders/{firstId}", $"/operator/orders/{firstId}/refunds",
            ("lineId", lineId.ToString(CultureInfo.InvariantCulture)), ("amount", "10.00")))
        {
            Assert.Equal(HttpStatusCode.Redirect, refund.StatusCode);
        }

        Assert.Contains("10.00", await portalA.GetPageAsync($"/orders/{firstId}"));
        // Taken back at the line's rate and percentages: 10.00 × 190.50 = 1,905; fee 19; commission 152; net 1,734.
        var refundedDay = SellerBridge.Web.Features.Payments.SettleOrder.SettlementDay(DateTimeOffset.UtcNow);
        var statement = await h.Get<SettlementStatement>().ForSellerAsync(new(a.Id), DateOnly.ParseExact(refundedDay[..7] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var refundRow = Assert.Single(statement.Rows, r => r.Kind == "Refund");
        Assert.Equal((-10.00m, -1_905L, -19L, -152L, -1_734L), (refundRow.CnyAmount, refundRow.KrwGross, refundRow.ProcessorFeeKrw, refundRow.CommissionKrw, refundRow.KrwNet));
        Assert.Equal(statement.Rows.Sum(r => r.KrwNet), statement.Totals.KrwNet);

        // Recording again changes nothing.
        Assert.Equal(0, await h.Get<RefundSettlements>().RecordAsync(Ct));
    }

    [Theory]
    [AllProviders]
    public async Task Reconciliation_applies_a_missed_payment_once_and_settles_it(string provider)
    {
        await using var h = await OrdersHarness.StartAsync(provider);
        var a = await Accounts.CreateAsync(h.App);
        var order = new OrderBuilder().Line(a.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(h.App.Db);
        await using var connection = await h.App.Db.OpenAsync(Ct);
        await connection.ExecuteAsync("UPDATE orders SET created = @old WHERE id = @orderId", new { old = DateTimeOffset.UtcNow.AddHours(-2), orderId });
        var tid = order.Tid.ToString(CultureInfo.InvariantCulture);
        h.Processor.Answers[tid] = new TradeQueryResult(ProcessorOutcome.Success, null, "TRADE_SUCCESS", tid, "2025031422001", 89.90m, 89.90m);

        var reconcile = h.Get<ReconcilePayments>();
        var run = await reconcile.RunAsync(Ct);
        var again = await reconcile.RunAsync(Ct);

        Assert.Equal((1, 0), (run.Fixed, again.Fixed));
        Assert.Equal("TRADE_SUCCESS", await connection.ExecuteScalarAsync<string>("SELECT payment_status FROM orders WHERE id = @orderId", new { orderId }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM settlements"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM reconciliation_items WHERE outcome = 'Fixed'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM order_events WHERE order_id = @orderId AND kind = 'PaymentStatus'", new { orderId }));

        var op = await Accounts.CreateOperatorAsync(h.App);
        using var portal = await h.SignedInAsync(op);
        Assert.Contains(tid, await portal.GetPageAsync("/operator/reconciliation"));
    }

    [GeneratedRegex("data-testid=\"row-net\">([-0-9,]+)<")]
    private static partial Regex NetCells();

    [GeneratedRegex("data-testid=\"total-net\">([-0-9,]+)<")]
    private static partial Regex TotalNet();
}
