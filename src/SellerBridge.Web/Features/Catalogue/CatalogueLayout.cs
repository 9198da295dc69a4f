namespace SellerBridge.Web.Features.Catalogue;

/// <summary>Where each catalogue column is in a file, learnt from its header row.</summary>
public sealed class CatalogueLayout
{
    private static readonly IReadOnlyDictionary<string, string> _noExtra = new Dictionary<string, string>();

    private readonly int[] _indexOf;

    private CatalogueLayout(IReadOnlyList<string> header, int[] indexOf, (int Index, string Header)[] extras)
    {
        Header = header;
        _indexOf = indexOf;
        Extras = extras;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Columns the table does not know, kept on each product as extra attributes.</summary>
    public IReadOnlyList<(int Index, string Header)> Extras { get; }

    /// <summary>The position of a column in the file, or -1 when the file does not have it.</summary>
    public int IndexOf(CatalogueColumn column) => _indexOf[(int)column];

    /// <summary>The header text of a column as the file spells it, which is how errors name the column.</summary>
    public string HeaderOf(CatalogueColumn column) =>
        _indexOf[(int)column] is var i and >= 0 ? Header[i] : CatalogueColumns.English(column);

    /// <summary>The unknown columns of a row by header, trimmed; shared and empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> ExtraOf(string[] cells)
    {
        if (Extras.Count == 0)
        {
            return _noExtra;
        }

        var extra = new Dictionary<string, string>(Extras.Count, StringComparer.Ordinal);
        foreach (var (index, header) in Extras)
        {
            extra[header] = index < cells.Length ? cells[index].Trim() : string.Empty;
        }

        return extra;
    }

    /// <summary>
    /// How many cells the row has up to its last filled one past the header, or 0 when none is filled:
    /// empty cells there are what a trailing delimiter leaves and mean nothing.
    /// </summary>
    public int CellsPastHeader(string[] cells)
    {
        for (var i = cells.Length - 1; i >= Header.Count; i--)
        {
            if (!string.IsNullOrWhiteSpace(cells[i]))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>Matches a header row; throws <see cref="CatalogueFileException"/> when it cannot be a catalogue's.</summary>
    public static CatalogueLayout FromHeader(IReadOnlyList<string> cells)
    {
        // A BOM remnant or spaces around a name are not part of it, also when an error quotes the name.
        var header = new string[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            header[i] = cells[i].Trim().Trim('\uFEFF').Trim();
        }

        var indexOf = new int[CatalogueColumns.Count];
        Array.Fill(indexOf, -1);
        var extras = new List<(int, string)>();
        var extraNames = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var recognised = 0;
        for (var i = 0; i < header.Length; i++)
        {
            var text = header[i];
            if (text.Length == 0)
            {
                // Excel leaves a trailing empty header cell when a column was cleared; there is nothing to name its values by.
                continue;
            }

            if (CatalogueColumns.TryMatch(text, out var column))
            {
                if (indexOf[(int)column] >= 0)
                {
                    throw Duplicate(header[indexOf[(int)column]], indexOf[(int)column], i);
                }

                indexOf[(int)column] = i;
                recognised++;
            }
            else if (extraNames.TryGetValue(text, out var first))
            {
                throw Duplicate(header[first], first, i);
            }
            else
            {
                extraNames.Add(text, i);
                extras.Add((i, text));
            }
        }

        if (recognised == 0)
        {
            throw new CatalogueFileException(CatalogueErrorCodes.FileNoHeader);
        }

        var missing = new List<string>();
        for (var c = 0; c < CatalogueColumns.Count; c++)
        {
            if (indexOf[c] < 0 && CatalogueColumns.IsRequired((CatalogueColumn)c))
            {
                missing.Add(CatalogueColumns.DisplayName((CatalogueColumn)c));
            }
        }

        if (missing.Count > 0)
        {
            throw new CatalogueFileException(CatalogueErrorCodes.FileMissingColumns, [.. missing]);
        }

        return new CatalogueLayout(header, indexOf, [.. extras]);
    }

    /// <summary>Column letters as Excel shows them (A, B, ... Z, AA), so a seller can find both columns.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }

        return letters;
    }

    private static CatalogueFileException Duplicate(string header, int first, int second) =>
        new(CatalogueErrorCodes.FileDuplicateColumn, header, ColumnLetter(first), ColumnLetter(second));
}
