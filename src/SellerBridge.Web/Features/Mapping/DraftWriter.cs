using System.Data.Common;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// Writes recomputed drafts and what follows from them, one transaction per page: the draft row, the
/// listing status of products not yet submitted, and a pending update for live listings whose sent
/// content changed. Statuses past submission are the listing work's and are never touched here.
/// </summary>
public sealed class DraftWriter(Db db)
{
    /// <summary>The statuses a draft's readiness decides; a product in any other status has been submitted.</summary>
    public static readonly string[] UnsubmittedStatuses = ["Draft", "NeedsAttention", "Ready"];

    /// <summary>A freshly computed draft beside what is stored for the product now.</summary>
    public sealed record Change(StoredDraft Draft, string ListingStatus, string? OldDraftHash, string? OldPayloadHash);

    private static readonly string Columns =
        "product_id, seller_id, readiness, cid, category_path, mapping_rule_id, title_zh, price_cny, steps_json, problems_json, " +
        "attributes_json, rate_id, pricing_rule_id, payload_hash, draft_hash, product_version, computed_at";

    private static readonly string Values =
        "@ProductId, @SellerId, @Readiness, @Cid, @CategoryPath, @MappingRuleId, @TitleZh, @PriceCny, @StepsJson, @ProblemsJson, " +
        "@AttributesJson, @RateId, @PricingRuleId, @PayloadHash, @DraftHash, @ProductVersion, @ComputedAt";

    public async Task<DraftRecomputer.Result> WriteAsync(DbConnection connection, IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        var drafts = changes.Where(c => c.OldDraftHash != c.Draft.DraftHash).Select(c => c.Draft).ToList();
        var statuses = changes
            .Where(c => UnsubmittedStatuses.Contains(c.ListingStatus) && c.ListingStatus != c.Draft.Readiness)
            .Select(c => new { Id = c.Draft.ProductId, Status = c.Draft.Readiness })
            .ToList();
        // Only a change of what was sent is owed to the marketplace; a first draft has nothing to compare with.
        var updates = changes
            .Where(c => c.ListingStatus == "Live" && c.OldPayloadHash is not null && c.OldPayloadHash != c.Draft.PayloadHash)
            .Select(c => new { c.Draft.ProductId, c.Draft.SellerId, c.Draft.PriceCny, c.Draft.ProductVersion, RequestedAt = c.Draft.ComputedAt })
            .ToList();
        if (drafts.Count == 0 && statuses.Count == 0 && updates.Count == 0)
        {
            return new DraftRecomputer.Result(changes.Count, 0, 0, 0);
        }

        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (drafts.Count > 0)
        {
            // A slower recompute that read an older product version must not overwrite a newer draft.
            await connection.ExecuteAsync(new CommandDefinition(
                db.Dialect.Upsert("product_drafts", Columns, Values, "product_id", "product_drafts.product_version <= excluded.product_version"),
                drafts,
                tx,
                cancellationToken: cancellationToken));
        }

        var changed = 0;
        if (statuses.Count > 0)
        {
            // Checked again in SQL: a submission may have moved the product on since it was read.
            changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE products SET listing_status = @Status WHERE id = @Id AND listing_status IN ('Draft', 'NeedsAttention', 'Ready')",
                statuses,
                tx,
                cancellationToken: cancellationToken));
        }

        if (updates.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                db.Dialect.Upsert(
                    "listing_updates",
                    "product_id, seller_id, price_cny, product_version, requested_at",
                    "@ProductId, @SellerId, @PriceCny, @ProductVersion, @RequestedAt",
                    "product_id"),
                updates,
                tx,
                cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
        return new DraftRecomputer.Result(changes.Count, drafts.Count, changed, updates.Count);
    }
}
