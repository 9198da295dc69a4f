using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>
/// Ends sessions on the server's word. Each user has a random stamp; the sign-in cookie carries
/// the stamp it was issued with, and a cookie whose stamp is no longer the user's is refused at
/// its next request. Renewing the stamp (sign-out, a password change, a suspension) therefore ends
/// every session of that user, including copies of the cookie.
/// </summary>
public sealed class SecurityStamps(Db db, ILogger<SecurityStamps> logger)
{
    public const string ClaimType = "sb:stamp";

    private sealed record UserRow(string Stamp, long? SellerId, string? SellerStatus);

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Ends every session of one user.</summary>
    public async Task RenewForUserAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE users SET security_stamp = @stamp WHERE id = @userId", new { stamp = New(), userId });
    }

    /// <summary>Ends every session of every user of a seller, inside the caller's transaction (a suspension).</summary>
    public static Task RenewForSellerAsync(DbConnection connection, DbTransaction transaction, long sellerId) =>
        // One fresh value for the seller's users is enough: what matters is that it is not the old one.
        connection.ExecuteAsync("UPDATE users SET security_stamp = @stamp WHERE seller_id = @sellerId", new { stamp = New(), sellerId }, transaction);

    /// <summary>
    /// The cookie's check on every request. One primary-key lookup, as the suspended-seller check
    /// it replaces already cost; not cached, so that a sign-out takes effect at the next request.
    /// </summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null)
        {
            return;
        }

        if (!await IsCurrentAsync(principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        // Cookies issued before stamps existed carry none: they end, and the user signs in once more.
        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var userId) ||
            principal.FindFirstValue(ClaimType) is not { Length: > 0 } stamp)
        {
            return false;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(
            """
            SELECT u.security_stamp AS Stamp, u.seller_id AS SellerId, s.status AS SellerStatus
            FROM users u LEFT JOIN sellers s ON s.id = u.seller_id
            WHERE u.id = @userId
            """,
            new { userId });
        if (user is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(user.Stamp), Encoding.ASCII.GetBytes(stamp)))
        {
            return false;
        }

        // A suspension renews the stamp too; the status is checked as well so that a suspension
        // made directly in the database (or by an older node during a rolling update) still holds.
        if (user.SellerId is not null && user.SellerStatus is null or "Suspended")
        {
            logger.LogInformation("Refused the session of user {UserId}: seller suspended or gone", userId);
            return false;
        }

        return true;
    }
}
