namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>The payment processor's synchronous API: the seam between our code and the Alipay-style gateway.</summary>
public interface IPaymentProcessor
{
    /// <summary><c>alipay.trade.query</c> by our <c>out_trade_no</c> or the processor's <c>trade_no</c>.</summary>
    Task<TradeQueryResult> QueryAsync(TradeQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// <c>alipay.trade.refund</c>. The same <see cref="TradeRefund.OutRequestNo"/> again is an
    /// idempotent retry (never paid twice); each partial refund needs its own.
    /// </summary>
    Task<TradeRefundResult> RefundAsync(TradeRefund refund, CancellationToken cancellationToken);
}

public sealed record TradeQuery(string? OutTradeNo, string? TradeNo = null);

public sealed record TradeRefund(string OutTradeNo, decimal RefundAmount, string OutRequestNo, string? RefundReason = null);

/// <summary>What to do with an answer.</summary>
public enum ProcessorOutcome
{
    /// <summary><c>code</c> 10000.</summary>
    Success,

    /// <summary><c>code</c> 20000 (<c>isp.unknow-error</c>), HTTP 5xx, timeouts, connection errors: ask again later.</summary>
    RetryLater,

    /// <summary><c>code</c> 40004 and other business or argument failures: asking again will not change it.</summary>
    Failed,

    /// <summary>The answer's signature did not verify: nothing in it can be believed.</summary>
    Untrusted,
}

public sealed record ProcessorError(string Code, string Msg, string? SubCode, string? SubMsg);

/// <summary>
/// An <c>alipay.trade.query</c> answer. A cross-border trade also carries its settlement once the
/// processor has made it (PROTOCOLS.md, "Cross-border settlement"): <c>trans_currency</c>,
/// <c>settle_currency</c>, <c>settle_amount</c>, <c>settle_trans_rate</c> and <c>trans_pay_rate</c>;
/// null until then.
/// </summary>
public sealed record TradeQueryResult(
    ProcessorOutcome Outcome,
    ProcessorError? Error,
    string? TradeStatus = null,
    string? OutTradeNo = null,
    string? TradeNo = null,
    decimal? TotalAmount = null,
    decimal? BuyerPayAmount = null,
    string? TransCurrency = null,
    string? SettleCurrency = null,
    decimal? SettleAmount = null,
    decimal? SettleTransRate = null,
    decimal? TransPayRate = null);

public sealed record TradeRefundResult(
    ProcessorOutcome Outcome,
    ProcessorError? Error,
    decimal? RefundFee = null,
    DateTimeOffset? GmtRefundPay = null,
    string? FundChange = null);
