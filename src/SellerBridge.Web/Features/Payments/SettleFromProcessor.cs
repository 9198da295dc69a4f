using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// Replaces estimated settlements with the processor's own: for each paid trade still owed a check
/// (<c>processor_settlements</c>), asks <c>alipay.trade.query</c>, and once a verified answer carries
/// <c>settle_amount</c> in KRW with its <c>settle_trans_rate</c>, splits that amount over the trade's
/// lines by their yuan, takes fee and commission off as before, and keeps the estimate beside it.
/// An error, an unverified answer or one without the figures leaves the estimate and asks again
/// later, backing off per trade. Safe to run any number of times: a trade is rewritten once.
/// </summary>
public sealed class SettleFromProcessor(Db db, IPaymentProcessor processor, IOptions<PaymentsOptions> options, TimeProvider time, ILogger<SettleFromProcessor> logger)
{
    public sealed record Output(int Asked, int Settled, int Postponed);

    private const int Batch = 200;

    private const string DueSql = """
        SELECT p.order_id AS OrderId, o.tid AS Tid, o.payment_cny AS PaymentCny, p.checks AS Checks
        FROM processor_settlements p JOIN orders o ON o.id = p.order_id
        WHERE p.status = 'Pending' AND p.next_check_at <= @now
        ORDER BY p.next_check_at, p.order_id
        """;

    private const string PostponeSql = """
        UPDATE processor_settlements SET checks = checks + 1, next_check_at = @next, last_error = @reason
        WHERE order_id = @orderId AND status = 'Pending'
        """;

    // First in the transaction: the guard that makes a concurrent run (or a second node) touch nothing.
    private const string SettledSql = """
        UPDATE processor_settlements
        SET status = 'Settled', checks = checks + 1, last_error = NULL, trans_currency = @transCurrency, settle_currency = @settleCurrency,
            settle_amount = @settleAmount, settle_trans_rate = @rate, trans_pay_rate = @transPayRate, settled_at = @now
        WHERE order_id = @orderId AND status = 'Pending'
        """;

    private const string LinesSql = """
        SELECT l.id AS LineId, l.total_fee_cny AS TotalFeeCny, s.seller_id AS SellerId, s.rate_source AS RateSource, s.krw_net AS KrwNet,
               s.processor_fee_percent AS FeePercent, s.commission_percent AS CommissionPercent, s.settlement_date AS SettlementDate
        FROM order_lines l LEFT JOIN settlements s ON s.order_line_id = l.id
        WHERE l.order_id = @orderId
        ORDER BY l.id
        """;

    private const string RefundsSql = """
        SELECT x.refund_id AS RefundId, x.order_line_id AS LineId, x.cny_amount AS CnyAmount
        FROM settlement_refunds x JOIN order_lines l ON l.id = x.order_line_id
        WHERE l.order_id = @orderId
        """;

    // The right-hand sides read the row as it was, so the estimate is kept exactly as it stood.
    private const string RewriteSql = """
        UPDATE settlements
        SET estimate_rate = rate, estimate_krw_gross = krw_gross, estimate_krw_net = krw_net,
            rate = @rate, rate_source = 'processor', krw_gross = @gross, processor_fee_krw = @fee, commission_krw = @commission, krw_net = @net, computed_at = @now
        WHERE order_line_id = @lineId AND rate_source = 'estimate'
        """;

    private const string RefundRewriteSql = """
        UPDATE settlement_refunds SET rate = @rate, krw_gross = @gross, processor_fee_krw = @fee, commission_krw = @commission, krw_net = @net, computed_at = @now
        WHERE refund_id = @refundId
        """;

    private const string EventSql = "INSERT INTO order_events (order_id, seller_id, at, kind, detail) VALUES (@orderId, @sellerId, @now, 'Settlement', @detail)";

