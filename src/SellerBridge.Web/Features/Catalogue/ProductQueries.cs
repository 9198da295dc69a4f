using System.Text.Json;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>A seller's products with their catalogue fields (English names) and listing status, for the API.</summary>
public sealed class ProductQueries(Db db)
{
    public const int PageSize = 100;

    public sealed class ProductRow
    {
        public long Id { get; init; }

        public string SellerSku { get; init; } = "";

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

        public string ListingStatus { get; init; } = "";

        public long Version { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        /// <summary>The catalogue fields as the import compares them (for the history's "from → to").</summary>
        public ProductSnapshot Snapshot() => new(NameKo, PriceKrw, Stock, Category, NameZh, Brand, WeightG, Origin, HsCode, Barcode, ImageUrls, Description, ExtraJson);

        public object ToApi() => new
        {
            id = Id,
            seller_sku = SellerSku,
            name_ko = NameKo,
            price_krw = PriceKrw,
            stock = Stock,
            category = Category,
            name_zh = NameZh,
            brand = Brand,
            weight_g = WeightG,
            origin = Origin,
            hs_code = HsCode,
            barcode = Barcode,
            image_urls = ImageUrls.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            description = Description,
            extra = JsonSerializer.Deserialize<Dictionary<string, string>>(ExtraJson),
            listing_status = ListingStatus,
            version = Version,
            updated_at = UpdatedAt,
        };
    }

    private const string Select = """
        SELECT id AS Id, seller_sku AS SellerSku, name_ko AS NameKo, price_krw AS PriceKrw, stock AS Stock, category AS Category,
               name_zh AS NameZh, brand AS Brand, weight_g AS WeightG, origin AS Origin, hs_code AS HsCode, barcode AS Barcode,
               image_urls AS ImageUrls, description AS Description, extra_json AS ExtraJson, listing_status AS ListingStatus,
               version AS Version, updated_at AS UpdatedAt
        FROM products
        """;

    /// <summary>Keyset paging by id: <paramref name="after"/> is the last id of the previous page.</summary>
    public async Task<IReadOnlyList<ProductRow>> ListAsync(SellerScope scope, string? sku, string? status, long? after, int limit = PageSize)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<ProductRow>(
            Select + """
             WHERE seller_id = @SellerId AND (@sku IS NULL OR seller_sku = @sku) AND (@status IS NULL OR listing_status = @status)
               AND id > @after ORDER BY id
            """ + db.Dialect.Limit("limit"),
            new { scope.SellerId, sku = Blank(sku), status = Blank(status), after = after ?? 0, limit = Math.Clamp(limit, 1, 500) });
        return rows.ToList();
    }

    public async Task<ProductRow?> FindBySkuAsync(SellerScope scope, string sku)
    {
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<ProductRow>(
            Select + " WHERE seller_id = @SellerId AND seller_sku = @sku", new { scope.SellerId, sku });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
