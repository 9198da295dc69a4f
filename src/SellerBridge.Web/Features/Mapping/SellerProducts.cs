using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>The seller's product list: filtered by listing status, with the count of each status and each product's yuan price and problem count.</summary>
public sealed class SellerProducts(Db db)
{
    public const int PageSize = 100;

    /// <summary>Listing statuses in the order the list's filter shows them.</summary>
    public static readonly string[] Statuses =
        ["NeedsAttention", "Ready", "Draft", "Queued", "Submitting", "PendingAudit", "Live", "Rejected", "Failed", "Delisted"];

    /// <summary>A listing status as people read it (English, the key of its translation).</summary>
    public static string Label(string status) => status switch
    {
        "NeedsAttention" => "Needs attention",
        "PendingAudit" => "Pending audit",
        _ => status,
    };

    /// <summary>The Bootstrap badge colour of a listing status.</summary>
    public static string Badge(string status) => status switch
    {
        "Ready" or "Live" => "text-bg-success",
        "NeedsAttention" => "text-bg-warning",
        "Rejected" or "Failed" => "text-bg-danger",
        "Queued" or "Submitting" or "PendingAudit" => "text-bg-info",
        _ => "text-bg-secondary",
    };

    public sealed class Row
    {
        public long Id { get; init; }
        public string SellerSku { get; init; } = "";
        public string NameKo { get; init; } = "";
        public string? NameZh { get; init; }
        public long PriceKrw { get; init; }
        public decimal? PriceCny { get; init; }
        public string Category { get; init; } = "";
        public string ListingStatus { get; init; } = "";
        public string? ProblemsJson { get; init; }

        public int ProblemCount => string.IsNullOrEmpty(ProblemsJson) || ProblemsJson == "[]" ? 0 : System.Text.Json.JsonDocument.Parse(ProblemsJson).RootElement.GetArrayLength();
    }

    public sealed record Page(IReadOnlyList<Row> Products, IReadOnlyDictionary<string, int> Counts, string? Status, long? NextAfter);

    public async Task<Page> ListAsync(SellerScope scope, string? status, long after)
    {
        status = Statuses.Contains(status) ? status : null;
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<Row>(
            """
            SELECT p.id AS Id, p.seller_sku AS SellerSku, p.name_ko AS NameKo, p.name_zh AS NameZh, p.price_krw AS PriceKrw,
                   d.price_cny AS PriceCny, p.category AS Category, p.listing_status AS ListingStatus, d.problems_json AS ProblemsJson
            FROM products p LEFT JOIN product_drafts d ON d.product_id = p.id
            WHERE p.seller_id = @sellerId AND (@status IS NULL OR p.listing_status = @status) AND p.id > @after
            ORDER BY p.id
            """ + db.Dialect.Limit("limit"),
            new { sellerId = scope.SellerId, status, after, limit = PageSize + 1 })).AsList();
        var counts = (await connection.QueryAsync<(string Status, int Count)>(
            "SELECT listing_status, COUNT(*) FROM products WHERE seller_id = @sellerId GROUP BY listing_status",
            new { sellerId = scope.SellerId }))
            .ToDictionary(r => r.Status, r => r.Count);
        var more = rows.Count > PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page(rows, counts, status, more ? rows[^1].Id : null);
    }
}
