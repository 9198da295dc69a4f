using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Fetches audit results (<c>taobao.item.seller.get</c>) for listings awaiting them: passed means
/// <c>Live</c>, refused means <c>Rejected</c> with the marketplace's reason; still pending is asked
/// again after <c>Listings:AuditCheckDelaySeconds</c>.
/// </summary>
public sealed class CheckAudits(Db db, ListingClaims claims, ITopClient top, IOptions<ListingsOptions> options, TimeProvider clock)
{
    private static readonly string[] Awaiting = [ListingStatus.PendingAudit];

    /// <summary>Checks every listing whose look is due; returns how many were looked at.</summary>
    public async Task<int> RunAsync(string worker, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var batch = await claims.ClaimAsync(connection, Awaiting, worker, clock.GetUtcNow(), TimeSpan.FromSeconds(o.LeaseSeconds), o.BatchSize);
            if (batch.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = cancellationToken },
                async (listingId, token) => await CheckAsync(listingId, worker, token));
            total += batch.Count;
        }

        return total;
    }

    private async Task CheckAsync(long listingId, string worker, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var listing = await connection.QuerySingleOrDefaultAsync<(long SellerId, long? NumIid)>(
            "SELECT seller_id, num_iid FROM listings WHERE id = @listingId AND claimed_by = @worker AND status = 'PendingAudit'",
            new { listingId, worker });
        if (listing.NumIid is not { } numIid)
        {
            return;
        }

        var result = await top.ItemSellerGetAsync(numIid, cancellationToken);
        var now = clock.GetUtcNow();
        await ListingStore.RecordAsync(
            connection, listingId, listing.SellerId, ListingStore.Attempt.From("taobao.item.seller.get", result, result.Value?.AuditStatus), now);
        var later = now.AddSeconds(options.Value.AuditCheckDelaySeconds);
        if (result.Value is { } item)
        {
            switch (item.AuditStatus)
            {
                case "PASSED":
                    await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Live, now);
                    break;
                case "REJECTED":
                    await ListingStore.MoveAsync(
                        connection, listingId, worker, ListingStatus.Rejected, now, reasonCode: ListingReasons.AuditCode(item.AuditReason), reasonMessage: item.AuditReason);
                    break;
                default:
                    await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.PendingAudit, now, later, keepReason: true);
                    break;
            }

            return;
        }

        if (result.Error!.SubCode == "isv.item-not-exist")
        {
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: ListingReasons.ItemGone, reasonMessage: result.Error.SubMsg);
            return;
        }

        // Any other failure: look again later (after a ban, not before it ends).
        var next = result.RetryAt is { } retryAt && retryAt > later ? retryAt : later;
        await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.PendingAudit, now, next, keepReason: true);
    }
}
