using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Payments;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Tests.Orders;

/// <summary>The totals above the orders list: the viewer's own lines only, with and without a filter.</summary>
public sealed class OrderListTotalsTests
{
    [Theory]
    [AllProviders]
    public async Task Totals_count_only_the_viewers_lines_and_settlements_with_and_without_a_filter(string provider)
    {
        await using var app = AppFactory.For(provider, new TestKeys().Settings());
        var a = await Accounts.CreateAsync(app);
        var b = await Accounts.CreateAsync(app);
        // Paid and settled, shared by both sellers; unpaid, a's alone; paid and settled, b's alone.
        var shared = await new OrderBuilder().Line(a.Id, "A-1", 100.00m).Line(b.Id, "B-1", 50.00m, num: 2).InsertAsync(app.Db);
        await new OrderBuilder().Line(a.Id, "A-2", 30.00m).InsertAsync(app.Db);
        var bOnly = await new OrderBuilder().Line(b.Id, "B-2", 20.00m).InsertAsync(app.Db);
        await PayAsync(app, shared);
        await PayAsync(app, bOnly);

        await using var check = await app.Db.OpenAsync();
        var aNet = await check.ExecuteScalarAsync<long>("SELECT SUM(krw_net) FROM settlements WHERE seller_id = @Id", new { a.Id });
        var allNet = await check.ExecuteScalarAsync<long>("SELECT SUM(krw_net) FROM settlements");
        Assert.True(aNet > 0 && allNet > aNet);

        var list = app.Get<OrderList>();
        var everything = (await list.ForSellerAsync(new SellerScope(a.Id), new OrderFilter(), null)).Totals;
        Assert.Equal((2L, 130.00m, aNet), (everything.Orders, everything.YuanAmount, everything.WonNet));

        var paid = (await list.ForSellerAsync(new SellerScope(a.Id), new OrderFilter(PaymentStatus: "TRADE_SUCCESS"), null)).Totals;
        Assert.Equal((1L, 100.00m, aNet), (paid.Orders, paid.YuanAmount, paid.WonNet));

        var unpaid = (await list.ForSellerAsync(new SellerScope(a.Id), new OrderFilter(PaymentStatus: "NONE"), null)).Totals;
        Assert.Equal((1L, 30.00m, 0L), (unpaid.Orders, unpaid.YuanAmount, unpaid.WonNet));

        var operatorView = (await list.ForOperatorAsync(new OrderFilter(), null)).Totals;
        Assert.Equal((3L, 250.00m, allNet), (operatorView.Orders, operatorView.YuanAmount, operatorView.WonNet));
    }

