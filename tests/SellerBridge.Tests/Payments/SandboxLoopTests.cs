using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Sandbox.Payments;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Payments;

namespace SellerBridge.Tests.Payments;

/// <summary>The app in Sandbox mode with its in-process processor and generated keys, both talking over the test server.</summary>
public sealed class SandboxLoopTests
{
    [Fact]
    public async Task Sandbox_paid_trade_is_notified_twice_and_out_of_order_applied_once_then_refunded_once()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?>
        {
            ["Sandbox:Marketplace:Buyers:Enabled"] = "false",
            ["Payments:GatewayUrl"] = "http://localhost" + PaymentsGatewayAddress.SandboxGatewayPath,
            ["Payments:NotifyUrl"] = "http://localhost" + PaymentsGatewayAddress.NotifyPath,
            ["Sandbox:Payments:TimeCompression"] = "1000000000",
            ["Sandbox:Payments:DuplicateRate"] = "1",
            ["Sandbox:Payments:OutOfOrderRate"] = "1",
        });
        WebApplicationFactoryOverTestServer? wired = null;
        wired = new WebApplicationFactoryOverTestServer(app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddHttpClient<IPaymentProcessor, AlipayClient>().ConfigurePrimaryHttpMessageHandler(() => wired!.Handler());
            services.AddHttpClient(PaymentNotifier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => wired!.Handler());
        })));
        var services = wired.Services;
        var seller = await Accounts.CreateAsync(app);
        var store = services.GetRequiredService<IMarketplaceStore>();
        var shop = store.Shops().Single();
        var now = DateTimeOffset.UtcNow;
        store.SaveItem(new SandboxItem(shop.Id, 5001, $"{seller.Id}-RG-100", 50013794, "韩国 红参", "desc", 5, 89.90m, "KR", "Seoul", "", null,
            "onsale", false, null, now, now));
        var trades = services.GetRequiredService<SandboxTrades>();
        var placed = trades.PlaceOrder(shop.Id, 5001, num: 2);
        var order = new OrderBuilder(placed.Tid).Line(seller.Id, "RG-100", 89.90m, 2);
        var orderId = await order.InsertAsync(app.Db);

        trades.Pay(shop.Id, placed.Tid);
        var verdicts = await VerdictsAsync(app, expected: 3);

        // TRADE_SUCCESS, the same again, and a WAIT_BUYER_PAY arriving after it.
        Assert.Equal(["Applied", "Duplicate", "Stale"], verdicts);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal("TRADE_SUCCESS", await connection.ExecuteScalarAsync<string>("SELECT payment_status FROM orders WHERE id = @orderId", new { orderId }));
        var lineId = await connection.ExecuteScalarAsync<long>("SELECT id FROM order_lines WHERE order_id = @orderId", new { orderId });

        var refunds = services.GetRequiredService<RefundOrderLine>();
        var refunded = await refunds.RequestAsync(new RefundOrderLine.Input(seller.Id, lineId, 30.00m, null), TestContext.Current.CancellationToken);
        // A crash after the processor paid but before we stored it: the same request is simply sent again.
        await connection.ExecuteAsync("UPDATE refunds SET status = 'Requested' WHERE id = @id", new { id = refunded.RefundId });
        await connection.ExecuteAsync("UPDATE order_lines SET refunded_cny = 0 WHERE id = @lineId", new { lineId });
        var resent = await refunds.CompleteAsync(refunded.RefundId!.Value, TestContext.Current.CancellationToken);

        Assert.Equal(("Succeeded", "Succeeded"), (refunded.Status, resent.Status));
        Assert.Equal([30.00m], services.GetRequiredService<ProcessorLedger>().Refunds(placed.Tid.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => r.Amount));
        Assert.Equal(30.00m, await connection.ExecuteScalarAsync<decimal>("SELECT refunded_cny FROM order_lines WHERE id = @lineId", new { lineId }));
    }

    /// <summary>Waits for the notifier's deliveries (sent on its own loop) to be recorded; gives up after a bound, it does not time them.</summary>
    private static async Task<List<string>> VerdictsAsync(AppFactory app, int expected)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var connection = await app.Db.OpenAsync();
            var verdicts = (await connection.QueryAsync<string>("SELECT verdict FROM payment_notifications ORDER BY id")).ToList();
            if (verdicts.Count >= expected)
            {
                return verdicts;
            }

            await Task.Delay(50);
        }

        return [];
    }

    private sealed class WebApplicationFactoryOverTestServer(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        public IServiceProvider Services => factory.Services;

        public HttpMessageHandler Handler() => factory.Server.CreateHandler();
    }
}
