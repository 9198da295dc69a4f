using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Payments;

/// <summary>
/// The one merchant the sandbox processor serves. Run alone it comes from options; hosted in the
/// app, the app supplies its own identity, keys and notify URL, which exist only once it has started.
/// </summary>
public interface ISandboxMerchant
{
    ValueTask<SandboxMerchant> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Keys as PEM or bare Base64; the processor's private key signs, the app's public key verifies.</summary>
public sealed record SandboxMerchant(string AppId, string SellerId, string ProcessorPrivateKey, string AppPublicKey, Uri NotifyUrl);

internal sealed class ConfiguredMerchant(IOptions<SandboxPaymentOptions> options) : ISandboxMerchant
{
    public ValueTask<SandboxMerchant> GetAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        return ValueTask.FromResult(new SandboxMerchant(o.AppId, o.SellerId, o.ProcessorPrivateKey, o.AppPublicKey, new Uri(o.NotifyUrl)));
    }
}
