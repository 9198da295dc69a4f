using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Security;

/// <summary>Over HTTPS every cookie is Secure and the browser is told to keep to HTTPS; over plain HTTP (and in Development) it is not.</summary>
public sealed class TransportTests
{
    private static readonly Uri Https = new("https://portal.sellerbridge.test");
    private static readonly Uri Http = new("http://portal.sellerbridge.test");

    // HSTS is never sent to localhost, so these run under a real-looking name, which host filtering must allow.
    private static Dictionary<string, string?> PortalHost() => new() { ["AllowedHosts"] = "portal.sellerbridge.test" };

    [Fact]
    public async Task Over_https_every_cookie_the_portal_sets_is_secure()
    {
        await using var app = AppFactory.For("Sqlite", PortalHost());
        var seller = await Accounts.CreateAsync(app);
        using var portal = new PortalClient(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false }));

        using var login = await portal.GetAsync("/account/login");
        var token = PortalClient.AntiforgeryToken(await login.Content.ReadAsStringAsync());
        using var signIn = await portal.Http.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("Email", seller.Email), new("Password", Accounts.Password), new("__RequestVerificationToken", token)]));
        using var culture = await portal.PostFormAsync("/dashboard", "/culture", ("culture", "en-US"));

        var cookies = new[] { login, signIn, culture }.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var v) ? v : []).ToList();
        Assert.Contains(cookies, c => c.StartsWith("sb.af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("sb.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_only()
    {
        await using var app = AppFactory.For("Sqlite", PortalHost());
        using var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false });
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Http, AllowAutoRedirect = false });

        using var secure = await https.GetAsync("/account/login");
        using var plain = await http.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_is_not_sent_in_development()
    {
        await using var app = AppFactory.For("Sqlite", PortalHost());
        await using var development = app.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var https = development.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false });

        using var response = await https.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
