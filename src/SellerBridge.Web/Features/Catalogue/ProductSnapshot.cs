using System.Globalization;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// A product's catalogue fields as stored (the columns of <c>products</c>), with a content hash
/// so an unchanged row is recognised without comparing field by field, and a diff for history.
/// </summary>
public sealed record ProductSnapshot(
    string NameKo,
    long PriceKrw,
    long Stock,
    string Category,
    string? NameZh,
    string? Brand,
    long? WeightG,
    string Origin,
    string? HsCode,
    string? Barcode,
    string ImageUrls,
    string? Description,
    string ExtraJson)
{
    public static ProductSnapshot From(CatalogueProduct p) => new(
        p.NameKo,
        p.PriceKrw,
        p.Stock,
        p.Category,
        Blank(p.NameZh),
        Blank(p.Brand),
        p.WeightG,
        p.Origin,
        Blank(p.HsCode),
        Blank(p.Barcode),
        string.Join('\n', p.ImageUrls),
        Blank(p.Description),
        ExtraToJson(p.Extra.Where(e => !RejectedRowsCsv.AddedColumns.Contains(e.Key)).ToDictionary()));

    /// <summary>The English field names of the catalogue table, in order, with their values as text.</summary>
    public IEnumerable<(string Field, string? Value)> Fields()
    {
        yield return ("name_ko", NameKo);
        yield return ("price_krw", PriceKrw.ToString(CultureInfo.InvariantCulture));
        yield return ("stock", Stock.ToString(CultureInfo.InvariantCulture));
        yield return ("category", Category);
        yield return ("name_zh", NameZh);
        yield return ("brand", Brand);
        yield return ("weight_g", WeightG?.ToString(CultureInfo.InvariantCulture));
        yield return ("origin", Origin);
        yield return ("hs_code", HsCode);
        yield return ("barcode", Barcode);
        yield return ("image_urls", ImageUrls);
        yield return ("description", Description);
        yield return ("extra", ExtraJson);
    }

    /// <summary>
    /// A fingerprint of the stored fields (XXH128 of their UTF-8 text, each ended by a separator that
    /// cannot occur in a cell). Only ever compared with this seller's own earlier rows, so a fast
    /// non-cryptographic hash is enough; an earlier SHA-256 fingerprint simply reads as "changed",
    /// the values are compared, and an equal product keeps its history clean.
    /// </summary>
    public string Hash()
    {
        // One hasher per thread, reset for each product: a new one per row would be the row's largest allocation.
        var hash = _hasher ??= new XxHash128();
        hash.Reset();
        foreach (var (_, value) in Fields())
        {
            Text(hash, value);
        }

        Span<byte> digest = stackalloc byte[16];
        hash.GetCurrentHash(digest);
        return Convert.ToHexString(digest);
    }

    [ThreadStatic]
    private static XxHash128? _hasher;

    private static readonly byte[] NullMark = [0x00, 0x1f];
    private static readonly byte[] EndMark = [0x1f];

    private static void Text(XxHash128 hash, string? value)
    {
        if (value is null)
        {
            hash.Append(NullMark);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 1024 ? stackalloc byte[1024] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        var length = Encoding.UTF8.GetBytes(value, buffer);
        hash.Append(buffer[..length]);
        hash.Append(EndMark);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>What <see cref="DiffJson"/> gives for two snapshots with the same values.</summary>
    public const string NoChanges = "{}";

    /// <summary>Fields that differ, as <c>{"price_krw": ["12900", "11900"]}</c> (old, new).</summary>
    public string DiffJson(ProductSnapshot newer)
    {
        var changes = new SortedDictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var ((field, oldValue), (_, newValue)) in Fields().Zip(newer.Fields()))
        {
            if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
            {
                changes[field] = [oldValue, newValue];
            }
        }

        return JsonSerializer.Serialize(changes, Json);
    }

    /// <summary>Korean and Chinese stay readable in stored JSON.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string ExtraToJson(IReadOnlyDictionary<string, string> extra) =>
        extra.Count == 0 ? "{}" : JsonSerializer.Serialize(new SortedDictionary<string, string>(extra.ToDictionary(), StringComparer.Ordinal), Json);
}
