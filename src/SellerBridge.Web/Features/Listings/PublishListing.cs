using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Publishes one claimed listing. Resumable by construction: what is about to be sent is written
/// first; an item without a recorded <c>num_iid</c> is looked up by <c>outer_id</c> before any add,
/// so a worker that died between publishing and recording never causes a second item; an item we
/// know is updated, never added again.
/// </summary>
public sealed class PublishListing(ITopClient top, IOptions<ListingsOptions> options, TimeProvider clock, ILogger<PublishListing> logger)
{
    private const string DuplicateOuterId = "isv.item-outer-id-duplicate";

    public async Task RunAsync(DbConnection connection, long listingId, string worker, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        if (!await ListingClaims.RenewAsync(connection, listingId, worker, now, TimeSpan.FromSeconds(o.LeaseSeconds))
            || await ListingWork.LoadAsync(connection, listingId) is not { } work
            || work.Status is not (ListingStatus.Queued or ListingStatus.Submitting))
        {
            return;
        }

        if (!work.DraftReady)
        {
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Failed, now, reasonCode: ListingReasons.DraftNotReady);
            return;
        }

        var payload = ListingPayload.Build(work, o);
        // Written before the call: after a crash, the next worker knows what may already be out there.
        var marked = await connection.ExecuteAsync(
            """
            UPDATE listings SET status = 'Submitting', payload_hash = @hash, attempts = attempts + 1, updated_at = @now
            WHERE id = @listingId AND claimed_by = @worker
            """,
            new { listingId, worker, hash = payload.PayloadHash, now });
        if (marked == 0)
        {
            return;
        }

        await connection.ExecuteAsync("UPDATE products SET listing_status = 'Submitting' WHERE id = @ProductId", new { work.ProductId });

        var numIid = work.NumIid;
        if (numIid is null)
        {
            var found = await top.ItemsCustomGetAsync(work.OuterId, cancellationToken);
            var item = found.Value?.FirstOrDefault(i => i.OuterId == work.OuterId);
            await RecordAsync(connection, work, worker, ListingStore.Attempt.From("taobao.items.custom.get", found, item is null ? "not found" : $"found num_iid {item.NumIid}"));
            if (!found.IsSuccess)
            {
                await FailedCallAsync(connection, work, worker, found.Error!, found.Kind, found.RetryAt);
                return;
            }

            if (item is not null)
            {
                numIid = item.NumIid;
                await connection.ExecuteAsync("UPDATE listings SET num_iid = @numIid WHERE id = @listingId", new { numIid, listingId });
                if (work.PayloadHash == payload.PayloadHash)
                {
                    // The add that died unrecorded sent exactly this: nothing left to send.
                    logger.LogInformation("Listing {ListingId} found published as {NumIid}; recorded without a second add", listingId, numIid);
                    await SentAsync(connection, work, worker, numIid.Value, payload);
                    return;
                }
            }
        }

        if (numIid is null)
        {
            var added = await top.ItemAddAsync(payload.Item, cancellationToken);
            await RecordAsync(connection, work, worker, ListingStore.Attempt.From("taobao.item.add", added, $"num_iid {added.Value?.NumIid}"));
            if (added.IsSuccess)
            {
                await SentAsync(connection, work, worker, added.Value!.NumIid, payload);
            }
            else if (added.Error!.SubCode == DuplicateOuterId)
            {
                // Published by an attempt we could not see finish: the next run finds it by outer_id.
                await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Queued, now, keepReason: true);
            }
            else
            {
                await FailedCallAsync(connection, work, worker, added.Error, added.Kind, added.RetryAt);
            }

            return;
        }

        var updated = await top.ItemUpdateAsync(numIid.Value, payload.UpdateFields(), cancellationToken);
        await RecordAsync(connection, work, worker, ListingStore.Attempt.From("taobao.item.update", updated, $"num_iid {numIid}"));
        if (updated.IsSuccess)
        {
            await SentAsync(connection, work, worker, numIid.Value, payload);
        }
        else if (TopItemCalls.IsItemNotExist(updated.Error))
        {
            // Deleted on the marketplace side: forget it, and the next run publishes afresh.
            await connection.ExecuteAsync("UPDATE listings SET num_iid = NULL WHERE id = @listingId", new { listingId });
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Queued, now, keepReason: true);
        }
        else
        {
            await FailedCallAsync(connection, work, worker, updated.Error!, updated.Kind, updated.RetryAt);
        }
    }

    private async Task SentAsync(DbConnection connection, ListingWork work, string worker, long numIid, ListingPayload payload)
    {
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            UPDATE listings SET num_iid = @numIid, sent_content_hash = @ContentHash, sent_price_cny = @price, sent_num = @num,
                   synced_product_version = @version
            WHERE id = @listingId AND claimed_by = @worker
            """,
            new { numIid, payload.ContentHash, price = payload.Item.Price, num = payload.Item.Num, version = work.ProductVersion, listingId = work.ListingId, worker });
        await ListingStore.MoveAsync(
            connection, work.ListingId, worker, ListingStatus.PendingAudit, now, nextAttemptAt: now.AddSeconds(options.Value.AuditCheckDelaySeconds));
    }

    /// <summary>A ban waits it out; a passing fault comes back later until attempts run out; the marketplace's "no" is kept.</summary>
    private async Task FailedCallAsync(DbConnection connection, ListingWork work, string worker, TopError error, TopErrorKind? kind, DateTimeOffset? retryAt)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        switch (kind)
        {
            case TopErrorKind.Throttled:
                // A ban is not the listing's fault: it does not use up an attempt.
                await connection.ExecuteAsync("UPDATE listings SET attempts = attempts - 1 WHERE id = @ListingId", new { work.ListingId });
                await ListingStore.MoveAsync(connection, work.ListingId, worker, ListingStatus.Queued, now, retryAt ?? now.AddSeconds(5), keepReason: true);
                break;
            case TopErrorKind.Transient when work.Attempts + 1 < o.MaxAttempts:
                var delay = TimeSpan.FromSeconds(o.RetryDelaySeconds * Math.Pow(2, Math.Min(work.Attempts, 10)));
                await ListingStore.MoveAsync(connection, work.ListingId, worker, ListingStatus.Queued, now, now + delay, ListingReasons.Code(error), error.SubMsg ?? error.Msg);
                break;
            case TopErrorKind.Permanent when (error.SubCode ?? "").StartsWith("isv.", StringComparison.Ordinal):
                await ListingStore.MoveAsync(connection, work.ListingId, worker, ListingStatus.Rejected, now, reasonCode: ListingReasons.Code(error), reasonMessage: error.SubMsg ?? error.Msg);
                break;
            default:
                await ListingStore.MoveAsync(connection, work.ListingId, worker, ListingStatus.Failed, now, reasonCode: ListingReasons.Code(error), reasonMessage: error.SubMsg ?? error.Msg);
                break;
        }
    }

    private async Task RecordAsync(DbConnection connection, ListingWork work, string worker, ListingStore.Attempt attempt) =>
        await ListingStore.RecordAsync(connection, work.ListingId, work.SellerId, attempt, clock.GetUtcNow(), worker);
}
