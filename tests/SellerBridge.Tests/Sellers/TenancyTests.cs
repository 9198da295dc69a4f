using System.Net;
using System.Net.Http.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Sellers;

/// <summary>A second seller tries the first seller's ids in URLs and forms: every answer is 404 and nothing changes.</summary>
public sealed class TenancyTests
{
    [Theory]
    [AllProviders]
    public async Task Revoking_another_sellers_key_in_the_portal_is_not_found_and_changes_nothing(string provider)
    {
        await using var app = AppFactory.For(provider);
        var first = await Accounts.CreateAsync(app);
        var second = await Accounts.CreateAsync(app);
        var firstKeyId = await KeyIdAsync(app, first.Id);
        using var intruder = app.Portal();
        await intruder.SignInAsync(second.Email, Accounts.Password);

        var response = await intruder.PostFormAsync("/apikeys", $"/apikeys/{firstKeyId}/revoke");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var firstApi = app.Api(first.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await firstApi.GetAsync("/api/v1/me")).StatusCode);
        Assert.DoesNotContain(first.ApiKey[..12], await intruder.GetPageAsync("/apikeys"));
    }

    [Theory]
    [AllProviders]
    public async Task Revoking_another_sellers_key_through_the_api_is_not_found(string provider)
    {
        await using var app = AppFactory.For(provider);
        var first = await Accounts.CreateAsync(app);
        var second = await Accounts.CreateAsync(app);
        var firstKeyId = await KeyIdAsync(app, first.Id);
        using var intruder = app.Api(second.ApiKey);

        var response = await intruder.DeleteAsync($"/api/v1/api-keys/{firstKeyId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var listed = await intruder.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/api-keys");
        Assert.DoesNotContain(listed!, k => k["id"].ToString() == firstKeyId.ToString());
        using var firstApi = app.Api(first.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await firstApi.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_seller_id_comes_from_the_key_not_from_the_request()
    {
        await using var app = AppFactory.For("Sqlite");
        var first = await Accounts.CreateAsync(app);
        var second = await Accounts.CreateAsync(app);
        using var api = app.Api(second.ApiKey);

        var me = await api.GetFromJsonAsync<Dictionary<string, object>>($"/api/v1/me?sellerId={first.Id}&seller_id={first.Id}");

        Assert.Equal(second.Id.ToString(), me!["sellerId"].ToString());
    }

    private static async Task<long> KeyIdAsync(AppFactory app, long sellerId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM api_keys WHERE seller_id = @sellerId", new { sellerId });
    }
}
