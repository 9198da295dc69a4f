using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SellerBridge.Sandbox.Marketplace;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>Registers the marketplace client and, in Sandbox mode, the simulated marketplace in this process.</summary>
public static class MarketplaceExtensions
{
    /// <summary>Where the in-process sandbox gateway is mapped in Sandbox mode.</summary>
    public const string SandboxPrefix = "/sandbox/top";

    public static WebApplicationBuilder AddMarketplace(this WebApplicationBuilder builder)
    {
        // Registered before the client's in-process default, which it replaces (see CallRateLimiters).
        builder.Services.AddSingleton<ICallRateLimiter>(CallRateLimiters.ForDatabase);
        // Bans are kept in the app's database, so every node (and a restarted one) honours them.
        builder.Services.AddSingleton<ISharedBans, DbSharedBans>();
        builder.Services.AddMarketplaceClient();
        var configured = builder.Configuration.GetSection(MarketplaceOptions.Section).Get<MarketplaceOptions>() ?? new MarketplaceOptions();
        if (configured.Mode != MarketplaceMode.Sandbox)
        {
            return builder;
        }

        // The sandbox keeps its state in memory, so credentials made for this run are enough;
        // configured ones win so that an external sandbox or a fixed demo can be used.
        var appKey = Pick(configured.AppKey, () => RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var appSecret = Pick(configured.AppSecret, () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
        var sessionKey = Pick(configured.SessionKey, () => "6100" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant());
        builder.Services.PostConfigure<MarketplaceOptions>(o =>
        {
            o.AppKey = appKey;
            o.AppSecret = appSecret;
            o.SessionKey = sessionKey;
        });
        builder.Services.AddSandboxMarketplace(o =>
        {
            o.AppKey = appKey;
            o.AppSecret = appSecret;
            o.SessionKey = sessionKey;
        });
        return builder;
    }

    /// <summary>The client, its typed HttpClient, the call-rate limiter and the ban book; also used by tests.</summary>
    public static IServiceCollection AddMarketplaceClient(this IServiceCollection services)
    {
        services.AddOptions<MarketplaceOptions>().BindConfiguration(MarketplaceOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarketplaceOptions>, MarketplaceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TopBans>();
        services.TryAddSingleton<TopGatewayAddress>();
        services.TryAddSingleton<ICallRateLimiter>(sp => new TokenBucketCallRateLimiter(
            sp.GetRequiredService<IOptions<MarketplaceOptions>>().Value.CallsPerSecond,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<ITopClient, TopClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<MarketplaceOptions>>().Value.TimeoutSeconds));
        return services;
    }

    /// <summary>In Sandbox mode, maps the simulated gateway at <c>/sandbox/top/router/rest</c>.</summary>
    public static WebApplication MapMarketplaceSandbox(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MarketplaceOptions>>().Value.Mode == MarketplaceMode.Sandbox)
        {
            app.MapSandboxMarketplace(SandboxPrefix);
        }

        return app;
    }

    private static string Pick(string? configured, Func<string> generate) =>
        string.IsNullOrWhiteSpace(configured) ? generate() : configured;
}

/// <summary>
/// The gateway URL: <c>Marketplace:GatewayUrl</c> when set; in Sandbox mode without one, this
/// app's own address plus the in-process sandbox path, known only once the server listens.
/// </summary>
public sealed class TopGatewayAddress(IOptions<MarketplaceOptions> options, IServiceProvider services)
{
    public Uri Resolve()
    {
        if (options.Value.GatewayUrl is { Length: > 0 } url)
        {
            return new Uri(url);
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Marketplace:GatewayUrl is not set and the server has no address yet.");

        // A wildcard listen address is not somewhere to send a request.
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"))
        {
            Path = MarketplaceExtensions.SandboxPrefix + "/router/rest",
        };
        return uri.Uri;
    }
}
