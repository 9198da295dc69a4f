using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Pushes changes of live listings: a product or draft changed since it was last sent (its version
/// moved, or the mapping queued a row in <c>listing_updates</c>). Only what changed goes: stock by
/// <c>taobao.item.quantity.update</c> (as a full quantity: repeating it after a crash cannot count
/// twice, which a delta could), price by <c>taobao.item.price.update</c>, and other content by
/// <c>taobao.item.update</c>, which puts the item back into audit. Stock pushed as 0 leaves the
/// listing <c>Delisted</c> as sold out.
/// </summary>
public sealed class PushListingUpdates(Db db, ListingClaims claims, ITopClient top, IOptions<ListingsOptions> options, TimeProvider clock)
{
    private static readonly string[] LiveOnly = [ListingStatus.Live];

    private const string Changed = """
        (EXISTS (SELECT 1 FROM listing_updates u WHERE u.product_id = l.product_id)
         OR EXISTS (SELECT 1 FROM products p WHERE p.id = l.product_id AND p.version <> COALESCE(l.synced_product_version, -1)))
        """;

    public async Task<int> RunAsync(string worker, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var batch = await claims.ClaimAsync(connection, LiveOnly, worker, clock.GetUtcNow(), TimeSpan.FromSeconds(o.LeaseSeconds), o.BatchSize, Changed);
            if (batch.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = cancellationToken },
                async (listingId, token) => await PushAsync(listingId, worker, token));
            total += batch.Count;
        }

        return total;
    }

    private async Task PushAsync(long listingId, string worker, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        if (await ListingWork.LoadAsync(connection, listingId) is not { Status: ListingStatus.Live, NumIid: { } numIid } work)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (!work.DraftReady)
        {
            // Nothing sendable (the seller is fixing the product): keep the reason, try again after the next change.
            await SyncedAsync(connection, work, worker, null, ListingReasons.DraftNotReady, null);
            return;
        }

        var payload = ListingPayload.Build(work, options.Value);
        TopError? failure = null;
        TopErrorKind? kind = null;
        DateTimeOffset? retryAt = null;
        var backToAudit = false;
        if (payload.ContentHash != work.SentContentHash)
        {
            var r = await top.ItemUpdateAsync(numIid, payload.UpdateFields(), cancellationToken);
            await ListingStore.RecordAsync(connection, listingId, work.SellerId, ListingStore.Attempt.From("taobao.item.update", r, $"num_iid {numIid}"), clock.GetUtcNow());
            (failure, kind, retryAt, backToAudit) = (r.Error, r.Kind, r.RetryAt, r.IsSuccess);
        }
        else
        {
            if (payload.Item.Num != work.SentNum)
            {
                var r = await top.ItemQuantityUpdateAsync(numIid, payload.Item.Num, TopQuantityUpdate.Full, cancellationToken);
                await ListingStore.RecordAsync(connection, listingId, work.SellerId, ListingStore.Attempt.From("taobao.item.quantity.update", r, $"num {payload.Item.Num}"), clock.GetUtcNow());
                (failure, kind, retryAt) = (r.Error, r.Kind, r.RetryAt);
            }

            if (failure is null && payload.Item.Price != work.SentPriceCny)
            {
                var r = await top.ItemPriceUpdateAsync(numIid, payload.Item.Price, cancellationToken);
                await ListingStore.RecordAsync(connection, listingId, work.SellerId, ListingStore.Attempt.From("taobao.item.price.update", r, $"price {TopItemCalls.Money(payload.Item.Price)}"), clock.GetUtcNow());
                (failure, kind, retryAt) = (r.Error, r.Kind, r.RetryAt);
            }
        }

        if (failure is not null && kind != TopErrorKind.Permanent)
        {
            // Passing fault or ban: the change stays owed and a later run sends it.
            await ListingStore.ReleaseAsync(connection, listingId, worker, retryAt ?? now.AddSeconds(options.Value.RetryDelaySeconds));
            return;
        }

        await SyncedAsync(connection, work, worker, failure is null ? payload : null, failure is null ? null : ListingReasons.Code(failure), failure?.SubMsg ?? failure?.Msg);
        if (backToAudit)
        {
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.PendingAudit, now, now.AddSeconds(options.Value.AuditCheckDelaySeconds));
        }
        else if (failure is null && payload.Item.Num == 0 && work.SentNum != 0)
        {
            // Stock 0 takes the item off sale on the marketplace: sold out, which is not an error.
            // The seller relists it (taobao.item.update.listing) once there is stock again.
            await ListingStore.MoveAsync(connection, listingId, worker, ListingStatus.Delisted, now, reasonCode: ListingReasons.SoldOut);
            await connection.ExecuteAsync("UPDATE listings SET watch_at = NULL WHERE id = @listingId", new { listingId });
        }
    }

    /// <summary>Records what the marketplace now holds and clears the owed update, unless a newer one arrived meanwhile.</summary>
    private static async Task SyncedAsync(DbConnection connection, ListingWork work, string worker, ListingPayload? sent, string? reasonCode, string? reasonMessage)
    {
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            $"""
            UPDATE listings SET synced_product_version = @ProductVersion, reason_code = @reasonCode, reason_message = @reasonMessage,
                   {(sent is null ? "" : "payload_hash = @PayloadHash, sent_content_hash = @ContentHash, sent_price_cny = @price, sent_num = @num,")}
                   claimed_until = NULL
            WHERE id = @ListingId AND claimed_by = @worker
            """,
            new
            {
                work.ProductVersion, work.ListingId, worker, reasonCode, reasonMessage = ListingStore.Truncate(reasonMessage),
                sent?.PayloadHash, sent?.ContentHash, price = sent?.Item.Price, num = sent?.Item.Num,
            },
            tx);
        await connection.ExecuteAsync(
            "DELETE FROM listing_updates WHERE product_id = @ProductId AND product_version <= @ProductVersion",
            new { work.ProductId, work.ProductVersion },
            tx);
        await tx.CommitAsync();
    }
}
