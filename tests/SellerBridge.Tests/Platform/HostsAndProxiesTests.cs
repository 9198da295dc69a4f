using System.Net;
using Microsoft.AspNetCore.Http;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

/// <summary>
/// Redirects and links are built from the request's host and scheme, so the host must be one the
/// deployment names and the forwarded scheme and address must come from a proxy it trusts.
/// </summary>
public sealed class HostsAndProxiesTests
{
    [Fact]
    public async Task A_request_for_another_host_is_refused_and_never_redirected_there()
    {
        await using var app = AppFactory.For("Sqlite");
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_any_allowed_hosts_setting_only_the_local_hosts_are_allowed()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?> { ["AllowedHosts"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(app, "evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(app, "localhost")).StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task The_local_hosts_are_allowed_by_default(string host)
    {
        await using var app = AppFactory.For("Sqlite");
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Host = host;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"http://{host}/account/login", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Configured_hosts_replace_the_default_ones_and_sandbox_mode_keeps_loopback()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?> { ["AllowedHosts"] = "shop.example;*.shop.example", ["Marketplace:Mode"] = "Sandbox" });

        Assert.StartsWith("http://seller.shop.example/account/login", (await SendAsync(app, "seller.shop.example")).Headers.Location?.OriginalString);
        Assert.Equal(StatusCodes.Status400BadRequest, (int)(await SendAsync(app, "evil.example")).StatusCode);

        // The in-process simulators call the app on its loopback address.
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(app, "127.0.0.1")).StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.9", null, null)]
    [InlineData("127.0.0.1", null, null)]
    [InlineData("203.0.113.9", "10.1.2.3", null)]
    [InlineData("10.1.2.200", null, "10.1.2.0/25")]
    public async Task Forwarded_headers_from_an_unknown_source_are_ignored(string source, string? knownProxies, string? knownNetworks)
    {
        await using var app = AppFactory.For("Sqlite", ProxySettings(knownProxies, knownNetworks));

        var context = await SendFromAsync(app, source);

        Assert.StartsWith("http://localhost/account/login", context.Response.Headers.Location.ToString());
        Assert.Equal(source, context.Connection.RemoteIpAddress?.ToString());
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3", null)]
    [InlineData("127.0.0.1", "127.0.0.1;::1", null)]
    [InlineData("10.1.2.200", null, "10.1.2.128/25")]
    public async Task Forwarded_headers_from_a_configured_proxy_are_honoured(string source, string? knownProxies, string? knownNetworks)
    {
        await using var app = AppFactory.For("Sqlite", ProxySettings(knownProxies, knownNetworks));

        var context = await SendFromAsync(app, source);

        Assert.StartsWith("https://localhost/account/login", context.Response.Headers.Location.ToString());
        Assert.Equal("198.51.100.20", context.Connection.RemoteIpAddress?.ToString());
    }

    [Fact]
    public async Task A_malformed_proxy_address_stops_the_app_at_start_naming_the_key()
    {
        await using var app = AppFactory.For("Sqlite", ProxySettings("10.1.2.x", null));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => app.CreateClient()));

        Assert.Contains("ForwardedHeaders__KnownProxies", error.ToString());
    }

    private static Dictionary<string, string?> ProxySettings(string? knownProxies, string? knownNetworks) => new()
    {
        ["ForwardedHeaders:KnownProxies"] = knownProxies,
        ["ForwardedHeaders:KnownNetworks"] = knownNetworks,
    };

    private static async Task<HttpResponseMessage> SendAsync(AppFactory app, string host)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    /// <summary>A request arriving through the whole pipeline from <paramref name="source"/>, claiming an HTTPS client at 198.51.100.20.</summary>
    private static async Task<HttpContext> SendFromAsync(AppFactory app, string source)
    {
        _ = app.Server;
        return await app.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(source);
            context.Request.Method = "GET";
            context.Request.Path = "/dashboard";
            context.Request.Headers["X-Forwarded-For"] = "198.51.100.20";
            context.Request.Headers["X-Forwarded-Proto"] = "https";
        });
    }
}
