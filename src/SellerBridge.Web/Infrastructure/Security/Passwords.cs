using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>
/// Identity's PBKDF2 hasher at OWASP's iteration count for PBKDF2-HMAC-SHA512; hashes made with
/// fewer iterations verify and are then re-hashed.
/// </summary>
public sealed class Passwords
{
    public const int Iterations = 210_000;

    private readonly PasswordHasher<object> _hasher = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = Iterations,
    }));

    private static readonly object User = new();

    public string Hash(string password) => _hasher.HashPassword(User, password);

    public PasswordVerificationResult Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(User, hash, password);

    /// <summary>Reads the PRF and iteration count that a V3 hash was made with.</summary>
    public static (int Prf, int Iterations) Describe(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        static int ReadInt(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (ReadInt(bytes, 1), ReadInt(bytes, 5));
    }
}
