using SellerBridge.Web.Features.Catalogue;
using SellerBridge.Web.Features.Mapping;
using static SellerBridge.Tests.Mapping.MappingBuilders;

namespace SellerBridge.Tests.Mapping;

public sealed class ReadinessEvaluatorTests
{
    private static IEnumerable<string> Codes(ListingDraft draft) => draft.Problems.Select(p => p.Code);

    [Fact]
    public void Complete_serum_is_ready_with_category_price_images_and_attributes()
    {
        var draft = ReadinessEvaluator.Evaluate(41, Serum(), Context());

        Assert.Equal(ListingReadiness.Ready, draft.Readiness);
        Assert.Empty(draft.Problems);
        Assert.Equal(SerumCid, draft.Cid);
        Assert.Equal(1, draft.MappingRuleId);
        Assert.Equal("美容护肤/美体/精油 > 面部护理 > 面部精华", draft.CategoryPathText);
        Assert.Equal("韩国人参精华液 50ml", draft.Title);
        Assert.Equal(102.90m, draft.Price.PriceCny); // worked out in PriceCalculatorTests
        Assert.Equal(2, draft.Images.Count);
        var values = draft.Attributes.ToDictionary(a => a.Name, a => a.Value);
        Assert.Equal("설화", values["品牌"]);
        Assert.Equal("韩国", values["产地"]);
        Assert.Equal("50ml", values["净含量"]);
        Assert.Null(values["适用肤质"]); // optional and not supplied: no problem
    }

    [Fact]
    public void Product_missing_everything_lists_every_problem_at_once()
    {
        var product = Serum(nameZh: null, weightG: null, category: "기타>미분류", images: [], description: "最好的");

        var draft = ReadinessEvaluator.Evaluate(41, product, Context(null, null));

        Assert.Equal(ListingReadiness.NeedsAttention, draft.Readiness);
        Assert.Equal(
            [
                ReadinessProblem.NameZhMissing, ReadinessProblem.CategoryUnmapped, ReadinessProblem.RateMissing,
                ReadinessProblem.PricingRuleMissing, ReadinessProblem.WeightMissing, ReadinessProblem.ImagesMissing,
                ReadinessProblem.ClaimsForbidden,
            ],
            Codes(draft));
        Assert.Equal(["기타>미분류"], draft.Problems.Single(p => p.Code == ReadinessProblem.CategoryUnmapped).Args);
        Assert.Null(draft.Cid);
        Assert.Null(draft.Price.PriceCny);
    }

    [Fact]
    public void Chinese_title_of_60_characters_is_allowed_and_61_is_too_long()
    {
        var sixty = new string('参', 60);

        Assert.Empty(ReadinessEvaluator.Evaluate(1, Serum(nameZh: sixty), Context()).Problems);
        var problem = Assert.Single(ReadinessEvaluator.Evaluate(1, Serum(nameZh: sixty + "液"), Context()).Problems);
        Assert.Equal(ReadinessProblem.NameZhTooLong, problem.Code);
        Assert.Equal(["61"], problem.Args);
    }

    [Fact]
    public void Unit_price_of_exactly_5000_yuan_is_allowed()
    {
        // 500,000 won ÷ 100 won per yuan = 5,000.00 yuan (no margin, free shipping, no tax)
        var draft = ReadinessEvaluator.Evaluate(1, Serum(priceKrw: 500_000), Context(Rate(100m), PlainRule(PriceRounding.To00)));

        Assert.Equal(5_000.00m, draft.Price.PriceCny);
        Assert.Equal(ListingReadiness.Ready, draft.Readiness);
    }

    [Theory]
    [InlineData(500_001, "To00", "5,001.00")] // 5,000.01 → 5,001.00
    [InlineData(499_991, "To90", "5,000.90")] // 4,999.91 → 5,000.90
    public void Unit_price_just_above_5000_yuan_is_over_the_limit(long won, string rounding, string shownPrice)
    {
        var draft = ReadinessEvaluator.Evaluate(1, Serum(priceKrw: won), Context(Rate(100m), PlainRule(Enum.Parse<PriceRounding>(rounding))));

        var problem = Assert.Single(draft.Problems);
        Assert.Equal(ReadinessProblem.PriceOverLimit, problem.Code);
        Assert.Equal([shownPrice], problem.Args);
    }

