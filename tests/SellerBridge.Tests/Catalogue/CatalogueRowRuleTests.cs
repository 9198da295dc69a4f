using SellerBridge.Web.Features.Catalogue;
using static SellerBridge.Tests.Catalogue.CatalogueCsv;

namespace SellerBridge.Tests.Catalogue;

public sealed class CatalogueRowRuleTests
{
    [Fact]
    public void Valid_row_becomes_a_product_with_every_field_normalised()
    {
        var row = ReadRows(Csv([EnglishHeader, ValidRow()])).Single();

        Assert.True(row.Accepted, string.Join(", ", row.Codes()));
        Assert.Equal(2, row.Row);
        var product = row.Product!;
        Assert.Equal("SKU-0001", product.SellerSku);
        Assert.Equal("설화 윤조 에센스 60ml", product.NameKo);
        Assert.Equal(12_900L, product.PriceKrw);
        Assert.Equal(25, product.Stock);
        Assert.Equal("화장품>스킨케어>에센스", product.Category);
        Assert.Equal("雪花润燥精华 60ml", product.NameZh);
        Assert.Equal("설화", product.Brand);
        Assert.Equal(250, product.WeightG);
        Assert.Equal("KR", product.Origin);
        Assert.Equal("330499", product.HsCode);
        Assert.Equal("8801234567893", product.Barcode);
        Assert.Equal(["https://img.example.com/p/1.jpg"], product.ImageUrls);
        Assert.Equal("촉촉한 에센스", product.Description);
        Assert.Empty(product.Extra);
    }

    [Fact]
    public void Optional_cells_left_empty_give_no_value_and_korea_as_origin()
    {
        var row = ValidRow();
        for (var i = 5; i < row.Length; i++)
        {
            row[i] = "";
        }

        var product = ReadRows(Csv([EnglishHeader, row])).Single().Product!;

        Assert.Null(product.NameZh);
        Assert.Null(product.Brand);
        Assert.Null(product.WeightG);
        Assert.Equal("KR", product.Origin);
        Assert.Null(product.HsCode);
        Assert.Null(product.Barcode);
        Assert.Empty(product.ImageUrls);
        Assert.Null(product.Description);
    }

    [Fact]
    public void Cells_are_trimmed()
    {
        var row = ValidRow(sku: "  SKU-7  ");
        row[1] = "  홍삼정 240g ";

        var product = ReadRows(Csv([EnglishHeader, row])).Single().Product!;

        Assert.Equal("SKU-7", product.SellerSku);
        Assert.Equal("홍삼정 240g", product.NameKo);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("sku-01_a.B")]
    [InlineData("1234567890123456789012345678901234567890123456789012345678901234")]
    public void Sku_of_letters_digits_and_dash_underscore_dot_up_to_64_is_accepted(string sku) =>
        Assert.Equal(sku, ReadWith("seller_sku", sku).Product?.SellerSku);

