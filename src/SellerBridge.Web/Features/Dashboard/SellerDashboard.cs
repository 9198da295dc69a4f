using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Dashboard;

/// <summary>What the seller sees first: its account state and what to do next.</summary>
public sealed class SellerDashboard(Db db)
{
    public sealed record Model(string CompanyName, string Brn, string Status, DateTimeOffset CreatedAt, long ActiveApiKeys);

    public async Task<Model?> LoadAsync(SellerScope scope)
    {
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Model>(
            """
            SELECT s.company_name AS CompanyName, s.brn AS Brn, s.status AS Status, s.created_at AS CreatedAt,
                   (SELECT COUNT(*) FROM api_keys k WHERE k.seller_id = s.id AND k.revoked_at IS NULL) AS ActiveApiKeys
            FROM sellers s WHERE s.id = @SellerId
            """,
            new { scope.SellerId });
    }
}
