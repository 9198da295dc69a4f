namespace SellerBridge.Sandbox.Payments;

/// <summary>A trade at the processor: our side of a buyer's payment for a marketplace order.</summary>
public sealed record ProcessorTrade(
    string OutTradeNo,
    string TradeNo,
    decimal TotalAmount,
    string Status,
    string Subject,
    DateTimeOffset GmtCreate,
    DateTimeOffset? GmtPayment,
    decimal RefundFee = 0,
    DateTimeOffset? GmtRefund = null,
    DateTimeOffset? GmtClose = null);

public sealed record ProcessorRefund(string OutTradeNo, string OutRequestNo, decimal Amount, DateTimeOffset At);

/// <summary>The processor's books, in memory: trades by out_trade_no and refunds by out_request_no.</summary>
public sealed class ProcessorLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ProcessorTrade> _trades = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), ProcessorRefund> _refunds = [];

    public ProcessorTrade Save(ProcessorTrade trade)
    {
        lock (_lock)
        {
            _trades[trade.OutTradeNo] = trade;
            return trade;
        }
    }

    public ProcessorTrade? Find(string? outTradeNo, string? tradeNo)
    {
        lock (_lock)
        {
            if (outTradeNo is { Length: > 0 })
            {
                return _trades.GetValueOrDefault(outTradeNo);
            }

            return _trades.Values.FirstOrDefault(t => t.TradeNo == tradeNo);
        }
    }

    public IReadOnlyList<ProcessorRefund> Refunds(string outTradeNo)
    {
        lock (_lock)
        {
            return _refunds.Values.Where(r => r.OutTradeNo == outTradeNo).OrderBy(r => r.At).ToList();
        }
    }

    /// <summary>
    /// Pays back <paramref name="amount"/> once per out_request_no: the same request again returns
    /// the first result and moves no money (<c>Moved</c> false). A full refund closes the trade.
    /// </summary>
    public (ProcessorTrade? Trade, bool Moved, string? Error) Refund(string outTradeNo, decimal amount, string outRequestNo, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_trades.TryGetValue(outTradeNo, out var trade))
            {
                return (null, false, "ACQ.TRADE_NOT_EXIST");
            }

            if (_refunds.ContainsKey((outTradeNo, outRequestNo)))
            {
                return (trade, false, null);
            }

            if (trade.Status != "TRADE_SUCCESS")
            {
                return (trade, false, "ACQ.TRADE_STATUS_ERROR");
            }

            if (amount <= 0 || trade.RefundFee + amount > trade.TotalAmount)
            {
                return (trade, false, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
            }

            _refunds[(outTradeNo, outRequestNo)] = new ProcessorRefund(outTradeNo, outRequestNo, amount, now);
            var refunded = trade.RefundFee + amount;
            trade = trade with
            {
                RefundFee = refunded,
                GmtRefund = now,
                Status = refunded == trade.TotalAmount ? "TRADE_CLOSED" : trade.Status,
                GmtClose = refunded == trade.TotalAmount ? now : null,
            };
            _trades[outTradeNo] = trade;
            return (trade, true, null);
        }
    }
}
