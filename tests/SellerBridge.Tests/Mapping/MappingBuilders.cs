using SellerBridge.Web.Features.Catalogue;
using SellerBridge.Web.Features.Mapping;

namespace SellerBridge.Tests.Mapping;

/// <summary>Small builders for the mapping tests: a complete face-serum product and the rule, rate and mapping that list it.</summary>
internal static class MappingBuilders
{
    public const string SerumPath = "뷰티>스킨케어>에센스";

    /// <summary>190.50 won buy one yuan.</summary>
    public static ExchangeRate Rate(decimal krwPerCny = 190.50m) => new(7, krwPerCny, new DateOnly(2025, 3, 1));

    /// <summary>15% margin; shipping 3,000 won up to 500 g, 5,000 up to 1 kg, 8,000 up to 2 kg; 9.1% tax.</summary>
    public static PricingRule Rule(PriceRounding rounding = PriceRounding.To90, decimal marginPercent = 15m) =>
        new(3, 2, marginPercent, [new(500, 3_000), new(1_000, 5_000), new(2_000, 8_000)], rounding);

    /// <summary>No margin, free shipping up to 1 kg, no tax: the price is the won price ÷ rate, to test edges plainly.</summary>
    public static PricingRule PlainRule(PriceRounding rounding) =>
        new(4, 1, 0m, [new(1_000, 0)], rounding, CrossBorderTaxPercent: 0m);

    public static CatalogueProduct Serum(
        string? nameZh = "韩国人参精华液 50ml",
        long priceKrw = 12_900,
        int? weightG = 480,
        string category = SerumPath,
        string? description = "补水保湿，温和不刺激。",
        string origin = "KR",
        IReadOnlyList<string>? images = null,
        IReadOnlyDictionary<string, string>? extra = null) =>
        new(
            "SERUM-50",
            "설화 인삼 에센스 50ml",
            priceKrw,
            10,
            category,
            nameZh,
            "설화",
            weightG,
            origin,
            null,
            null,
            images ?? ["https://img.example.kr/serum-1.jpg", "https://img.example.kr/serum-2.jpg"],
            description,
            extra ?? new Dictionary<string, string> { ["용량"] = "50ml" });

    public static long LeafCid(string path) =>
        MarketplaceCategories.Embedded.Leaves.Single(c => string.Join(">", MarketplaceCategories.Embedded.PathOf(c.Cid)) == path).Cid;

    public static long SerumCid => LeafCid("美容护肤/美体/精油>面部护理>面部精华");

    public static MappingContext Context(ExchangeRate? rate, PricingRule? rule, params CategoryMappingRule[] extraRules) =>
        new(new CategoryMapper([new CategoryMappingRule(1, SerumPath, SerumCid), .. extraRules]), MarketplaceCategories.Embedded, rate, rule);

    public static MappingContext Context() => Context(Rate(), Rule());
}
