using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Listings;

/// <summary>What the listings pages and API read: always within one seller (the operator's view passes the listing's own seller).</summary>
public sealed class ListingQueries(Db db)
{
    public const int PageSize = 100;

    public sealed class ListingRow
    {
        public long Id { get; init; }
        public long ProductId { get; init; }
        public long SellerId { get; init; }
        public string SellerSku { get; init; } = "";
        public string NameKo { get; init; } = "";
        public string? TitleZh { get; init; }
        public string Status { get; init; } = "";
        public long? NumIid { get; init; }
        public string? ReasonCode { get; init; }
        public string? ReasonMessage { get; init; }
        public int Attempts { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public DateTimeOffset? LiveAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        /// <summary>A withdraw (<c>off</c>) or relist (<c>on</c>) asked for and not yet done.</summary>
        public string? SaleWanted { get; init; }

        public bool CanWithdraw => Status == ListingStatus.Live && NumIid is not null && SaleWanted is null;

        public bool CanRelist => Status == ListingStatus.Delisted && NumIid is not null && ReasonCode != ListingReasons.ItemGone && SaleWanted is null;
    }

    public sealed class AttemptRow
    {
        public DateTimeOffset At { get; init; }
        public string Method { get; init; } = "";
        public string Outcome { get; init; } = "";
        public int? Code { get; init; }
        public string? SubCode { get; init; }
        public string? Message { get; init; }
    }

    public sealed class SubmissionRow
    {
        public long Id { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string Source { get; init; } = "";
        public int Requested { get; init; }
        public int Accepted { get; init; }
    }

    public sealed class RefusalRow
    {
        public string SellerSku { get; init; } = "";
        public string RefusalCode { get; init; } = "";
    }

    private const string ListingColumns = """
        l.id AS Id, l.product_id AS ProductId, p.seller_sku AS SellerSku, p.name_ko AS NameKo, d.title_zh AS TitleZh, l.status AS Status,
        l.num_iid AS NumIid, l.reason_code AS ReasonCode, l.reason_message AS ReasonMessage, l.attempts AS Attempts,
        l.submitted_at AS SubmittedAt, l.live_at AS LiveAt, l.updated_at AS UpdatedAt, l.seller_id AS SellerId, l.sale_wanted AS SaleWanted
        FROM listings l JOIN products p ON p.id = l.product_id LEFT JOIN product_drafts d ON d.product_id = l.product_id
        """;

    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(SellerScope scope)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<(string Status, long Count)>(
            "SELECT status, COUNT(*) FROM listings WHERE seller_id = @SellerId GROUP BY status", new { scope.SellerId });
        return rows.ToDictionary(r => r.Status, r => (int)r.Count);
    }

    public async Task<IReadOnlyList<ListingRow>> ListAsync(SellerScope scope, string? status, long? after, int limit = PageSize)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<ListingRow>(
            $"SELECT {ListingColumns} WHERE l.seller_id = @SellerId AND (@status IS NULL OR l.status = @status) AND l.id > @after ORDER BY l.id" + db.Dialect.Limit("limit"),
            new { scope.SellerId, status, after = after ?? 0, limit = Math.Clamp(limit, 1, 500) })).ToList();
    }

    public async Task<ListingRow?> FindAsync(SellerScope scope, long id)
    {
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<ListingRow>($"SELECT {ListingColumns} WHERE l.id = @id AND l.seller_id = @SellerId", new { id, scope.SellerId });
    }

    /// <summary>For the operator: any seller's listing, by id.</summary>
    public async Task<ListingRow?> FindForOperatorAsync(long id)
    {
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<ListingRow>($"SELECT {ListingColumns} WHERE l.id = @id", new { id });
    }

    public async Task<IReadOnlyList<AttemptRow>> AttemptsAsync(long sellerId, long listingId)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<AttemptRow>(
            """
            SELECT at AS At, method AS Method, outcome AS Outcome, code AS Code, sub_code AS SubCode, message AS Message
            FROM listing_attempts WHERE listing_id = @listingId AND seller_id = @sellerId ORDER BY id DESC
            """ + db.Dialect.Limit("limit"),
            new { listingId, sellerId, limit = 200 })).ToList();
    }

    public async Task<SubmissionRow?> FindSubmissionAsync(SellerScope scope, long id)
    {
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<SubmissionRow>(
            "SELECT id AS Id, created_at AS CreatedAt, source AS Source, requested AS Requested, accepted AS Accepted FROM submissions WHERE id = @id AND seller_id = @SellerId",
            new { id, scope.SellerId });
    }

    /// <summary>The submission's accepted listings counted by their status now.</summary>
    public async Task<IReadOnlyDictionary<string, int>> SubmissionCountsAsync(SellerScope scope, long id)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<(string Status, long Count)>(
            """
            SELECT l.status, COUNT(*) FROM submission_items i JOIN listings l ON l.id = i.listing_id
            WHERE i.submission_id = @id AND l.seller_id = @SellerId GROUP BY l.status
            """,
            new { id, scope.SellerId });
        return rows.ToDictionary(r => r.Status, r => (int)r.Count);
    }

    public async Task<IReadOnlyList<RefusalRow>> RefusalsAsync(SellerScope scope, long id)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<RefusalRow>(
            """
            SELECT i.seller_sku AS SellerSku, i.refusal_code AS RefusalCode FROM submission_items i JOIN submissions s ON s.id = i.submission_id
            WHERE i.submission_id = @id AND s.seller_id = @SellerId AND i.refusal_code IS NOT NULL ORDER BY i.seller_sku
            """,
            new { id, scope.SellerId })).ToList();
    }

    public sealed class SubmittableRow
    {
        public string SellerSku { get; init; } = "";
        public string NameKo { get; init; } = "";
        public string ListingStatus { get; init; } = "";
    }

    /// <summary>Products the seller could submit now (draft Ready, not on their way or live), for the portal's checkboxes.</summary>
    public async Task<IReadOnlyList<SubmittableRow>> SubmittableAsync(SellerScope scope, int limit = 200)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<SubmittableRow>(
            """
            SELECT p.seller_sku AS SellerSku, p.name_ko AS NameKo, p.listing_status AS ListingStatus
            FROM products p JOIN product_drafts d ON d.product_id = p.id
            WHERE p.seller_id = @SellerId AND d.readiness = 'Ready' AND p.listing_status IN ('Ready', 'Rejected', 'Failed', 'Delisted')
            ORDER BY p.id
            """ + db.Dialect.Limit("limit"),
            new { scope.SellerId, limit })).ToList();
    }
}
