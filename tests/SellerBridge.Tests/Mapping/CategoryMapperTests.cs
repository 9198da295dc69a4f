using SellerBridge.Web.Features.Mapping;

namespace SellerBridge.Tests.Mapping;

public sealed class CategoryMapperTests
{
    private static readonly CategoryMapper _mapper = new(
    [
        new CategoryMappingRule(10, "식품", 50_000_001),
        new CategoryMappingRule(11, "식품>건강식품", 50_000_002),
        new CategoryMappingRule(12, "식품>건강식품>홍삼", 50_000_003),
        new CategoryMappingRule(13, "뷰티>BB크림", 50_000_004),
    ]);

    [Theory]
    [InlineData("식품>건강식품>홍삼", 12)]
    [InlineData("식품>건강식품>홍삼>홍삼정", 12)]
    [InlineData("식품>건강식품>비타민", 11)]
    [InlineData("식품>건강식품", 11)]
    [InlineData("식품>과자", 10)]
    public void Longest_matching_prefix_wins(string path, long expectedRule)
    {
        Assert.Equal(expectedRule, _mapper.Match(path)?.Id);
    }

    [Fact]
    public void A_prefix_covers_whole_segments_only()
    {
        // 식품>건강식품 does not cover 식품>건강식품류; the broader 식품 rule does.
        Assert.Equal(10, _mapper.Match("식품>건강식품류>홍삼")?.Id);
        Assert.Null(new CategoryMapper([new CategoryMappingRule(1, "식품>건강식품", 1)]).Match("식품>건강식품류"));
        Assert.Null(_mapper.Match("식품류>과자"));
    }

    [Fact]
    public void Segments_are_trimmed_and_latin_letters_compare_ignoring_case()
    {
        Assert.Equal(12, _mapper.Match(" 식품 > 건강식품 >홍삼 ")?.Id);
        Assert.Equal(13, _mapper.Match("뷰티>bb크림>쿠션")?.Id);
        Assert.Equal(13, new CategoryMapper([new CategoryMappingRule(13, " 뷰티 > bb크림 ", 4)]).Match("뷰티>BB크림")?.Id);
    }

    [Fact]
    public void A_path_no_rule_covers_has_no_match()
    {
        Assert.Null(_mapper.Match("패션>여성의류"));
        Assert.Null(_mapper.Match(""));
        Assert.Null(CategoryMapper.Empty.Match("식품>건강식품>홍삼"));
    }

    [Fact]
    public void A_rule_longer_than_the_path_does_not_match_it()
    {
        var mapper = new CategoryMapper([new CategoryMappingRule(1, "식품>건강식품>홍삼", 1)]);

        Assert.Null(mapper.Match("식품>건강식품"));
    }

    [Fact]
    public void Two_rules_on_the_same_prefix_resolve_to_the_lower_id_whatever_their_order()
    {
        var a = new CategoryMappingRule(21, "식품>차", 1);
        var b = new CategoryMappingRule(20, "식품 > 차", 2);

        Assert.Equal(20, new CategoryMapper([a, b]).Match("식품>차>녹차")?.Id);
        Assert.Equal(20, new CategoryMapper([b, a]).Match("식품>차>녹차")?.Id);
    }

    [Fact]
    public void An_empty_prefix_maps_nothing()
    {
        var mapper = new CategoryMapper([new CategoryMappingRule(1, " > ", 1)]);

        Assert.Null(mapper.Match("식품>차"));
    }
}
