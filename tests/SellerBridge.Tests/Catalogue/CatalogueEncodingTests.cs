using System.Text;
using SellerBridge.Web.Features.Catalogue;
using static SellerBridge.Tests.Catalogue.CatalogueCsv;

namespace SellerBridge.Tests.Catalogue;

public sealed class CatalogueEncodingTests
{
    // 똠 and 뷁 exist in CP949 but not in EUC-KR: a reader that decodes as EUC-KR loses them.
    private const string RareName = "똠양꿍 컵라면 뷁 에디션";

    private static string KoreanFile() => Csv([KoreanHeader, RowNamed(RareName)], newline: "\r\n");

    private static string[] RowNamed(string name, string sku = "SKU-0001")
    {
        var row = ValidRow(sku);
        row[1] = name;
        return row;
    }

    [Fact]
    public void Cp949_file_keeps_hangul_only_cp949_has()
    {
        var file = EncodingDetector.Cp949.GetBytes(KoreanFile());

        var rows = ReadRows(file, out var info);

        Assert.Equal(949, info.Encoding.CodePage);
        Assert.Equal("판매자상품코드", info.Header[0]);
        Assert.Equal(RareName, rows.Single().Product?.NameKo);
        Assert.Equal("雪花润燥精华 60ml".Length, rows.Single().Product?.NameZh?.Length);
    }

    [Fact]
    public void Cp949_file_round_trips_byte_for_byte()
    {
        var file = EncodingDetector.Cp949.GetBytes(KoreanFile());

        var row = ReadRows(file, out var info).Single();
        var again = info.Encoding.GetBytes(Csv([info.Header.ToArray(), row.Cells.ToArray()], newline: "\r\n"));

        Assert.Equal(file, again);
    }

    [Fact]
    public void Utf8_file_without_bom_is_read_as_utf8()
    {
        var rows = ReadRows(Encoding.UTF8.GetBytes(KoreanFile()), out var info);

        Assert.Equal("utf-8", info.Encoding.WebName);
        Assert.Empty(info.Encoding.GetPreamble());
        Assert.Equal(RareName, rows.Single().Product?.NameKo);
    }

    [Fact]
    public void Utf8_file_with_bom_is_read_without_the_bom_in_the_first_header()
    {
        var rows = ReadRows(WithBom(Encoding.UTF8, KoreanFile()), out var info);

        Assert.Equal("utf-8", info.Encoding.WebName);
        Assert.NotEmpty(info.Encoding.GetPreamble());
        Assert.Equal("판매자상품코드", info.Header[0]);
        Assert.Equal(RareName, rows.Single().Product?.NameKo);
    }

    [Fact]
    public void Utf16_little_endian_file_with_bom_is_read()
    {
        var rows = ReadRows(WithBom(Encoding.Unicode, KoreanFile()), out var info);

        Assert.Equal("utf-16", info.Encoding.WebName);
        Assert.Equal(RareName, rows.Single().Product?.NameKo);
    }

    [Fact]
    public void Utf16_big_endian_file_with_bom_is_read()
    {
        var rows = ReadRows(WithBom(Encoding.BigEndianUnicode, KoreanFile()), out var info);

        Assert.Equal("utf-16BE", info.Encoding.WebName);
        Assert.Equal(RareName, rows.Single().Product?.NameKo);
    }

    [Fact]
    public void Utf8_file_whose_sample_ends_inside_a_character_is_still_utf8()
    {
        var file = CuttingTheSample(Encoding.UTF8, pad =>
            Csv([KoreanHeader, RowNamed(new string('x', pad + 1), "S0"), .. Enumerable.Range(1, 3000).Select(i => RowNamed($"가{new string('나', 10)}{i}", $"S{i}"))]));

        var read = ReadRows(file, out var info);

        Assert.Equal("utf-8", info.Encoding.WebName);
        Assert.Equal(3001, read.Count(r => r.Accepted));
        Assert.Equal("가나나나나나나나나나나3000", read[^1].Product?.NameKo);
    }

    [Fact]
    public void Korean_file_in_cp949_whose_sample_ends_inside_a_character_is_still_cp949()
    {
        var file = CuttingTheSample(EncodingDetector.Cp949, pad =>
            Csv([KoreanHeader, RowNamed("똠" + new string('x', pad + 1), "S0"), .. Enumerable.Range(1, 5000).Select(i => RowNamed($"똠{i}", $"S{i}"))], newline: "\r\n"));

        var read = ReadRows(file, out var info);

        Assert.Equal(949, info.Encoding.CodePage);
        Assert.Equal(5001, read.Count(r => r.Accepted));
        Assert.All(read, r => Assert.StartsWith("똠", r.Product!.NameKo));
    }

    /// <summary>Pads the file until its first <see cref="CatalogueReader.SampleSize"/> bytes end in the middle of a character.</summary>
    private static byte[] CuttingTheSample(Encoding encoding, Func<int, string> file)
    {
        for (var pad = 0; pad < 300; pad++)
        {
            var text = file(pad);
            var offset = 0;
            foreach (var c in text)
            {
                if (offset >= CatalogueReader.SampleSize)
                {
                    break;
                }

                offset += encoding.GetByteCount([c]);
            }

            if (offset > CatalogueReader.SampleSize)
            {
                return encoding.GetBytes(text);
            }
        }

        throw new InvalidOperationException("No padding cuts a character at the end of the sample.");
    }

    [Fact]
    public void Excel_workbook_is_not_text()
    {
        // The start of an .xlsx: a zip header, full of NUL bytes.
        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, .. new byte[200]];

        Assert.Equal("file.not_text", OpenFails(xlsx).Code);
    }

    [Fact]
    public void Bytes_that_are_neither_utf8_nor_cp949_are_not_text()
    {
        var random = new Random(949);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(bytes[i] | 0x80);
        }

        Assert.Equal("file.not_text", OpenFails(bytes).Code);
    }
}
