using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// One product of the signed-in seller with its listing draft: what would be sent (category, Chinese
/// title, yuan price step by step, images, attributes), the rate and pricing rule versions it was
/// priced with, and every problem. Another seller's product is simply not found.
/// </summary>
public sealed class ProductPreview(Db db, DraftRecomputer recomputer)
{
    public sealed class ProductRow
    {
        public long Id { get; init; }
        public string SellerSku { get; init; } = "";
        public string NameKo { get; init; } = "";
        public string? NameZh { get; init; }
        public long PriceKrw { get; init; }
        public int Stock { get; init; }
        public string Category { get; init; } = "";
        public string? Brand { get; init; }
        public int? WeightG { get; init; }
        public string Origin { get; init; } = "";
        public string ImageUrls { get; init; } = "";
        public string? Description { get; init; }
        public string ListingStatus { get; init; } = "";
        public int Version { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public IReadOnlyList<string> Images => ImageUrls.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public sealed record RateUsed(long Id, decimal KrwPerCny, string EffectiveFrom);

    public sealed record View(ProductRow Product, StoredDraft? Draft, RateUsed? Rate, int? RuleVersion, bool UpdatePending);

    /// <summary>The product with id <paramref name="id"/> if it is the seller's, else null.</summary>
    public Task<View?> ByIdAsync(SellerScope scope, long id) =>
        LoadAsync(scope, "p.id = @id", new { id, sellerId = scope.SellerId });

    /// <summary>The product with SKU <paramref name="sku"/> if the seller has one, else null.</summary>
    public Task<View?> BySkuAsync(SellerScope scope, string sku) =>
        LoadAsync(scope, "p.seller_sku = @sku", new { sku, sellerId = scope.SellerId });

    private async Task<View?> LoadAsync(SellerScope scope, string where, object args)
    {
        var product = await ProductAsync(where, args);
        if (product is null)
        {
            return null;
        }

        var draft = await DraftAsync(product.Id, scope.SellerId);
        // Drafts are written when the product changes; one missing or behind (an import that has not
        // asked yet) is made now, so the page never shows an old price.
        if (draft is null || draft.ProductVersion != product.Version)
        {
            await recomputer.ForProductsAsync(scope.SellerId, [product.Id]);
            product = await ProductAsync("p.id = @id", new { id = product.Id, sellerId = scope.SellerId }) ?? product;
            draft = await DraftAsync(product.Id, scope.SellerId);
        }

        await using var connection = await db.OpenAsync();
        var rate = draft?.RateId is { } rateId
            ? (await connection.QueryAsync<(long Id, decimal KrwPerCny, string EffectiveFrom)>(
                "SELECT id, krw_per_cny, effective_from FROM exchange_rates WHERE id = @rateId", new { rateId }))
                .Select(r => new RateUsed(r.Id, r.KrwPerCny, r.EffectiveFrom)).FirstOrDefault()
            : null;
        var ruleVersion = draft?.PricingRuleId is { } ruleId
            ? await connection.ExecuteScalarAsync<int?>("SELECT version FROM pricing_rules WHERE id = @ruleId", new { ruleId })
            : null;
        var pending = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM listing_updates WHERE product_id = @id AND seller_id = @sellerId",
            new { id = product.Id, sellerId = scope.SellerId }) > 0;
        return new View(product, draft, rate, ruleVersion, pending);
    }

    private async Task<ProductRow?> ProductAsync(string where, object args)
    {
        await using var connection = await db.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<ProductRow>(
            """
            SELECT p.id AS Id, p.seller_sku AS SellerSku, p.name_ko AS NameKo, p.name_zh AS NameZh, p.price_krw AS PriceKrw,
                   p.stock AS Stock, p.category AS Category, p.brand AS Brand, p.weight_g AS WeightG, p.origin AS Origin,
                   p.image_urls AS ImageUrls, p.description AS Description, p.listing_status AS ListingStatus,
                   p.version AS Version, p.updated_at AS UpdatedAt
            FROM products p
            WHERE p.seller_id = @sellerId AND 
            """ + where,
            args);
    }

    private async Task<StoredDraft?> DraftAsync(long productId, long sellerId)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QueryFirstOrDefaultAsync<DraftRow>(
            """
            SELECT product_id AS ProductId, seller_id AS SellerId, readiness AS Readiness, cid AS Cid, category_path AS CategoryPath,
                   mapping_rule_id AS MappingRuleId, title_zh AS TitleZh, price_cny AS PriceCny, steps_json AS StepsJson,
                   problems_json AS ProblemsJson, attributes_json AS AttributesJson, rate_id AS RateId, pricing_rule_id AS PricingRuleId,
                   payload_hash AS PayloadHash, draft_hash AS DraftHash, product_version AS ProductVersion, computed_at AS ComputedAt
            FROM product_drafts WHERE product_id = @productId AND seller_id = @sellerId
            """,
            new { productId, sellerId });
        return row?.ToDraft();
    }

    private sealed class DraftRow
    {
        public long ProductId { get; init; }
        public long SellerId { get; init; }
        public string Readiness { get; init; } = "";
        public long? Cid { get; init; }
        public string? CategoryPath { get; init; }
        public long? MappingRuleId { get; init; }
        public string? TitleZh { get; init; }
        public decimal? PriceCny { get; init; }
        public string StepsJson { get; init; } = "[]";
        public string ProblemsJson { get; init; } = "[]";
        public string AttributesJson { get; init; } = "[]";
        public long? RateId { get; init; }
        public long? PricingRuleId { get; init; }
        public string PayloadHash { get; init; } = "";
        public string DraftHash { get; init; } = "";
        public int ProductVersion { get; init; }
        public DateTimeOffset ComputedAt { get; init; }

        public StoredDraft ToDraft() => new(
            ProductId, SellerId, Readiness, Cid, CategoryPath, MappingRuleId, TitleZh, PriceCny, StepsJson, ProblemsJson,
            AttributesJson, RateId, PricingRuleId, PayloadHash, DraftHash, ProductVersion, ComputedAt);
    }
}
