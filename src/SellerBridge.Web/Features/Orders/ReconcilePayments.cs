using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// Asks the processor itself (<c>alipay.trade.query</c>) about trades we may have missed news of:
/// still unpaid <c>Payments:ReconcileAfterMinutes</c> after they were created, or whose
/// notification was Rejected. A verified status the rules accept is applied once (the unique key
/// of <c>reconciliation_items</c> is the guard), with its settlement; anything doubtful is Flagged
/// for the operator. It never overrides a check a notification failed: amounts must match.
/// </summary>
public sealed class ReconcilePayments(Db db, IPaymentProcessor processor, SettleOrder settle, IOptions<PaymentsOptions> options, TimeProvider time, ILogger<ReconcilePayments> logger)
{
    public const string Unpaid = "Unpaid";
    public const string RejectedNotification = "RejectedNotification";

    public sealed record Output(int Asked, int Fixed, int Flagged);

    // Unpaid by the processor's word for longer than the delay, within the last week, and either
    // still payable or already shown paid by the marketplace (the case where a notification was lost).
    private const string UnpaidSql = """
        SELECT o.id AS Id, o.tid AS Tid, o.payment_cny AS PaymentCny, o.payment_status AS PaymentStatus, o.pay_time AS PayTime, 'Unpaid' AS Kind
        FROM orders o
        WHERE (o.payment_status IS NULL OR o.payment_status = 'WAIT_BUYER_PAY')
          AND o.created < @before AND o.created > @since AND o.status NOT IN ('TRADE_CLOSED_BY_TAOBAO', 'TRADE_CLOSED')
          AND NOT EXISTS (SELECT 1 FROM reconciliation_items r WHERE r.order_id = o.id AND r.outcome = 'Flagged')
        ORDER BY o.id
        """;

    private const string RejectedSql = """
        SELECT DISTINCT out_trade_no FROM payment_notifications
        WHERE verdict = 'Rejected' AND out_trade_no IS NOT NULL AND received_at > @since
        """;

    private const string OrderByTidSql = """
        SELECT o.id AS Id, o.tid AS Tid, o.payment_cny AS PaymentCny, o.payment_status AS PaymentStatus, o.pay_time AS PayTime, 'RejectedNotification' AS Kind
        FROM orders o
        WHERE o.tid = @tid AND NOT EXISTS (SELECT 1 FROM reconciliation_items r WHERE r.order_id = o.id AND r.kind = 'RejectedNotification')
        """;

    public async Task<Output> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var candidates = new List<Candidate>();
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            candidates.AddRange(await connection.QueryAsync<Candidate>(
                UnpaidSql + db.Dialect.Limit("limit"),
                new { before = now.AddMinutes(-options.Value.ReconcileAfterMinutes), since = now.AddDays(-7), limit = 200 }));
            foreach (var text in await connection.QueryAsync<string>(RejectedSql, new { since = now.AddDays(-7) }))
            {
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                    && await connection.QuerySingleOrDefaultAsync<Candidate>(OrderByTidSql, new { tid }) is { } order
                    && candidates.All(c => c.Id != order.Id))
                {
                    candidates.Add(order);
                }
            }
        }

        var (fixedCount, flagged) = (0, 0);
        foreach (var candidate in candidates)
        {
            var answer = await processor.QueryAsync(new TradeQuery(candidate.Tid.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            var (outcome, status, detail) = Judge(candidate, answer);
            if (outcome is null)
            {
                continue;
            }

            if (await RecordAsync(candidate, outcome, status, detail, cancellationToken))
            {
                (fixedCount, flagged) = outcome == "Fixed" ? (fixedCount + 1, flagged) : outcome == "Flagged" ? (fixedCount, flagged + 1) : (fixedCount, flagged);
            }
        }

        return new Output(candidates.Count, fixedCount, flagged);
    }

    /// <summary>What to do with the processor's answer: Fixed, Flagged, Resolved (nothing to change), or null (ask again next run).</summary>
    private static (string? Outcome, string Status, string? Detail) Judge(Candidate c, TradeQueryResult answer)
    {
        switch (answer.Outcome)
        {
            case ProcessorOutcome.RetryLater:
                return (null, "", null);
            case ProcessorOutcome.Untrusted:
                return ("Flagged", "-", "The processor's answer did not verify.");
            case ProcessorOutcome.Failed:
                // An unpaid trade the processor does not know: the buyer never started paying.
                return c.Kind == Unpaid ? (null, "", null) : ("Flagged", "-", $"The processor does not confirm the trade: {answer.Error?.Code} {answer.Error?.SubCode}");
        }

        var status = answer.TradeStatus ?? "-";
        if (!PaymentStatusRules.IsKnown(answer.TradeStatus))
        {
            return ("Flagged", status, "Unknown trade_status from the processor.");
        }

        if (answer.TotalAmount is { } total && total != c.PaymentCny)
        {
            return ("Flagged", status, $"total_amount {total:0.00} is not the order's {c.PaymentCny:0.00}");
        }

        if (status == c.PaymentStatus)
        {
            return c.Kind == Unpaid ? (null, "", null) : ("Resolved", status, "The processor confirms the status already recorded.");
        }

        var (apply, why) = PaymentStatusRules.Decide(c.PaymentStatus, status, fullyRefunded: false);
        return apply ? ("Fixed", status, $"{c.PaymentStatus ?? "-"} → {status}") : ("Flagged", status, why);
    }

    private async Task<bool> RecordAsync(Candidate c, string outcome, string status, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var insert = db.Dialect.InsertIgnoreDuplicates(
            "reconciliation_items", "order_id, kind, outcome, verified_status, detail, created_at", "@Id, @Kind, @outcome, @status, @detail, @now", "order_id, kind, verified_status");
        if (await connection.ExecuteAsync(insert, new { c.Id, c.Kind, outcome, status, detail, now }, transaction) == 0)
        {
            return false; // Already fixed or flagged once.
        }

        if (outcome == "Fixed" && !await ApplyAsync(connection, transaction, c, status, now))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false; // A notification changed the order meanwhile; the next run looks again.
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Reconciliation {Outcome} order {OrderId} ({Kind}): {Detail}", outcome, c.Id, c.Kind, detail);
        return true;
    }

    private async Task<bool> ApplyAsync(DbConnection connection, DbTransaction transaction, Candidate c, string status, DateTimeOffset now)
    {
        var guard = c.PaymentStatus is null ? "payment_status IS NULL" : "payment_status = @current";
        if (await connection.ExecuteAsync(
                $"UPDATE orders SET payment_status = @status, payment_status_at = @now WHERE id = @Id AND {guard}",
                new { status, now, c.Id, current = c.PaymentStatus }, transaction) != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(
            "INSERT INTO order_events (order_id, seller_id, at, kind, detail) VALUES (@Id, NULL, @now, 'PaymentStatus', @detail)",
            new { c.Id, now, detail = $"{c.PaymentStatus ?? "-"} → {status} (verified by alipay.trade.query)" }, transaction);
        if (PaymentStatusRules.IsPaid(status))
        {
            await settle.SettleAsync(connection, transaction, c.Id, c.PayTime ?? now, now);
        }

        return true;
    }

    private sealed class Candidate
    {
        public long Id { get; init; }

        public long Tid { get; init; }

        public decimal PaymentCny { get; init; }

        public string? PaymentStatus { get; init; }

        public DateTimeOffset? PayTime { get; init; }

        public string Kind { get; init; } = "";
    }
}