    [Theory]
    [InlineData("", "sku.required")]
    [InlineData("SKU 1", "sku.format")]
    [InlineData("상품-1", "sku.format")]
    [InlineData("SKU/1", "sku.format")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345", "sku.too_long")]
    public void Sku_that_breaks_a_rule_is_rejected(string sku, string code) =>
        Assert.Equal([code], ReadWith("seller_sku", sku).Codes());

    [Fact]
    public void Name_of_200_characters_is_accepted_and_201_rejected()
    {
        Assert.True(ReadWith("name_ko", new string('가', 200)).Accepted);
        Assert.True(ReadWith("name_ko", string.Concat(Enumerable.Repeat("😀", 200))).Accepted);

        var tooLong = ReadWith("name_ko", new string('가', 201));
        Assert.Equal(["name_ko.too_long"], tooLong.Codes());
        Assert.Equal(["201"], tooLong.Errors[0].Args);
        Assert.Equal(["name_ko.required"], ReadWith("name_ko", " ").Codes());
    }

    [Theory]
    [InlineData("12900", 12_900)]
    [InlineData("12,900", 12_900)]
    [InlineData("₩12,900", 12_900)]
    [InlineData("￦12,900", 12_900)]
    [InlineData("12,900원", 12_900)]
    [InlineData("  ₩ 12,900 원 ", 12_900)]
    [InlineData("1", 1)]
    [InlineData("1,290,000", 1_290_000)]
    [InlineData("100,000,000", 100_000_000)]
    public void Price_written_as_sellers_write_it_is_read_in_whole_won(string price, long won) =>
        Assert.Equal(won, ReadWith("price_krw", price).Product?.PriceKrw);

    [Theory]
    [InlineData("12.5")]
    [InlineData("12900.00")]
    [InlineData("1,29,00")]
    [InlineData("12,9OO원")]
    [InlineData("1,2900")]
    [InlineData(",900")]
    [InlineData("12 900")]
    [InlineData("₩")]
    [InlineData("만원")]
    public void Price_that_is_not_a_whole_number_is_a_format_error(string price)
    {
        var row = ReadWith("price_krw", price);
        Assert.Equal(["price.format"], row.Codes());
        Assert.Equal([price.Trim()], row.Errors[0].Args);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-12,900")]
    [InlineData("100,000,001")]
    [InlineData("99999999999999999999999")]
    public void Price_outside_1_to_100_million_won_is_a_range_error(string price) =>
        Assert.Equal(["price.range"], ReadWith("price_krw", price).Codes());

    [Fact]
    public void Empty_price_is_required() => Assert.Equal(["price.required"], ReadWith("price_krw", "").Codes());

    [Theory]
    [InlineData("0", 0)]
    [InlineData("25", 25)]
    [InlineData("1,000", 1000)]
    [InlineData("1,000개", 1000)]
    public void Stock_as_a_whole_number_of_zero_or_more_is_accepted(string stock, int expected) =>
        Assert.Equal(expected, ReadWith("stock", stock).Product?.Stock);

    [Theory]
    [InlineData("", "stock.required")]
    [InlineData("-1", "stock.format")]
    [InlineData("1.5", "stock.format")]
    [InlineData("많음", "stock.format")]
    [InlineData("3,000,000,000", "stock.format")]
    public void Stock_that_is_not_a_whole_number_of_zero_or_more_is_rejected(string stock, string code) =>
        Assert.Equal([code], ReadWith("stock", stock).Codes());

    [Theory]
    [InlineData("식품>건강식품>홍삼", "식품>건강식품>홍삼")]
    [InlineData(" 식품 > 건강식품 >  홍삼 ", "식품>건강식품>홍삼")]
    [InlineData("생활용품>주방용품", "생활용품>주방용품")]
    public void Category_path_is_kept_with_spaces_around_the_arrows_removed(string category, string expected) =>
        Assert.Equal(expected, ReadWith("category", category).Product?.Category);

    [Theory]
    [InlineData("", "category.required")]
    [InlineData("식품", "category.format")]
    [InlineData("식품>>홍삼", "category.format")]
    [InlineData("식품>건강식품>", "category.format")]
    [InlineData(">식품", "category.format")]
    [InlineData("식품> >홍삼", "category.format")]
    public void Category_that_is_not_a_path_is_rejected(string category, string code) =>
        Assert.Equal([code], ReadWith("category", category).Codes());

    [Fact]
    public void Chinese_name_of_60_characters_is_accepted_and_61_rejected()
    {
        Assert.True(ReadWith("name_zh", new string('雪', 60)).Accepted);
        Assert.Equal(["name_zh.too_long"], ReadWith("name_zh", new string('雪', 61)).Codes());
    }

    [Theory]
    [InlineData("250", 250)]
    [InlineData("250g", 250)]
    [InlineData("250 G", 250)]
    [InlineData("1,250g", 1250)]
    public void Weight_in_whole_grams_is_accepted(string weight, int grams) =>
        Assert.Equal(grams, ReadWith("weight_g", weight).Product?.WeightG);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("0.5")]
    [InlineData("1kg")]
    [InlineData("무게")]
    public void Weight_that_is_not_whole_grams_above_zero_is_rejected(string weight) =>
        Assert.Equal(["weight.format"], ReadWith("weight_g", weight).Codes());

    [Theory]
    [InlineData("", "KR")]
    [InlineData("대한민국", "KR")]
    [InlineData("한국", "KR")]
    [InlineData("KR", "KR")]
    [InlineData("kr", "KR")]
    [InlineData("Korea", "KR")]
    [InlineData("KOREA", "KR")]
    [InlineData("중국", "CN")]
    [InlineData("china", "CN")]
    [InlineData("일본", "JP")]
    [InlineData("Japan", "JP")]
    [InlineData("미국", "US")]
    [InlineData("USA", "US")]
    [InlineData("us", "US")]
    [InlineData("베트남", "VN")]
    public void Origin_is_mapped_to_its_country_code(string origin, string code) =>
        Assert.Equal(code, ReadWith("origin", origin).Product?.Origin);

    [Theory]
    [InlineData("프랑스")]
    [InlineData("Mars")]
    public void Origin_that_is_not_known_is_rejected(string origin)
    {
        var row = ReadWith("origin", origin);
        Assert.Equal(["origin.unknown"], row.Codes());
        Assert.Equal([origin], row.Errors[0].Args);
    }

    [Theory]
    [InlineData("330499", "330499")]
    [InlineData("3304.99", "330499")]
    [InlineData("3304.99-1000", "3304991000")]
    [InlineData("3304991000", "3304991000")]
    public void Hs_code_of_6_or_10_digits_is_kept_as_digits(string hs, string expected) =>
        Assert.Equal(expected, ReadWith("hs_code", hs).Product?.HsCode);

    [Theory]
    [InlineData("3304")]
    [InlineData("33049910")]
    [InlineData("3304.9a")]
    [InlineData("33049910001")]
    public void Hs_code_of_another_length_is_rejected(string hs) =>
        Assert.Equal(["hs_code.format"], ReadWith("hs_code", hs).Codes());

    [Theory]
    [InlineData("96385074")]
    [InlineData("036000291452")]
    [InlineData("4006381333931")]
    [InlineData("8801234567893")]
    [InlineData("10614141000415")]
    public void Barcode_with_a_valid_check_digit_is_accepted(string barcode) =>
        Assert.Equal(barcode, ReadWith("barcode", barcode).Product?.Barcode);

    [Theory]
    [InlineData("123")]
    [InlineData("88012345678")]
    [InlineData("8.80123E+12")]
    [InlineData("ABCDEFGH")]
    public void Barcode_that_is_not_a_gtin_length_of_digits_is_a_format_error(string barcode) =>
        Assert.Equal(["barcode.format"], ReadWith("barcode", barcode).Codes());

    [Fact]
    public void Barcode_with_a_wrong_check_digit_names_the_right_one()
    {
        var row = ReadWith("barcode", "4006381333932");

        Assert.Equal(["barcode.check_digit"], row.Codes());
        Assert.Equal(["4006381333932", "1"], row.Errors[0].Args);
    }

    [Fact]
    public void Image_urls_are_split_on_bars_semicolons_and_line_breaks()
    {
        var product = ReadWith("image_urls", "https://img.example.com/1.jpg | http://img.example.com/2.jpg;https://img.example.com/3.jpg\r\nhttps://img.example.com/4.jpg\n").Product!;

        Assert.Equal(
            ["https://img.example.com/1.jpg", "http://img.example.com/2.jpg", "https://img.example.com/3.jpg", "https://img.example.com/4.jpg"],
            product.ImageUrls);
    }

    [Fact]
    public void Ten_images_are_accepted_and_eleven_rejected()
    {
        string Urls(int n) => string.Join('|', Enumerable.Range(1, n).Select(i => $"https://img.example.com/{i}.jpg"));

        Assert.Equal(10, ReadWith("image_urls", Urls(10)).Product?.ImageUrls.Count);
        var row = ReadWith("image_urls", Urls(11));
        Assert.Equal(["images.too_many"], row.Codes());
        Assert.Equal(["11"], row.Errors[0].Args);
    }

    [Fact]
    public void Each_image_that_is_not_an_http_address_is_reported()
    {
        var row = ReadWith("image_urls", "ftp://img.example.com/1.jpg|img.example.com/2.jpg|https://|https://img.example.com/a b.jpg|https://img.example.com/ok.jpg");

        Assert.Equal(["images.url", "images.url", "images.url", "images.url"], row.Codes());
        Assert.Equal(["ftp://img.example.com/1.jpg", "img.example.com/2.jpg", "https://", "https://img.example.com/a b.jpg"], row.Errors.Select(e => e.Args[0]));
    }

    [Fact]
    public void Description_keeps_line_breaks_quotes_and_html_up_to_20000_characters()
    {
        const string Html = "<p>\"진짜\" 홍삼, 6년근</p>\n<b>하루 1포</b>";
        Assert.Equal(Html, ReadWith("description", Html).Product?.Description);
        Assert.True(ReadWith("description", new string('가', 20_000)).Accepted);
        Assert.Equal(["description.too_long"], ReadWith("description", new string('가', 20_001)).Codes());
    }

    [Fact]
    public void Row_with_several_problems_reports_every_one_with_its_column_as_the_file_names_it()
    {
        var header = (string[])KoreanHeader.Clone();
        var row = ValidRow(sku: "상품 1");
        row[1] = "";
        row[2] = "12.5";
        row[3] = "-3";
        row[4] = "식품";
        row[9] = "12";
        row[10] = "4006381333932";

        var parsed = ReadRows(Csv([header, row])).Single();

        Assert.False(parsed.Accepted);
        Assert.Null(parsed.Product);
        Assert.Equal(
            [
                ("판매자상품코드", "sku.format"), ("상품명", "name_ko.required"), ("판매가", "price.format"),
                ("재고수량", "stock.format"), ("카테고리", "category.format"), ("HS코드", "hs_code.format"),
                ("바코드", "barcode.check_digit"),
            ],
            parsed.Errors.Select(e => (e.Column, e.Code)));
        Assert.All(parsed.Errors, e => Assert.Equal(2, e.Row));
    }
}
