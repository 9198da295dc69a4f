namespace SellerBridge.Sandbox.Payments;

/// <summary>The simulated payment processor (section <c>Sandbox:Payments</c>): its delivery habits and its rate.</summary>
public sealed class SandboxPaymentOptions
{
    public const string Section = "Sandbox:Payments";

    /// <summary>Used when run alone; in-process the host supplies the merchant (see <see cref="ISandboxMerchant"/>).</summary>
    public string AppId { get; set; } = "";

    public string SellerId { get; set; } = "";

    /// <summary>The processor's signing key (PKCS#8 PEM or bare Base64).</summary>
    public string ProcessorPrivateKey { get; set; } = "";

    /// <summary>The merchant's public key (SPKI PEM or bare Base64), to verify its requests.</summary>
    public string AppPublicKey { get; set; } = "";

    public string NotifyUrl { get; set; } = "";

    /// <summary>How many times faster than real time the retry schedule runs (60: four minutes become four seconds).</summary>
    public double TimeCompression { get; set; } = 60;

    /// <summary>Share of notifications delivered a second time, unchanged (0–1).</summary>
    public double DuplicateRate { get; set; } = 0.1;

    /// <summary>Share of paid trades whose <c>WAIT_BUYER_PAY</c> notification arrives after <c>TRADE_SUCCESS</c> (0–1).</summary>
    public double OutOfOrderRate { get; set; } = 0.1;

    /// <summary>Share of gateway calls answered <c>20000 isp.unknow-error</c> (0–1).</summary>
    public double IspFaultRate { get; set; }

    /// <summary>
    /// Around what KRW per CNY rate the processor settles: each day's rate (<see cref="SandboxFx"/>)
    /// moves within one won of it. Apart from the app's configured 190.00 on purpose, so that a
    /// settlement at the processor's rate cannot be mistaken for the app's estimate.
    /// </summary>
    public decimal KrwPerCny { get; set; } = 192.00m;

    /// <summary>Share of paid trades settled only some time after payment (0–1); the others at once.</summary>
    public double LateSettlementRate { get; set; } = 0.5;

    /// <summary>How long after payment a late trade is settled, in minutes of the compressed clock (<see cref="TimeCompression"/>).</summary>
    public double SettleAfterMinutes { get; set; } = 30;

    public int? Seed { get; set; }
}
