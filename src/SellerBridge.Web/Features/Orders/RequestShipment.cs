using System.Text.RegularExpressions;
using Dapper;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// A seller enters the carrier and tracking number for its lines of an order (portal or API). The
/// shipment is stored Queued and a job tells the marketplace; entering it again before it is sent
/// replaces the number. Unpaid orders and orders the marketplace closed are refused.
/// </summary>
public sealed partial class RequestShipment(Db db, JobQueue jobs, TimeProvider time)
{
    public sealed record Input(long OrderId, string? Carrier, string? TrackingNumber);

    /// <summary><see cref="Status"/>: Queued, Invalid (Errors by field, English keys), NotFound, Refused (Reason: a key).</summary>
    public sealed record Output(string Status, long? ShipmentId = null, IReadOnlyDictionary<string, string>? Errors = null, string? Reason = null);

    /// <summary>Marketplace statuses before payment: nothing to ship yet.</summary>
    public static readonly IReadOnlySet<string> Unpaid = new HashSet<string>(StringComparer.Ordinal) { "TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "PAY_PENDING" };

    /// <summary>Closed statuses: never ship (closed before payment, or closed after a refund).</summary>
    public static readonly IReadOnlySet<string> Closed = new HashSet<string>(StringComparer.Ordinal) { "TRADE_CLOSED_BY_TAOBAO", "TRADE_CLOSED" };

    private const string OrderSql = """
        SELECT o.id AS Id, o.status AS Status, sh.id AS ShipmentId, sh.status AS ShipmentStatus
        FROM orders o
        LEFT JOIN shipments sh ON sh.order_id = o.id AND sh.seller_id = @SellerId
        WHERE o.id = @OrderId AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.seller_id = @SellerId)
        """;

    public static IReadOnlyDictionary<string, string> Validate(Input input)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Carriers.Find(input.Carrier) is null)
        {
            errors["carrier"] = "Choose a carrier from the list.";
        }

        if (string.IsNullOrWhiteSpace(input.TrackingNumber) || !TrackingPattern().IsMatch(input.TrackingNumber.Trim()))
        {
            errors["trackingNumber"] = "Enter the tracking number: 6 to 30 letters, digits or dashes.";
        }

        return errors;
    }

    public async Task<Output> RequestAsync(SellerScope scope, Input input, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new Output("Invalid", Errors: errors);
        }

        long shipmentId;
        await using (var connection = await db.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(OrderSql, new { scope.SellerId, input.OrderId }, transaction);
            if (order is null)
            {
                return new Output("NotFound");
            }

            var refusal = Unpaid.Contains(order.Status) ? "The order is not paid yet."
                : order.Status == "TRADE_CLOSED_BY_TAOBAO" ? "The marketplace closed the order before payment (TRADE_CLOSED_BY_TAOBAO)."
                : order.Status == "TRADE_CLOSED" ? "The order is closed (refunded)."
                : order.ShipmentStatus == "Sent" ? "The shipment was already reported to the marketplace."
                : null;
            if (refusal is not null)
            {
                return new Output("Refused", order.ShipmentId, Reason: refusal);
            }

            var now = time.GetUtcNow();
            var code = Carriers.Find(input.Carrier)!.Code;
            var tracking = input.TrackingNumber!.Trim();
            if (order.ShipmentId is { } existing)
            {
                await connection.ExecuteAsync(
                    "UPDATE shipments SET company_code = @code, tracking_number = @tracking, status = 'Queued', attempts = 0, last_error = NULL, updated_at = @now WHERE id = @existing",
                    new { code, tracking, now, existing }, transaction);
                shipmentId = existing;
            }
            else
            {
                shipmentId = await connection.ExecuteScalarAsync<long>(db.Dialect.InsertReturningId("""
                    INSERT INTO shipments (order_id, seller_id, company_code, tracking_number, status, attempts, created_at, updated_at)
                    VALUES (@OrderId, @SellerId, @code, @tracking, 'Queued', 0, @now, @now)
                    """), new { input.OrderId, scope.SellerId, code, tracking, now }, transaction);
            }

            await connection.ExecuteAsync(
                "INSERT INTO order_events (order_id, seller_id, at, kind, detail) VALUES (@OrderId, @SellerId, @now, 'ShipmentQueued', @detail)",
                new { input.OrderId, scope.SellerId, now, detail = $"{code} {tracking}" }, transaction);
            await transaction.CommitAsync(cancellationToken);
        }

        // The recurring sweep sends it too; this only makes it prompt.
        jobs.EnqueueOnce<SendShipmentsJob>("send-shipments", job => job.RunAsync(CancellationToken.None));
        return new Output("Queued", shipmentId);
    }

    [GeneratedRegex("^[A-Za-z0-9-]{6,30}$")]
    private static partial Regex TrackingPattern();

    private sealed class OrderRow
    {
        public long Id { get; init; }

        public string Status { get; init; } = "";

        public long? ShipmentId { get; init; }

        public string? ShipmentStatus { get; init; }
    }
}
