using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>
/// The gateway URL: <c>Payments:GatewayUrl</c> when set; in Sandbox mode without one, this app's
/// own address plus the in-process sandbox path, known only once the server listens.
/// </summary>
public sealed class PaymentsGatewayAddress(IOptions<PaymentsOptions> options, IServiceProvider services)
{
    public const string SandboxGatewayPath = "/sandbox/alipay/gateway.do";
    public const string NotifyPath = "/payments/notify";

    public Uri Resolve() => options.Value.GatewayUrl is { Length: > 0 } url ? new Uri(url) : Own(SandboxGatewayPath);

    /// <summary>Where the processor must post notifications.</summary>
    public Uri NotifyUrl() => options.Value.NotifyUrl is { Length: > 0 } url ? new Uri(url) : Own(NotifyPath);

    private Uri Own(string path)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Payments:GatewayUrl / Payments:NotifyUrl is not set and the server has no address yet.");

        // A wildcard listen address is not somewhere to send a request.
        return new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]"))
        {
            Path = path,
        }.Uri;
    }
}
