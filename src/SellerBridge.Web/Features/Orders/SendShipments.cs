using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// Reports queued shipments with <c>taobao.logistics.offline.send</c>. The trade's status is read
/// first: a trade the marketplace already shows as shipped (our earlier send succeeded but its
/// answer was lost) is marked Sent without sending again. Transient faults leave the shipment
/// Queued for the next run; a refusal marks it Failed with the marketplace's reason.
/// </summary>
public sealed class SendShipments(Db db, ITopClient top, IOptions<OrdersOptions> options, TimeProvider time, ILogger<SendShipments> logger)
{
    public sealed record Output(int Sent, int Failed, int Deferred);

    private static readonly HashSet<string> s_shipped = new(StringComparer.Ordinal)
    {
        "SELLER_CONSIGNED_PART", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED",
    };

    private const string QueuedSql = """
        SELECT sh.id AS Id, sh.order_id AS OrderId, sh.seller_id AS SellerId, sh.company_code AS CompanyCode, sh.tracking_number AS TrackingNumber,
               sh.attempts AS Attempts, o.tid AS Tid
        FROM shipments sh JOIN orders o ON o.id = sh.order_id
        WHERE sh.status = 'Queued' ORDER BY sh.id
        """;

    public async Task<Output> RunAsync(CancellationToken cancellationToken)
    {
        List<Row> queued;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            queued = (await connection.QueryAsync<Row>(QueuedSql + db.Dialect.Limit("limit"), new { limit = 200 })).ToList();
        }

        var (sent, failed, deferred) = (0, 0, 0);
        foreach (var shipment in queued)
        {
            var check = await top.TradeFullinfoGetAsync(shipment.Tid, cancellationToken);
            TopResult<bool>? send = null;
            if (check.IsSuccess && check.Value!.Status == "WAIT_SELLER_SEND_GOODS")
            {
                send = await top.LogisticsOfflineSendAsync(shipment.Tid, shipment.TrackingNumber, shipment.CompanyCode, cancellationToken);
            }

            var (status, error) = (check, send) switch
            {
                ({ IsSuccess: true }, null) when s_shipped.Contains(check.Value!.Status) => ("Sent", null),
                ({ IsSuccess: true }, null) => ("Failed", $"The trade is {check.Value!.Status} and cannot be shipped."),
                ({ IsSuccess: true }, { IsSuccess: true, Value: true }) => ("Sent", null),
                ({ IsSuccess: true }, { IsSuccess: true }) => ("Failed", "The marketplace did not accept the shipment."),
                ({ IsSuccess: true }, { Kind: TopErrorKind.Permanent }) => ("Failed", send.Error!.ToString()),
                ({ IsSuccess: true }, _) => ("Queued", send.Error!.ToString()),
                ({ Kind: TopErrorKind.Permanent }, _) => ("Failed", check.Error!.ToString()),
                _ => ("Queued", check.Error!.ToString()),
            };
            if (status == "Queued" && shipment.Attempts + 1 >= options.Value.MaxShipmentAttempts)
            {
                status = "Failed";
            }

            await RecordAsync(shipment, status, error, cancellationToken);
            (sent, failed, deferred) = status switch
            {
                "Sent" => (sent + 1, failed, deferred),
                "Failed" => (sent, failed + 1, deferred),
                _ => (sent, failed, deferred + 1),
            };
            if (check.Kind == TopErrorKind.Throttled || send?.Kind == TopErrorKind.Throttled)
            {
                // Banned: the rest waits for the next run rather than hammering the gateway.
                break;
            }
        }

        return new Output(sent, failed, deferred);
    }

    private async Task RecordAsync(Row shipment, string status, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(
            "UPDATE shipments SET status = @status, attempts = attempts + 1, last_error = @error, updated_at = @now, sent_at = @sentAt WHERE id = @Id AND status = 'Queued'",
            new { status, error, now, sentAt = status == "Sent" ? now : (DateTimeOffset?)null, shipment.Id }, transaction);
        if (status != "Queued")
        {
            await connection.ExecuteAsync(
                "INSERT INTO order_events (order_id, seller_id, at, kind, detail) VALUES (@OrderId, @SellerId, @now, @kind, @detail)",
                new { shipment.OrderId, shipment.SellerId, now, kind = status == "Sent" ? "Shipped" : "ShipmentFailed", detail = status == "Sent" ? $"{shipment.CompanyCode} {shipment.TrackingNumber}" : error },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Shipment {ShipmentId} of trade {Tid}: {Status} {Error}", shipment.Id, shipment.Tid, status, error);
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public long OrderId { get; init; }

        public long SellerId { get; init; }

        public long Tid { get; init; }

        public string CompanyCode { get; init; } = "";

        public string TrackingNumber { get; init; } = "";

        public int Attempts { get; init; }
    }
}
