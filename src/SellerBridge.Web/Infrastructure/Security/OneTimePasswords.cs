using System.Security.Cryptography;

namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>Generated passwords handed to a new operator once, to be replaced at first sign-in.</summary>
public static class OneTimePasswords
{
    // No 0/o, 1/l/i: the password is read off a screen or a terminal and typed by a person.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Four groups of five (about 99 bits), e.g. <c>k7wq2-...</c>; long enough for the password rule.</summary>
    public static string New()
    {
        var chars = RandomNumberGenerator.GetString(Alphabet, 20);
        return string.Join('-', chars.Chunk(5).Select(c => new string(c)));
    }
}
