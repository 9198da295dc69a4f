using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Mapping;
using SellerBridge.Tests.Orders;
using SellerBridge.Web.Features.Orders;

namespace SellerBridge.Tests.Security;

/// <summary>What a route names is what is changed: a form field or query value of the same name never overrides it.</summary>
public sealed class RouteBindingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllProviders]
    public async Task A_form_field_id_does_not_redirect_a_product_edit_to_another_product(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        var routed = await ProductRows.InsertAsync(app, seller.Id, sku: "ROUTED-1");
        var other = await ProductRows.InsertAsync(app, seller.Id, sku: "OTHER-1");
        using var portal = await ProductRows.SellerAsync(app, seller);

        var response = await portal.PostFormAsync(
            $"/catalogue/products/{routed}", $"/catalogue/products/{routed}", ("id", other.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("nameZh", "路由里的产品"), ("weightG", "300"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/catalogue/products/{routed}", response.Headers.Location?.OriginalString);
        await using var connection = await app.Db.OpenAsync();
        var names = (await connection.QueryAsync<(long Id, string? NameZh)>("SELECT id, name_zh FROM products")).ToDictionary(r => r.Id, r => r.NameZh);
        Assert.Equal("路由里的产品", names[routed]);
        Assert.Equal("韩国人参精华液 50ml", names[other]);
    }

    [Theory]
    [AllProviders]
    public async Task A_form_field_id_does_not_redirect_a_shipment_to_another_order(string provider)
    {
        await using var h = await OrdersHarness.StartAsync(provider);
        var seller = await Accounts.CreateAsync(h.App);
        var at = h.Sandbox.Clock.GetUtcNow().AddMinutes(-5);
        var first = h.Trade(at, TradeStatus.WaitSellerSendGoods, ($"{seller.Id}-RG-100", 89.90m, 1));
        var second = h.Trade(at, TradeStatus.WaitSellerSendGoods, ($"{seller.Id}-RG-100", 89.90m, 1));
        await h.Get<PullOrders>().RunAsync(Ct);
        await using var connection = await h.App.Db.OpenAsync(Ct);
        var routed = await connection.ExecuteScalarAsync<long>("SELECT id FROM orders WHERE tid = @Tid", new { first.Tid });
        var other = await connection.ExecuteScalarAsync<long>("SELECT id FROM orders WHERE tid = @Tid", new { second.Tid });
        using var portal = await h.SignedInAsync(seller.Email);

        var response = await portal.PostFormAsync(
            $"/orders/{routed}", $"/orders/{routed}/shipment", ("id", other.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("carrier", "EMS"), ("trackingNumber", "EE123456789KR"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/orders/{routed}", response.Headers.Location?.OriginalString);
        Assert.Equal([routed], await connection.QueryAsync<long>("SELECT order_id FROM shipments"));
    }

    /// <summary>Keeps every route added later honest: each value a route template names binds from the route alone.</summary>
    [Fact]
    public void Every_action_parameter_named_in_its_route_binds_from_the_route_only()
    {
        using var app = AppFactory.For("Sqlite");
        var actions = app.Get<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>();

        var loose = new List<string>();
        foreach (var action in actions)
        {
            var template = action.AttributeRouteInfo?.Template ?? "";
            foreach (var parameter in action.Parameters)
            {
                if (template.Contains("{" + parameter.Name, StringComparison.OrdinalIgnoreCase) && parameter.BindingInfo?.BindingSource != BindingSource.Path)
                {
                    loose.Add($"{action.DisplayName} ({template}): {parameter.Name}");
                }
            }
        }

        Assert.True(loose.Count == 0, "Route values that a form or query field can override:\n" + string.Join("\n", loose));
    }
}
