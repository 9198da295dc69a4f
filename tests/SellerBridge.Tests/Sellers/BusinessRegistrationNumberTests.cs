using SellerBridge.Web.Features.Sellers;

namespace SellerBridge.Tests.Sellers;

public sealed class BusinessRegistrationNumberTests
{
    [Theory]
    [InlineData("124-81-00998", "1248100998")] // a well-known listed company's number
    [InlineData("2208162517", "2208162517")]
    [InlineData(" 120-81-47521 ", "1208147521")]
    [InlineData("220 81 12341", "2208112341")]
    public void Valid_numbers_are_accepted_with_or_without_dashes(string input, string digits) =>
        Assert.Equal(digits, BusinessRegistrationNumber.Normalise(input));

    [Theory]
    [InlineData("124-81-00997")] // last digit off by one
    [InlineData("1248100990")]
    [InlineData("124-81-0099")] // nine digits
    [InlineData("124-81-009988")] // eleven digits
    [InlineData("12A-81-00998")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_numbers_are_refused(string? input) =>
        Assert.Null(BusinessRegistrationNumber.Normalise(input));

    [Fact]
    public void Ninth_digit_tens_carry_is_part_of_the_check()
    {
        // 220-81-12341: weights 1,3,7,1,3,7,1,3,5 give 2+6+0+8+3+7+2+9+20 = 57, plus (4*5)/10 = 2 -> 59; (10 - 9) % 10 = 1.
        Assert.Equal("2208112341", BusinessRegistrationNumber.Normalise("220-81-12341"));
        Assert.Null(BusinessRegistrationNumber.Normalise("220-81-12340"));
    }

    [Fact]
    public void Format_puts_dashes_where_korean_documents_do() =>
        Assert.Equal("124-81-00998", BusinessRegistrationNumber.Format("1248100998"));
}
