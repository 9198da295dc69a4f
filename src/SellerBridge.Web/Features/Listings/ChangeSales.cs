using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Sends what sellers asked for with <see cref="RequestSaleChange"/>: <c>taobao.item.update.delisting</c>
/// for a listing wanted off sale (then <c>Delisted</c>), <c>taobao.item.update.listing</c> with the
/// product's stock for one wanted back (then <c>PendingAudit</c> until the item reads <c>onsale</c>).
/// Resumable: the wish stays on the listing until the answer is recorded, and both calls are safe to
/// repeat, so a run killed after the call just makes it again.
/// </summary>
public sealed class ChangeSales(Db db, ListingClaims claims, ITopClient top, IOptions<ListingsOptions> options, TimeProvider clock, ILogger<ChangeSales> logger)
{
    private static readonly string[] Changeable = [ListingStatus.Live, ListingStatus.Delisted];

    // A class with setters, not a positional record: providers return the numbers in different widths.
    private sealed class Work
    {
        public long SellerId { get; init; }
        public long? NumIid { get; init; }
        public string Status { get; init; } = "";
        public string? SaleWanted { get; init; }
        public int Stock { get; init; }
    }

    /// <summary>Works through every listing with a change owed; returns how many were looked at.</summary>
    public async Task<int> RunAsync(string worker, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var total = 0;
        // One try per listing per run: a passing fault is retried by the next run (or the sweep), not in a loop here.
        var seen = new HashSet<long>();
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var claimed = await claims.ClaimAsync(
                connection, Changeable, worker, clock.GetUtcNow(), TimeSpan.FromSeconds(o.LeaseSeconds), o.BatchSize, "l.sale_wanted IS NOT NULL");
            var batch = claimed.Where(seen.Add).ToList();
            foreach (var again in claimed.Except(batch))
            {
                await ListingStore.ReleaseAsync(connection, again, worker, clock.GetUtcNow());
            }

            if (batch.Count == 0)
            {
                break;
            }

            foreach (var listingId in batch)
            {
                await ChangeAsync(connection, listingId, worker, cancellationToken);
            }

            total += batch.Count;
        }

        return total;
    }

    private async Task ChangeAsync(DbConnection connection, long listingId, string worker, CancellationToken cancellationToken)
    {
        var work = await connection.QuerySingleOrDefaultAsync<Work>(
            """
            SELECT l.seller_id AS SellerId, l.num_iid AS NumIid, l.status AS Status, l.sale_wanted AS SaleWanted, p.stock AS Stock
            FROM listings l JOIN products p ON p.id = l.product_id AND p.seller_id = l.seller_id
            WHERE l.id = @listingId AND l.claimed_by = @worker
            """,
            new { listingId, worker });
        if (work is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var off = work.SaleWanted == RequestSaleChange.Off;
        // Already where the seller wants it (a run that died after the call, or the watch saw it): nothing to send.
        if (work.NumIid is not { } numIid || work.SaleWanted is null || (off ? work.Status != ListingStatus.Live : work.Status != ListingStatus.Delisted))
        {
            await ListingStore.ReleaseAsync(connection, listingId, worker, now);
            await DoneAsync(connection, listingId, work.SaleWanted);
            return;
        }

        var num = Math.Clamp(work.Stock, 0, 999_999);
        if (!off && num == 0)
        {
            // Sold out meanwhile: the platform lists only with stock, so it stays off sale, as sold out.
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: ListingReasons.SoldOut);
            await DoneAsync(connection, listingId, work.SaleWanted);
            return;
        }

        var method = off ? "taobao.item.update.delisting" : "taobao.item.update.listing";
        var result = off
            ? await top.ItemUpdateDelistingAsync(numIid, cancellationToken)
            : await top.ItemUpdateListingAsync(numIid, num, cancellationToken);
        now = clock.GetUtcNow();
        await ListingStore.RecordAsync(connection, listingId, work.SellerId, ListingStore.Attempt.From(method, result, off ? $"num_iid {numIid}" : $"num {num}"), now, worker);

        if (result.IsSuccess)
        {
            if (off)
            {
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: ListingReasons.Withdrawn);
                await connection.ExecuteAsync("UPDATE listings SET watch_at = NULL WHERE id = @listingId", new { listingId });
            }
            else
            {
                // The answer says nothing of approve_status: the audit check reads onsale before it says Live.
                await connection.ExecuteAsync("UPDATE listings SET sent_num = @num WHERE id = @listingId", new { num, listingId });
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.PendingAudit, now, now.AddSeconds(options.Value.AuditCheckDelaySeconds));
            }

            await DoneAsync(connection, listingId, work.SaleWanted);
            return;
        }

        var error = result.Error!;
        if (result.Kind is TopErrorKind.Throttled or TopErrorKind.Transient)
        {
            // Still owed: the wish stays, and the next run (or the sweep) sends it again.
            await ListingStore.ReleaseAsync(connection, listingId, worker, result.RetryAt ?? now.AddSeconds(Math.Max(1, options.Value.RetryDelaySeconds)));
            return;
        }

        if (TopItemCalls.IsItemNotExist(error))
        {
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: ListingReasons.ItemGone, reasonMessage: error.SubMsg);
        }
        else
        {
            // The marketplace said no: the listing stays as it was, with its reason for the seller to read.
            logger.LogInformation("Marketplace refused {Method} for listing {ListingId}: {SubCode}", method, listingId, error.SubCode);
            await ListingStore.MoveAsync(connection, listingId, worker, work.Status, now, reasonCode: ListingReasons.Code(error), reasonMessage: error.SubMsg ?? error.Msg);
        }

        await DoneAsync(connection, listingId, work.SaleWanted);
    }

    /// <summary>Clears the wish that was acted on; a newer, different one asked meanwhile stays owed.</summary>
    private static async Task DoneAsync(DbConnection connection, long listingId, string? wanted) =>
        await connection.ExecuteAsync("UPDATE listings SET sale_wanted = NULL WHERE id = @listingId AND sale_wanted = @wanted", new { listingId, wanted });
}
