namespace SellerBridge.Sandbox.Marketplace;

/// <summary>The simulated marketplace (section <c>Sandbox:Marketplace</c>): its app, its shop, its limits and its faults.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox:Marketplace";

    /// <summary>The one app allowed to call; the host generates these at first start and passes them in.</summary>
    public string AppKey { get; set; } = "";

    public string AppSecret { get; set; } = "";

    /// <summary>The session (shop authorisation) of the shop created at start.</summary>
    public string SessionKey { get; set; } = "";

    public string ShopNick { get; set; } = "kmall24旗舰店";

    /// <summary>How far the caller's GMT+8 <c>timestamp</c> may be from ours (TOP allows 10 minutes).</summary>
    public int TimestampSkewMinutes { get; set; } = 10;

    /// <summary>The platform's per-app ceiling; above it the app is banned with code 7.</summary>
    public int CallsPerSecond { get; set; } = 50;

    /// <summary>How long a code-7 ban lasts.</summary>
    public int BanSeconds { get; set; } = 5;

    /// <summary>Delay added to every answer (real time: it stands for the network).</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>Share of calls answered with an <c>isp.*</c> platform error (0–1).</summary>
    public double IspFaultRate { get; set; }

    /// <summary>Share of calls answered with HTTP 502 or 503 (0–1).</summary>
    public double HttpFaultRate { get; set; }

    /// <summary>Share of calls held for <see cref="TimeoutDelaySeconds"/> so that the client times out (0–1).</summary>
    public double TimeoutFaultRate { get; set; }

    public int TimeoutDelaySeconds { get; set; } = 60;

    /// <summary>Makes faults and buyers repeat run after run.</summary>
    public int? Seed { get; set; }

    /// <summary>How long after publishing (or a change of title/desc) the audit decides.</summary>
    public int AuditDelaySeconds { get; set; } = 5;

    public SandboxBuyerOptions Buyers { get; set; } = new();
}

/// <summary>The simulated buyers' loop.</summary>
public sealed class SandboxBuyerOptions
{
    public bool Enabled { get; set; } = true;

    public double OrdersPerMinute { get; set; } = 2;

    /// <summary>Seconds a buyer takes to pay (or to let the order lapse).</summary>
    public int PayAfterSeconds { get; set; } = 20;

    /// <summary>Share of orders never paid and closed by the marketplace.</summary>
    public double UnpaidRate { get; set; } = 0.15;

    /// <summary>Seconds after shipping until the buyer confirms and the trade finishes.</summary>
    public int FinishAfterSeconds { get; set; } = 120;
}
