using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SellerBridge.Sandbox.Payments;

/// <summary>
/// The processor's side of the RSA2 wire format. Written apart from the app's client on purpose:
/// the two meet only on the wire, so a mistake in one is caught by the other.
/// </summary>
public static class AlipayWire
{
    private static readonly TimeSpan s_gmt8 = TimeSpan.FromHours(8);

    // Chinese text is written as text, as the real gateway does, so verifiers must use the raw bytes.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Time(DateTimeOffset instant) =>
        instant.ToOffset(s_gmt8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Content(IReadOnlyDictionary<string, string> parameters, params string[] leaveOut) =>
        string.Join('&', parameters
            .Where(p => p.Value.Length > 0 && Array.IndexOf(leaveOut, p.Key) < 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

    public static string Sign(string content, string privateKey)
    {
        using var rsa = Load(privateKey, isPrivate: true);
        return Convert.ToBase64String(rsa.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static bool Verify(string content, string? signature, string publicKey)
    {
        try
        {
            using var rsa = Load(publicKey, isPrivate: false);
            return signature is { Length: > 0 }
                && rsa.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A synchronous answer: <c>{"&lt;name&gt;":{...},"sign":"..."}</c>, signed over the object's text as written.</summary>
    public static string SignedAnswer(string responseName, JsonObject body, string processorPrivateKey)
    {
        var text = body.ToJsonString(s_json);
        var sign = Sign(text, processorPrivateKey);
        return "{\"" + responseName + "\":" + text + ",\"sign\":\"" + sign + "\"}";
    }

    private static RSA Load(string key, bool isPrivate)
    {
        var rsa = RSA.Create();
        var text = key.Trim();
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            rsa.ImportFromPem(text);
        }
        else if (isPrivate)
        {
            rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(text), out _);
        }
        else
        {
            rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text), out _);
        }

        return rsa;
    }
}
