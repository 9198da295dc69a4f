using System.Net;
using System.Text.Json;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Catalogue;

/// <summary>Seller B tries seller A's imports, error files and products by id and SKU: every answer is 404.</summary>
public sealed class CatalogueTenancyTests
{
    [Theory]
    [AllProviders]
    public async Task Another_sellers_import_error_file_and_products_are_not_found_through_the_api(string provider)
    {
        await using var app = AppFactory.For(provider);
        var owner = await Accounts.CreateAsync(app);
        var intruder = await Accounts.CreateAsync(app);
        using var ownerApi = app.Api(owner.ApiKey);
        var import = await Imports.ImportAsync(app, ownerApi, Imports.Sample("catalogue-cp949.csv"));
        var id = import.GetProperty("id").GetInt64();
        using var api = app.Api(intruder.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/catalogue/imports/{id}")).StatusCode);
        var csv = await api.GetAsync($"/api/v1/catalogue/imports/{id}/errors.csv");
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
        Assert.DoesNotContain("KR-0015", await csv.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/products/KR-0001")).StatusCode);
        var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/products?sku=KR-0001")).RootElement.GetProperty("items");
        Assert.Equal(0, list.GetArrayLength());
        // The owner still sees everything.
        Assert.Equal(HttpStatusCode.OK, (await ownerApi.GetAsync("/api/v1/products/KR-0001")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Another_sellers_import_page_progress_and_error_file_are_not_found_in_the_portal(string provider)
    {
        await using var app = AppFactory.For(provider);
        var owner = await Accounts.CreateAsync(app);
        var intruder = await Accounts.CreateAsync(app);
        using var ownerApi = app.Api(owner.ApiKey);
        var import = await Imports.ImportAsync(app, ownerApi, Imports.Sample("catalogue-cp949.csv"), "owner-secret.csv");
        var id = import.GetProperty("id").GetInt64();
        using var portal = app.Portal();
        await portal.SignInAsync(intruder.Email, Accounts.Password);

        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/catalogue/imports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/catalogue/imports/{id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/catalogue/imports/{id}/errors.csv")).StatusCode);
        Assert.DoesNotContain("owner-secret.csv", await portal.GetPageAsync("/catalogue"));
    }
}
