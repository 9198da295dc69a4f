using System.Net;
using System.Text.Json;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

public sealed class PortalShellTests
{
    [Theory]
    [AllProviders]
    public async Task Health_reports_the_database_state(string provider)
    {
        await using var app = AppFactory.For(provider);

        using var json = JsonDocument.Parse(await Accounts.OperatorHealthAsync(app));
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.Equal(provider, database.GetProperty("data").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Health_is_unhealthy_when_the_database_cannot_be_reached()
    {
        await using var app = AppFactory.For("Sqlite");
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        app.Database.Dispose(); // deletes the file under the running app

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = app.Database.ConnectionString.Split(';')[0]["Data Source=".Length..];
        Directory.CreateDirectory(path); // a folder where the database file was: SQLite cannot open it

        try
        {
            var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("\"Unhealthy\"", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        await using var app = AppFactory.For("Sqlite");
        using var client = app.CreateClient();

        var response = await client.GetAsync("/account/login");

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_unknown_api_route_answers_problem_details_and_a_portal_route_a_friendly_korean_page()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);

        var apiResponse = await api.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, apiResponse.StatusCode);
        Assert.Equal("application/problem+json", apiResponse.Content.Headers.ContentType?.MediaType);

        using var portal = app.Portal();
        var page = await portal.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("페이지를 찾을 수 없습니다", html);
        Assert.Contains("data-testid=\"error-page\"", html);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();

        var response = await portal.Http.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("Email", seller.Email), new("Password", Accounts.Password)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task The_portal_is_korean_by_default_and_switches_to_english()
    {
        await using var app = AppFactory.For("Sqlite");
        using var portal = app.Portal();
        portal.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var korean = await portal.GetPageAsync("/account/login");
        Assert.Contains("SellerBridge 로그인", korean);
        Assert.Contains("lang=\"ko\"", korean);

        var switched = await portal.PostFormAsync("/account/login", "/culture", ("culture", "en-US"), ("returnUrl", "/account/login"));
        Assert.Equal("/account/login", switched.Headers.Location?.OriginalString);
        var english = await portal.GetPageAsync("/account/login");
        Assert.Contains("Sign in to SellerBridge", english);
        Assert.Contains("lang=\"en\"", english);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        await using var app = AppFactory.For("Sqlite");
        using var portal = app.Portal();

        var response = await portal.PostFormAsync("/account/login", "/culture", ("culture", "en-US"), ("returnUrl", "https://evil.example/"));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
