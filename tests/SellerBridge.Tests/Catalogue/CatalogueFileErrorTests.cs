using System.Text;
using SellerBridge.Web.Features.Catalogue;
using static SellerBridge.Tests.Catalogue.CatalogueCsv;

namespace SellerBridge.Tests.Catalogue;

public sealed class CatalogueFileErrorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\r\n\n  \t\n")]
    public void Empty_file_is_refused(string text) => Assert.Equal("file.empty", OpenFails(text).Code);

    [Fact]
    public void File_with_only_a_byte_order_mark_is_empty() =>
        Assert.Equal("file.empty", OpenFails(WithBom(Encoding.UTF8, "\n")).Code);

    [Fact]
    public void File_without_a_known_column_has_no_header() =>
        Assert.Equal("file.no_header", OpenFails("상품,가격,수량\nA,100,1\n").Code);

    [Fact]
    public void Missing_required_columns_are_named_in_korean_and_english()
    {
        string[] header = ["seller_sku", "name_ko", "category", "brand"];

        var error = OpenFails(Csv([header, ["A1", "홍삼", "식품>홍삼", "정관장"]]));

        Assert.Equal("file.missing_columns", error.Code);
        Assert.Equal(["판매가 (price_krw)", "재고수량 (stock)"], error.Args);
    }

    [Fact]
    public void Same_column_twice_is_refused_with_both_column_letters()
    {
        string[] header = [.. EnglishHeader, "판매자상품코드"];

        var error = OpenFails(Csv([header, [.. ValidRow(), "A2"]]));

        Assert.Equal("file.duplicate_column", error.Code);
        Assert.Equal(["seller_sku", "A", "N"], error.Args);
    }

    [Fact]
    public void Same_unknown_column_twice_is_refused_too() =>
        Assert.Equal("file.duplicate_column", OpenFails(Csv([[.. EnglishHeader, "색상", "색상"]])).Code);

    [Fact]
    public void Header_without_data_rows_is_not_an_error()
    {
        var rows = ReadRows(Encoding.UTF8.GetBytes(Csv([KoreanHeader]) + "\r\n\r\n"), out var info);

        Assert.Empty(rows);
        Assert.Equal(KoreanHeader, info.Header);
    }

    [Fact]
    public void Column_letters_follow_excel_after_z() =>
        Assert.Equal(["A", "Z", "AA", "AZ", "BA"], new[] { 0, 25, 26, 51, 52 }.Select(CatalogueLayout.ColumnLetter));
}
