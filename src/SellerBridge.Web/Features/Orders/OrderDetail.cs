using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// One order as its viewer may see it: a seller its own lines, their settlement, refunds and
/// shipment, and a timeline of the order's events (shared ones and its own), payment notifications,
/// refunds and shipments; the operator everything. Null when a seller has no line on the order.
/// </summary>
public sealed class OrderDetail(Db db)
{
    public sealed class Header
    {
        public long Id { get; init; }

        public long Tid { get; init; }

        public string Status { get; init; } = "";

        public string? PaymentStatus { get; init; }

        public DateTimeOffset Created { get; init; }

        public DateTimeOffset Modified { get; init; }

        public DateTimeOffset? PayTime { get; init; }

        public decimal PaymentCny { get; init; }

        public string? ReceiverState { get; init; }
    }

    public sealed class Line
    {
        public long Id { get; init; }

        public long? SellerId { get; init; }

        public long Oid { get; init; }

        public string OuterIid { get; init; } = "";

        public string Title { get; init; } = "";

        public decimal PriceCny { get; init; }

        public int Num { get; init; }

        public decimal TotalFeeCny { get; init; }

        public decimal RefundedCny { get; init; }

        public string Status { get; init; } = "";

        public decimal? Rate { get; init; }

        public long? KrwGross { get; init; }

        public long? ProcessorFeeKrw { get; init; }

        public long? CommissionKrw { get; init; }

        public long? KrwNet { get; init; }

        public string? SettlementDate { get; init; }

        /// <summary><c>estimate</c> (our configured rate, until the processor reports) or <c>processor</c> (its settle_amount and rate).</summary>
        public string? RateSource { get; init; }

        /// <summary>The estimate a processor settlement replaced; null while the line is still an estimate.</summary>
        public decimal? EstimateRate { get; init; }

        public long? EstimateKrwNet { get; init; }

        public string Sku => OuterId.TryParse(OuterIid, out _, out var sku) ? sku : OuterIid;
    }

    public sealed class Shipment
    {
        public long Id { get; init; }

        public long SellerId { get; init; }

        public string CompanyCode { get; init; } = "";

        public string TrackingNumber { get; init; } = "";

        public string Status { get; init; } = "";

        public int Attempts { get; init; }

        public string? LastError { get; init; }

        public DateTimeOffset? SentAt { get; init; }
    }

    public sealed record TimelineEntry(DateTimeOffset At, string Kind, string? Detail);

    public sealed record View(Header Order, IReadOnlyList<Line> Lines, IReadOnlyList<Shipment> Shipments, IReadOnlyList<TimelineEntry> Timeline);

    private const string HeaderSql = """
        SELECT id AS Id, tid AS Tid, status AS Status, payment_status AS PaymentStatus, created AS Created, modified AS Modified,
               pay_time AS PayTime, payment_cny AS PaymentCny, receiver_state AS ReceiverState
        FROM orders WHERE id = @id
        """;

    // @all is 1 for the operator; a seller's filter is on its own id, from the scope.
    private const string LinesSql = """
        SELECT l.id AS Id, l.seller_id AS SellerId, l.oid AS Oid, l.outer_iid AS OuterIid, l.title AS Title, l.price_cny AS PriceCny, l.num AS Num,
               l.total_fee_cny AS TotalFeeCny, l.refunded_cny AS RefundedCny, l.status AS Status, s.rate AS Rate, s.krw_gross AS KrwGross,
               s.processor_fee_krw AS ProcessorFeeKrw, s.commission_krw AS CommissionKrw, s.krw_net AS KrwNet, s.settlement_date AS SettlementDate,
               s.rate_source AS RateSource, s.estimate_rate AS EstimateRate, s.estimate_krw_net AS EstimateKrwNet
        FROM order_lines l LEFT JOIN settlements s ON s.order_line_id = l.id
        WHERE l.order_id = @id AND (@all = 1 OR l.seller_id = @sellerId)
        ORDER BY l.id
        """;

    private const string ShipmentsSql = """
        SELECT id AS Id, seller_id AS SellerId, company_code AS CompanyCode, tracking_number AS TrackingNumber, status AS Status,
               attempts AS Attempts, last_error AS LastError, sent_at AS SentAt
        FROM shipments WHERE order_id = @id AND (@all = 1 OR seller_id = @sellerId) ORDER BY id
        """;

    private const string EventsSql = """
        SELECT at AS At, kind AS Kind, detail AS Detail FROM order_events
        WHERE order_id = @id AND (@all = 1 OR seller_id IS NULL OR seller_id = @sellerId)
        """;

    private const string NotificationsSql = """
        SELECT received_at AS At, verdict AS Verdict, trade_status AS TradeStatus, reason AS Reason FROM payment_notifications WHERE order_id = @id
        """;

    private const string RefundsSql = """
        SELECT r.requested_at AS At, r.status AS Status, r.amount_cny AS AmountCny, r.out_request_no AS OutRequestNo, r.message AS Message
        FROM refunds r JOIN order_lines l ON l.id = r.order_line_id
        WHERE l.order_id = @id AND (@all = 1 OR r.seller_id = @sellerId)
        """;

    public Task<View?> ForSellerAsync(SellerScope scope, long orderId) => LoadAsync(orderId, scope.SellerId);

    public Task<View?> ForOperatorAsync(long orderId) => LoadAsync(orderId, null);

    private async Task<View?> LoadAsync(long id, long? sellerId)
    {
        var args = new { id, sellerId, all = sellerId is null ? 1 : 0 };
        await using var connection = await db.OpenAsync();
        var header = await connection.QuerySingleOrDefaultAsync<Header>(HeaderSql, args);
        var lines = header is null ? [] : (await connection.QueryAsync<Line>(LinesSql, args)).ToList();
        if (header is null || (sellerId is not null && lines.Count == 0))
        {
            return null;
        }

        var timeline = new List<TimelineEntry>();
        timeline.AddRange((await connection.QueryAsync<EventRow>(EventsSql, args)).Select(e => new TimelineEntry(e.At, e.Kind, e.Detail)));
        // The processor's messages are the order's, not a seller's: each seller of the order sees the verdicts, never the raw form.
        timeline.AddRange((await connection.QueryAsync<NotificationRow>(NotificationsSql, args))
            .Select(n => new TimelineEntry(n.At, "PaymentNotification", $"{n.TradeStatus} · {n.Verdict}{(n.Reason is null ? "" : " · " + n.Reason)}")));
        timeline.AddRange((await connection.QueryAsync<RefundRow>(RefundsSql, args))
            .Select(r => new TimelineEntry(r.At, "Refund", $"{r.AmountCny:0.00} CNY · {r.Status} · {r.OutRequestNo}{(r.Message is null ? "" : " · " + r.Message)}")));
        var shipments = (await connection.QueryAsync<Shipment>(ShipmentsSql, args)).ToList();
        return new View(header, lines, shipments, timeline.OrderBy(t => t.At).ToList());
    }

    private sealed class EventRow
    {
        public DateTimeOffset At { get; init; }

        public string Kind { get; init; } = "";

        public string? Detail { get; init; }
    }

    private sealed class NotificationRow
    {
        public DateTimeOffset At { get; init; }

        public string Verdict { get; init; } = "";

        public string? TradeStatus { get; init; }

        public string? Reason { get; init; }
    }

    private sealed class RefundRow
    {
        public DateTimeOffset At { get; init; }

        public string Status { get; init; } = "";

        public decimal AmountCny { get; init; }

        public string OutRequestNo { get; init; } = "";

        public string? Message { get; init; }
    }
}
