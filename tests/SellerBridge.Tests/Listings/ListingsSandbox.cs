using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SellerBridge.Sandbox.Marketplace;

namespace SellerBridge.Tests.Listings;

/// <summary>
/// One standalone sandbox marketplace on Kestrel, on the real clock and the full category tree (the
/// one the app's mapping uses), shared by every app process a test starts. Records when each call
/// arrived, so a test can check the ceiling per calendar second as the gateway counts it.
/// </summary>
public sealed class ListingsSandbox : IAsyncDisposable
{
    public const string AppKey = "23456789";
    public const string AppSecret = "listings-secret";
    public const string SessionKey = "6100listings-session";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(DateTimeOffset At, string Method)> _arrivals = new();

    private ListingsSandbox(WebApplication app) => _app = app;

    public string GatewayUrl => _app.Urls.Single().TrimEnd('/') + "/router/rest";

    public SandboxMarketplace Gateway => _app.Services.GetRequiredService<SandboxMarketplace>();

    public IMarketplaceStore Store => _app.Services.GetRequiredService<IMarketplaceStore>();

    public string ShopId => Store.FindShopBySession(SessionKey)!.Id;

    public IReadOnlyList<SandboxItem> Items => Store.Items(ShopId);

    /// <summary>The most calls that arrived within one calendar second.</summary>
    public int BusiestSecond => _arrivals.GroupBy(a => a.At.ToUnixTimeSeconds()).Select(g => g.Count()).DefaultIfEmpty(0).Max();

    /// <summary>The busiest second's calls, for a failure message.</summary>
    public string BusiestSecondDetail => string.Join(", ", _arrivals.GroupBy(a => a.At.ToUnixTimeSeconds()).OrderByDescending(g => g.Count()).First()
        .Select(a => $"{a.At:ss.fff} {a.Method}"));

    public static async Task<ListingsSandbox> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSandboxMarketplace(o =>
        {
            o.AppKey = AppKey;
            o.AppSecret = AppSecret;
            o.SessionKey = SessionKey;
            o.CallsPerSecond = 10_000;
            o.AuditDelaySeconds = 0;
            o.Buyers.Enabled = false;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        var sandbox = new ListingsSandbox(app);
        app.Use(async (context, next) =>
        {
            sandbox._arrivals.Enqueue((DateTimeOffset.UtcNow, context.Request.Query["method"].ToString()));
            await next();
        });
        app.MapSandboxMarketplace();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return sandbox;
    }

    // Live marketplace mode makes the payment client live too: it needs settings, never used here.
    private static readonly (string Private, string Public) s_paymentKeys = NewKeys();

    /// <summary>App settings (configuration keys) that point the app at this sandbox in Live mode.</summary>
    public Dictionary<string, string?> AppSettings(int callsPerSecond = 1000) => new()
    {
        ["Payments:GatewayUrl"] = "http://127.0.0.1:9/gateway.do",
        ["Payments:NotifyUrl"] = "http://127.0.0.1:9/payments/notify",
        ["Payments:AppId"] = "2021000000000000",
        ["Payments:SellerId"] = "2088000000000000",
        ["Payments:AppPrivateKey"] = s_paymentKeys.Private,
        ["Payments:ProcessorPublicKey"] = s_paymentKeys.Public,
        ["Marketplace:Mode"] = "Live",
        ["Marketplace:GatewayUrl"] = GatewayUrl,
        ["Marketplace:AppKey"] = AppKey,
        ["Marketplace:AppSecret"] = AppSecret,
        ["Marketplace:SessionKey"] = SessionKey,
        ["Marketplace:CallsPerSecond"] = callsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Marketplace:RetryBaseDelaySeconds"] = "0.01",
        ["Marketplace:TimeoutSeconds"] = "2",
        ["Listings:RetryDelaySeconds"] = "0",
        ["Listings:AuditCheckDelaySeconds"] = "0",
        ["Listings:MaxAttempts"] = "4",
    };

    /// <summary>The same settings as environment variables for an app process.</summary>
    public Dictionary<string, string> Environment(int callsPerSecond = 1000) =>
        AppSettings(callsPerSecond).ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);

    private static (string, string) NewKeys()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        return (Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()), Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
