using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Sellers;

public sealed partial class ApiKeyTests
{
    [Theory]
    [AllProviders]
    public async Task A_key_made_in_the_portal_is_shown_once_works_and_is_stored_only_hashed(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);

        var created = await portal.PostFormAsync("/apikeys", "/apikeys", ("name", "ERP 연동"));
        var html = await created.Content.ReadAsStringAsync();
        var key = KeyPattern().Match(html).Value;
        Assert.StartsWith("sbk_", key);

        using var api = app.Api(key);
        var me = await api.GetFromJsonAsync<Dictionary<string, object>>("/api/v1/me");
        Assert.Equal(seller.Id.ToString(), me!["sellerId"].ToString());
        Assert.DoesNotContain(key, await portal.GetPageAsync("/apikeys"));
        await using var connection = await app.Db.OpenAsync();
        var stored = await connection.QueryAsync<string>("SELECT key_hash || prefix FROM api_keys");
        Assert.DoesNotContain(stored, s => s.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_a_problem_document()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var keys = await api.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/v1/api-keys");
        var id = keys!.Single()["id"].ToString();

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/api-keys/{id}")).StatusCode);

        var after = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("X-Api-Key", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_made_up_key_and_no_key_are_both_unauthorised()
    {
        await using var app = AppFactory.For("Sqlite");
        using var forged = app.Api("sbk_" + new string('A', 40));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/me")).StatusCode);
        using var none = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync("/api/v1/me")).StatusCode);
    }

    [GeneratedRegex("sbk_[A-Za-z0-9_-]{30,}")]
    private static partial Regex KeyPattern();
}