    [Fact]
    public async Task Postgres_keeps_each_sellers_totals_exact_through_every_kind_of_change_folded_or_not()
    {
        await using var app = AppFactory.For("Postgres", new TestKeys().Settings());
        var a = await Accounts.CreateAsync(app);
        var b = await Accounts.CreateAsync(app);
        var list = app.Get<OrderList>();
        var totals = app.Get<OrderTotals>();
        await using var db = await app.Db.OpenAsync();

        // The figures as the tables hold them, summed the slow way, against what the page shows.
        async Task AssertExactAsync(string step)
        {
            foreach (var seller in new[] { a.Id, b.Id })
            {
                var expected = await db.QuerySingleAsync<(long, decimal, long)>(
                    """
                    SELECT (SELECT COUNT(DISTINCT order_id) FROM order_lines WHERE seller_id = @seller),
                           (SELECT COALESCE(SUM(total_fee_cny), 0) FROM order_lines WHERE seller_id = @seller),
                           (SELECT COALESCE(SUM(krw_net), 0) FROM settlements WHERE seller_id = @seller)
                    """,
                    new { seller });
                var shown = (await list.ForSellerAsync(new SellerScope(seller), new OrderFilter(), null)).Totals;
                Assert.True(expected == (shown.Orders, shown.YuanAmount, shown.WonNet), $"{step}, seller {seller}: expected {expected}, shown {(shown.Orders, shown.YuanAmount, shown.WonNet)}");
            }
        }

        var shared = await new OrderBuilder().Line(a.Id, "A-1", 100.00m).Line(a.Id, "A-2", 10.00m).Line(b.Id, "B-1", 50.00m, num: 2).InsertAsync(app.Db);
        var aOnly = await new OrderBuilder().Line(a.Id, "A-3", 30.00m).InsertAsync(app.Db);
        await AssertExactAsync("lines inserted one by one");

        await PayAsync(app, shared);
        await AssertExactAsync("settled");
        Assert.True(await totals.FoldAsync() > 0);
        await AssertExactAsync("folded");
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM order_totals_deltas"));

        // Two lines of one seller added to an order of another in one statement: one more order, not two.
        var bOnly = await new OrderBuilder().Line(b.Id, "B-2", 20.00m).InsertAsync(app.Db);
        await db.ExecuteAsync(
            """
            INSERT INTO order_lines (order_id, seller_id, oid, outer_iid, num_iid, title, price_cny, num, total_fee_cny, status)
            SELECT @bOnly, seller_id, oid + 7000000000 + n, outer_iid, num_iid, title, price_cny, num, total_fee_cny, status
            FROM order_lines, generate_series(1, 2) n WHERE order_id = @aOnly
            """,
            new { bOnly, aOnly });
        await AssertExactAsync("two lines in one statement");

        // A line moves from one seller to the other, an amount changes, a refund-only update passes through.
        await db.ExecuteAsync("UPDATE order_lines SET seller_id = @a WHERE order_id = @shared AND seller_id = @b", new { a = a.Id, b = b.Id, shared });
        await db.ExecuteAsync("UPDATE order_lines SET total_fee_cny = total_fee_cny + 1.50 WHERE order_id = @aOnly", new { aOnly });
        await db.ExecuteAsync("UPDATE order_lines SET refunded_cny = 1.00 WHERE order_id = @shared", new { shared });
        await AssertExactAsync("lines updated");

        // A settlement's net changes and one goes away; then a line goes away with its settlement.
        await db.ExecuteAsync("UPDATE settlements SET krw_net = krw_net - 500 WHERE order_line_id IN (SELECT id FROM order_lines WHERE order_id = @shared)", new { shared });
        await AssertExactAsync("settlements updated");
        await totals.FoldAsync();
        var line = await db.ExecuteScalarAsync<long>("SELECT MIN(id) FROM order_lines WHERE order_id = @shared", new { shared });
        await db.ExecuteAsync("DELETE FROM settlements WHERE order_line_id = @line", new { line });
        await db.ExecuteAsync("DELETE FROM order_lines WHERE order_id = @bOnly AND seller_id = @a", new { bOnly, a = a.Id });
        await AssertExactAsync("rows deleted");
        await totals.FoldAsync();
        await AssertExactAsync("folded again");
        Assert.Equal(0, await totals.FoldAsync());

        // The job folds every few seconds for as long as the app runs: past the point where the
        // driver prepares a repeated statement, folding (and vacuuming) still works.
        for (var run = 0; run < 8; run++)
        {
            await db.ExecuteAsync("UPDATE settlements SET krw_net = krw_net + 1 WHERE seller_id = @a", new { a = a.Id });
            Assert.True(await totals.FoldAsync() > 0, $"fold {run}");
        }

        await AssertExactAsync("after many folds");
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM order_totals_deltas"));
    }

    private static async Task PayAsync(AppFactory app, long orderId)
    {
        await using var connection = await app.Db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE orders SET payment_status = 'TRADE_SUCCESS', status = 'WAIT_SELLER_SEND_GOODS' WHERE id = @orderId", new { orderId }, transaction);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await app.Get<SettleOrder>().SettleAsync(connection, transaction, orderId, now, now) > 0);
        await transaction.CommitAsync();
    }
}
