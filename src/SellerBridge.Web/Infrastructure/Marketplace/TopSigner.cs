using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>The TOP request signature and timestamp, exactly as the public SDKs compute them.</summary>
public static class TopSigner
{
    private static readonly TimeSpan s_gmt8 = TimeSpan.FromHours(8);

    /// <summary>
    /// The signed content: every sent parameter but <c>sign</c>, empty values dropped, sorted by key
    /// in ordinal (byte) order, key and value concatenated with no separators.
    /// </summary>
    public static string Canonicalize(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in parameters
                     .Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append(value);
        }

        return builder.ToString();
    }

    /// <summary>Upper-case hex digest of the parameters under <paramref name="signMethod"/> (md5, hmac or hmac-sha256).</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string?>> parameters, string secret, string signMethod)
    {
        var content = Canonicalize(parameters);
        var key = Encoding.UTF8.GetBytes(secret);
        var digest = signMethod switch
        {
            "md5" => MD5.HashData(Encoding.UTF8.GetBytes(secret + content + secret)),
            "hmac" => HMACMD5.HashData(key, Encoding.UTF8.GetBytes(content)),
            "hmac-sha256" => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)),
            _ => throw new ArgumentOutOfRangeException(nameof(signMethod), signMethod, "Use md5, hmac or hmac-sha256."),
        };
        return Convert.ToHexString(digest);
    }

    /// <summary>The wire form of a time: <c>yyyy-MM-dd HH:mm:ss</c> in GMT+8, whatever the server's zone.</summary>
    public static string FormatTime(DateTimeOffset instant) =>
        instant.ToOffset(s_gmt8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Reads a GMT+8 wire time; null when it is missing or not in the wire form.</summary>
    public static DateTimeOffset? ParseTime(string? text)
    {
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return new DateTimeOffset(local, s_gmt8);
    }
}
