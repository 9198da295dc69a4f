using System.Security.Cryptography;
using System.Text;

namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>
/// Loads RSA keys the two ways they are handed over: PEM (PKCS#8 private, SPKI public) or the bare
/// Base64 body that Alipay's console shows. PKCS#1 PEM is accepted too, since openssl writes it.
/// </summary>
public static class AlipayKeys
{
    public static RSA LoadPrivate(string text) => Load(text, isPrivate: true);

    public static RSA LoadPublic(string text) => Load(text, isPrivate: false);

    public static bool TryLoad(string? text, bool isPrivate, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "is empty";
            return false;
        }

        try
        {
            using var key = Load(text, isPrivate);
            if (key.KeySize < 2048)
            {
                problem = $"is a {key.KeySize}-bit key; RSA2 needs 2048 bits or more";
                return false;
            }

            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or ArgumentException)
        {
            // The message says what kind of text it is, never the text: it is a key.
            problem = isPrivate ? "is not a PKCS#8/PKCS#1 private key as PEM or bare Base64" : "is not an SPKI public key as PEM or bare Base64";
            return false;
        }
    }

    /// <summary>A new 2048-bit pair as bare Base64 (PKCS#8 private; the public key is derived from it).</summary>
    public static string NewPrivateKeyBase64()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }

    public static string PublicKeyBase64(RSA key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    public static string PrivateKeyPem(RSA key) => key.ExportPkcs8PrivateKeyPem();

    public static string PublicKeyPem(RSA key) => key.ExportSubjectPublicKeyInfoPem();

    private static RSA Load(string text, bool isPrivate)
    {
        var rsa = RSA.Create();
        try
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(trimmed);
            }
            else
            {
                // Console copies arrive wrapped or with stray spaces; Base64 itself has neither.
                var body = new StringBuilder(trimmed.Length);
                foreach (var c in trimmed.Where(c => !char.IsWhiteSpace(c)))
                {
                    body.Append(c);
                }

                var der = Convert.FromBase64String(body.ToString());
                if (isPrivate)
                {
                    rsa.ImportPkcs8PrivateKey(der, out _);
                }
                else
                {
                    rsa.ImportSubjectPublicKeyInfo(der, out _);
                }
            }

            if (isPrivate)
            {
                // A public PEM given where the private key belongs must fail here, not at the first signature.
                _ = rsa.ExportParameters(includePrivateParameters: true);
            }

            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
