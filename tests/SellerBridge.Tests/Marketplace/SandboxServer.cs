using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

/// <summary>The sandbox marketplace on Kestrel at a free local port, with its own clock and the 3-category tree.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    public const string AppKey = "12345678";
    public const string AppSecret = "sandbox-secret";
    public const string SessionKey = "6100test-session";
    public const long ParentCid = 50010788;
    public const long LeafCid = 50013794;

    private readonly WebApplication _app;
    private readonly List<ServiceProvider> _clients = [];

    private SandboxServer(WebApplication app, ManualClock clock)
    {
        _app = app;
        Clock = clock;
    }

    public ManualClock Clock { get; }

    public string GatewayUrl => _app.Urls.Single().TrimEnd('/') + "/router/rest";

    public SandboxMarketplace Gateway => _app.Services.GetRequiredService<SandboxMarketplace>();

    public SandboxFaults Faults => _app.Services.GetRequiredService<SandboxFaults>();

    public SandboxTrades Trades => _app.Services.GetRequiredService<SandboxTrades>();

    public IMarketplaceStore Store => _app.Services.GetRequiredService<IMarketplaceStore>();

    public string ShopId => Store.FindShopBySession(SessionKey)!.Id;

    public static async Task<SandboxServer> StartAsync(Action<SandboxOptions>? configure = null, ManualClock? clock = null)
    {
        clock ??= new ManualClock();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(SandboxCategories.BuiltIn);
        builder.Services.AddSandboxMarketplace(o =>
        {
            o.AppKey = AppKey;
            o.AppSecret = AppSecret;
            o.SessionKey = SessionKey;
            o.CallsPerSecond = 1000;
            o.AuditDelaySeconds = 5;
            o.Buyers.Enabled = false;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapSandboxMarketplace();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new SandboxServer(app, clock);
    }

    /// <summary>A client wired exactly as the app wires it, pointed at this sandbox.</summary>
    /// <param name="sharedBans">A database whose ban book this client shares, as the app's nodes do.</param>
    public ITopClient CreateClient(IDictionary<string, string?>? overrides = null, TimeProvider? clock = null, Web.Infrastructure.Persistence.Db? sharedBans = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Marketplace:Mode"] = "Live",
            ["Marketplace:GatewayUrl"] = GatewayUrl,
            ["Marketplace:AppKey"] = AppKey,
            ["Marketplace:AppSecret"] = AppSecret,
            ["Marketplace:SessionKey"] = SessionKey,
            ["Marketplace:SignMethod"] = "hmac-sha256",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(clock ?? Clock);
        if (sharedBans is not null)
        {
            services.AddSingleton<ISharedBans>(new DbSharedBans(sharedBans));
        }

        services.AddMarketplaceClient();
        var provider = services.BuildServiceProvider();
        _clients.Add(provider);
        return provider.GetRequiredService<ITopClient>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
