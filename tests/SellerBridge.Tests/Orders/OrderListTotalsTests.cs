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
