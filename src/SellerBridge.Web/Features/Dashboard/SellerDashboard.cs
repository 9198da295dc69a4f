using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Localisation;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Dashboard;

/// <summary>
/// What the seller sees first: account state, the listing funnel, orders and sales over the last
/// 30 days in yuan and won, payments awaited, shipments due and the last import.
/// </summary>
public sealed class SellerDashboard(Db db, TimeProvider clock)
{
    public static readonly string[] Funnel = ["Draft", "NeedsAttention", "Ready", "Queued", "Submitting", "PendingAudit", "Live", "Rejected", "Failed", "Delisted"];

    public const int Days = 30;

    public sealed record Model(
        string CompanyName,
        string Brn,
        string Status,
        DateTimeOffset CreatedAt,
        long ActiveApiKeys,
        IReadOnlyDictionary<string, long> Listings,
        IReadOnlyList<Day> Sales,
        long PaymentsAwaited,
        long ShipmentsDue,
        LastImport? LastImport)
    {
        public long Products => Listings.Values.Sum();

        public decimal SalesCny => Sales.Sum(d => d.Cny);

        public long SalesKrwNet => Sales.Sum(d => d.KrwNet);

        public long OrderLines => Sales.Sum(d => d.Lines);
    }

    /// <summary>One Korean calendar day of the chart.</summary>
    public sealed record Day(DateOnly Date, long Lines, decimal Cny, long KrwNet);

    /// <summary>A class with properties, not a positional record: column types differ by provider (int/long, text/time).</summary>
    public sealed class LastImport
    {
        public long Id { get; init; }

        public string FileName { get; init; } = "";

        public string Status { get; init; } = "";

        public long RowsAccepted { get; init; }

        public long RowsRejected { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }

    // A class, not a tuple: Dapper applies the time and money handlers (SQLite's text and REAL) to properties.
    private sealed class SaleLine
    {
        public DateTimeOffset Created { get; init; }

        public decimal Cny { get; init; }

        public long? KrwNet { get; init; }
    }

    private sealed class Account
    {
        public string CompanyName { get; init; } = "";

        public string Brn { get; init; } = "";

        public string Status { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }

        public long ActiveApiKeys { get; init; }
    }

    public async Task<Model?> LoadAsync(SellerScope scope)
    {
        await using var connection = await db.OpenAsync();
        var account = await connection.QuerySingleOrDefaultAsync<Account>(
            """
            SELECT s.company_name AS CompanyName, s.brn AS Brn, s.status AS Status, s.created_at AS CreatedAt,
                   (SELECT COUNT(*) FROM api_keys k WHERE k.seller_id = s.id AND k.revoked_at IS NULL) AS ActiveApiKeys
            FROM sellers s WHERE s.id = @SellerId
            """,
            new { scope.SellerId });
        if (account is null)
        {
            return null;
        }

        var listings = (await connection.QueryAsync<(string Status, long Count)>(
            "SELECT listing_status, COUNT(*) FROM products WHERE seller_id = @SellerId GROUP BY listing_status", new { scope.SellerId }))
            .ToDictionary(r => r.Status, r => r.Count);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), LocalisationExtensions.KoreaTime).DateTime);
        var since = new DateTimeOffset(today.AddDays(-(Days - 1)).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9));
        var lines = await connection.QueryAsync<SaleLine>(
            """
            SELECT o.created AS Created, l.total_fee_cny - l.refunded_cny AS Cny, s.krw_net AS KrwNet
            FROM order_lines l JOIN orders o ON o.id = l.order_id
            LEFT JOIN settlements s ON s.order_line_id = l.id
            WHERE l.seller_id = @SellerId AND o.created >= @since AND o.payment_status IN ('TRADE_SUCCESS', 'TRADE_FINISHED')
            """,
            new { scope.SellerId, since });
        var byDay = lines
            .GroupBy(l => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(l.Created, LocalisationExtensions.KoreaTime).DateTime))
            .ToDictionary(g => g.Key, g => new Day(g.Key, g.Count(), g.Sum(l => l.Cny), g.Sum(l => l.KrwNet ?? 0)));
        var sales = Enumerable.Range(0, Days)
            .Select(i => today.AddDays(i - Days + 1))
            .Select(d => byDay.GetValueOrDefault(d) ?? new Day(d, 0, 0m, 0))
            .ToList();

        var awaited = await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE l.seller_id = @SellerId AND (o.payment_status IS NULL OR o.payment_status = 'WAIT_BUYER_PAY')
              AND o.status NOT IN ('TRADE_CLOSED', 'TRADE_CLOSED_BY_TAOBAO')
            """,
            new { scope.SellerId });
        var due = await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(DISTINCT o.id) FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE l.seller_id = @SellerId AND o.status = 'WAIT_SELLER_SEND_GOODS'
            """,
            new { scope.SellerId });
        var lastImport = await connection.QueryFirstOrDefaultAsync<LastImport>(
            """
            SELECT id AS Id, file_name AS FileName, status AS Status, rows_accepted AS RowsAccepted, rows_rejected AS RowsRejected, created_at AS CreatedAt
            FROM imports WHERE seller_id = @SellerId ORDER BY id DESC
            """ + db.Dialect.Limit("one"),
            new { scope.SellerId, one = 1 });
        return new Model(account.CompanyName, account.Brn, account.Status, account.CreatedAt, account.ActiveApiKeys, listings, sales, awaited, due, lastImport);
    }

    /// <summary>The chart's data, as the page's script reads it from a data attribute (no inline script under the CSP).</summary>
    public static object ChartData(Model model, Func<string, string> label) => new
    {
        days = model.Sales.Select(d => d.Date.ToString("M/d", CultureInfo.InvariantCulture)),
        cny = model.Sales.Select(d => d.Cny),
        krw = model.Sales.Select(d => d.KrwNet),
        lines = model.Sales.Select(d => d.Lines),
        funnel = Funnel.Where(s => model.Listings.GetValueOrDefault(s) > 0 || s is "Draft" or "Ready" or "Live")
            .Select(s => new { status = s, label = label(s), count = model.Listings.GetValueOrDefault(s) }),
        labels = new { cny = label("Sales (yuan)"), krw = label("Settled to you (won)") },
    };
}
