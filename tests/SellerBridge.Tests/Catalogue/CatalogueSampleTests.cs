using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Tests.Catalogue;

/// <summary>The sample catalogues under <c>samples/</c> (made by <c>scripts/make-samples.py</c>) read as a seller would expect.</summary>
public sealed class CatalogueSampleTests
{
    private static List<ParsedRow> Read(string name, out CatalogueFileInfo info)
    {
        using var file = File.OpenRead(Path.Combine(SamplesFolder(), name));
        using var reader = CatalogueReader.Open(file);
        info = reader.Info;
        return [.. reader.ReadRows()];
    }

    private static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SellerBridge.sln")))
            {
                return Path.Combine(dir.FullName, "samples");
            }
        }

        throw new DirectoryNotFoundException("samples/ next to SellerBridge.sln");
    }

    [Fact]
    public void Cp949_sample_has_one_rejected_row_the_price_typed_with_letter_o()
    {
        var rows = Read("catalogue-cp949.csv", out var info);

        Assert.Equal((949, ','), (info.Encoding.CodePage, info.Delimiter));
        Assert.True(rows.Count >= 50);
        var rejected = Assert.Single(rows, r => !r.Accepted);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal((16, "판매가", "price.format", "12,9OO원"), (error.Row, error.Column, error.Code, error.Args[0]));
    }

    [Fact]
    public void Cp949_sample_keeps_korean_chinese_and_multi_line_text()
    {
        var products = Read("catalogue-cp949.csv", out _).Where(r => r.Accepted).Select(r => r.Product!).ToList();

        Assert.Contains(products, p => p.NameKo.Contains('똠'));
        Assert.Contains(products, p => p.Description?.Contains("\"피로 회복\"") == true && p.Description.Contains('\n'));
        Assert.True(products.Count(p => p.NameZh is not null) > products.Count / 2);
        Assert.Contains(products, p => p.NameZh is null);
        Assert.All(products, p => Assert.StartsWith("https://img.example.com/", p.ImageUrls[0]));
    }

    [Fact]
    public void Fixed_cp949_sample_is_accepted_whole_with_the_same_rows()
    {
        var original = Read("catalogue-cp949.csv", out _);
        var rows = Read("catalogue-cp949-fixed.csv", out _);

        Assert.All(rows, r => Assert.True(r.Accepted, $"row {r.Row}: {string.Join(", ", r.Errors.Select(e => e.Code))}"));
        Assert.Equal(original.Select(r => r.Row), rows.Select(r => r.Row));
        Assert.Equal(12_900L, rows.Single(r => r.Row == 16).Product?.PriceKrw);
    }

    [Fact]
    public void Utf8_sample_is_read_whole_with_english_headers_and_semicolons()
    {
        var rows = Read("catalogue-utf8.csv", out var info);

        Assert.Equal(("utf-8", ';', "seller_sku"), (info.Encoding.WebName, info.Delimiter, info.Header[0]));
        Assert.True(rows.Count >= 50);
        Assert.All(rows, r => Assert.True(r.Accepted, $"row {r.Row}: {string.Join(", ", r.Errors.Select(e => e.Code))}"));
        Assert.Contains(rows, r => r.Product!.Category.StartsWith("생활용품>", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Product!.Category.StartsWith("식품>", StringComparison.Ordinal));
    }
}
