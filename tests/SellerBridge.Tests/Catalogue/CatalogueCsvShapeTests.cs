using System.Text;
using SellerBridge.Web.Features.Catalogue;
using static SellerBridge.Tests.Catalogue.CatalogueCsv;

namespace SellerBridge.Tests.Catalogue;

public sealed class CatalogueCsvShapeTests
{
    [Theory]
    [InlineData(',')]
    [InlineData('\t')]
    [InlineData(';')]
    public void Each_delimiter_is_detected_even_when_cells_contain_the_others(char delimiter)
    {
        var row = ValidRow();
        row[12] = "용량: 60ml, 120ml; 향\t없음";
        var file = Csv([EnglishHeader, row, ValidRow("SKU-0002")], delimiter);

        var rows = ReadRows(Encoding.UTF8.GetBytes(file), out var info);

        Assert.Equal(delimiter, info.Delimiter);
        Assert.Equal(2, rows.Count(r => r.Accepted));
        Assert.Equal("용량: 60ml, 120ml; 향\t없음", rows[0].Product?.Description);
    }

    [Fact]
    public void Excel_separator_hint_line_sets_the_delimiter_and_is_not_a_row()
    {
        var rows = ReadRows(Encoding.UTF8.GetBytes("sep=;\r\n" + Csv([KoreanHeader, ValidRow()], ';', "\r\n")), out var info);

        Assert.Equal(';', info.Delimiter);
        Assert.Equal("판매자상품코드", info.Header[0]);
        Assert.Equal(2, rows.Single().Row);
        Assert.True(rows.Single().Accepted);
    }

    [Fact]
    public void Crlf_and_lf_files_read_the_same()
    {
        string[][] table = [KoreanHeader, ValidRow("A1"), ValidRow("A2")];

        var lf = ReadRows(Csv(table, newline: "\n"));
        var crlf = ReadRows(Csv(table, newline: "\r\n"));

        Assert.Equal(lf.Select(r => (r.Row, r.Accepted, string.Join('|', r.Cells))), crlf.Select(r => (r.Row, r.Accepted, string.Join('|', r.Cells))));
        Assert.Equal("A2", crlf[1].Product?.SellerSku);
        Assert.DoesNotContain('\r', crlf[1].Cells[^1]);
    }

    [Fact]
    public void Quoted_cells_keep_delimiters_quotes_and_line_breaks_and_do_not_add_rows()
    {
        var multiLine = ValidRow("SKU-1");
        multiLine[1] = "홍삼정 \"프리미엄\", 240g";
        multiLine[12] = "첫째 줄\r\n둘째 줄, \"강조\"\n셋째 줄";
        var file = Csv([EnglishHeader, multiLine, ValidRow("SKU-2"), ValidRow("SKU-3")], newline: "\r\n");

        var rows = ReadRows(file);

        Assert.Equal([2, 3, 4], rows.Select(r => r.Row));
        Assert.Equal("홍삼정 \"프리미엄\", 240g", rows[0].Product?.NameKo);
        Assert.Equal("첫째 줄\r\n둘째 줄, \"강조\"\n셋째 줄", rows[0].Product?.Description);
        Assert.Equal(["SKU-1", "SKU-2", "SKU-3"], rows.Select(r => r.Product?.SellerSku));
    }

    [Fact]
    public void Empty_lines_are_skipped_but_keep_their_row_numbers()
    {
        var file = Csv([EnglishHeader, ValidRow("A1")]) + "\n" + ",,,,,,,,,,,,\n" + Csv([ValidRow("A4")]) + "   \n\n" + Csv([ValidRow("A7")]);

        var rows = ReadRows(file);

        Assert.Equal([(2, "A1"), (5, "A4"), (8, "A7")], rows.Select(r => (r.Row, r.Product!.SellerSku)));
    }

    [Fact]
    public void Error_row_numbers_follow_the_spreadsheet_after_a_multi_line_cell()
    {
        var multiLine = ValidRow("A1");
        multiLine[12] = "a\nb\nc\nd";
        var bad = ValidRow("A3");
        bad[2] = "12.5";

        var rows = ReadRows(Csv([EnglishHeader, multiLine, ValidRow("A2"), bad]));

        Assert.Equal(4, rows[2].Row);
        Assert.Equal(4, rows[2].Errors.Single().Row);
    }

    [Fact]
    public void Headers_match_in_any_order_case_and_spacing_in_either_language()
    {
        string[] header = ["  PRICE_KRW ", "상품명", "Seller SKU", "재고 수량", "Category", "Weight (g)", "원산지"];
        string[] row = ["9,900", "밀폐용기 3종", "LOCK-3", "7", "생활용품>주방용품>밀폐용기", "450g", "중국"];

        var product = ReadRows(Csv([header, row])).Single().Product!;

        Assert.Equal(("LOCK-3", "밀폐용기 3종", 9900L, 7, 450, "CN"), (product.SellerSku, product.NameKo, product.PriceKrw, product.Stock, product.WeightG, product.Origin));
    }

    [Theory]
    [InlineData("중량(g)")]
    [InlineData("중량")]
    [InlineData("weight_g")]
    [InlineData("weight")]
    public void Weight_column_has_several_accepted_names(string name)
    {
        var header = (string[])EnglishHeader.Clone();
        header[7] = name;

        Assert.Equal(250, ReadRows(Csv([header, ValidRow()])).Single().Product?.WeightG);
    }

    [Fact]
    public void Bom_left_inside_the_first_header_is_ignored()
    {
        // Some tools write the BOM twice; the second one ends up glued to the first header.
        var file = WithBom(Encoding.UTF8, "\uFEFF" + Csv([KoreanHeader, ValidRow()]));

        var rows = ReadRows(file, out var info);

        Assert.Equal("판매자상품코드", info.Header[0]);
        Assert.True(rows.Single().Accepted);
    }

    [Fact]
    public void Unknown_columns_are_kept_as_extra_attributes_by_their_header()
    {
        string[] header = [.. EnglishHeader, "색상", "Material"];
        string[] row = [.. ValidRow(), " 빨강 ", ""];

        var product = ReadRows(Csv([header, row])).Single().Product!;

        Assert.Equal(new Dictionary<string, string> { ["색상"] = "빨강", ["Material"] = "" }, product.Extra);
    }

    [Fact]
    public void Row_with_fewer_cells_than_the_header_reads_the_missing_ones_as_empty()
    {
        var row = ValidRow()[..5];

        var product = ReadRows(Csv([EnglishHeader, row])).Single().Product!;

        Assert.Null(product.Description);
        Assert.Equal("KR", product.Origin);
        Assert.Empty(product.ImageUrls);
    }

    [Fact]
    public void Row_with_filled_cells_past_the_header_is_rejected()
    {
        string[] row = [.. ValidRow(), "", "남는 값"];

        var parsed = ReadRows(Csv([EnglishHeader, row])).Single();

        var error = Assert.Single(parsed.Errors);
        Assert.Equal(("", "row.extra_cells"), (error.Column, error.Code));
        Assert.Equal(["15", "13"], error.Args);
    }

    [Fact]
    public void Empty_cells_past_the_header_left_by_a_trailing_delimiter_are_ignored()
    {
        string[] row = [.. ValidRow(), "", ""];

        Assert.True(ReadRows(Csv([EnglishHeader, row])).Single().Accepted);
    }

    [Fact]
    public void Cells_are_given_back_as_uploaded()
    {
        var row = ValidRow(" SKU-1 ");

        var parsed = ReadRows(Csv([EnglishHeader, row])).Single();

        Assert.Equal(row, parsed.Cells);
    }
}
