using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>The Alipay-style processor, our merchant identity there, and the settlement figures (section <c>Payments</c>).</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>The gateway (real: <c>https://openapi.alipay.com/gateway.do</c>); in Sandbox mode defaults to the in-process sandbox.</summary>
    public string? GatewayUrl { get; set; }

    /// <summary>Our app's id at the processor; notifications must carry it.</summary>
    public string? AppId { get; set; }

    /// <summary>Our merchant (partner) id at the processor; notifications must carry it.</summary>
    public string? SellerId { get; set; }

    /// <summary>Signs our requests. PEM (PKCS#8) or bare Base64. In Sandbox mode generated and kept in <c>app_settings</c> when empty.</summary>
    public string? AppPrivateKey { get; set; }

    /// <summary>Verifies the processor's answers and notifications. PEM (SPKI) or bare Base64.</summary>
    public string? ProcessorPublicKey { get; set; }

    /// <summary>Where the processor posts notifications; in Sandbox mode defaults to this app's <c>/payments/notify</c>.</summary>
    public string? NotifyUrl { get; set; }

    /// <summary>The processor's fee on the settled amount, in percent.</summary>
    public decimal ProcessorFeePercent { get; set; } = 1.0m;

    /// <summary>The marketplace commission when no row of <c>commissions</c> matches the product's category, in percent.</summary>
    public decimal DefaultCommissionPercent { get; set; } = 5.0m;

    /// <summary>KRW per CNY of a settlement's estimate when the processor has given us no rate for the settlement day or before.</summary>
    public decimal DefaultKrwPerCny { get; set; } = 190.00m;

    /// <summary>How often paid trades still settled at an estimate are asked about (<c>alipay.trade.query</c>).</summary>
    public int SettlementCheckIntervalSeconds { get; set; } = 60;

    /// <summary>The longest wait between two questions about one trade's settlement; waits double up to it.</summary>
    public int SettlementRetryMaxMinutes { get; set; } = 360;

    /// <summary>How long after a trade is seen without a final payment status before we ask the processor ourselves.</summary>
    public int ReconcileAfterMinutes { get; set; } = 30;

    public int TimeoutSeconds { get; set; } = 15;
}

/// <summary>Fails the start with a message naming the key when the payments section is unusable.</summary>
internal sealed class PaymentsOptionsValidator(IOptions<MarketplaceOptions> marketplace) : IValidateOptions<PaymentsOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var failures = new List<string>();
        var live = marketplace.Value.Mode == MarketplaceMode.Live;
        foreach (var (key, value) in new[] { ("GatewayUrl", options.GatewayUrl), ("NotifyUrl", options.NotifyUrl) })
        {
            if (value is { Length: > 0 } && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                failures.Add($"{PaymentsOptions.Section}:{key} must be an absolute http(s) URL.");
            }
            else if (live && string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{PaymentsOptions.Section}:{key} is required in Live mode.");
            }
        }

        foreach (var (key, value) in new[] { ("AppId", options.AppId), ("SellerId", options.SellerId) })
        {
            if (live && string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{PaymentsOptions.Section}:{key} is required in Live mode.");
            }
        }

        foreach (var (key, value, isPrivate) in new[] { ("AppPrivateKey", options.AppPrivateKey, true), ("ProcessorPublicKey", options.ProcessorPublicKey, false) })
        {
            if ((live || !string.IsNullOrWhiteSpace(value)) && !AlipayKeys.TryLoad(value, isPrivate, out var problem))
            {
                failures.Add($"{PaymentsOptions.Section}:{key} {problem}.");
            }
        }

        if (options.ProcessorFeePercent is < 0 or > 100)
        {
            failures.Add($"{PaymentsOptions.Section}:ProcessorFeePercent must be between 0 and 100.");
        }

        if (options.DefaultCommissionPercent is < 0 or > 100)
        {
            failures.Add($"{PaymentsOptions.Section}:DefaultCommissionPercent must be between 0 and 100.");
        }

        if (options.SettlementCheckIntervalSeconds < 5 || options.SettlementRetryMaxMinutes < 1)
        {
            failures.Add($"{PaymentsOptions.Section}:SettlementCheckIntervalSeconds must be at least 5 and {PaymentsOptions.Section}:SettlementRetryMaxMinutes at least 1.");
        }

        if (options.DefaultKrwPerCny <= 0)
        {
            failures.Add($"{PaymentsOptions.Section}:DefaultKrwPerCny must be above 0.");
        }

        if (options.ReconcileAfterMinutes is < 1 or > 10_080)
        {
            failures.Add($"{PaymentsOptions.Section}:ReconcileAfterMinutes must be between 1 and 10080.");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"{PaymentsOptions.Section}:TimeoutSeconds must be between 1 and 300.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
