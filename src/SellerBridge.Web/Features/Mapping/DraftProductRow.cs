using System.Text.Json;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>A product row with its current draft's fingerprints.</summary>
internal sealed class DraftProductRow
{
    public long Id { get; init; }
    public long SellerId { get; init; }
    public string SellerSku { get; init; } = "";
    public string NameKo { get; init; } = "";
    public long PriceKrw { get; init; }
    public int Stock { get; init; }
    public string Category { get; init; } = "";
    public string? NameZh { get; init; }
    public string? Brand { get; init; }
    public int? WeightG { get; init; }
    public string Origin { get; init; } = "KR";
    public string? HsCode { get; init; }
    public string? Barcode { get; init; }
    public string ImageUrls { get; init; } = "";
    public string? Description { get; init; }
    public string ExtraJson { get; init; } = "{}";
    public string ListingStatus { get; init; } = "Draft";
    public int Version { get; init; }
    public string? DraftHash { get; init; }
    public string? PayloadHash { get; init; }

    public CatalogueProduct ToProduct() => new(
        SellerSku, NameKo, PriceKrw, Stock, Category, NameZh, Brand, WeightG, Origin, HsCode, Barcode,
        ImageUrls.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        Description,
        ReadExtra(ExtraJson));

    /// <summary>The extra columns as text; a number or other value kept by the import is shown as written.</summary>
    private static IReadOnlyDictionary<string, string> ReadExtra(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || json == "{}")
        {
            return new Dictionary<string, string>();
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind != JsonValueKind.Object
            ? new Dictionary<string, string>()
            : doc.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText());
    }
}
