namespace SellerBridge.Web.Features.Catalogue;

/// <summary>The text rules of the catalogue table: SKU, lengths, category path, origin and image addresses.</summary>
public static class CatalogueRules
{
    public const int SkuMaxLength = 64;
    public const int NameKoMaxLength = 200;
    public const int NameZhMaxLength = 60;
    public const int DescriptionMaxLength = 20_000;
    public const int MaxImages = 10;

    private static readonly Dictionary<string, string> _origins = new(StringComparer.OrdinalIgnoreCase)
    {
        ["대한민국"] = "KR", ["한국"] = "KR", ["국산"] = "KR", ["국내산"] = "KR", ["KR"] = "KR", ["KOR"] = "KR",
        ["Korea"] = "KR", ["South Korea"] = "KR", ["Republic of Korea"] = "KR",
        ["중국"] = "CN", ["China"] = "CN", ["CN"] = "CN",
        ["일본"] = "JP", ["Japan"] = "JP", ["JP"] = "JP",
        ["미국"] = "US", ["USA"] = "US", ["US"] = "US", ["United States"] = "US",
        ["베트남"] = "VN", ["Vietnam"] = "VN", ["Viet Nam"] = "VN", ["VN"] = "VN",
    };

    /// <summary>ASCII letters, digits and <c>-_.</c>: SKUs travel into marketplace ids and file names.</summary>
    public static bool HasOnlySkuCharacters(string sku)
    {
        foreach (var c in sku)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Characters as a person counts them: an emoji or rare Hanja outside the BMP is one, not two.</summary>
    public static int CharacterCount(string text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    /// <summary>Whether <paramref name="text"/> is longer than <paramref name="limit"/> characters; counts only when it could be.</summary>
    public static bool IsLonger(string text, int limit) => text.Length > limit && CharacterCount(text) > limit;

    /// <summary>A Kmall24 path such as <c>식품 &gt; 건강식품 &gt;홍삼</c> as <c>식품&gt;건강식품&gt;홍삼</c>, or null when it is not a path.</summary>
    public static string? NormaliseCategory(string text)
    {
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        var segments = 0;
        var rest = text.AsSpan();
        while (true)
        {
            var end = rest.IndexOf('>');
            var segment = (end < 0 ? rest : rest[..end]).Trim();
            if (segment.IsEmpty)
            {
                return null;
            }

            if (segments++ > 0)
            {
                buffer[length++] = '>';
            }

            segment.CopyTo(buffer[length..]);
            length += segment.Length;
            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        if (segments < 2)
        {
            return null;
        }

        var normalised = buffer[..length];
        return normalised.SequenceEqual(text) ? text : new string(normalised);
    }

    /// <summary>The ISO code of a country of origin; empty means Korea, the sellers' own country.</summary>
    public static string? NormaliseOrigin(string text) => text.Length == 0 ? "KR" : _origins.GetValueOrDefault(text);

    /// <summary>Splits image addresses on <c>|</c>, <c>;</c> and line breaks, dropping empty pieces.</summary>
    public static List<string> SplitImageUrls(string text)
    {
        var urls = new List<string>(4);
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny('|', ';', '\n');
            var piece = (end < 0 ? rest : rest[..end]).Trim();
            if (!piece.IsEmpty)
            {
                urls.Add(piece.Length == text.Length ? text : piece.ToString());
            }

            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return urls;
    }

    /// <summary>
    /// An absolute http(s) address with a host and no spaces. A loop instead of <see cref="Uri"/>,
    /// which is several times slower and accepts things a marketplace image fetcher does not.
    /// </summary>
    public static bool IsImageUrl(string url)
    {
        int hostStart;
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            hostStart = 8;
        }
        else if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            hostStart = 7;
        }
        else
        {
            return false;
        }

        var hostLength = 0;
        var inHost = true;
        for (var i = hostStart; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '\\')
            {
                return false;
            }

            if (inHost)
            {
                if (c is '/' or '?' or '#')
                {
                    inHost = false;
                }
                else if (char.IsLetterOrDigit(c) || c is '-' or '.' or ':' or '[' or ']')
                {
                    hostLength++;
                }
                else
                {
                    return false;
                }
            }
        }

        return hostLength > 0 && url[hostStart] is not ('.' or ':' or '-');
    }
}
