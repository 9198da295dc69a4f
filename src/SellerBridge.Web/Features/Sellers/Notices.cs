using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Sellers;

/// <summary>
/// Notices owed to a user, kept until a sender delivers them. There is no sender yet (portal
/// notices and email come with a later issue): the rows are the record of what is owed, so
/// nothing is lost meanwhile, and they name the user rather than copying an address.
/// </summary>
public sealed class Notices(Db db, TimeProvider clock, ILogger<Notices> logger)
{
    public async Task OweAsync(long userId, string kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO notices (user_id, kind, created_at) VALUES (@userId, @kind, @now)",
            new { userId, kind, now = clock.GetUtcNow() });
        logger.LogInformation("Notice {Kind} owed to user {UserId}", kind, userId);
    }
}
