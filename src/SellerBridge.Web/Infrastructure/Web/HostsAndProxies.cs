using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Infrastructure.Web;

/// <summary>
/// Which host names the app answers to (<c>AllowedHosts</c>, read by ASP.NET Core's host filtering)
/// and which proxies may tell it the client's address and scheme (section <c>ForwardedHeaders</c>).
/// Redirects and links are built from the request's host and scheme, so neither may come from
/// just anyone.
/// </summary>
public static class HostsAndProxies
{
    public static WebApplicationBuilder AddHostsAndProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxySettings>()
            .BindConfiguration(ProxySettings.Section)
            .Validate(s => Split(s.KnownProxies).All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders__KnownProxies holds an address that is not an IP address (separate several with ';').")
            .Validate(s => Split(s.KnownNetworks).All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders__KnownNetworks holds a network that is not in CIDR form, such as 10.0.0.0/8 (separate several with ';').")
            .ValidateOnStart();

        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ProxySettings>>((options, settings) =>
            {
                // ASP.NET Core trusts loopback by default; here only what the deployment names is
                // trusted. Empty lists would make the middleware trust every source, so with none
                // named nothing is forwarded at all.
                var proxies = Split(settings.Value.KnownProxies);
                var networks = Split(settings.Value.KnownNetworks);
                options.ForwardedHeaders = proxies.Length + networks.Length == 0
                    ? ForwardedHeaders.None
                    : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    if (IPAddress.TryParse(proxy, out var address))
                    {
                        options.KnownProxies.Add(address);
                    }
                }

                foreach (var network in networks)
                {
                    if (System.Net.IPNetwork.TryParse(network, out var parsed))
                    {
                        options.KnownIPNetworks.Add(parsed);
                    }
                }
            });

        builder.Services.AddOptions<HostFilteringOptions>()
            .PostConfigure<IConfiguration, IOptions<MarketplaceOptions>>((options, configuration, marketplace) =>
            {
                // ASP.NET Core allows any host when AllowedHosts is not set at all (no appsettings.json
                // found, say); here that means the local names only.
                if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
                {
                    options.AllowedHosts = [.. s_loopbackHosts];
                }

                // In Sandbox mode the in-process marketplace and payment simulators call the app on
                // its own loopback address, which must stay allowed whatever public names are configured.
                if (marketplace.Value.Mode == MarketplaceMode.Sandbox && !options.AllowedHosts.Contains("*"))
                {
                    options.AllowedHosts = [.. options.AllowedHosts.Union(s_loopbackHosts, StringComparer.OrdinalIgnoreCase)];
                }
            });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's scheme and address.</summary>
    public static WebApplication UseForwardedHeadersFromKnownProxies(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    private static readonly string[] s_loopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private static string[] Split(string? list) => (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Section <c>ForwardedHeaders</c>: the proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed.</summary>
    public sealed class ProxySettings
    {
        public const string Section = "ForwardedHeaders";

        /// <summary>Proxy addresses, separated by ';' (<c>127.0.0.1;10.0.0.5</c>).</summary>
        public string? KnownProxies { get; set; }

        /// <summary>Proxy networks in CIDR form, separated by ';' (<c>10.0.0.0/8</c>).</summary>
        public string? KnownNetworks { get; set; }
    }
}
