using System.Globalization;
using SellerBridge.Web.Features.Mapping;

namespace SellerBridge.Tests.Mapping;

public sealed class MappingMessagesTests
{
    private static readonly CultureInfo _korean = CultureInfo.GetCultureInfo("ko-KR");
    private static readonly CultureInfo _english = CultureInfo.GetCultureInfo("en-US");

    private static bool HasHangul(string text) => text.Any(c => c is >= '가' and <= '힣');

    [Fact]
    public void Every_problem_code_has_a_message()
    {
        Assert.Equal(ReadinessProblem.AllCodes.Order(), MappingMessages.Codes.Order());
    }

    [Fact]
    public void Every_english_key_has_a_korean_translation()
    {
        Assert.All(MappingMessages.Keys, key =>
        {
            var korean = MappingMessages.Translation(key, _korean);
            Assert.False(string.IsNullOrWhiteSpace(korean), $"No Korean text for: {key}");
            Assert.NotEqual(key, korean);
        });
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Each_code_reads_in_korean_and_in_english_without_showing_the_code(string code)
    {
        string[] args = ["A", "B"];

        var korean = MappingMessages.Describe(code, args, _korean);
        var english = MappingMessages.Describe(code, args, _english);

        Assert.True(HasHangul(korean), korean);
        Assert.DoesNotContain(code, korean);
        Assert.DoesNotContain(code, english);
        Assert.NotEqual(korean, english);
        Assert.DoesNotContain("{", korean + english);
    }

    public static TheoryData<string> AllCodes() => new(ReadinessProblem.AllCodes);

    [Fact]
    public void Forbidden_claim_message_names_the_term_and_the_field_in_the_readers_language()
    {
        var problem = new ReadinessProblem(ReadinessProblem.ClaimsForbidden, ["最佳", ComplianceChecker.Title]);

        Assert.StartsWith("중문 상품명에 \"最佳\"", MappingMessages.Describe(problem, _korean));
        Assert.StartsWith("The Chinese name contains \"最佳\"", MappingMessages.Describe(problem, _english));
    }

    [Fact]
    public void Over_limit_message_shows_the_price()
    {
        var problem = new ReadinessProblem(ReadinessProblem.PriceOverLimit, ["5,001.00"]);

        Assert.Contains("5,001.00위안", MappingMessages.Describe(problem, _korean));
        Assert.Contains("5,001.00 yuan", MappingMessages.Describe(problem, _english));
    }

    [Fact]
    public void Languages_other_than_english_read_korean_the_default()
    {
        var problem = new ReadinessProblem(ReadinessProblem.ImagesMissing, []);

        Assert.Equal(MappingMessages.Describe(problem, _korean), MappingMessages.Describe(problem, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(MappingMessages.Describe(problem, _korean), MappingMessages.Describe(problem, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Unknown_code_is_shown_as_itself()
    {
        Assert.Equal("listing.unknown (x)", MappingMessages.Describe("listing.unknown", ["x"], _korean));
    }

    [Fact]
    public void Price_steps_are_named_in_both_languages()
    {
        Assert.Equal("위안화 환산", MappingMessages.StepName(PriceStep.Conversion, _korean));
        Assert.Equal("Converted to yuan", MappingMessages.StepName(PriceStep.Conversion, _english));
        Assert.All(
            [PriceStep.Price, PriceStep.Margin, PriceStep.Shipping, PriceStep.Conversion, PriceStep.CrossBorderTax, PriceStep.Rounding],
            step => Assert.True(HasHangul(MappingMessages.StepName(step, _korean)), step));
    }
}
