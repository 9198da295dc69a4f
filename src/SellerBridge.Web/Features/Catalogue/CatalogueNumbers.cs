namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Reads the numbers of a catalogue as sellers type them in Excel: whole numbers with optional
/// thousands commas, a won sign or a unit. Plain loops rather than regexes or culture parsing,
/// because they run on every cell of a million-row file and must refuse <c>1,29,00</c> and <c>12.5</c>.
/// </summary>
public static class CatalogueNumbers
{
    public const long MaxPriceKrw = 100_000_000;

    public enum WholeResult
    {
        Ok,
        Invalid,
        Negative,
        TooLarge,
    }

    /// <summary><c>12900</c>, <c>12,900</c>, <c>-5</c> (reported as <see cref="WholeResult.Negative"/>); commas only as thousands separators.</summary>
    public static WholeResult ParseWhole(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        if (text.IsEmpty || text[0] == ',' || text[^1] == ',')
        {
            return WholeResult.Invalid;
        }

        var hasCommas = text.Contains(',');
        var digitsInGroup = 0;
        var groups = 0;
        foreach (var c in text)
        {
            if (c == ',')
            {
                // Every group after a comma has exactly three digits, the first one to three: 1,290,000 but never 1,29,00.
                if (groups == 0 ? digitsInGroup > 3 : digitsInGroup != 3)
                {
                    return WholeResult.Invalid;
                }

                groups++;
                digitsInGroup = 0;
                continue;
            }

            if (c is < '0' or > '9')
            {
                return WholeResult.Invalid;
            }

            digitsInGroup++;
            if (value > 100_000_000_000_000)
            {
                return WholeResult.TooLarge;
            }

            value = value * 10 + (c - '0');
        }

        if (hasCommas && digitsInGroup != 3)
        {
            return WholeResult.Invalid;
        }

        return negative ? WholeResult.Negative : WholeResult.Ok;
    }

    /// <summary>The price in whole won, or the error code: accepts <c>12900</c>, <c>12,900</c>, <c>₩12,900</c>, <c>￦12,900</c>, <c>12,900원</c>.</summary>
    public static string? ParsePrice(string text, out long price)
    {
        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[0] is '₩' or '￦')
        {
            span = span[1..].TrimStart();
        }

        if (span.Length > 0 && span[^1] == '원')
        {
            span = span[..^1].TrimEnd();
        }

        return ParseWhole(span, out price) switch
        {
            WholeResult.Ok when price is > 0 and <= MaxPriceKrw => null,
            WholeResult.Invalid => CatalogueErrorCodes.PriceFormat,
            _ => CatalogueErrorCodes.PriceRange,
        };
    }

    /// <summary>Stock as a whole number ≥ 0; <c>1,000</c> and <c>1,000개</c> are read as 1000.</summary>
    public static bool TryParseStock(string text, out int stock)
    {
        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[^1] == '개')
        {
            span = span[..^1].TrimEnd();
        }

        var ok = ParseWhole(span, out var value) == WholeResult.Ok && value <= int.MaxValue;
        stock = ok ? (int)value : 0;
        return ok;
    }

    /// <summary>Weight in whole grams &gt; 0: <c>250</c>, <c>250g</c>, <c>1,250 g</c>.</summary>
    public static bool TryParseWeight(string text, out int grams)
    {
        var span = text.AsSpan().Trim();
        if (span.Length > 0 && span[^1] is 'g' or 'G')
        {
            span = span[..^1].TrimEnd();
        }

        var ok = ParseWhole(span, out var value) == WholeResult.Ok && value is > 0 and <= int.MaxValue;
        grams = ok ? (int)value : 0;
        return ok;
    }

    /// <summary>An HS code as its digits: 6 or 10 of them, dots, dashes and spaces ignored (<c>3304.99-1000</c>).</summary>
    public static string? NormaliseHsCode(string text)
    {
        Span<char> digits = stackalloc char[10];
        var count = 0;
        foreach (var c in text)
        {
            if (c is '.' or '-' or ' ')
            {
                continue;
            }

            if (c is < '0' or > '9' || count == 10)
            {
                return null;
            }

            digits[count++] = c;
        }

        return count is 6 or 10 ? (count == text.Length ? text : new string(digits[..count])) : null;
    }

    /// <summary>Whether <paramref name="text"/> is 8, 12, 13 or 14 digits, the length of a GTIN.</summary>
    public static bool IsGtinShape(string text)
    {
        if (text.Length is not (8 or 12 or 13 or 14))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The check digit a GTIN of this shape must end with (GS1: weights 3 and 1 from the right).</summary>
    public static char GtinCheckDigit(string gtin)
    {
        var sum = 0;
        var weight = 3;
        for (var i = gtin.Length - 2; i >= 0; i--)
        {
            sum += (gtin[i] - '0') * weight;
            weight = 4 - weight;
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }
}
