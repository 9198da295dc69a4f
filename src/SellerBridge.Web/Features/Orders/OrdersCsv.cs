using System.Globalization;
using CsvHelper;
using Dapper;
using SellerBridge.Web.Infrastructure.Localisation;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// The filtered orders list as CSV, one row per line the viewer may see: UTF-8 with a BOM so Excel
/// shows Korean and Chinese, and cells a spreadsheet would run as formulas escaped.
/// </summary>
public sealed class OrdersCsv(Db db)
{
    private static readonly string[] s_korean = ["주문번호", "주문일시(KST)", "마켓 상태", "결제 상태", "SKU", "상품명", "단가(위안)", "수량", "금액(위안)", "환불(위안)", "환율", "정산 총액(원)", "결제 수수료(원)", "마켓 수수료(원)", "정산액(원)", "정산일"];
    private static readonly string[] s_english = ["Order number", "Ordered (KST)", "Marketplace status", "Payment status", "SKU", "Title", "Unit price (CNY)", "Quantity", "Amount (CNY)", "Refunded (CNY)", "Rate", "Gross (KRW)", "Processor fee (KRW)", "Commission (KRW)", "Net (KRW)", "Settlement date"];

    public Task WriteForSellerAsync(SellerScope scope, OrderFilter filter, Stream output, CultureInfo culture, CancellationToken cancellationToken) =>
        WriteAsync(scope.SellerId, filter, output, culture, cancellationToken);

    public Task WriteForOperatorAsync(OrderFilter filter, Stream output, CultureInfo culture, CancellationToken cancellationToken) =>
        WriteAsync(null, filter, output, culture, cancellationToken);

    private async Task WriteAsync(long? sellerId, OrderFilter filter, Stream output, CultureInfo culture, CancellationToken cancellationToken)
    {
        var (where, lineWhere, args) = OrderList.Where(sellerId, filter);
        var sql = $"""
            SELECT o.tid AS Tid, o.created AS Created, o.status AS Status, o.payment_status AS PaymentStatus, l.outer_iid AS OuterIid, l.title AS Title,
                   l.price_cny AS PriceCny, l.num AS Num, l.total_fee_cny AS TotalFeeCny, l.refunded_cny AS RefundedCny, s.rate AS Rate,
                   s.krw_gross AS KrwGross, s.processor_fee_krw AS ProcessorFeeKrw, s.commission_krw AS CommissionKrw, s.krw_net AS KrwNet, s.settlement_date AS SettlementDate
            FROM orders o JOIN order_lines l ON l.order_id = o.id AND {lineWhere}
            LEFT JOIN settlements s ON s.order_line_id = l.id
            WHERE {where}
            ORDER BY o.created DESC, o.id DESC, l.id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
        await csv.WriteRecordAsync(culture.TwoLetterISOLanguageName == "en" ? s_english : s_korean, cancellationToken);
        var inv = CultureInfo.InvariantCulture;
        // Streamed: an export can be the whole history.
        await foreach (var r in connection.QueryUnbufferedAsync<Row>(sql, args).WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(
            [
                r.Tid.ToString(inv), r.Created.ToKoreaTime("yyyy-MM-dd HH:mm:ss"), r.Status, r.PaymentStatus ?? "",
                OuterId.TryParse(r.OuterIid, out _, out var sku) ? sku : r.OuterIid, r.Title,
                r.PriceCny.ToString("0.00", inv), r.Num.ToString(inv), r.TotalFeeCny.ToString("0.00", inv), r.RefundedCny.ToString("0.00", inv),
                r.Rate?.ToString("0.######", inv) ?? "", r.KrwGross?.ToString(inv) ?? "", r.ProcessorFeeKrw?.ToString(inv) ?? "",
                r.CommissionKrw?.ToString(inv) ?? "", r.KrwNet?.ToString(inv) ?? "", r.SettlementDate ?? "",
            ], cancellationToken);
        }
    }

    private sealed class Row
    {
        public long Tid { get; init; }

        public DateTimeOffset Created { get; init; }

        public string Status { get; init; } = "";

        public string? PaymentStatus { get; init; }

        public string OuterIid { get; init; } = "";

        public string Title { get; init; } = "";

        public decimal PriceCny { get; init; }

        public int Num { get; init; }

        public decimal TotalFeeCny { get; init; }

        public decimal RefundedCny { get; init; }

        public decimal? Rate { get; init; }

        public long? KrwGross { get; init; }

        public long? ProcessorFeeKrw { get; init; }

        public long? CommissionKrw { get; init; }

        public long? KrwNet { get; init; }

        public string? SettlementDate { get; init; }
    }
}
