using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>
/// RSA2 as the Alipay-style processor uses it: SHA256withRSA (PKCS#1 v1.5), Base64, over the
/// parameters sorted ordinally and joined as <c>key=value&amp;...</c> (empty values skipped, nothing
/// URL-encoded), or over the raw JSON text of a synchronous answer.
/// </summary>
public static class AlipaySignature
{
    /// <summary>The signing content: every non-empty parameter except those in <paramref name="leaveOut"/>.</summary>
    public static string Content(IEnumerable<KeyValuePair<string, string?>> parameters, params string[] leaveOut)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in parameters
                     .Where(p => !string.IsNullOrEmpty(p.Value) && !leaveOut.Contains(p.Key, StringComparer.Ordinal))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(key).Append('=').Append(value);
        }

        return builder.ToString();
    }

    public static string Sign(string content, RSA privateKey) =>
        Convert.ToBase64String(privateKey.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static bool Verify(string content, string? signature, RSA publicKey)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length))
        {
            return false;
        }

        return publicKey.VerifyData(Encoding.UTF8.GetBytes(content), bytes.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>A request's <c>sign</c>: everything else, <c>sign_type</c> included, is signed.</summary>
    public static string SignRequest(IEnumerable<KeyValuePair<string, string?>> parameters, RSA privateKey) =>
        Sign(Content(parameters, "sign"), privateKey);

    /// <summary>
    /// An asynchronous notification is signed without <c>sign</c> and <c>sign_type</c>; the official
    /// SDKs also accept one signed with <c>sign_type</c> included, and so do we.
    /// </summary>
    public static bool VerifyNotification(IReadOnlyDictionary<string, string> form, RSA processorPublicKey)
    {
        if (!form.TryGetValue("sign", out var signature))
        {
            return false;
        }

        var pairs = form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList();
        return Verify(Content(pairs, "sign", "sign_type"), signature, processorPublicKey)
            || Verify(Content(pairs, "sign"), signature, processorPublicKey);
    }

    /// <summary>
    /// Finds <c>"&lt;name&gt;": {...}</c> and <c>"sign"</c> in a synchronous answer and returns the
    /// object's text exactly as received: re-serialising would change spacing, escapes or number
    /// forms and break a correct signature.
    /// </summary>
    public static bool TryExtractSigned(string body, string responseName, out string responseText, out string? signature)
    {
        responseText = "";
        signature = null;
        var utf8 = Encoding.UTF8.GetBytes(body);
        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == responseName && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    responseText = Encoding.UTF8.GetString(utf8, start, (int)reader.BytesConsumed - start);
                }
                else if (name == "sign" && reader.TokenType == JsonTokenType.String)
                {
                    signature = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return responseText.Length > 0;
    }
}
