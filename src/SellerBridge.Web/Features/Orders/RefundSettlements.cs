using Dapper;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// Completes refunds left <c>Requested</c> (the processor asked us to retry, or a node died between
/// storing the request and sending it), then takes every succeeded refund back out of the seller's
/// settlement in <c>settlement_refunds</c>: the refunded yuan at the line's own settlement rate and
/// percentages (for a line the processor settled, the same share of its settled gross), dated the
/// day the refund completed. A refund taken out of an estimate is taken out again when the
/// processor's figures replace it (<see cref="SettleFromProcessor"/>). Both steps are safe to run any number of times.
/// </summary>
public sealed class RefundSettlements(Db db, RefundOrderLine refunds, TimeProvider time, ILogger<RefundSettlements> logger)
{
    public sealed record Output(int Completed, int Recorded);

    private const string PendingSql = "SELECT id FROM refunds WHERE status = 'Requested' AND requested_at < @before ORDER BY id";

    private const string UnrecordedSql = """
        SELECT r.id AS RefundId, r.order_line_id AS OrderLineId, r.seller_id AS SellerId, r.amount_cny AS AmountCny, r.completed_at AS CompletedAt,
               s.rate AS Rate, s.processor_fee_percent AS FeePercent, s.commission_percent AS CommissionPercent,
               s.rate_source AS RateSource, s.cny_amount AS LineCny, s.krw_gross AS LineGross
        FROM refunds r JOIN settlements s ON s.order_line_id = r.order_line_id
        WHERE r.status = 'Succeeded' AND NOT EXISTS (SELECT 1 FROM settlement_refunds x WHERE x.refund_id = r.id)
        ORDER BY r.id
        """;

    /// <param name="olderThan">Only refunds requested at least this long ago: a fresh one is still being sent by its request.</param>
    public async Task<Output> RunAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        List<long> pending;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            pending = (await connection.QueryAsync<long>(PendingSql, new { before = time.GetUtcNow() - olderThan })).ToList();
        }

        var completed = 0;
        foreach (var id in pending)
        {
            var result = await refunds.CompleteAsync(id, cancellationToken);
            completed += result.Status == "Requested" ? 0 : 1;
        }

        return new Output(completed, await RecordAsync(cancellationToken));
    }

    /// <summary>Writes the settlement side of succeeded refunds not yet written; returns how many.</summary>
    public async Task<int> RecordAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(UnrecordedSql)).ToList();
        var insert = db.Dialect.InsertIgnoreDuplicates(
            "settlement_refunds",
            "refund_id, order_line_id, seller_id, cny_amount, rate, krw_gross, processor_fee_krw, commission_krw, krw_net, settlement_date, computed_at",
            "@RefundId, @OrderLineId, @SellerId, @AmountCny, @Rate, @Gross, @Fee, @Commission, @Net, @Day, @Now",
            "refund_id");
        var recorded = 0;
        foreach (var row in rows)
        {
            // The same calculation as the sale, so a full refund takes back exactly what was settled.
            var figures = row.RateSource == SettleOrder.Processor && row.LineCny > 0
                ? SettlementCalculator.RefundOfLine(row.AmountCny, row.LineCny, row.LineGross, row.FeePercent, row.CommissionPercent)
                : SettlementCalculator.Compute(row.AmountCny, row.Rate, row.FeePercent, row.CommissionPercent);
            recorded += await connection.ExecuteAsync(insert, new
            {
                row.RefundId, row.OrderLineId, row.SellerId, row.AmountCny, row.Rate,
                Gross = figures.KrwGross, Fee = figures.ProcessorFeeKrw, Commission = figures.CommissionKrw, Net = figures.KrwNet,
                Day = SettleOrder.SettlementDay(row.CompletedAt ?? time.GetUtcNow()), Now = time.GetUtcNow(),
            });
        }

        if (recorded > 0)
        {
            logger.LogInformation("Recorded {Count} refunds in settlements", recorded);
        }

        return recorded;
    }

    private sealed class Row
    {
        public long RefundId { get; init; }

        public long OrderLineId { get; init; }

        public long SellerId { get; init; }

        public decimal AmountCny { get; init; }

        public DateTimeOffset? CompletedAt { get; init; }

        public decimal Rate { get; init; }

        public decimal FeePercent { get; init; }

        public decimal CommissionPercent { get; init; }

        public string RateSource { get; init; } = "";

        public decimal LineCny { get; init; }

        public long LineGross { get; init; }
    }
}
