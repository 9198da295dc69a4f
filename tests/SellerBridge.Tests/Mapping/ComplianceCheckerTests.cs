using SellerBridge.Web.Features.Mapping;

namespace SellerBridge.Tests.Mapping;

public sealed class ComplianceCheckerTests
{
    [Fact]
    public void Claims_in_title_and_description_are_reported_with_their_field()
    {
        var found = ComplianceChecker.Check("韩国顶级红参 6年根", "国家级工艺，效果第一。");

        Assert.Equal(
            [new ForbiddenClaim("顶级", "title"), new ForbiddenClaim("国家级", "description"), new ForbiddenClaim("第一", "description")],
            found);
    }

    [Fact]
    public void The_longest_term_at_a_place_is_reported_not_the_shorter_ones_inside_it()
    {
        Assert.Equal(["全网第一"], ComplianceChecker.FindTerms("人参精华全网第一"));
        Assert.Equal(["最佳"], ComplianceChecker.FindTerms("最佳补水"));
    }

    [Fact]
    public void Zui_is_flagged_inside_ordinary_words_too()
    {
        // A deliberate choice: the audit matches 最 anywhere, so 最新 and 最近 are flagged as well.
        Assert.Equal(["最新"], ComplianceChecker.FindTerms("2025最新款"));
        Assert.Equal(["最"], ComplianceChecker.FindTerms("最近很火的面膜"));
    }

    [Fact]
    public void Full_width_and_lower_case_forms_are_caught()
    {
        Assert.Equal(["100%"], ComplianceChecker.FindTerms("１００％纯棉"));
        Assert.Equal(["NO.1"], ComplianceChecker.FindTerms("销量ｎｏ．１的面膜"));
        Assert.Equal(["TOP1"], ComplianceChecker.FindTerms("韩国top1"));
    }

    [Fact]
    public void Each_term_is_reported_once_per_field()
    {
        Assert.Equal(["唯一", "永久"], ComplianceChecker.FindTerms("唯一！唯一！永久保存"));
    }

    [Fact]
    public void Plain_text_has_no_claims()
    {
        Assert.Empty(ComplianceChecker.Check("韩国人参精华液 50ml", "补水保湿，温和不刺激。适合干性肌肤。"));
        Assert.Empty(ComplianceChecker.Check(null, null));
    }

    [Fact]
    public void The_list_holds_the_claims_the_marketplace_audit_refuses()
    {
        string[] required = ["最", "最佳", "最好", "最高", "第一", "国家级", "顶级", "极品", "唯一", "万能", "首个", "首选", "全网第一", "100%", "绝对", "永久"];

        Assert.All(required, term => Assert.Equal([term], ComplianceChecker.FindTerms($"面膜{term}面膜")));
    }
}
