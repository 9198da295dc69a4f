using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Orders;

public sealed class ShipmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllProviders]
    public async Task Shipment_is_validated_refused_for_unpaid_and_closed_orders_and_sent_to_the_marketplace_once(string provider)
    {
        await using var h = await OrdersHarness.StartAsync(provider);
        var seller = await Accounts.CreateAsync(h.App);
        var at = h.Sandbox.Clock.GetUtcNow().AddMinutes(-5);
        var paid = h.Trade(at, TradeStatus.WaitSellerSendGoods, ($"{seller.Id}-RG-100", 89.90m, 1));
        var unpaid = h.Trade(at, TradeStatus.WaitBuyerPay, ($"{seller.Id}-RG-100", 89.90m, 1));
        var closed = h.Trade(at, TradeStatus.TradeClosedByTaobao, ($"{seller.Id}-RG-100", 89.90m, 1));
        await h.Get<PullOrders>().RunAsync(Ct);
        await using var connection = await h.App.Db.OpenAsync(Ct);
        async Task<long> IdOf(SandboxTrade t) => await connection.ExecuteScalarAsync<long>("SELECT id FROM orders WHERE tid = @Tid", new { t.Tid });

        using var api = h.Api(seller.ApiKey);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ko-KR");
        using (var invalid = await api.PostAsJsonAsync($"/api/v1/orders/{await IdOf(paid)}/shipment", new { carrier = "NOPE", trackingNumber = "1" }, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync(Ct)).RootElement;
            Assert.Equal("목록에서 택배사를 선택하세요.", problem.GetProperty("errors").GetProperty("carrier")[0].GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("trackingNumber", out _));
        }

        foreach (var (trade, reason) in new[] { (unpaid, "결제되지 않은"), (closed, "TRADE_CLOSED_BY_TAOBAO") })
        {
            using var refused = await api.PostAsJsonAsync($"/api/v1/orders/{await IdOf(trade)}/shipment", new { carrier = "EMS", trackingNumber = "EE123456789KR" }, Ct);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains(reason, await refused.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM shipments"));

        var paidId = await IdOf(paid);
        using (var accepted = await api.PostAsJsonAsync($"/api/v1/orders/{paidId}/shipment", new { carrier = "EMS", trackingNumber = "EE123456789KR" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var hooked = new HookedTopClient(h.Get<ITopClient>());
        var send = ActivatorUtilities.CreateInstance<SendShipments>(h.Wired.Services, hooked);
        Assert.Equal(1, (await send.RunAsync(Ct)).Sent);
        Assert.Equal(0, (await send.RunAsync(Ct)).Sent);
        // A crash after the marketplace accepted it but before we stored that: the job looks first and sends nothing.
        await connection.ExecuteAsync("UPDATE shipments SET status = 'Queued'");
        Assert.Equal(1, (await send.RunAsync(Ct)).Sent);

        Assert.Equal(1, hooked.Count("taobao.logistics.offline.send"));
        var sandboxTrade = h.Sandbox.Store.FindTrade(h.ShopId, paid.Tid)!;
        Assert.Equal((TradeStatus.WaitBuyerConfirmGoods, "EE123456789KR", "EMS"), (sandboxTrade.Status, sandboxTrade.OutSid, sandboxTrade.CompanyCode));
        Assert.Equal("Sent", await connection.ExecuteScalarAsync<string>("SELECT status FROM shipments"));

        using var portal = await h.SignedInAsync(seller.Email);
        var page = await portal.GetPageAsync($"/orders/{paidId}");
        Assert.Contains("전송 완료", page);
        Assert.DoesNotContain("data-testid=\"shipment-form\"", page);
    }
}
