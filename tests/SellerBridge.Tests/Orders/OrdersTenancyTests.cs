using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Payments;

namespace SellerBridge.Tests.Orders;

public sealed class OrdersTenancyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllProviders]
    public async Task Another_sellers_order_is_not_found_in_pages_api_exports_shipments_and_refunds(string provider)
    {
        await using var h = await OrdersHarness.StartAsync(provider);
        var a = await Accounts.CreateAsync(h.App);
        var b = await Accounts.CreateAsync(h.App);
        var order = new OrderBuilder().Line(a.Id, "SECRET-SKU", 50m);
        var orderId = await order.InsertAsync(h.App.Db);
        await using var connection = await h.App.Db.OpenAsync(Ct);
        await connection.ExecuteAsync("UPDATE orders SET status = 'WAIT_SELLER_SEND_GOODS' WHERE id = @orderId", new { orderId });
        var lineId = await connection.ExecuteScalarAsync<long>("SELECT id FROM order_lines WHERE order_id = @orderId", new { orderId });
        var tid = order.Tid.ToString(CultureInfo.InvariantCulture);

        using var portalB = await h.SignedInAsync(b.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await portalB.GetAsync($"/orders/{orderId}")).StatusCode);
        Assert.DoesNotContain(tid, await portalB.GetPageAsync("/orders"));
        // The search box shows what was typed; the table must not find the order.
        Assert.Contains("조건에 맞는 주문이 없습니다.", await portalB.GetPageAsync($"/orders?q={tid}"));
        var export = await portalB.Http.GetStringAsync("/orders/export.csv", Ct);
        Assert.DoesNotContain(tid, export);
        Assert.DoesNotContain("SECRET-SKU", export);
        using (var ship = await portalB.PostFormAsync("/orders", $"/orders/{orderId}/shipment", ("carrier", "EMS"), ("trackingNumber", "EE123456789KR")))
        {
            Assert.Equal(HttpStatusCode.NotFound, ship.StatusCode);
        }

        // Operator pages and the refund action refuse a seller.
        foreach (var url in new[] { "/operator/orders", $"/operator/orders/{orderId}", "/operator/settlements", "/operator/reconciliation", "/operator/orders/export.csv" })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await portalB.GetAsync(url)).StatusCode);
        }

        var token = PortalClient.AntiforgeryToken(await portalB.GetPageAsync("/orders"));
        using (var refund = await portalB.Http.PostAsync($"/operator/orders/{orderId}/refunds", new FormUrlEncodedContent(
            [new("lineId", lineId.ToString(CultureInfo.InvariantCulture)), new("amount", "10.00"), new("__RequestVerificationToken", token)]), Ct))
        {
            Assert.NotEqual(HttpStatusCode.OK, refund.StatusCode);
            Assert.DoesNotContain("/operator/orders", refund.Headers.Location?.ToString() ?? "");
        }

        using var apiB = h.Api(b.ApiKey);
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.GetAsync($"/api/v1/orders/{orderId}", Ct)).StatusCode);
        var list = await apiB.GetStringAsync("/api/v1/orders", Ct);
        Assert.DoesNotContain(tid, list);
        using (var ship = await apiB.PostAsJsonAsync($"/api/v1/orders/{orderId}/shipment", new { carrier = "EMS", trackingNumber = "EE123456789KR" }, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, ship.StatusCode);
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM shipments"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM refunds"));

        // The owner sees it everywhere.
        using var apiA = h.Api(a.ApiKey);
        Assert.Contains(tid, await apiA.GetStringAsync("/api/v1/orders", Ct));
        using var portalA = await h.SignedInAsync(a.Email);
        Assert.Contains("SECRET-SKU", await portalA.Http.GetStringAsync("/orders/export.csv", Ct));
        Assert.Contains(tid, await portalA.GetPageAsync($"/orders/{orderId}"));
    }
}
