using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>What <see cref="EncodingDetector"/> found: the encoding, how many bytes of byte order mark to skip, and the sample as text.</summary>
public sealed record DetectedEncoding(Encoding Encoding, int BomLength, string SampleText);

/// <summary>
/// Finds the encoding of a catalogue from its first bytes, because sellers never know what their
/// spreadsheet saved: a byte order mark decides; otherwise text that is valid UTF-8 is UTF-8, and
/// anything else is CP949, which Korean Excel writes by default.
/// </summary>
public static class EncodingDetector
{
    public const int Cp949CodePage = 949;

    /// <summary>CP949 rather than EUC-KR (51949): it is a superset that also has syllables such as 똠 and 뷁.</summary>
    public static Encoding Cp949 { get; } = LoadCp949();

    /// <param name="sample">The first bytes of the file.</param>
    /// <param name="complete">Whether the sample is the whole file (so a character cut at its end is an error).</param>
    public static DetectedEncoding Detect(ReadOnlySpan<byte> sample, bool complete)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Decode(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), sample, 3, complete);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Decode(new UnicodeEncoding(bigEndian: false, byteOrderMark: true), sample, 2, complete);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Decode(new UnicodeEncoding(bigEndian: true, byteOrderMark: true), sample, 2, complete);
        }

        // Without a UTF-16 mark a NUL byte means a binary file (an .xlsx is a zip): not a text catalogue.
        if (sample.Contains((byte)0))
        {
            throw new CatalogueFileException(CatalogueErrorCodes.FileNotText);
        }

        return Decode(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), sample, 0, complete, fallback: Cp949);
    }

    private static Encoding LoadCp949()
    {
        // .NET ships only Unicode encodings; the Windows code pages come from this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(Cp949CodePage);
    }

    private static DetectedEncoding Decode(Encoding encoding, ReadOnlySpan<byte> sample, int bom, bool complete, Encoding? fallback = null)
    {
        var text = TryDecodeStrictly(encoding, sample[bom..], complete);
        if (text is null && fallback is not null)
        {
            encoding = fallback;
            text = TryDecodeStrictly(fallback, sample, complete);
        }

        if (text is null || LooksBinary(text))
        {
            throw new CatalogueFileException(CatalogueErrorCodes.FileNotText);
        }

        return new DetectedEncoding(encoding, bom, text);
    }

    private static string? TryDecodeStrictly(Encoding encoding, ReadOnlySpan<byte> bytes, bool complete)
    {
        if (encoding is UTF8Encoding)
        {
            var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
            try
            {
                // isFinalBlock false lets the sample end in the middle of a character that the rest of the file completes.
                var status = Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false, isFinalBlock: complete);
                return status is OperationStatus.Done or OperationStatus.NeedMoreData ? new string(chars, 0, written) : null;
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }

        var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var decoder = strict.GetDecoder();
        var buffer = new char[strict.GetMaxCharCount(bytes.Length)];
        try
        {
            var count = decoder.GetChars(bytes, buffer, flush: complete);
            return new string(buffer, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A few stray control characters happen in real exports; many mean the bytes were never text.</summary>
    private static bool LooksBinary(string text)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f' or '\v') || c == '\uFFFD')
            {
                controls++;
            }
        }

        return controls > 8 && controls > text.Length / 100;
    }
}