    public async Task<Output> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Due> due;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            due = (await connection.QueryAsync<Due>(DueSql + db.Dialect.Limit("batch"), new { now, batch = Batch })).ToList();
        }

        var (settled, postponed) = (0, 0);
        foreach (var trade in due)
        {
            var tid = trade.Tid.ToString(CultureInfo.InvariantCulture);
            var answer = await processor.QueryAsync(new TradeQuery(tid), cancellationToken);
            if (Unusable(answer, tid, trade.PaymentCny) is { } reason)
            {
                await PostponeAsync(trade, reason, cancellationToken);
                postponed++;
            }
            else if (await ApplyAsync(trade, answer, cancellationToken))
            {
                settled++;
            }
        }

        if (due.Count > 0)
        {
            logger.LogInformation("Processor settlements: asked {Asked}, settled {Settled}, postponed {Postponed}", due.Count, settled, postponed);
        }

        return new Output(due.Count, settled, postponed);
    }

    /// <summary>Why this answer cannot be the trade's settlement yet; null when it can.</summary>
    private static string? Unusable(TradeQueryResult answer, string tid, decimal paymentCny) => answer switch
    {
        { Outcome: ProcessorOutcome.Untrusted } => "the answer's signature does not verify",
        { Outcome: not ProcessorOutcome.Success } => $"{answer.Error?.Code} {answer.Error?.SubCode} {answer.Error?.SubMsg}".Trim(),
        _ when answer.OutTradeNo is { Length: > 0 } other && other != tid => "the answer is for another trade",
        _ when answer.TotalAmount is { } total && total != paymentCny => $"total_amount {total:0.00} is not the order's {paymentCny:0.00}",
        { SettleAmount: null } or { SettleTransRate: null } or { SettleCurrency: null } => "not settled yet",
        _ when answer.SettleCurrency != "KRW" => $"settle_currency {answer.SettleCurrency} is not KRW",
        _ when answer.TransCurrency is { Length: > 0 } trans && trans != "CNY" => $"trans_currency {trans} is not CNY",
        _ when answer.SettleAmount < 0 || answer.SettleTransRate <= 0 => "settle_amount or settle_trans_rate out of range",
        _ => null,
    };

    /// <summary>Asks again after 1, 2, 4 … minutes, at most <see cref="PaymentsOptions.SettlementRetryMaxMinutes"/> apart.</summary>
    public static TimeSpan Backoff(int checks, int maxMinutes) =>
        TimeSpan.FromMinutes(checks >= 30 ? maxMinutes : Math.Min(1L << checks, maxMinutes));

    private async Task PostponeAsync(Due trade, string reason, CancellationToken cancellationToken)
    {
        var next = time.GetUtcNow() + Backoff(trade.Checks, options.Value.SettlementRetryMaxMinutes);
        await using var write = await db.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(PostponeSql, new { next, reason = reason.Length > 400 ? reason[..400] : reason, orderId = trade.OrderId }, write.Transaction);
        await write.Transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Settlement of trade {Tid} not answered yet ({Reason}); asking again at {Next:u}", trade.Tid, reason, next);
    }

    private async Task<bool> ApplyAsync(Due trade, TradeQueryResult answer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rate = answer.SettleTransRate!.Value;
        // KRW has no minor unit: a fractional settle_amount is rounded as every other won figure.
        var settleAmount = SettlementCalculator.Won(answer.SettleAmount!.Value);
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var held = await connection.ExecuteAsync(SettledSql, new
        {
            orderId = trade.OrderId, now, rate, settleAmount = (decimal)settleAmount,
            transCurrency = answer.TransCurrency, settleCurrency = answer.SettleCurrency, transPayRate = answer.TransPayRate,
        }, transaction);
        if (held == 0)
        {
            return false;
        }

        // Every line of the trade takes its share, also one that is not ours: the processor settled the whole trade.
        var lines = (await connection.QueryAsync<Line>(LinesSql, new { orderId = trade.OrderId }, transaction)).ToList();
        var shares = SettlementCalculator.Split(settleAmount, lines.Select(l => l.TotalFeeCny).ToList());
        var figures = new Dictionary<long, (Line Line, SettlementFigures Figures)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].RateSource == SettleOrder.Estimate)
            {
                figures[lines[i].LineId] = (lines[i], SettlementCalculator.FromGross(shares[i], lines[i].FeePercent, lines[i].CommissionPercent));
            }
        }

        foreach (var (lineId, (_, f)) in figures)
        {
            await connection.ExecuteAsync(RewriteSql, new { lineId, rate, gross = f.KrwGross, fee = f.ProcessorFeeKrw, commission = f.CommissionKrw, net = f.KrwNet, now }, transaction);
        }

        // Refunds already taken out at the estimate are taken out again at the line's settled figures.
        foreach (var refund in await connection.QueryAsync<RefundRow>(RefundsSql, new { orderId = trade.OrderId }, transaction))
        {
            if (figures.TryGetValue(refund.LineId, out var settled) && settled.Line.TotalFeeCny > 0)
            {
                var f = SettlementCalculator.RefundOfLine(refund.CnyAmount, settled.Line.TotalFeeCny, settled.Figures.KrwGross, settled.Line.FeePercent, settled.Line.CommissionPercent);
                await connection.ExecuteAsync(RefundRewriteSql, new { refundId = refund.RefundId, rate, gross = f.KrwGross, fee = f.ProcessorFeeKrw, commission = f.CommissionKrw, net = f.KrwNet, now }, transaction);
            }
        }

        // Each seller's timeline shows its own lines only: another seller's share of the trade is not theirs to see.
        foreach (var seller in figures.Values.GroupBy(v => v.Line.SellerId))
        {
            var detail = string.Format(
                CultureInfo.InvariantCulture,
                "{0:N0} → {1:N0} KRW net · settle_trans_rate {2}",
                seller.Sum(v => v.Line.KrwNet ?? 0),
                seller.Sum(v => v.Figures.KrwNet),
                rate);
            await connection.ExecuteAsync(EventSql, new { orderId = trade.OrderId, sellerId = seller.Key, now, detail }, transaction);
        }

        // The trade's rate is the processor's rate of its day: later estimates for that day start from it.
        if (figures.Values.Select(v => v.Line.SettlementDate).FirstOrDefault() is { } day)
        {
            await connection.ExecuteAsync(
                db.Dialect.InsertIgnoreDuplicates("processor_fx_rates", "currency, rate_date, rate, source, recorded_at", "'KRW', @day, @rate, 'alipay.trade.query', @now", "currency, rate_date"),
                new { day, rate, now },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Trade {Tid} settled by the processor: {Amount} KRW at {Rate} over {Lines} lines", trade.Tid, settleAmount, rate, figures.Count);
        return true;
    }

    // Classes, not positional records: Dapper then converts SQLite's REAL money through the decimal handler.
    private sealed class Due
    {
        public long OrderId { get; init; }

        public long Tid { get; init; }

        public decimal PaymentCny { get; init; }

        public int Checks { get; init; }
    }

    private sealed class Line
    {
        public long LineId { get; init; }

        public decimal TotalFeeCny { get; init; }

        public long? SellerId { get; init; }

        public string? RateSource { get; init; }

        public long? KrwNet { get; init; }

        public decimal FeePercent { get; init; }

        public decimal CommissionPercent { get; init; }

        public string? SettlementDate { get; init; }
    }

    private sealed class RefundRow
    {
        public long RefundId { get; init; }

        public long LineId { get; init; }

        public decimal CnyAmount { get; init; }
    }
}

/// <summary>Asks the processor for the settlement of paid trades still settled at an estimate.</summary>
[OneAtATime]
[System.ComponentModel.Description("Replaces estimated settlements with the processor's settle_amount and rate.")]
public sealed class SettleFromProcessorJob(SettleFromProcessor settle) : IRecurringJob
{
    public const string Name = "payments-settlement";

    public async Task RunAsync(CancellationToken cancellationToken) => await settle.RunAsync(cancellationToken);
}
