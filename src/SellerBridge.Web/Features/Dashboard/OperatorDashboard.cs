using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Dashboard;

/// <summary>
/// The operator's first page: sellers by status, listings and imports, order and payment volume
/// over 30 days, job health over 24 hours, and reconciliation items still open.
/// </summary>
public sealed class OperatorDashboard(Db db, TimeProvider clock)
{
    public sealed class Model
    {
        public Dictionary<string, long> Sellers { get; init; } = [];

        public Dictionary<string, long> Listings { get; init; } = [];

        public Dictionary<string, long> Imports { get; init; } = [];

        public Dictionary<string, long> Payments { get; init; } = [];

        public long Orders { get; init; }

        public decimal OrdersCny { get; init; }

        public long SettledKrwNet { get; init; }

        public Dictionary<string, long> JobRuns { get; init; } = [];

        public IReadOnlyList<JobFailure> RecentFailures { get; init; } = [];

        public long ReconciliationOpen { get; init; }

        public long Submissions { get; init; }

        public long SubmittedListings { get; init; }

        public long Calls { get; init; }

        public long FailedCalls { get; init; }

        /// <summary>The share of marketplace calls that did not succeed over the last 24 hours, in percent; null when none were made.</summary>
        public decimal? ErrorRate => Calls == 0 ? null : Math.Round(100m * FailedCalls / Calls, 1);

        public IReadOnlyList<CallError> TopErrors { get; init; } = [];
    }

    public sealed class CallError
    {
        public string Outcome { get; init; } = "";

        public string? Code { get; init; }

        public long Count { get; init; }

        /// <summary>The latest listing that met this error, to open its calls.</summary>
        public long LatestListingId { get; init; }
    }

    public sealed class JobFailure
    {
        public string JobName { get; init; } = "";

        public DateTimeOffset StartedAt { get; init; }

        public string? Message { get; init; }
    }

    public async Task<Model> LoadAsync()
    {
        var now = clock.GetUtcNow();
        var month = now.AddDays(-30);
        var day = now.AddDays(-1);
        await using var connection = await db.OpenAsync();

        async Task<Dictionary<string, long>> CountBy(string sql, object? args = null) =>
            (await connection.QueryAsync<(string Key, long Count)>(sql, args)).ToDictionary(r => r.Key ?? "", r => r.Count);

        return new Model
        {
            Sellers = await CountBy("SELECT status, COUNT(*) FROM sellers GROUP BY status"),
            Listings = await CountBy("SELECT listing_status, COUNT(*) FROM products GROUP BY listing_status"),
            Imports = await CountBy("SELECT status, COUNT(*) FROM imports WHERE created_at >= @month GROUP BY status", new { month }),
            Payments = await CountBy("SELECT COALESCE(payment_status, 'NONE'), COUNT(*) FROM orders WHERE created >= @month GROUP BY COALESCE(payment_status, 'NONE')", new { month }),
            Orders = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM orders WHERE created >= @month", new { month }),
            OrdersCny = await connection.ExecuteScalarAsync<decimal?>("SELECT SUM(payment_cny) FROM orders WHERE created >= @month AND payment_status IN ('TRADE_SUCCESS', 'TRADE_FINISHED')", new { month }) ?? 0m,
            SettledKrwNet = await connection.ExecuteScalarAsync<long?>("SELECT SUM(krw_net) FROM settlements WHERE computed_at >= @month", new { month }) ?? 0,
            JobRuns = await CountBy("SELECT outcome, COUNT(*) FROM job_runs WHERE started_at >= @day GROUP BY outcome", new { day }),
            RecentFailures = (await connection.QueryAsync<JobFailure>(
                "SELECT job_name AS JobName, started_at AS StartedAt, message AS Message FROM job_runs WHERE outcome = 'Failed' AND started_at >= @day ORDER BY id DESC" + db.Dialect.Limit("five"),
                new { day, five = 5 })).ToList(),
            ReconciliationOpen = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reconciliation_items WHERE outcome = 'Flagged'"),
            Submissions = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM submissions WHERE created_at >= @day", new { day }),
            SubmittedListings = await connection.ExecuteScalarAsync<long?>("SELECT SUM(accepted) FROM submissions WHERE created_at >= @day", new { day }) ?? 0,
            Calls = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listing_attempts WHERE at >= @day", new { day }),
            FailedCalls = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listing_attempts WHERE at >= @day AND outcome <> 'Success'", new { day }),
            TopErrors = (await connection.QueryAsync<CallError>(
                """
                SELECT outcome AS Outcome, COALESCE(sub_code, CAST(code AS VARCHAR(20))) AS Code, COUNT(*) AS Count, MAX(listing_id) AS LatestListingId
                FROM listing_attempts WHERE at >= @day AND outcome <> 'Success'
                GROUP BY outcome, COALESCE(sub_code, CAST(code AS VARCHAR(20)))
                ORDER BY COUNT(*) DESC
                """ + db.Dialect.Limit("five"),
                new { day, five = 5 })).ToList(),
        };
    }
}
