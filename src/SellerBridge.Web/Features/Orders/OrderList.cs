using System.Data.Common;
using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Localisation;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Orders;

/// <summary>Filters of the orders list; dates are Korea-time days, inclusive.</summary>
public sealed record OrderFilter(string? Status = null, string? PaymentStatus = null, DateOnly? From = null, DateOnly? To = null, string? Search = null, bool UnmatchedOnly = false)
{
    public string? Status { get; init; } = Blank(Status);

    public string? PaymentStatus { get; init; } = Blank(PaymentStatus);

    public string? Search { get; init; } = Blank(Search);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The orders list: one row per order with the viewer's lines summed (a seller sees only its own
/// lines, the operator all), newest first, paged by (created, id) so a deep page costs what the
/// first does; and the filter's totals.
/// </summary>
public sealed class OrderList(Db db)
{
    public const int PageSize = 50;

    public sealed class Row
    {
        public long Id { get; init; }

        public long Tid { get; init; }

        public string Status { get; init; } = "";

        public string? PaymentStatus { get; init; }

        public DateTimeOffset Created { get; init; }

        public int Lines { get; init; }

        public string FirstOuterIid { get; init; } = "";

        public decimal YuanAmount { get; init; }

        public decimal RefundedYuan { get; init; }

        public long? WonNet { get; init; }

        public string Cursor => Created.UtcTicks.ToString(CultureInfo.InvariantCulture) + "-" + Id.ToString(CultureInfo.InvariantCulture);
    }

    public sealed class Totals
    {
        public long Orders { get; init; }

        public decimal YuanAmount { get; init; }

        public long WonNet { get; init; }
    }

    public sealed record Page(IReadOnlyList<Row> Rows, string? Next, Totals Totals);

    /// <param name="withTotals">The totals sum every line the filter matches; the API, which shows none, skips them.</param>
    public Task<Page> ForSellerAsync(SellerScope scope, OrderFilter filter, string? after, int limit = PageSize, bool withTotals = true) =>
        ListAsync(scope.SellerId, filter, after, limit, withTotals);

    public Task<Page> ForOperatorAsync(OrderFilter filter, string? after, int limit = PageSize) => ListAsync(null, filter, after, limit, true);

    private async Task<Page> ListAsync(long? sellerId, OrderFilter filter, string? after, int limit, bool withTotals)
    {
        limit = Math.Clamp(limit, 1, 500);
        var (where, lineWhere, args) = Where(sellerId, filter);
        var keyset = "";
        if (TryParseCursor(after, out var afterCreated, out var afterId))
        {
            keyset = " AND " + db.Dialect.KeysetBefore("o.created", "o.id", "afterCreated", "afterId");
            args.Add("afterCreated", afterCreated);
            args.Add("afterId", afterId);
        }

        args.Add("limit", limit);
        // The page's orders are chosen first, walking the (created, id) index; only they are summed.
        var sql = $"""
            WITH page AS (
                SELECT o.id FROM orders o
                WHERE {where}{keyset} AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND {lineWhere})
                ORDER BY o.created DESC, o.id DESC{db.Dialect.Limit("limit")})
            SELECT o.id AS Id, o.tid AS Tid, o.status AS Status, o.payment_status AS PaymentStatus, o.created AS Created,
                   COUNT(l.id) AS Lines, MIN(l.outer_iid) AS FirstOuterIid, SUM(l.total_fee_cny) AS YuanAmount,
                   SUM(l.refunded_cny) AS RefundedYuan, SUM(s.krw_net) AS WonNet
            FROM page p JOIN orders o ON o.id = p.id
            JOIN order_lines l ON l.order_id = o.id AND {lineWhere}
            LEFT JOIN settlements s ON s.order_line_id = l.id
            GROUP BY o.id, o.tid, o.status, o.payment_status, o.created
            ORDER BY o.created DESC, o.id DESC
            """;
        var totalsSql = Unfiltered(filter) && sellerId is not null && db.Dialect.KeepsOrderTotals
            ? OrderTotals.SellerTotalsSql
            : Unfiltered(filter)
            // Everything the viewer has: the lines and the settlements are summed on their own
            // (each line's settlement carries the line's seller), from indexes alone.
            ? $"""
                SELECT t.Orders, t.YuanAmount, (SELECT COALESCE(SUM(s.krw_net), 0) FROM settlements s WHERE {(sellerId is null ? "1 = 1" : "s.seller_id = @sellerId")}) AS WonNet
                FROM (SELECT COUNT(DISTINCT l.order_id) AS Orders, COALESCE(SUM(l.total_fee_cny), 0) AS YuanAmount FROM order_lines l WHERE {lineWhere}) t
                """
            : $"""
                SELECT COUNT(DISTINCT o.id) AS Orders, COALESCE(SUM(l.total_fee_cny), 0) AS YuanAmount, COALESCE(SUM(s.krw_net), 0) AS WonNet
                FROM orders o JOIN order_lines l ON l.order_id = o.id AND {lineWhere}
                LEFT JOIN settlements s ON s.order_line_id = l.id
                WHERE {where}
                """;
        async Task<List<Row>> RowsAsync(DbConnection connection) => (await connection.QueryAsync<Row>(sql, args)).ToList();

        List<Row> rows;
        var totals = new Totals();
        if (!withTotals || !db.Dialect.ParallelQueries)
        {
            await using var connection = await db.OpenAsync();
            rows = await RowsAsync(connection);
            totals = withTotals ? await connection.QuerySingleAsync<Totals>(totalsSql, args) : totals;
        }
        else
        {
            // The page and its totals on two connections at once: the page waits for the slower of the two,
            // not for both. The totals get parameters of their own, as Dapper's are not shared across commands.
            var totalsArgs = Where(sellerId, filter).Args;
            async Task<T> OnItsOwnAsync<T>(Func<DbConnection, Task<T>> query)
            {
                await using var connection = await db.OpenAsync();
                return await query(connection);
            }

            var rowsTask = OnItsOwnAsync(RowsAsync);
            var totalsTask = OnItsOwnAsync(c => c.QuerySingleAsync<Totals>(totalsSql, totalsArgs));
            await Task.WhenAll(rowsTask, totalsTask);
            (rows, totals) = (await rowsTask, await totalsTask);
        }

        return new Page(rows, rows.Count == limit ? rows[^1].Cursor : null, totals);
    }