    [Fact]
    public void Weight_heavier_than_every_band_needs_attention()
    {
        var draft = ReadinessEvaluator.Evaluate(1, Serum(weightG: 2_500), Context());

        Assert.Equal([ReadinessProblem.ShippingNoBand], Codes(draft));
        Assert.Equal(["2500", "2000"], draft.Problems[0].Args);
    }

    [Fact]
    public void Missing_required_attribute_names_the_prop_and_the_column_to_add()
    {
        var draft = ReadinessEvaluator.Evaluate(1, Serum(extra: new Dictionary<string, string>()), Context());

        var problem = Assert.Single(draft.Problems);
        Assert.Equal(ReadinessProblem.AttributeMissing, problem.Code);
        Assert.Equal(["净含量", "용량"], problem.Args);
    }

    [Fact]
    public void Food_props_are_filled_from_chinese_or_korean_columns_ignoring_case_and_spaces()
    {
        var riceCid = LeafCid("粮油米面/南北干货/调味品>米/杂粮>大米");
        var rice = Serum(category: "식품>쌀", extra: new Dictionary<string, string> { ["净含量"] = "4kg", [" 유통 기한 "] = "12个月" }) with { WeightG = 900 };

        var draft = ReadinessEvaluator.Evaluate(1, rice, Context(Rate(), Rule(), new CategoryMappingRule(2, "식품>쌀", riceCid)));

        Assert.Equal(ListingReadiness.Ready, draft.Readiness);
        var values = draft.Attributes.ToDictionary(a => a.Name, a => a.Value);
        Assert.Equal("4kg", values["净含量"]);
        Assert.Equal("12个月", values["保质期"]);
    }

    [Fact]
    public void Missing_food_shelf_life_is_reported()
    {
        var riceCid = LeafCid("粮油米面/南北干货/调味品>米/杂粮>大米");
        var rice = Serum(category: "식품>쌀", extra: new Dictionary<string, string> { ["내용량"] = "4kg" });

        var draft = ReadinessEvaluator.Evaluate(1, rice, Context(Rate(), Rule(), new CategoryMappingRule(2, "식품>쌀", riceCid)));

        var problem = Assert.Single(draft.Problems);
        Assert.Equal(ReadinessProblem.AttributeMissing, problem.Code);
        Assert.Equal(["保质期", "유통기한"], problem.Args);
    }

    [Fact]
    public void Origin_code_becomes_the_chinese_origin_and_an_unknown_one_is_missing()
    {
        Assert.Equal("日本", ReadinessEvaluator.Evaluate(1, Serum(origin: "JP"), Context()).Attributes.Single(a => a.Name == "产地").Value);

        var draft = ReadinessEvaluator.Evaluate(1, Serum(origin: "XX"), Context());
        Assert.Equal(["产地", "원산지"], Assert.Single(draft.Problems).Args);
    }

    [Fact]
    public void Forbidden_claims_are_listed_with_term_and_field()
    {
        var draft = ReadinessEvaluator.Evaluate(1, Serum(nameZh: "韩国顶级人参精华", description: "效果第一，永久保湿"), Context());

        Assert.Equal(
            [["顶级", "title"], ["第一", "description"], ["永久", "description"]],
            draft.Problems.Where(p => p.Code == ReadinessProblem.ClaimsForbidden).Select(p => p.Args.ToArray()));
    }

    [Fact]
    public void Rule_pointing_at_a_parent_category_leaves_the_product_unmapped()
    {
        var parentCid = MarketplaceCategories.Embedded.ChildrenOf(0).First().Cid;
        var context = Context(Rate(), Rule()) with { Mapper = new CategoryMapper([new CategoryMappingRule(9, MappingBuilders.SerumPath, parentCid)]) };

        var draft = ReadinessEvaluator.Evaluate(1, Serum(), context);

        Assert.Equal([ReadinessProblem.CategoryUnmapped], Codes(draft));
        Assert.Empty(draft.Attributes);
    }

    [Fact]
    public void Draft_keeps_the_product_identity()
    {
        CatalogueProduct product = Serum();

        var draft = ReadinessEvaluator.Evaluate(77, product, Context());

        Assert.Equal((77L, "SERUM-50"), (draft.ProductId, draft.SellerSku));
    }
}
