using System.Collections.Frozen;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// Fills a leaf category's props from a catalogue product: 品牌 from the brand column, 产地 from the
/// origin, every other prop from an extra column named like the prop, in Chinese (净含量), Korean (용량)
/// or English (net content). Column names compare ignoring case and spaces, as catalogue headers do.
/// </summary>
public static class AttributeFiller
{
    private const string BrandProp = "品牌";
    private const string OriginProp = "产地";

    // Origin as the catalogue keeps it (an ISO code, KR by default), or as a seller may still write it.
    private static readonly FrozenDictionary<string, string> _origins = new Dictionary<string, string>
    {
        ["KR"] = "韩国", ["대한민국"] = "韩国", ["한국"] = "韩国", ["KOREA"] = "韩国",
        ["CN"] = "中国大陆", ["중국"] = "中国大陆",
        ["JP"] = "日本", ["일본"] = "日本",
        ["US"] = "美国", ["미국"] = "美国",
        ["FR"] = "法国", ["프랑스"] = "法国",
        ["IT"] = "意大利", ["이탈리아"] = "意大利",
        ["AU"] = "澳大利亚", ["호주"] = "澳大利亚",
        ["NZ"] = "新西兰", ["뉴질랜드"] = "新西兰",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // The column names a Korean seller is likely to use for each prop; the first is suggested in messages.
    private static readonly FrozenDictionary<string, string[]> _aliases = new Dictionary<string, string[]>
    {
        ["净含量"] = ["용량", "내용량", "순중량", "net content", "volume"],
        ["保质期"] = ["유통기한", "소비기한", "shelf life"],
        ["储藏方法"] = ["보관방법", "storage"],
        ["配料表"] = ["원재료", "원재료명", "ingredients"],
        ["适用肤质"] = ["피부타입", "사용피부", "skin type"],
        ["功效"] = ["효능", "기능", "effect"],
        ["色号"] = ["호수", "색상번호", "shade"],
        ["香调"] = ["향조", "향", "scent"],
        ["香味"] = ["향", "fragrance"],
        ["材质"] = ["소재", "재질", "material"],
        ["规格"] = ["규격", "구성", "spec"],
        ["适用人群"] = ["섭취대상", "사용대상", "target"],
        ["参龄"] = ["연근", "root age"],
        ["适用发质"] = ["모발타입", "hair type"],
        ["尺码"] = ["사이즈", "치수", "size"],
        ["颜色"] = ["색상", "컬러", "color", "colour"],
        ["适用季节"] = ["계절", "season"],
    }.ToFrozenDictionary();

    /// <summary>The category's props, each with the product's value or null.</summary>
    public static IReadOnlyList<DraftAttribute> Fill(MarketplaceCategory leaf, CatalogueProduct product)
    {
        var extra = product.Extra
            .Where(e => !string.IsNullOrWhiteSpace(e.Value))
            .GroupBy(e => Key(e.Key))
            .ToDictionary(g => g.Key, g => g.First().Value.Trim());

        return leaf.Props
            .Select(p => new DraftAttribute(p.Pid, p.Name, p.Required, ValueFor(p.Name, product, extra)))
            .ToArray();
    }

    /// <summary>The column a seller should add to supply <paramref name="propName"/>: its Korean name when we know one.</summary>
    public static string SuggestedColumn(string propName) => propName switch
    {
        BrandProp => "브랜드",
        OriginProp => "원산지",
        _ => _aliases.TryGetValue(propName, out var names) ? names[0] : propName,
    };

    private static string? ValueFor(string propName, CatalogueProduct product, Dictionary<string, string> extra)
    {
        switch (propName)
        {
            case BrandProp when !string.IsNullOrWhiteSpace(product.Brand):
                return product.Brand.Trim();
            case OriginProp:
                return _origins.GetValueOrDefault(product.Origin.Trim());
        }

        var names = _aliases.TryGetValue(propName, out var aliases) ? aliases.Prepend(propName) : [propName];
        foreach (var name in names)
        {
            if (extra.TryGetValue(Key(name), out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static string Key(string header) =>
        string.Concat(header.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
}
