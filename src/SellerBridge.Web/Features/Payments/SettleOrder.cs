using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// Stores the won settlement of each line of a paid order, inside the caller's transaction, as an
/// estimate (<c>rate_source = estimate</c>): at the latest daily rate the processor gave us on or
/// before the settlement day (<c>processor_fx_rates</c>), else <c>Payments:DefaultKrwPerCny</c>.
/// It also owes the trade a question to the processor (<c>processor_settlements</c>), whose answer
/// <see cref="SettleFromProcessor"/> puts in the estimate's place. Lines already settled are left
/// alone, so calling it again (a notification, then the orders sync) is harmless.
/// </summary>
public sealed class SettleOrder(Db db, IOptions<PaymentsOptions> options)
{
    private const string LinesSql = """
        SELECT l.id AS LineId, l.seller_id AS SellerId, l.total_fee_cny AS TotalFeeCny, p.category AS Category, d.cid AS Cid
        FROM order_lines l
        LEFT JOIN products p ON p.id = l.product_id
        LEFT JOIN product_drafts d ON d.product_id = l.product_id
        WHERE l.order_id = @orderId
          AND l.seller_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.order_line_id = l.id)
        ORDER BY l.id
        """;

    private const string RateSql = """
        SELECT rate FROM processor_fx_rates
        WHERE currency = 'KRW' AND rate_date <= @day
        ORDER BY rate_date DESC
        """;

    /// <summary><c>rate_source</c> of a settlement at our own rate, until the processor's figures replace it.</summary>
    public const string Estimate = "estimate";

    /// <summary><c>rate_source</c> of a settlement rewritten with the trade's <c>settle_amount</c> and <c>settle_trans_rate</c>.</summary>
    public const string Processor = "processor";

    /// <summary>The settlement day for a payment: its date in GMT+8, where the processor keeps its books.</summary>
    public static string SettlementDay(DateTimeOffset paidAt) =>
        paidAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Settles the order's unsettled lines; returns how many were settled now.</summary>
    public async Task<int> SettleAsync(DbConnection connection, DbTransaction transaction, long orderId, DateTimeOffset paidAt, DateTimeOffset now) =>
        await PlanAsync(connection, transaction, orderId, paidAt, now) is { } planned
            ? await connection.ExecuteAsync(planned.Sql, planned.Parameters, transaction)
            : 0;

    /// <summary>The writes that settle the order's unsettled lines, for the caller to send with its own.</summary>
    public sealed record Planned(string Sql, DynamicParameters Parameters);

    /// <summary>
    /// Reads what settling needs (the lines, the day's rate and the commission rules, in one round
    /// trip) and returns the inserts to run in the same transaction; null when every line is settled.
    /// </summary>
    public async Task<Planned?> PlanAsync(DbConnection connection, DbTransaction transaction, long orderId, DateTimeOffset paidAt, DateTimeOffset now) =>
        (await PlanAfterAsync(connection, transaction, null, orderId, paidAt, now)).Plan;

    /// <summary>A statement to run first, in the same round trip: it must return a row, or nothing is planned.</summary>
    public sealed record Guard(string Sql, DynamicParameters Parameters);

    /// <summary>
    /// As <see cref="PlanAsync"/>, after <paramref name="guard"/> (a guarded UPDATE … RETURNING, say)
    /// sent in the same round trip; <c>Held</c> is false when the guard returned no row.
    /// </summary>
    public async Task<(bool Held, Planned? Plan)> PlanAfterAsync(
        DbConnection connection, DbTransaction transaction, Guard? guard, long orderId, DateTimeOffset paidAt, DateTimeOffset now)
    {
        var day = SettlementDay(paidAt);
        var o = options.Value;
        var parameters = guard?.Parameters ?? new DynamicParameters();
        parameters.AddDynamicParams(new { orderId, day, one = 1 });
        await using var grid = await connection.QueryMultipleAsync(
            (guard is null ? "" : guard.Sql + ";\n") + LinesSql + ";\n" + RateSql + db.Dialect.Limit("one") + ";\n" + CommissionRates.Sql, parameters, transaction);
        if (guard is not null && !(await grid.ReadAsync<long>()).Any())
        {
            return (false, null);
        }

        var lines = (await grid.ReadAsync<Line>()).ToList();
        var stored = await grid.ReadFirstOrDefaultAsync<decimal?>();
        var commissionFor = await CommissionRates.ReadAsync(grid, o.DefaultCommissionPercent);
        if (lines.Count == 0)
        {
            return (true, null);
        }

        // Only the trade's own settle_amount is the processor's settlement; any rate known before it is an estimate.
        var rate = stored ?? o.DefaultKrwPerCny;
        var sql = new System.Text.StringBuilder();
        var writes = new DynamicParameters();
        sql.Append(db.Dialect.InsertIgnoreDuplicates(
            "processor_settlements", "order_id, status, checks, next_check_at, created_at", "@s_order, 'Pending', 0, @s_now, @s_now", "order_id")).Append(";\n");
        writes.Add("s_order", orderId);
        writes.Add("s_rate", rate);
        writes.Add("s_source", Estimate);
        writes.Add("s_fee_percent", o.ProcessorFeePercent);
        writes.Add("s_day", day);
        writes.Add("s_now", now);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var commissionPercent = commissionFor(line.Cid, line.Category);
            var figures = SettlementCalculator.Compute(line.TotalFeeCny, rate, o.ProcessorFeePercent, commissionPercent);
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(db.Dialect.InsertIgnoreDuplicates(
                "settlements",
                "order_line_id, seller_id, cny_amount, rate, rate_source, krw_gross, processor_fee_percent, processor_fee_krw, commission_percent, commission_krw, krw_net, settlement_date, computed_at",
                $"@s{n}_line, @s{n}_seller, @s{n}_cny, @s_rate, @s_source, @s{n}_gross, @s_fee_percent, @s{n}_fee, @s{n}_commission_percent, @s{n}_commission, @s{n}_net, @s_day, @s_now",
                "order_line_id")).Append(";\n");
            writes.Add($"s{n}_line", line.LineId);
            writes.Add($"s{n}_seller", line.SellerId);
            writes.Add($"s{n}_cny", line.TotalFeeCny);
            writes.Add($"s{n}_gross", figures.KrwGross);
            writes.Add($"s{n}_fee", figures.ProcessorFeeKrw);
            writes.Add($"s{n}_commission_percent", commissionPercent);
            writes.Add($"s{n}_commission", figures.CommissionKrw);
            writes.Add($"s{n}_net", figures.KrwNet);
        }

        return (true, new Planned(sql.ToString(), writes));
    }

    // Classes, not positional records: Dapper then converts SQLite's REAL money through the decimal handler.
    private sealed class Line
    {
        public long LineId { get; init; }

        public long SellerId { get; init; }

        public decimal TotalFeeCny { get; init; }

        public string? Category { get; init; }

        public long? Cid { get; init; }
    }
}
