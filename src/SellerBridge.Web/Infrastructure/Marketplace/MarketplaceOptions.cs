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
}

public enum MarketplaceMode
{
    Sandbox,
    Live,
}
