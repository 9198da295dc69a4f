using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>Hosts the simulated marketplace in any ASP.NET Core app: its own <c>Program</c> or the Web app in Sandbox mode.</summary>
public static class SandboxMarketplaceExtensions
{
    /// <summary>
    /// Registers the sandbox (options from <c>Sandbox:Marketplace</c>, then <paramref name="configure"/>),
    /// the in-memory store with the configured shop, the category tree and the simulated buyers.
    /// </summary>
    public static IServiceCollection AddSandboxMarketplace(this IServiceCollection services, Action<SandboxOptions>? configure = null)
    {
        var options = services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.AppKey.Length > 0 && o.AppSecret.Length > 0 && o.SessionKey.Length > 0,
                "Sandbox:Marketplace:AppKey, AppSecret and SessionKey are required (the host generates them).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => SandboxCategories.Load());
        services.TryAddSingleton<IMarketplaceStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SandboxOptions>>().Value;
            var store = new InMemoryMarketplaceStore();
            store.AddShop(new SandboxShop("shop-1", o.ShopNick, o.SessionKey));
            return store;
        });
        services.TryAddSingleton<ListingAudit>();
        services.TryAddSingleton<ItemMethods>();
        services.TryAddSingleton<TradeMethods>();
        services.TryAddSingleton<SandboxTrades>();
        services.TryAddSingleton<SandboxFaults>();
        services.TryAddSingleton<SandboxMarketplace>();
        services.AddHostedService<SimulatedBuyers>();
        return services;
    }

    /// <summary>Maps the gateway at <c>{prefix}/router/rest</c> (POST form, or GET with the query string).</summary>
    public static IEndpointConventionBuilder MapSandboxMarketplace(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var gateway = endpoints.ServiceProvider.GetRequiredService<SandboxMarketplace>();
        return endpoints.MapMethods(prefix.TrimEnd('/') + "/router/rest", ["GET", "POST"], gateway.HandleAsync)
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }
}
