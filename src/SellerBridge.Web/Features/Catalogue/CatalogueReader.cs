using System.Text;
using CsvHelper;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Reads an uploaded catalogue in one streaming pass: detects its encoding and delimiter, matches its
/// header, then yields each data row checked against the catalogue table. Memory stays constant
/// whatever the size of the file; the caller keeps ownership of the stream.
/// </summary>
public sealed class CatalogueReader : IDisposable
{
    /// <summary>How much of the file is looked at to find its encoding and delimiter.</summary>
    public const int SampleSize = 64 * 1024;

    private readonly CsvReader _csv;
    private readonly SniffedStream _stream;
    private readonly CatalogueRowValidator _validator;
    private int _row;
    private bool _started;

    private CatalogueReader(CsvReader csv, SniffedStream stream, CatalogueFileInfo info, CatalogueLayout layout, int headerRow)
    {
        _csv = csv;
        _stream = stream;
        Info = info;
        _validator = new CatalogueRowValidator(layout);
        _row = headerRow;
    }

    public CatalogueFileInfo Info { get; }

    /// <summary>Bytes of the upload read so far, for a progress bar; it moves in steps of the read buffer.</summary>
    public long BytesConsumed => _stream.BytesConsumed;

    /// <summary>Opens a catalogue; throws <see cref="CatalogueFileException"/> when the file cannot be one.</summary>
    public static CatalogueReader Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var sample = new byte[SampleSize];
        var length = ReadSample(stream, sample);
        var complete = length < sample.Length;
        if (length == 0)
        {
            throw new CatalogueFileException(CatalogueErrorCodes.FileEmpty);
        }

        var detected = EncodingDetector.Detect(sample.AsSpan(0, length), complete);
        if (complete && string.IsNullOrWhiteSpace(detected.SampleText))
        {
            throw new CatalogueFileException(CatalogueErrorCodes.FileEmpty);
        }

        var delimiter = DelimiterDetector.Detect(detected.SampleText);
        var sniffed = new SniffedStream(sample, detected.BomLength, length, stream, detected.BomLength);
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = false,
            // Empty lines are counted by the reader itself: a spreadsheet shows them as rows, so they keep their numbers.
            SkipEmptyLines = false,
            // UTF-8 is parsed in place; anything else is transcoded by CsvHelper from the encoding found here.
            Encoding = detected.Encoding is UTF8Encoding ? null : detected.Encoding,
        };
        var csv = CsvReader.Create(sniffed, options, leaveOpen: true);
        try
        {
            var headerRow = 0;
            string[]? header = null;
            var hintSeen = false;
            while (header is null && csv.Read())
            {
                var cells = ReadCells(csv);
                if (!hintSeen && cells.Length <= 2 && DelimiterDetector.SeparatorHint(string.Join(delimiter, cells)) is not null)
                {
                    // Excel hides the hint line, so the header after it is still row 1.
                    hintSeen = true;
                    continue;
                }

                headerRow++;
                hintSeen = true;
                header = IsBlank(cells) ? null : cells;
            }

            if (header is null)
            {
                throw new CatalogueFileException(CatalogueErrorCodes.FileEmpty);
            }

            var layout = CatalogueLayout.FromHeader(header);
            var info = new CatalogueFileInfo(detected.Encoding, delimiter, layout.Header);
            return new CatalogueReader(csv, sniffed, info, layout, headerRow);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>The data rows, numbered as a spreadsheet shows them; blank rows keep their number but are not returned. One pass only.</summary>
    public IEnumerable<ParsedRow> ReadRows()
    {
        if (_started)
        {
            throw new InvalidOperationException("A catalogue is read in one pass; open it again to read it again.");
        }

        _started = true;
        return Rows();
    }

    public void Dispose() => _csv.Dispose();

    private IEnumerable<ParsedRow> Rows()
    {
        while (_csv.Read())
        {
            _row++;
            var cells = ReadCells(_csv);
            if (!IsBlank(cells))
            {
                yield return _validator.Validate(_row, cells);
            }
        }
    }

    private static string[] ReadCells(CsvReader csv)
    {
        var cells = new string[csv.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = csv.GetString(i) ?? string.Empty;
        }

        return cells;
    }

    /// <summary>An empty line, or a row of empty cells (what Excel writes for a cleared row).</summary>
    private static bool IsBlank(string[] cells)
    {
        foreach (var cell in cells)
        {
            if (!string.IsNullOrWhiteSpace(cell))
            {
                return false;
            }
        }

        return true;
    }

    private static int ReadSample(Stream stream, byte[] sample)
    {
        var total = 0;
        int read;
        while (total < sample.Length && (read = stream.Read(sample, total, sample.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
