namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// The processor's trade statuses and the one direction they move in.
/// <para>
/// <c>WAIT_BUYER_PAY</c> &lt; <c>TRADE_SUCCESS</c> &lt; <c>TRADE_FINISHED</c>: a later status
/// never gives way to an earlier one (a late <c>WAIT_BUYER_PAY</c> after payment is stale).
/// </para>
/// <para>
/// <c>TRADE_CLOSED</c> means one of two things: an unpaid trade timed out, or a paid trade was
/// fully refunded. So it is accepted over nothing or <c>WAIT_BUYER_PAY</c>; over
/// <c>TRADE_SUCCESS</c> only when the refunds add up to the whole amount (the notification's
/// <c>refund_fee</c> or our own refunds), since a partial refund leaves the trade open and a
/// "closed" claim without the money back must not stop the seller's settlement; never over
/// <c>TRADE_FINISHED</c> (no longer refundable, so it cannot close). Nothing follows
/// <c>TRADE_CLOSED</c>: the processor never reopens a trade, so whatever arrives after it is an
/// older event arriving late.
/// </para>
/// </summary>
public static class PaymentStatusRules
{
    public const string WaitBuyerPay = "WAIT_BUYER_PAY";
    public const string TradeSuccess = "TRADE_SUCCESS";
    public const string TradeFinished = "TRADE_FINISHED";
    public const string TradeClosed = "TRADE_CLOSED";

    public static readonly IReadOnlyList<string> All = [WaitBuyerPay, TradeSuccess, TradeFinished, TradeClosed];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    public static bool IsPaid(string? status) => status is TradeSuccess or TradeFinished;

    /// <summary>Whether <paramref name="next"/> may replace <paramref name="current"/>, and if not, why.</summary>
    public static (bool Apply, string? Reason) Decide(string? current, string next, bool fullyRefunded)
    {
        if (current == TradeClosed)
        {
            return (false, $"{next} after TRADE_CLOSED: a closed trade does not reopen");
        }

        if (next == TradeClosed)
        {
            return current switch
            {
                null or WaitBuyerPay => (true, null),
                TradeSuccess when fullyRefunded => (true, null),
                TradeSuccess => (false, "TRADE_CLOSED over TRADE_SUCCESS without a full refund"),
                _ => (false, $"TRADE_CLOSED over {current}: a finished trade is no longer refundable"),
            };
        }

        return Rank(next) > Rank(current)
            ? (true, null)
            : (false, $"{next} does not move {current} forward");
    }

    private static int Rank(string? status) => status switch
    {
        null => 0,
        WaitBuyerPay => 1,
        TradeSuccess => 2,
        TradeFinished => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a processor trade status."),
    };
}
