using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SellerBridge.Sandbox.Payments;

/// <summary>
/// The processor's cross-border settlement of a trade: its own KRW rate of the settlement day
/// (GMT+8), the won it settles, and when it settles (at payment, or later for some trades), as the
/// real processor settles foreign merchants in their contract currency.
/// </summary>
public static class SandboxFx
{
    private static readonly TimeSpan s_gmt8 = TimeSpan.FromHours(8);

    /// <summary>The day's KRW per CNY: within one won of <paramref name="around"/>, four decimals, the same all day.</summary>
    public static decimal DailyRate(decimal around, DateOnly day) =>
        around + ((day.DayNumber * 7919L % 20001) - 10000) / 10000m;

    public static DateOnly SettlementDay(DateTimeOffset paidAt) => DateOnly.FromDateTime(paidAt.ToOffset(s_gmt8).DateTime);

    /// <summary>The won settled for a trade: yuan × the day's rate, to the whole won (KRW has no minor unit).</summary>
    public static long SettleAmount(decimal totalCny, decimal rate) => (long)Math.Round(totalCny * rate, 0, MidpointRounding.AwayFromZero);

    /// <summary>When the trade is settled; null while it is unpaid. Which trades are late is fixed per trade, so answers do not flicker.</summary>
    public static DateTimeOffset? SettledAt(ProcessorTrade trade, SandboxPaymentOptions options)
    {
        if (trade.GmtPayment is not { } paid)
        {
            return null;
        }

        var late = Fraction(trade.OutTradeNo) < options.LateSettlementRate;
        return late ? paid + TimeSpan.FromMinutes(options.SettleAfterMinutes / options.TimeCompression) : paid;
    }

    public static string Rate(decimal rate) => rate.ToString("0.0000", CultureInfo.InvariantCulture);

    // A stable fraction in [0, 1) from the trade number (string.GetHashCode changes per process).
    private static double Fraction(string key) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0) / (uint.MaxValue + 1.0);
}
