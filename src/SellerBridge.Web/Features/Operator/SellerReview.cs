using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Operator;

/// <summary>The operator's view of sellers: who is waiting, and approving, suspending or reinstating one.</summary>
public sealed class SellerReview(Db db, TimeProvider clock, ILogger<SellerReview> logger)
{
    public static readonly string[] Statuses = ["Pending", "Approved", "Suspended"];

    public sealed record SellerRow(long Id, string CompanyName, string Brn, string ContactName, string Email, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StatusChangedAt);

    public sealed record Page(IReadOnlyList<SellerRow> Sellers, IReadOnlyDictionary<string, int> Counts, string? Status);

    public async Task<Page> ListAsync(string? status)
    {
        status = Statuses.Contains(status) ? status : null;
        await using var connection = await db.OpenAsync();
        var sellers = await connection.QueryAsync<SellerRow>(
            """
            SELECT id AS Id, company_name AS CompanyName, brn AS Brn, contact_name AS ContactName, email AS Email,
                   status AS Status, created_at AS CreatedAt, status_changed_at AS StatusChangedAt
            FROM sellers WHERE (@status IS NULL OR status = @status)
            ORDER BY CASE status WHEN 'Pending' THEN 0 WHEN 'Approved' THEN 1 ELSE 2 END, id DESC
            """ + db.Dialect.Limit("limit"),
            new { status, limit = 500 });
        var counts = (await connection.QueryAsync<(string Status, int Count)>("SELECT status, COUNT(*) FROM sellers GROUP BY status"))
            .ToDictionary(r => r.Status, r => r.Count);
        return new Page(sellers.ToList(), counts, status);
    }

    /// <summary>Moves a seller to <paramref name="newStatus"/>; false when the seller does not exist.</summary>
    public async Task<bool> SetStatusAsync(long sellerId, string newStatus, long operatorUserId)
    {
        if (!Statuses.Contains(newStatus) || newStatus == "Pending")
        {
            throw new ArgumentException($"A seller can be set to Approved or Suspended, not {newStatus}.", nameof(newStatus));
        }

        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var old = await connection.ExecuteScalarAsync<string?>("SELECT status FROM sellers WHERE id = @sellerId", new { sellerId }, tx);
        if (old is null)
        {
            return false;
        }

        if (old != newStatus)
        {
            await connection.ExecuteAsync(
                "UPDATE sellers SET status = @newStatus, status_changed_at = @now, status_changed_by = @operatorUserId WHERE id = @sellerId",
                new { newStatus, now, operatorUserId, sellerId }, tx);
            await connection.ExecuteAsync(
                "INSERT INTO audit_log (at, actor_user_id, seller_id, action, detail) VALUES (@now, @operatorUserId, @sellerId, 'SellerStatusChanged', @detail)",
                new { now, operatorUserId, sellerId, detail = $"{old} -> {newStatus}" }, tx);
            if (newStatus == "Suspended")
            {
                await SecurityStamps.RenewForSellerAsync(connection, tx, sellerId);
            }
        }

        await tx.CommitAsync();
        logger.LogInformation("Seller {SellerId} moved from {Old} to {New} by user {UserId}", sellerId, old, newStatus, operatorUserId);
        return true;
    }
}
