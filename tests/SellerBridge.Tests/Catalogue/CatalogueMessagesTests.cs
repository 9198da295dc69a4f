using System.Globalization;
using System.Reflection;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Tests.Catalogue;

public sealed class CatalogueMessagesTests
{
    private static readonly CultureInfo _korean = new("ko-KR");
    private static readonly CultureInfo _english = new("en-US");

    public static TheoryData<string> Codes => [.. CatalogueErrorCodes.All];

    [Fact]
    public void Code_list_holds_every_code_defined()
    {
        var defined = typeof(CatalogueErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(defined.Order(), CatalogueErrorCodes.All.Order());
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_a_korean_message(string code)
    {
        var message = CatalogueMessages.Describe(code, ["인자1", "인자2", "인자3"], _korean);

        Assert.NotEqual(code, message);
        Assert.DoesNotContain(code, message);
        Assert.Contains(message, c => c is >= '가' and <= '힣');
        Assert.DoesNotContain("{", message);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_an_english_message(string code)
    {
        var message = CatalogueMessages.Describe(code, ["arg1", "arg2", "arg3"], _english);

        Assert.DoesNotContain(code, message);
        Assert.NotEqual(CatalogueMessages.Describe(code, ["arg1", "arg2", "arg3"], _korean), message);
        Assert.Matches("^[A-Z]", message);
        Assert.DoesNotContain("{", message);
    }

    [Fact]
    public void Price_message_says_what_is_wrong_how_to_fix_it_and_quotes_the_value()
    {
        var message = CatalogueMessages.Describe("price.format", ["12.5"], _korean);

        Assert.Contains("판매가", message);
        Assert.Contains("12,900", message);
        Assert.Contains("'12.5'", message);
    }

    [Fact]
    public void Korean_is_the_default_for_other_languages() =>
        Assert.Equal(
            CatalogueMessages.Describe("stock.format", ["-1"], _korean),
            CatalogueMessages.Describe("stock.format", ["-1"], CultureInfo.InvariantCulture));

    [Fact]
    public void Missing_columns_are_all_listed()
    {
        var message = CatalogueMessages.Describe("file.missing_columns", ["판매가 (price_krw)", "재고수량 (stock)"], _english);

        Assert.Contains("판매가 (price_krw), 재고수량 (stock)", message);
    }

    [Fact]
    public void Size_limit_is_shown_in_megabytes() =>
        Assert.Contains("200MB", CatalogueMessages.Describe("file.too_large", ["200"], _korean));

    [Fact]
    public void Messages_of_a_real_row_name_the_value_in_both_languages()
    {
        var row = CatalogueCsv.ReadWith("barcode", "4006381333932");
        var error = row.Errors.Single();

        Assert.Contains("마지막 숫자는 1", CatalogueMessages.Describe(error.Code, error.Args, _korean));
        Assert.Contains("'4006381333932'", CatalogueMessages.Describe(error.Code, error.Args, _english));
    }
}
