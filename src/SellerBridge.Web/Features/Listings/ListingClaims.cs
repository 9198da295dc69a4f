using System.Data.Common;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// How workers take listings to work on: one atomic UPDATE sets <c>claimed_by</c> and
/// <c>claimed_until</c> on rows nobody holds (or whose holder's lease ran out, a worker that died),
/// so two workers, in one process or several, never hold the same listing.
/// </summary>
public sealed class ListingClaims(Db db)
{
    /// <summary>Claims up to <paramref name="limit"/> due listings in one of <paramref name="statuses"/>; their ids.</summary>
    public async Task<IReadOnlyList<long>> ClaimAsync(
        DbConnection connection, string[] statuses, string worker, DateTimeOffset now, TimeSpan lease, int limit, string? extraCondition = null)
    {
        var due = $"""
            {db.Dialect.InList("status", "statuses")} AND next_attempt_at <= @now
            AND (claimed_until IS NULL OR claimed_until < @now) {(extraCondition is null ? "" : "AND " + extraCondition)}
            """;
        var sql = db.Dialect.ClaimReturningIds(
            "listings", "l", "claimed_by = @worker, claimed_until = @until", due, "next_attempt_at, id", "limit", "claimed_until IS NULL OR claimed_until < @now");
        var ids = await connection.QueryAsync<long>(sql, new
        {
            statuses = db.Dialect.ListValue(statuses),
            worker,
            now,
            until = now + lease,
            limit,
        });
        return ids.Order().ToList();
    }

    /// <summary>
    /// Renews this worker's hold on one listing just before it is worked on; false when another
    /// worker took it over meanwhile (then this one must leave it alone).
    /// </summary>
    public static async Task<bool> RenewAsync(DbConnection connection, long listingId, string worker, DateTimeOffset now, TimeSpan lease) =>
        await connection.ExecuteAsync(
            "UPDATE listings SET claimed_until = @until WHERE id = @listingId AND claimed_by = @worker AND claimed_until >= @now",
            new { listingId, worker, now, until = now + lease }) == 1;
}
