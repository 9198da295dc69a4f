using System.Globalization;
using Dapper;
using SellerBridge.Web.Features.Catalogue;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The seller's inline fix on the product page: the Chinese title and the weight. The change is kept in
/// <c>product_history</c> (source <c>portal</c>) and the draft is recomputed before the page is shown again.
/// </summary>
public sealed class EditProduct(Db db, DraftRecomputer recomputer, TimeProvider clock, ILogger<EditProduct> logger)
{
    public sealed record Input(string? NameZh, string? WeightG);

    public enum Outcome
    {
        Saved,
        Unchanged,
        Invalid,
        NotFound,
    }

    /// <summary>Validation problems as message keys by field.</summary>
    public sealed record Result(Outcome Outcome, IReadOnlyDictionary<string, string> Errors);

    public async Task<Result> RunAsync(SellerScope scope, long productId, Input input)
    {
        var errors = new Dictionary<string, string>();
        var nameZh = string.IsNullOrWhiteSpace(input.NameZh) ? null : input.NameZh.Trim();
        if (nameZh is not null && new StringInfo(nameZh).LengthInTextElements > ReadinessEvaluator.MaxTitleLength)
        {
            errors["NameZh"] = "The Chinese name can have at most 60 characters.";
        }

        long? weight = null;
        if (!string.IsNullOrWhiteSpace(input.WeightG))
        {
            if (int.TryParse(input.WeightG.Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var grams) && grams is > 0 and <= 1_000_000)
            {
                weight = grams;
            }
            else
            {
                errors["WeightG"] = "Enter the weight as whole grams above 0.";
            }
        }

        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var current = (await connection.QueryFirstOrDefaultAsync<Row>(
            """
            SELECT name_ko AS NameKo, price_krw AS PriceKrw, stock AS Stock, category AS Category, name_zh AS NameZh, brand AS Brand,
                   weight_g AS WeightG, origin AS Origin, hs_code AS HsCode, barcode AS Barcode, image_urls AS ImageUrls,
                   description AS Description, extra_json AS ExtraJson
            FROM products WHERE id = @productId AND seller_id = @sellerId
            """,
            new { productId, sellerId = scope.SellerId }, tx))?.ToSnapshot();
        if (current is null)
        {
            return new Result(Outcome.NotFound, errors);
        }

        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, errors);
        }

        var edited = current with { NameZh = nameZh, WeightG = weight };
        if (edited == current)
        {
            return new Result(Outcome.Unchanged, errors);
        }

        // The content hash follows the content, so uploading the old file again restores the old
        // values instead of being taken for "unchanged"; history is written as the import writes it.
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            UPDATE products SET name_zh = @nameZh, weight_g = @weight, content_hash = @hash, version = version + 1, updated_at = @now
            WHERE id = @productId AND seller_id = @sellerId
            """,
            new { nameZh, weight, hash = edited.Hash(), now, productId, sellerId = scope.SellerId }, tx);
        await connection.ExecuteAsync(
            """
            INSERT INTO product_history (product_id, seller_id, import_id, source, at, changes_json)
            VALUES (@productId, @sellerId, NULL, 'portal', @now, @json)
            """,
            new { productId, sellerId = scope.SellerId, now, json = current.DiffJson(edited) }, tx);
        await tx.CommitAsync();
        logger.LogInformation("Product {ProductId} of seller {SellerId} edited in the portal", productId, scope.SellerId);

        await recomputer.ForProductsAsync(scope.SellerId, [productId]);
        return new Result(Outcome.Saved, errors);
    }

    // Read into properties, then built: Dapper fills a record's constructor only when every column's
    // type matches exactly, which SQLite (NULLs) and PostgreSQL (INTEGER as Int32) do not promise.
    private sealed class Row
    {
        public string NameKo { get; init; } = "";
        public long PriceKrw { get; init; }
        public long Stock { get; init; }
        public string Category { get; init; } = "";
        public string? NameZh { get; init; }
        public string? Brand { get; init; }
        public long? WeightG { get; init; }
        public string Origin { get; init; } = "";
        public string? HsCode { get; init; }
        public string? Barcode { get; init; }
        public string ImageUrls { get; init; } = "";
        public string? Description { get; init; }
        public string ExtraJson { get; init; } = "{}";

        public ProductSnapshot ToSnapshot() =>
            new(NameKo, PriceKrw, Stock, Category, NameZh, Brand, WeightG, Origin, HsCode, Barcode, ImageUrls, Description, ExtraJson);
    }
}
