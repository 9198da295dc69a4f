using Dapper;
using SellerBridge.Web.Features.Sellers;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Operator;

/// <summary>
/// Operators: the first made by the <c>create-operator</c> command, the others invited by an
/// operator on the operators page. Each starts with a generated one-time password, stored only as
/// its hash, that must be replaced at first sign-in; who invited whom, and when, is kept.
/// </summary>
public sealed class OperatorAccounts(Db db, Passwords passwords, TimeProvider clock, ILogger<OperatorAccounts> logger)
{
    public const int MaxNameLength = 100;

    /// <summary>The one-time password is in the answer and nowhere else.</summary>
    public sealed record Created(long UserId, string Email, string OneTimePassword);

    /// <summary>Field (<c>Email</c>, <c>Name</c>) → message key; empty when <see cref="Operator"/> was created.</summary>
    public sealed record Result(Created? Operator, IReadOnlyDictionary<string, string> Errors);

    public sealed record OperatorRow(
        long Id, string Email, string DisplayName, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, DateTimeOffset? MustChangePasswordSince, string? InvitedByEmail);

    /// <param name="invitedBy">The inviting operator's user id; null for the command.</param>
    /// <param name="shownNow">True when the caller shows the password as it returns (the command);
    /// the page shows it later, once, through <see cref="TakeForShowingAsync"/>.</param>
    public async Task<Result> CreateAsync(string? email, string? name, long? invitedBy, bool shownNow, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        var normalised = SellerAccounts.NormaliseEmail(email);
        if (normalised is null)
        {
            errors["Email"] = "Enter a valid email address.";
        }

        var displayName = string.IsNullOrWhiteSpace(name) ? normalised : name.Trim();
        if (displayName is { Length: > MaxNameLength })
        {
            errors["Name"] = "The name may be at most 100 characters.";
        }

        if (errors.Count > 0)
        {
            return new Result(null, errors);
        }

        var oneTimePassword = OneTimePasswords.New();
        var hash = passwords.Hash(oneTimePassword);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Ignoring a duplicate rather than failing on it: of two invitations of one email at once,
        // the second is told the email is taken.
        var inserted = await connection.ExecuteAsync(
            db.Dialect.InsertIgnoreDuplicates(
                "users",
                "email, password_hash, role, seller_id, display_name, created_at, security_stamp, must_change_password_since, one_time_password_shown_at, invited_by_user_id",
                "@normalised, @hash, 'Operator', NULL, @displayName, @now, @stamp, @now, @shownAt, @invitedBy",
                "email"),
            new { normalised, hash, displayName, now, stamp = SecurityStamps.New(), shownAt = shownNow ? now : (DateTimeOffset?)null, invitedBy },
            tx);
        if (inserted == 0)
        {
            return new Result(null, new Dictionary<string, string> { ["Email"] = "An account with this email already exists." });
        }

        var userId = await connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE email = @normalised", new { normalised }, tx);
        await connection.ExecuteAsync(
            "INSERT INTO audit_log (at, actor_user_id, seller_id, action, detail) VALUES (@now, @invitedBy, NULL, 'OperatorCreated', @detail)",
            new { now, invitedBy, detail = invitedBy is null ? $"user {userId} by the create-operator command" : $"user {userId} invited by user {invitedBy}" },
            tx);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Operator {UserId} created by {InvitedBy}", userId, invitedBy?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the create-operator command");
        return new Result(new Created(userId, normalised!, oneTimePassword), errors);
    }

    /// <summary>
    /// True once, for the operator who invited <paramref name="userId"/>, while the one-time password
    /// is still unused: the database, not the browser, decides that the page shows it only once.
    /// </summary>
    public async Task<bool> TakeForShowingAsync(long userId, long inviterUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            UPDATE users SET one_time_password_shown_at = @now
            WHERE id = @userId AND invited_by_user_id = @inviterUserId AND one_time_password_shown_at IS NULL AND must_change_password_since IS NOT NULL
            """,
            new { now = clock.GetUtcNow(), userId, inviterUserId }) == 1;
    }

    public async Task<IReadOnlyList<OperatorRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OperatorRow>(
            """
            SELECT u.id AS Id, u.email AS Email, u.display_name AS DisplayName, u.created_at AS CreatedAt, u.last_login_at AS LastLoginAt,
                   u.must_change_password_since AS MustChangePasswordSince, i.email AS InvitedByEmail
            FROM users u LEFT JOIN users i ON i.id = u.invited_by_user_id
            WHERE u.role = 'Operator'
            ORDER BY u.id
            """ + db.Dialect.Limit("limit"),
            new { limit = 500 });
        return rows.AsList();
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT MIN(id) FROM users WHERE role = 'Operator'") is not null;
    }
}
