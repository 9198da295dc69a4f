using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// Refunds part or all of one seller's order line through the processor. The refund row and its
/// <c>out_request_no</c> are written before the call, so a retry (after a crash, a timeout or
/// <c>RetryLater</c>) sends the same request number and the buyer is never paid twice.
/// </summary>
public sealed class RefundOrderLine(Db db, IPaymentProcessor processor, TimeProvider time, ILogger<RefundOrderLine> logger)
{
    public sealed record Input(long SellerId, long OrderLineId, decimal AmountCny, long? RequestedBy);

    public sealed record Output(long? RefundId, string Status, string? Message);

    private const string LineSql = """
        SELECT l.id AS Id, l.oid AS Oid, l.total_fee_cny AS TotalFeeCny, l.refunded_cny AS RefundedCny, o.id AS OrderId,
               (SELECT COALESCE(SUM(r.amount_cny), 0) FROM refunds r WHERE r.order_line_id = l.id AND r.status = 'Requested') AS PendingCny,
               (SELECT COUNT(*) FROM refunds r WHERE r.order_line_id = l.id) AS Refunds
        FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE l.id = @OrderLineId AND l.seller_id = @SellerId
        """;

    private const string InsertSql = """
        INSERT INTO refunds (order_line_id, seller_id, out_request_no, amount_cny, status, requested_by, requested_at)
        VALUES (@OrderLineId, @SellerId, @outRequestNo, @AmountCny, 'Requested', @RequestedBy, @now)
        """;

    private const string RefundSql = """
        SELECT r.id AS Id, r.order_line_id AS OrderLineId, r.seller_id AS SellerId, r.out_request_no AS OutRequestNo,
               r.amount_cny AS AmountCny, r.status AS Status, o.tid AS Tid, o.id AS OrderId
        FROM refunds r JOIN order_lines l ON l.id = r.order_line_id JOIN orders o ON o.id = l.order_id
        WHERE r.id = @refundId
        """;

    private const string EventSql = "INSERT INTO order_events (order_id, seller_id, at, kind, detail) VALUES (@orderId, @sellerId, @at, @kind, @detail)";

    public async Task<Output> RequestAsync(Input input, CancellationToken cancellationToken)
    {
        if (input.AmountCny <= 0 || input.AmountCny.Scale > 2)
        {
            return new Output(null, "Invalid", "The amount must be above 0 with at most two decimals.");
        }

        long refundId;
        await using (var connection = await db.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var line = await connection.QuerySingleOrDefaultAsync<LineRow>(LineSql, input, transaction);
            if (line is null)
            {
                return new Output(null, "NotFound", "No such order line for this seller.");
            }

            if (input.AmountCny > line.TotalFeeCny - line.RefundedCny - line.PendingCny)
            {
                return new Output(null, "Invalid", $"At most {line.TotalFeeCny - line.RefundedCny - line.PendingCny:0.00} yuan can still be refunded.");
            }

            // One number per refund of the line: "{oid}-R{n}". A retry reuses the stored one.
            var outRequestNo = line.Oid.ToString(CultureInfo.InvariantCulture) + "-R" + (line.Refunds + 1).ToString(CultureInfo.InvariantCulture);
            var now = time.GetUtcNow();
            refundId = await connection.ExecuteScalarAsync<long>(db.Dialect.InsertReturningId(InsertSql), new { input.OrderLineId, input.SellerId, outRequestNo, input.AmountCny, input.RequestedBy, now }, transaction);
            await connection.ExecuteAsync(EventSql, new { orderId = line.OrderId, sellerId = input.SellerId, at = now, kind = "RefundRequested", detail = $"{input.AmountCny:0.00} CNY ({outRequestNo})" }, transaction);
            await transaction.CommitAsync(cancellationToken);
        }

        return await CompleteAsync(refundId, cancellationToken);
    }

    /// <summary>Sends (or sends again) a requested refund; safe to call any number of times.</summary>
    public async Task<Output> CompleteAsync(long refundId, CancellationToken cancellationToken)
    {
        RefundRow refund;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            refund = await connection.QuerySingleAsync<RefundRow>(RefundSql, new { refundId });
        }

        if (refund.Status != "Requested")
        {
            return new Output(refund.Id, refund.Status, null);
        }

        var result = await processor.RefundAsync(
            new TradeRefund(refund.Tid.ToString(CultureInfo.InvariantCulture), refund.AmountCny, refund.OutRequestNo), cancellationToken);
        if (result.Outcome is ProcessorOutcome.RetryLater or ProcessorOutcome.Untrusted)
        {
            logger.LogWarning("Refund {RefundId} not confirmed ({Outcome}); it stays requested and is sent again later", refund.Id, result.Outcome);
            return new Output(refund.Id, "Requested", result.Error?.Msg);
        }

        var succeeded = result.Outcome == ProcessorOutcome.Success;
        var message = succeeded ? null : $"{result.Error?.Code} {result.Error?.SubCode} {result.Error?.SubMsg}".Trim();
        await using (var connection = await db.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            var changed = await connection.ExecuteAsync(
                "UPDATE refunds SET status = @status, refund_fee_total = @total, completed_at = @now, message = @message WHERE id = @id AND status = 'Requested'",
                new { status = succeeded ? "Succeeded" : "Failed", total = result.RefundFee, now, message, id = refund.Id },
                transaction);
            if (changed == 1 && succeeded)
            {
                await connection.ExecuteAsync(
                    "UPDATE order_lines SET refunded_cny = refunded_cny + @AmountCny WHERE id = @OrderLineId",
                    new { refund.AmountCny, refund.OrderLineId },
                    transaction);
            }

            if (changed == 1)
            {
                await connection.ExecuteAsync(EventSql, new
                {
                    orderId = refund.OrderId,
                    sellerId = refund.SellerId,
                    at = now,
                    kind = succeeded ? "Refunded" : "RefundFailed",
                    detail = succeeded ? $"{refund.AmountCny:0.00} CNY ({refund.OutRequestNo})" : message,
                }, transaction);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new Output(refund.Id, succeeded ? "Succeeded" : "Failed", message);
    }

    private sealed class LineRow
    {
        public long Id { get; init; }

        public long Oid { get; init; }

        public long OrderId { get; init; }

        public decimal TotalFeeCny { get; init; }

        public decimal RefundedCny { get; init; }

        public decimal PendingCny { get; init; }

        public long Refunds { get; init; }
    }

    private sealed class RefundRow
    {
        public long Id { get; init; }

        public long OrderLineId { get; init; }

        public long SellerId { get; init; }

        public string OutRequestNo { get; init; } = "";

        public decimal AmountCny { get; init; }

        public string Status { get; init; } = "";

        public long Tid { get; init; }

        public long OrderId { get; init; }
    }
}
