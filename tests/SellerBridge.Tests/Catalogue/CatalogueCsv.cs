using System.Text;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Tests.Catalogue;

/// <summary>Builds small catalogue files for the reader tests: a valid row by default, changed where a test says.</summary>
internal static class CatalogueCsv
{
    public static readonly string[] EnglishHeader =
    [
        "seller_sku", "name_ko", "price_krw", "stock", "category", "name_zh", "brand", "weight_g",
        "origin", "hs_code", "barcode", "image_urls", "description",
    ];

    public static readonly string[] KoreanHeader =
    [
        "판매자상품코드", "상품명", "판매가", "재고수량", "카테고리", "중문상품명", "브랜드", "중량(g)",
        "원산지", "HS코드", "바코드", "이미지URL", "상세설명",
    ];

    public static string[] ValidRow(string sku = "SKU-0001") =>
    [
        sku, "설화 윤조 에센스 60ml", "12,900원", "25", "화장품>스킨케어>에센스", "雪花润燥精华 60ml", "설화",
        "250", "대한민국", "3304.99", "8801234567893", "https://img.example.com/p/1.jpg", "촉촉한 에센스",
    ];

    /// <summary>The valid row with one column changed, read back through the reader.</summary>
    public static ParsedRow ReadWith(string column, string value)
    {
        var row = ValidRow();
        row[Array.IndexOf(EnglishHeader, column)] = value;
        return ReadRows(Csv([EnglishHeader, row])).Single();
    }

    public static string Csv(IEnumerable<string[]> rows, char delimiter = ',', string newline = "\n")
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(delimiter, row.Select(cell => Quote(cell, delimiter))).Append(newline);
        }

        return text.ToString();
    }

    public static string Quote(string cell, char delimiter) =>
        cell.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    public static List<ParsedRow> ReadRows(string csv) => ReadRows(Encoding.UTF8.GetBytes(csv), out _);

    public static List<ParsedRow> ReadRows(byte[] file, out CatalogueFileInfo info)
    {
        using var reader = CatalogueReader.Open(new OneWayStream(file));
        info = reader.Info;
        return [.. reader.ReadRows()];
    }

    public static CatalogueFileException OpenFails(byte[] file) =>
        Assert.Throws<CatalogueFileException>(() => CatalogueReader.Open(new OneWayStream(file)).Dispose());

    public static CatalogueFileException OpenFails(string csv) => OpenFails(Encoding.UTF8.GetBytes(csv));

    public static byte[] WithBom(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];

    public static IEnumerable<string> Codes(this ParsedRow row) => row.Errors.Select(e => e.Code);
}

/// <summary>An upload as the server gets it: forward only, no length, and short reads.</summary>
internal sealed class OneWayStream(byte[] data, int chunk = 7_001) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
