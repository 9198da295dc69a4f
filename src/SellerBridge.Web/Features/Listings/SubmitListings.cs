using System.Data.Common;
using Dapper;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// A seller submits chosen SKUs (or every ready one): each accepted listing is put in <c>Queued</c>
/// for the publishing jobs, each refused SKU is reported with its reason. Only an approved seller
/// may submit, and only products whose draft is <c>Ready</c> and not already on their way.
/// </summary>
public sealed class SubmitListings(Db db, PublishQueue queue, TimeProvider clock)
{
    public const int MaxSkus = 10_000;

    /// <summary>Statuses a product may be (re)submitted from.</summary>
    private static readonly string[] Submittable = [ListingStatus.Ready, ListingStatus.Rejected, ListingStatus.Failed, ListingStatus.Delisted];

    public sealed record Input(IReadOnlyList<string>? Skus, bool AllReady, string Source);

    public sealed record Refusal(string Sku, string Code);

    /// <summary>Either <see cref="SellerProblem"/> / <see cref="InputProblem"/> (nothing queued), or the submission.</summary>
    public sealed record Result(long? SubmissionId, string? SellerProblem, string? InputProblem, int Accepted, IReadOnlyList<Refusal> Refused);

    private sealed record Candidate(long Id, string SellerSku, string ListingStatus, string? Readiness);

    public async Task<Result> SubmitAsync(SellerScope scope, Input input, CancellationToken cancellationToken = default)
    {
        var skus = (input.Skus ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (!input.AllReady && skus.Count == 0)
        {
            return new Result(null, null, "request.empty", 0, []);
        }

        if (skus.Count > MaxSkus)
        {
            return new Result(null, null, "request.too_many", 0, []);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var sellerStatus = await connection.QuerySingleOrDefaultAsync<string>("SELECT status FROM sellers WHERE id = @SellerId", new { scope.SellerId });
        if (sellerStatus != "Approved")
        {
            return new Result(null, sellerStatus == "Suspended" ? "seller.suspended" : "seller.pending", null, 0, []);
        }

        var now = clock.GetUtcNow();
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<Candidate>(
            $"""
            SELECT p.id AS Id, p.seller_sku AS SellerSku, p.listing_status AS ListingStatus, d.readiness AS Readiness
            FROM products p LEFT JOIN product_drafts d ON d.product_id = p.id
            WHERE p.seller_id = @SellerId AND {(input.AllReady ? "p.listing_status = 'Ready' AND d.readiness = 'Ready'" : db.Dialect.InList("p.seller_sku", "skus"))}
            ORDER BY p.id
            """,
            new { scope.SellerId, skus = db.Dialect.ListValue(skus) },
            tx)).ToDictionary(c => c.SellerSku, StringComparer.Ordinal);
        if (input.AllReady)
        {
            skus = [.. candidates.Keys];
        }

        var submissionId = await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId("INSERT INTO submissions (seller_id, source, created_at, requested, accepted) VALUES (@SellerId, @Source, @now, @requested, 0)"),
            new { scope.SellerId, input.Source, now, requested = skus.Count },
            tx);

        var refused = new List<Refusal>();
        var items = new List<object>();
        foreach (var sku in skus)
        {
            var refusal = !candidates.TryGetValue(sku, out var c) ? ListingReasons.SkuNotFound
                : c.Readiness != ListingStatus.Ready ? ListingReasons.DraftNotReady
                : c.ListingStatus == ListingStatus.Live ? ListingReasons.AlreadyLive
                : !Submittable.Contains(c.ListingStatus) ? ListingReasons.AlreadySubmitted
                : null;
            long? listingId = null;
            if (refusal is null)
            {
                // The product row is the gate: a concurrent submission of the same SKU finds it moved on.
                var gated = await connection.ExecuteAsync(
                    $"UPDATE products SET listing_status = 'Queued' WHERE id = @Id AND seller_id = @SellerId AND {db.Dialect.InList("listing_status", "from")}",
                    new { c!.Id, scope.SellerId, from = db.Dialect.ListValue(Submittable) },
                    tx);
                if (gated == 0)
                {
                    refusal = ListingReasons.AlreadySubmitted;
                }
                else
                {
                    listingId = await QueueAsync(connection, tx, scope.SellerId, c.Id, sku, submissionId, now);
                }
            }

            if (refusal is not null)
            {
                refused.Add(new Refusal(sku, refusal));
            }

            items.Add(new { submissionId, sku, productId = c?.Id, listingId, refusal });
        }

        await connection.ExecuteAsync(
            "INSERT INTO submission_items (submission_id, seller_sku, product_id, listing_id, refusal_code) VALUES (@submissionId, @sku, @productId, @listingId, @refusal)",
            items,
            tx);
        var accepted = skus.Count - refused.Count;
        await connection.ExecuteAsync("UPDATE submissions SET accepted = @accepted WHERE id = @submissionId", new { accepted, submissionId }, tx);
        await tx.CommitAsync(cancellationToken);

        if (accepted > 0)
        {
            await queue.StartAsync(cancellationToken);
        }

        return new Result(submissionId, null, null, accepted, refused);
    }

    /// <summary>Creates the product's listing, or sends a rejected, failed or delisted one round again (keeping its <c>num_iid</c>).</summary>
    private async Task<long> QueueAsync(DbConnection connection, DbTransaction tx, long sellerId, long productId, string sku, long submissionId, DateTimeOffset now)
    {
        await connection.ExecuteAsync(
            db.Dialect.InsertIgnoreDuplicates(
                "listings",
                "seller_id, product_id, outer_id, status, submission_id, attempts, next_attempt_at, submitted_at, updated_at",
                "@sellerId, @productId, @outerId, 'Queued', @submissionId, 0, @now, @now, @now",
                "product_id"),
            new { sellerId, productId, outerId = OuterId.Format(sellerId, sku), submissionId, now },
            tx);
        await connection.ExecuteAsync(
            """
            UPDATE listings SET status = 'Queued', submission_id = @submissionId, attempts = 0, next_attempt_at = @now,
                   reason_code = NULL, reason_message = NULL, claimed_until = NULL, submitted_at = @now, updated_at = @now
            WHERE product_id = @productId AND seller_id = @sellerId AND submission_id <> @submissionId
            """,
            new { sellerId, productId, submissionId, now },
            tx);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT id FROM listings WHERE product_id = @productId AND seller_id = @sellerId", new { productId, sellerId }, tx);
    }
}
