using Dapper;
using Microsoft.AspNetCore.Identity;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Sellers;

/// <summary>
/// A signed-in user replaces their password: the one-time password an operator got, at first
/// sign-in, or their own at any time. The current password is asked for, so that a session left
/// open (or a copied cookie) cannot take the account over; the new one meets the sign-up rule,
/// differs from the current one and is typed twice. Every other session of the user ends.
/// </summary>
public sealed class ChangePassword(Db db, Passwords passwords, ILogger<ChangePassword> logger)
{
    public sealed record Input(long UserId, string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

    /// <summary>Field → message key; empty when the password was changed.</summary>
    public sealed record Result(IReadOnlyDictionary<string, string> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public async Task<Result> RunAsync(Input input, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        await using var connection = await db.OpenAsync(cancellationToken);
        var hash = await connection.ExecuteScalarAsync<string?>("SELECT password_hash FROM users WHERE id = @UserId", new { input.UserId });
        if (hash is null || string.IsNullOrEmpty(input.CurrentPassword) || passwords.Verify(hash, input.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            errors[nameof(ChangePasswordForm.CurrentPassword)] = "The current password is not correct.";
            return new Result(errors);
        }

        if (SellerAccounts.PasswordProblem(input.NewPassword) is { } problem)
        {
            errors[nameof(ChangePasswordForm.NewPassword)] = problem;
        }
        else if (input.NewPassword == input.CurrentPassword)
        {
            errors[nameof(ChangePasswordForm.NewPassword)] = "The new password must be different from the current one.";
        }
        else if (input.NewPassword != input.ConfirmPassword)
        {
            errors[nameof(ChangePasswordForm.ConfirmPassword)] = "The two passwords do not match.";
        }

        if (errors.Count > 0)
        {
            return new Result(errors);
        }

        // Only over the hash just verified: of two changes at once, the second is told the current
        // password is wrong rather than silently overwriting the first.
        var changed = await connection.ExecuteAsync(
            "UPDATE users SET password_hash = @newHash, must_change_password_since = NULL, security_stamp = @stamp WHERE id = @UserId AND password_hash = @hash",
            new { newHash = passwords.Hash(input.NewPassword!), stamp = SecurityStamps.New(), input.UserId, hash });
        if (changed == 0)
        {
            errors[nameof(ChangePasswordForm.CurrentPassword)] = "The current password is not correct.";
            return new Result(errors);
        }

        logger.LogInformation("User {UserId} changed their password; their other sessions ended", input.UserId);
        return new Result(errors);
    }
}

public sealed class ChangePasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}
