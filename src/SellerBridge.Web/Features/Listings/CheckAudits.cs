using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Asks the marketplace how items stand (<c>taobao.item.seller.get</c>) for listings awaiting their
/// audit, and for live listings whose next look is due (<c>Listings:LiveCheckSeconds</c>). TOP reports
/// only <c>approve_status</c> and <c>violation</c>: <c>onsale</c> is <c>Live</c>; <c>instock</c> with a
/// violation is <c>Rejected</c>; <c>instock</c> without one is off sale (sold out or withdrawn) for a
/// listing that was live, and still in review for one that was never on sale since it was sent.
/// </summary>
public sealed class CheckAudits(Db db, ListingClaims claims, ITopClient top, IOptions<ListingsOptions> options, TimeProvider clock)
{
    private static readonly string[] Watched = [ListingStatus.PendingAudit, ListingStatus.Live];

    // Live listings are looked at only when their watch is due; a pending audit whenever it is due.
    private const string Due = "(l.status = 'PendingAudit' OR l.watch_at <= @now)";

    /// <summary>Checks every listing whose look is due; returns how many were looked at.</summary>
    public async Task<int> RunAsync(string worker, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var total = 0;
        // One look per listing per run: a look whose next is due at once (a delay of 0) waits for the next run, not this loop.
        var seen = new HashSet<long>();
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var claimed = await claims.ClaimAsync(connection, Watched, worker, clock.GetUtcNow(), TimeSpan.FromSeconds(o.LeaseSeconds), o.BatchSize, Due);
            var batch = claimed.Where(seen.Add).ToList();
            foreach (var again in claimed.Except(batch))
            {
                await ListingStore.ReleaseAsync(connection, again, worker, clock.GetUtcNow());
            }

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
        var listing = await connection.QuerySingleOrDefaultAsync<(long SellerId, long? NumIid, string Status, string? SaleWanted)>(
            "SELECT seller_id, num_iid, status, sale_wanted FROM listings WHERE id = @listingId AND claimed_by = @worker AND status IN ('PendingAudit', 'Live')",
            new { listingId, worker });
        if (listing.NumIid is not { } numIid)
        {
            return;
        }

        var result = await top.ItemSellerGetAsync(numIid, cancellationToken);
        var now = clock.GetUtcNow();
        var o = options.Value;
        await ListingStore.RecordAsync(
            connection, listingId, listing.SellerId, ListingStore.Attempt.From("taobao.item.seller.get", result, Describe(result.Value)), now, worker);
        var wasLive = listing.Status == ListingStatus.Live;
        if (result.Value is { } item)
        {
            if (item.IsOnSale)
            {
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Live, now, keepReason: wasLive);
                await WatchAsync(connection, listingId, now.AddSeconds(o.LiveCheckSeconds));
            }
            else if (item.Violation)
            {
                var (code, message) = await ViolationReasonAsync(connection, listingId);
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Rejected, now, reasonCode: code, reasonMessage: message);
                await WatchAsync(connection, listingId, null);
            }
            else if (item.Num == 0)
            {
                // In the warehouse with nothing to sell: sold out, whether it sold or we pushed 0.
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: ListingReasons.SoldOut);
                await WatchAsync(connection, listingId, null);
            }
            else if (wasLive)
            {
                // Was on sale and is now in the warehouse without a violation: withdrawn, by the seller's request
                // to us (a sale run that died after its call) or elsewhere (the marketplace's own seller centre).
                var reason = listing.SaleWanted == "off" ? ListingReasons.Withdrawn : ListingReasons.OffSale;
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: reason);
                await WatchAsync(connection, listingId, null);
            }
            else
            {
                // Sent and not yet on sale: the platform lists a new or changed item at once or after review.
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.PendingAudit, now, now.AddSeconds(o.AuditCheckDelaySeconds), keepReason: true);
            }

            return;
        }

        if (TopItemCalls.IsItemNotExist(result.Error))
        {
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: ListingReasons.ItemGone, reasonMessage: result.Error!.SubMsg);
            await WatchAsync(connection, listingId, null);
            return;
        }

        // Any other failure: look again later (after a ban, not before it ends).
        var later = now.AddSeconds(wasLive ? o.LiveCheckSeconds : o.AuditCheckDelaySeconds);
        var next = result.RetryAt is { } retryAt && retryAt > later ? retryAt : later;
        if (wasLive)
        {
            // A live listing's push work must not wait for its next look: only the look moves.
            await ListingStore.ReleaseAsync(connection, listingId, worker, now);
            await WatchAsync(connection, listingId, next);
        }
        else
        {
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.PendingAudit, now, next, keepReason: true);
        }
    }

    /// <summary>When the listing's state is next asked while it is live; null stops watching (it is not live).</summary>
    private static async Task WatchAsync(DbConnection connection, long listingId, DateTimeOffset? at) =>
        await connection.ExecuteAsync("UPDATE listings SET watch_at = @at WHERE id = @listingId", new { listingId, at });

    /// <summary>TOP gives no reason for a take-down: what we flagged in the title and description we sent is the best hint.</summary>
    private async Task<(string Code, string? Message)> ViolationReasonAsync(DbConnection connection, long listingId)
    {
        if (await ListingWork.LoadAsync(connection, listingId) is not { } work)
        {
            return (ListingReasons.Violation, null);
        }

        if (work.DraftReady)
        {
            var sent = ListingPayload.Build(work, options.Value).Item;
            return ListingReasons.ForViolation(sent.Title, sent.Desc);
        }

        return ListingReasons.ForViolation(work.TitleZh, work.Description);
    }

    private static string? Describe(TopItem? item) =>
        item is null ? null : $"approve_status {item.ApproveStatus}, violation {(item.Violation ? "true" : "false")}, num {item.Num}";
}