    /// <summary>No filter but the viewer's own lines (unmatched lines are never settled, so they take the general path).</summary>
    private static bool Unfiltered(OrderFilter f) =>
        f is { Status: null, PaymentStatus: null, From: null, To: null, Search: null, UnmatchedOnly: false };

    /// <summary>The filter as SQL over fixed fragments; every value travels as a parameter.</summary>
    internal static (string Where, string LineWhere, DynamicParameters Args) Where(long? sellerId, OrderFilter f)
    {
        var args = new DynamicParameters();
        var where = new List<string> { "1 = 1" };
        var line = new List<string> { sellerId is null ? (f.UnmatchedOnly ? "l.seller_id IS NULL" : "1 = 1") : "l.seller_id = @sellerId" };
        args.Add("sellerId", sellerId);
        if (f.Status is not null)
        {
            where.Add("o.status = @status");
            args.Add("status", f.Status);
        }

        if (f.PaymentStatus == "NONE")
        {
            where.Add("o.payment_status IS NULL");
        }
        else if (f.PaymentStatus is not null)
        {
            where.Add("o.payment_status = @paymentStatus");
            args.Add("paymentStatus", f.PaymentStatus);
        }

        if (f.From is { } from)
        {
            where.Add("o.created >= @fromUtc");
            args.Add("fromUtc", KoreaDayStart(from));
        }

        if (f.To is { } to)
        {
            where.Add("o.created < @toUtc");
            args.Add("toUtc", KoreaDayStart(to.AddDays(1)));
        }

        if (f.Search is { } search)
        {
            // An order number, or a SKU (exact for a seller; for the operator, any seller's).
            var skuMatch = sellerId is not null ? "l.outer_iid = @outerIid" : "l.outer_iid LIKE @skuLike ESCAPE '\\'";
            args.Add("outerIid", sellerId is { } id ? OuterId.Format(id, search) : null);
            args.Add("skuLike", "%-" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_"));
            if (long.TryParse(search, NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
            {
                where.Add($"(o.tid = @tid OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND {skuMatch}))");
                args.Add("tid", tid);
            }
            else
            {
                line.Add(skuMatch);
            }
        }

        return (string.Join(" AND ", where), string.Join(" AND ", line), args);
    }

    private static DateTimeOffset KoreaDayStart(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), LocalisationExtensions.KoreaTime.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    private static bool TryParseCursor(string? cursor, out DateTimeOffset created, out long id)
    {
        created = default;
        id = 0;
        var dash = cursor?.IndexOf('-') ?? -1;
        if (dash <= 0
            || !long.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(cursor.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        created = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}
