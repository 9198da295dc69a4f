using System.Globalization;

namespace SellerBridge.Web.Features.Payments;

/// <summary>The fields of an asynchronous notification that we check and store, read from its form.</summary>
internal sealed record Notification(
    string? NotifyId,
    string? AppId,
    string? SellerId,
    string? OutTradeNo,
    string? TradeNo,
    string? TradeStatus,
    decimal? TotalAmount,
    decimal? RefundFee,
    DateTimeOffset? GmtPayment)
{
    private static readonly TimeSpan s_gmt8 = TimeSpan.FromHours(8);

    /// <summary>What makes two notifications the same event even with different notify_ids: the trade and its status.</summary>
    public string? EventKey => OutTradeNo is null || TradeStatus is null ? null : OutTradeNo + "|" + TradeStatus;

    public static Notification From(IReadOnlyDictionary<string, string> form) => new(
        Get(form, "notify_id"),
        Get(form, "app_id"),
        Get(form, "seller_id"),
        Get(form, "out_trade_no"),
        Get(form, "trade_no"),
        Get(form, "trade_status"),
        Money(Get(form, "total_amount")),
        Money(Get(form, "refund_fee")),
        Time(Get(form, "gmt_payment")));

    private static string? Get(IReadOnlyDictionary<string, string> form, string key) =>
        form.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    /// <summary>Yuan with at most two decimals, as the processor writes them; anything else is not an amount.</summary>
    private static decimal? Money(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount.Scale <= 2 ? amount : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, s_gmt8)
            : null;
}
