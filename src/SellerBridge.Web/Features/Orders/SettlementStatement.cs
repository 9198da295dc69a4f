using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// A month of settlements (by settlement date, GMT+8): each paid line as settled, and each refund
/// taken back (negative). The totals are the sums of exactly these rows, so they always add up.
/// </summary>
public sealed class SettlementStatement(Db db)
{
    public sealed class Row
    {
        public string Kind { get; init; } = "";

        public long SellerId { get; init; }

        public string Company { get; init; } = "";

        public long OrderId { get; init; }

        public long Tid { get; init; }

        public string OuterIid { get; init; } = "";

        public decimal CnyAmount { get; init; }

        public decimal Rate { get; init; }

        public long KrwGross { get; init; }

        public long ProcessorFeeKrw { get; init; }

        public long CommissionKrw { get; init; }

        public long KrwNet { get; init; }

        public string SettlementDate { get; init; } = "";

        /// <summary>The line's settlement source (a refund's too): <c>estimate</c> rows may still change.</summary>
        public string RateSource { get; init; } = "";

        public bool IsEstimate => RateSource == Payments.SettleOrder.Estimate;

        public string Sku => OuterId.TryParse(OuterIid, out _, out var sku) ? sku : OuterIid;
    }

    public sealed record Sum(decimal CnyAmount, long KrwGross, long ProcessorFeeKrw, long CommissionKrw, long KrwNet)
    {
        public static Sum Of(IEnumerable<Row> rows)
        {
            var list = rows.ToList();
            return new(list.Sum(r => r.CnyAmount), list.Sum(r => r.KrwGross), list.Sum(r => r.ProcessorFeeKrw), list.Sum(r => r.CommissionKrw), list.Sum(r => r.KrwNet));
        }
    }

    public sealed record Statement(string Month, IReadOnlyList<Row> Rows, Sum Totals);

    private const string Sql = """
        SELECT 'Sale' AS Kind, s.seller_id AS SellerId, se.company_name AS Company, o.id AS OrderId, o.tid AS Tid, l.outer_iid AS OuterIid,
               s.cny_amount AS CnyAmount, s.rate AS Rate, s.krw_gross AS KrwGross, s.processor_fee_krw AS ProcessorFeeKrw,
               s.commission_krw AS CommissionKrw, s.krw_net AS KrwNet, s.settlement_date AS SettlementDate, l.id AS LineId, s.rate_source AS RateSource
        FROM settlements s JOIN order_lines l ON l.id = s.order_line_id JOIN orders o ON o.id = l.order_id JOIN sellers se ON se.id = s.seller_id
        WHERE s.settlement_date >= @from AND s.settlement_date < @to AND (@all = 1 OR s.seller_id = @sellerId)
        UNION ALL
        SELECT 'Refund', x.seller_id, se.company_name, o.id, o.tid, l.outer_iid,
               -x.cny_amount, x.rate, -x.krw_gross, -x.processor_fee_krw, -x.commission_krw, -x.krw_net, x.settlement_date, l.id, s.rate_source
        FROM settlement_refunds x JOIN order_lines l ON l.id = x.order_line_id JOIN orders o ON o.id = l.order_id JOIN sellers se ON se.id = x.seller_id
        JOIN settlements s ON s.order_line_id = x.order_line_id
        WHERE x.settlement_date >= @from AND x.settlement_date < @to AND (@all = 1 OR x.seller_id = @sellerId)
        ORDER BY 2, 13, 14, 1 DESC
        """;

    /// <summary>Parses <c>yyyy-MM</c>; anything else is this month (GMT+8).</summary>
    public static DateOnly Month(string? month, DateTimeOffset now) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime) is var today ? new DateOnly(today.Year, today.Month, 1) : default;

    public Task<Statement> ForSellerAsync(SellerScope scope, DateOnly month) => LoadAsync(scope.SellerId, month);

    public Task<Statement> ForOperatorAsync(DateOnly month) => LoadAsync(null, month);

    private async Task<Statement> LoadAsync(long? sellerId, DateOnly month)
    {
        var inv = CultureInfo.InvariantCulture;
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<Row>(Sql, new
        {
            from = month.ToString("yyyy-MM-dd", inv),
            to = month.AddMonths(1).ToString("yyyy-MM-dd", inv),
            sellerId,
            all = sellerId is null ? 1 : 0,
        })).ToList();
        return new Statement(month.ToString("yyyy-MM", inv), rows, Sum.Of(rows));
    }
}
