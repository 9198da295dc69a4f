using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Sellers;

/// <summary>Lockout thresholds for failed sign-ins (section <c>Security</c>).</summary>
public sealed class SignInOptions
{
    /// <summary>Failures after which each further attempt is answered more slowly.</summary>
    public int SlowAfterFailures { get; set; } = 3;

    /// <summary>Failures after which the email is locked for <see cref="LockoutMinutes"/>.</summary>
    public int LockAfterFailures { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Added per failure past <see cref="SlowAfterFailures"/>, capped at three seconds.</summary>
    public int DelayPerFailureMilliseconds { get; set; } = 500;
}

/// <summary>
/// Checks an email and password. Failures are counted per email whether or not the account
/// exists, so neither the message nor the timing tells an attacker which emails are registered.
/// </summary>
public sealed class PasswordSignIn(Db db, Passwords passwords, TimeProvider clock, IOptions<SignInOptions> options, ILogger<PasswordSignIn> logger)
{
    public enum Outcome
    {
        Succeeded,
        Invalid,
        LockedOut,
        Suspended,
    }

    public sealed record Result(Outcome Outcome, ClaimsPrincipal? Principal, TimeSpan? RetryAfter)
    {
        /// <summary>Signed in with a one-time password: the change-password page is next.</summary>
        public bool MustChangePassword => Principal?.MustChangePassword() == true;
    }

    private readonly Lazy<string> _dummyHash = new(() => passwords.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    private sealed record UserRow(
        long Id, string Email, string PasswordHash, string Role, long? SellerId, string DisplayName, string? SellerStatus, string? CompanyName, string SecurityStamp, DateTimeOffset? MustChangePasswordSince);

    private const string SelectUser =
        """
        SELECT u.id AS Id, u.email AS Email, u.password_hash AS PasswordHash, u.role AS Role, u.seller_id AS SellerId,
               u.display_name AS DisplayName, s.status AS SellerStatus, s.company_name AS CompanyName, u.security_stamp AS SecurityStamp,
               u.must_change_password_since AS MustChangePasswordSince
        FROM users u LEFT JOIN sellers s ON s.id = u.seller_id
        """;

    public async Task<Result> SignInAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var normalised = SellerAccounts.NormaliseEmail(email) ?? (email ?? "").Trim().ToLowerInvariant();
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        var now = clock.GetUtcNow();

        await using var connection = await db.OpenAsync(cancellationToken);
        var throttle = await connection.QuerySingleOrDefaultAsync<(int Failures, DateTimeOffset? LockedUntil)>(
            "SELECT failures, locked_until FROM login_throttle WHERE email_key = @key", new { key });
        if (throttle.LockedUntil is { } until && until > now)
        {
            return new Result(Outcome.LockedOut, null, until - now);
        }

        if (throttle.Failures >= o.SlowAfterFailures)
        {
            var delay = Math.Min(3000, (throttle.Failures - o.SlowAfterFailures + 1) * o.DelayPerFailureMilliseconds);
            await Task.Delay(delay, cancellationToken);
        }

        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.email = @normalised", new { normalised });

        // A missing user still pays for one hash verification, so timing does not reveal it. (It
        // used to hash a fresh dummy first: two PBKDF2 runs against one, a missing email answered
        // measurably slower than a registered one.)
        var verdict = Verify(user?.PasswordHash ?? _dummyHash.Value, password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            var failures = throttle.Failures + 1;
            DateTimeOffset? lockedUntil = failures >= o.LockAfterFailures ? now.AddMinutes(o.LockoutMinutes) : null;
            await RecordFailureAsync(connection, key, failures, now, lockedUntil);
            logger.LogWarning("Failed sign-in ({Failures} in a row) for email key {EmailKey}", failures, key[..12]);
            return lockedUntil is { } l
                ? new Result(Outcome.LockedOut, null, l - now)
                : new Result(Outcome.Invalid, null, null);
        }

        if (user.SellerStatus == "Suspended")
        {
            return new Result(Outcome.Suspended, null, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await connection.ExecuteAsync("UPDATE users SET password_hash = @hash WHERE id = @id", new { hash = passwords.Hash(password!), id = user.Id });
            logger.LogInformation("Re-hashed the password of user {UserId} at {Iterations} iterations", user.Id, Passwords.Iterations);
        }

        await connection.ExecuteAsync("DELETE FROM login_throttle WHERE email_key = @key", new { key });
        var stamp = user.SecurityStamp is { Length: > 0 } current ? current : SecurityStamps.New();
        await connection.ExecuteAsync("UPDATE users SET last_login_at = @now, security_stamp = @stamp WHERE id = @id", new { now, stamp, id = user.Id });
        return new Result(Outcome.Succeeded, Principal(user, stamp), null);
    }

    /// <summary>
    /// The principal for a user already signed in, read afresh (its current stamp, whether it must
    /// still change its password): a password change re-issues this browser's cookie with it.
    /// Null when the user is gone or its seller suspended.
    /// </summary>
    public async Task<ClaimsPrincipal?> PrincipalForAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE u.id = @userId", new { userId });
        return user is null || user.SellerStatus == "Suspended" || user.SecurityStamp is not { Length: > 0 } ? null : Principal(user, user.SecurityStamp);
    }

    private PasswordVerificationResult Verify(string hash, string? password) =>
        string.IsNullOrEmpty(password) ? PasswordVerificationResult.Failed : passwords.Verify(hash, password);

    private async Task RecordFailureAsync(System.Data.Common.DbConnection connection, string key, int failures, DateTimeOffset now, DateTimeOffset? lockedUntil)
    {
        var updated = await connection.ExecuteAsync(
            "UPDATE login_throttle SET failures = @failures, last_failure_at = @now, locked_until = @lockedUntil WHERE email_key = @key",
            new { key, failures, now, lockedUntil });
        if (updated == 0)
        {
            await connection.ExecuteAsync(
                db.Dialect.InsertIgnoreDuplicates("login_throttle", "email_key, failures, last_failure_at, locked_until", "@key, @failures, @now, @lockedUntil", "email_key"),
                new { key, failures, now, lockedUntil });
        }
    }

    private static ClaimsPrincipal Principal(UserRow user, string stamp)
    {
        var claims = new List<Claim>
        {
            new(SecurityStamps.ClaimType, stamp),
            new(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
        };
        if (user.MustChangePasswordSince is not null)
        {
            // A one-time password opens the change-password page and nothing else: no role, no
            // seller, until the user has chosen a password of their own.
            claims.Add(new Claim(PasswordChangeGate.ClaimType, "true"));
            return new ClaimsPrincipal(new ClaimsIdentity(claims, "Cookies"));
        }

        claims.Add(new Claim(ClaimTypes.Role, user.Role));
        if (user.SellerId is { } sellerId)
        {
            claims.Add(new Claim(SellerClaims.SellerId, sellerId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            claims.Add(new Claim("company", user.CompanyName ?? ""));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Cookies"));
    }
}
