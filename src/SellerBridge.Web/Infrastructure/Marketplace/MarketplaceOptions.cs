using Microsoft.Extensions.Options;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>The TOP-style marketplace gateway and the shop's credentials (section <c>Marketplace</c>).</summary>
public sealed class MarketplaceOptions
{
    public const string Section = "Marketplace";

    /// <summary><c>Sandbox</c> runs the simulator in-process with generated credentials; <c>Live</c> calls <see cref="GatewayUrl"/>.</summary>
    public MarketplaceMode Mode { get; set; } = MarketplaceMode.Sandbox;

    public string? GatewayUrl { get; set; }

    public string? AppKey { get; set; }

    public string? AppSecret { get; set; }

    /// <summary><c>md5</c>, <c>hmac</c> or <c>hmac-sha256</c>.</summary>
    public string SignMethod { get; set; } = "hmac-sha256";

    public string? SessionKey { get; set; }

    /// <summary>Our own ceiling on calls per second across the deployment.</summary>
    public int CallsPerSecond { get; set; } = 10;

    /// <summary>How far below <see cref="CallsPerSecond"/> calls are spaced, so that network jitter never pushes a second over it.</summary>
    public double CallHeadroomPercent { get; set; } = 3;

    /// <summary>Attempts per call for transient faults (the first try included).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>How long one HTTP attempt may take before it counts as a transient fault.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>The first back-off delay; later ones grow exponentially with jitter.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;
}

public enum MarketplaceMode
{
    Sandbox,
    Live,
}

/// <summary>Fails the start with a message naming the key when the marketplace section is unusable.</summary>
internal sealed class MarketplaceOptionsValidator : IValidateOptions<MarketplaceOptions>
{
    public static readonly string[] SignMethods = ["md5", "hmac", "hmac-sha256"];

    public ValidateOptionsResult Validate(string? name, MarketplaceOptions options)
    {
        var failures = new List<string>();
        if (!SignMethods.Contains(options.SignMethod, StringComparer.Ordinal))
        {
            failures.Add($"{MarketplaceOptions.Section}:SignMethod must be one of md5, hmac, hmac-sha256 (was '{options.SignMethod}').");
        }

        if (options.CallsPerSecond is < 1 or > 10_000)
        {
            failures.Add($"{MarketplaceOptions.Section}:CallsPerSecond must be between 1 and 10000.");
        }

        if (options.CallHeadroomPercent is < 0 or > 50)
        {
            failures.Add($"{MarketplaceOptions.Section}:CallHeadroomPercent must be between 0 and 50.");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"{MarketplaceOptions.Section}:MaxAttempts must be between 1 and 10.");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add($"{MarketplaceOptions.Section}:TimeoutSeconds must be between 1 and 300.");
        }

        if (options.RetryBaseDelaySeconds is < 0 or > 60)
        {
            failures.Add($"{MarketplaceOptions.Section}:RetryBaseDelaySeconds must be between 0 and 60.");
        }

        if (options.GatewayUrl is { Length: > 0 } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            failures.Add($"{MarketplaceOptions.Section}:GatewayUrl must be an absolute http(s) URL.");
        }

        if (options.Mode == MarketplaceMode.Live)
        {
            Require(options.GatewayUrl, "GatewayUrl");
            Require(options.AppKey, "AppKey");
            Require(options.AppSecret, "AppSecret");
            Require(options.SessionKey, "SessionKey");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"{MarketplaceOptions.Section}:{key} is required in Live mode.");
            }
        }
    }
}
