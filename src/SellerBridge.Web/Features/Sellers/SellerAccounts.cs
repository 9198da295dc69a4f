using System.Net.Mail;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Sellers;

/// <summary>Creates a seller with its first user; shared by the sign-up page and the operator command.</summary>
public sealed class SellerAccounts(Db db, Passwords passwords, TimeProvider clock)
{
    public sealed record NewSeller(string CompanyName, string Brn, string ContactName, string Email, string Password);

    /// <summary><paramref name="Conflict"/> is set when the email or business number is already registered.</summary>
    public sealed record Result(long SellerId, long UserId, IReadOnlyDictionary<string, string> Errors, Conflict? Conflict = null)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    /// <summary>What was already registered, and the user who owns it (to be told, not the person signing up).</summary>
    public sealed record Conflict(string Kind, long? OwnerUserId);

    public const string EmailTaken = "SignUpWithRegisteredEmail";
    public const string BrnTaken = "SignUpWithRegisteredBrn";

    public const int MinPasswordLength = 10;

    /// <summary>Field → message key; empty when the input is acceptable.</summary>
    public static Dictionary<string, string> Validate(NewSeller input)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.CompanyName) || input.CompanyName.Trim().Length > 200)
        {
            errors[nameof(input.CompanyName)] = "Enter the company name (at most 200 characters).";
        }

        if (BusinessRegistrationNumber.Normalise(input.Brn) is null)
        {
            errors[nameof(input.Brn)] = "The business registration number must be 10 digits with a valid check digit (e.g. 123-45-67891).";
        }

        if (string.IsNullOrWhiteSpace(input.ContactName) || input.ContactName.Trim().Length > 100)
        {
            errors[nameof(input.ContactName)] = "Enter the contact person's name (at most 100 characters).";
        }

        if (NormaliseEmail(input.Email) is null)
        {
            errors[nameof(input.Email)] = "Enter a valid email address.";
        }

        if (PasswordProblem(input.Password) is { } problem)
        {
            errors[nameof(input.Password)] = problem;
        }

        return errors;
    }

    /// <summary>The rule every chosen password meets (sign-up, a change); the message key, or null when it does.</summary>
    public static string? PasswordProblem(string? password) =>
        password is null || password.Length < MinPasswordLength || password.Length > 200
            ? "The password must be at least 10 characters long."
            : null;

    public static string? NormaliseEmail(string? email)
    {
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            return null;
        }

        return email.ToLowerInvariant();
    }

    public async Task<Result> CreateAsync(NewSeller input, string status = "Pending", long? actorUserId = null)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new Result(0, 0, errors);
        }

        var email = NormaliseEmail(input.Email)!;
        var brn = BusinessRegistrationNumber.Normalise(input.Brn)!;
        var now = clock.GetUtcNow();

        // Hashed before anything is looked up, so that a registered email (which needs no hash)
        // does not answer a hash's time sooner than a new one.
        var hash = passwords.Hash(input.Password);
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE email = @email", new { email }, tx) is { } owner)
        {
            return new Result(0, 0, new Dictionary<string, string> { [nameof(input.Email)] = "An account with this email already exists. Sign in instead." }, new Conflict(EmailTaken, owner));
        }

        if (await connection.ExecuteScalarAsync<long?>("SELECT id FROM sellers WHERE brn = @brn", new { brn }, tx) is { } existingSeller)
        {
            var sellersFirstUser = await connection.ExecuteScalarAsync<long?>("SELECT MIN(id) FROM users WHERE seller_id = @existingSeller", new { existingSeller }, tx);
            return new Result(
                0,
                0,
                new Dictionary<string, string> { [nameof(input.Brn)] = "This business registration number is already registered. Ask your colleague or the operator for access." },
                new Conflict(BrnTaken, sellersFirstUser));
        }

        var sellerId = await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId(
                "INSERT INTO sellers (company_name, brn, contact_name, email, status, created_at, status_changed_at, status_changed_by) VALUES (@company, @brn, @contact, @email, @status, @now, @now, @actorUserId)"),
            new { company = input.CompanyName.Trim(), brn, contact = input.ContactName.Trim(), email, status, now, actorUserId },
            tx);
        var userId = await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId(
                "INSERT INTO users (email, password_hash, role, seller_id, display_name, created_at, security_stamp) VALUES (@email, @hash, 'Seller', @sellerId, @name, @now, @stamp)"),
            new { email, hash, sellerId, name = input.ContactName.Trim(), now, stamp = SecurityStamps.New() },
            tx);
        await connection.ExecuteAsync(
            "INSERT INTO audit_log (at, actor_user_id, seller_id, action, detail) VALUES (@now, @actor, @sellerId, 'SellerCreated', @status)",
            new { now, actor = actorUserId ?? userId, sellerId, status },
            tx);
        await tx.CommitAsync();
        return new Result(sellerId, userId, new Dictionary<string, string>());
    }

    /// <summary>Creates an operator user if the email is free; true when this call created it (of several nodes starting together, one does).</summary>
    public async Task<bool> EnsureOperatorAsync(string email, string password, string displayName)
    {
        email = NormaliseEmail(email) ?? throw new ArgumentException("Invalid operator email.", nameof(email));
        await using var connection = await db.OpenAsync();
        if (await connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE email = @email", new { email }) is not null)
        {
            return false;
        }

        return await connection.ExecuteAsync(
            db.Dialect.InsertIgnoreDuplicates(
                "users", "email, password_hash, role, seller_id, display_name, created_at, security_stamp", "@email, @hash, 'Operator', NULL, @displayName, @now, @stamp", "email"),
            new { email, hash = passwords.Hash(password), displayName, now = clock.GetUtcNow(), stamp = SecurityStamps.New() }) == 1;
    }

    /// <summary>Sets a user's password and ends every session of that user; false when there is no such user.</summary>
    public async Task<bool> SetPasswordAsync(string email, string password)
    {
        email = NormaliseEmail(email) ?? throw new ArgumentException("Invalid email.", nameof(email));
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE users SET password_hash = @hash, security_stamp = @stamp WHERE email = @email",
            new { email, hash = passwords.Hash(password), stamp = SecurityStamps.New() }) == 1;
    }
}
