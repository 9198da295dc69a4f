using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Payments;

public sealed class PaymentNotificationTelemetryTests
{
    private const string Counter = "sellerbridge.payments.notifications";

    [Fact]
    public async Task Each_notification_is_counted_by_its_verdict()
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For("Sqlite", keys.Settings());
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        await order.InsertAsync(app.Db);
        using var capture = new TelemetryCapture();
        var client = capture.Join(app.CreateClient());
        var paid = Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor);
        using var forger = System.Security.Cryptography.RSA.Create(2048);

        Assert.Equal("success", await Notifications.PostAsync(client, paid));
        Assert.Equal("success", await Notifications.PostAsync(client, paid));
        Assert.Equal("fail", await Notifications.PostAsync(client, Notifications.Form(order, "TRADE_SUCCESS").Signed(forger)));

        Assert.Equal(1, capture.Sum(Counter, ("verdict", "applied")));
        Assert.Equal(1, capture.Sum(Counter, ("verdict", "duplicate")));
        Assert.Equal(1, capture.Sum(Counter, ("verdict", "rejected")));
        Assert.Equal(3, capture.Sum(Counter));
    }
}
