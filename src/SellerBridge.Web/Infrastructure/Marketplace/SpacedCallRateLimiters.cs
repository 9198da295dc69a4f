using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>
/// The limiters the app uses. Both space calls evenly (no burst): the gateway counts calls per
/// calendar second, and a bucket that may burst a second's worth lets up to twice the ceiling land
/// in one of its seconds. A little headroom (<c>Marketplace:CallHeadroomPercent</c>) absorbs network
/// jitter, which can bring two evenly spaced calls closer together by the time they arrive.
/// </summary>
public static class CallRateLimiters
{
    /// <summary>On PostgreSQL every node shares one schedule in the database; elsewhere (SQLite: one node) it lives in process.</summary>
    public static ICallRateLimiter ForDatabase(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MarketplaceOptions>>().Value;
        var spacing = Spacing(options);
        var db = services.GetRequiredService<Db>();
        return db.Provider == DatabaseProvider.Postgres
            ? new DatabaseCallRateLimiter(db, spacing, services.GetRequiredService<TimeProvider>())
            : new SpacedCallRateLimiter(spacing, services.GetRequiredService<TimeProvider>());
    }

    public static TimeSpan Spacing(MarketplaceOptions options) =>
        TimeSpan.FromSeconds(1.0 / (options.CallsPerSecond * (1 - options.CallHeadroomPercent / 100.0)));
}

/// <summary>Evenly spaced calls within this process: each call gets the next free send time, at least one spacing after the last.</summary>
public sealed class SpacedCallRateLimiter(TimeSpan spacing, TimeProvider time) : ICallRateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async ValueTask WaitAsync(string method, CancellationToken cancellationToken)
    {
        DateTimeOffset slot;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            slot = _next > now ? _next : now;
            _next = slot + spacing;
        }

        if (slot > now)
        {
            await Task.Delay(slot - now, time, cancellationToken);
        }
    }
}

/// <summary>
/// The deployment-wide ceiling: one row of <c>rate_limit_slots</c> holds the next free send time,
/// taken and moved on by one atomic upsert on the database's own clock, so several worker processes
/// (even on machines whose clocks disagree) share one evenly spaced schedule. A slot claimed by a
/// caller that is then cancelled is simply unused: that errs below the ceiling, never above it.
/// </summary>
public sealed class DatabaseCallRateLimiter(Db db, TimeSpan spacing, TimeProvider time) : ICallRateLimiter
{
    public const string Name = "marketplace";

    private const string ClaimSql = """
        INSERT INTO rate_limit_slots (name, next_at) VALUES (@name, clock_timestamp())
        ON CONFLICT (name) DO UPDATE
            SET next_at = GREATEST(rate_limit_slots.next_at + make_interval(secs => @spacing), clock_timestamp())
        RETURNING CAST(EXTRACT(EPOCH FROM (next_at - clock_timestamp())) AS double precision)
        """;

    public async ValueTask WaitAsync(string method, CancellationToken cancellationToken)
    {
        double wait;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            wait = await connection.ExecuteScalarAsync<double>(new CommandDefinition(
                ClaimSql, new { name = Name, spacing = spacing.TotalSeconds }, cancellationToken: cancellationToken));
        }

        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(wait), time, cancellationToken);
        }
    }
}
