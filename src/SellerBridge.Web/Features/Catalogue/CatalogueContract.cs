using System.Text;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>One product as a catalogue row describes it, after every rule of the catalogue table passed.</summary>
public sealed record CatalogueProduct(
    string SellerSku,
    string NameKo,
    long PriceKrw,
    int Stock,
    string Category,
    string? NameZh,
    string? Brand,
    int? WeightG,
    string Origin,
    string? HsCode,
    string? Barcode,
    IReadOnlyList<string> ImageUrls,
    string? Description,
    IReadOnlyDictionary<string, string> Extra);

/// <summary>
/// A problem with one cell (or a whole row when <see cref="Column"/> is empty). <see cref="Code"/> is
/// stable (e.g. <c>price.format</c>); <see cref="Args"/> fill its message, which is rendered in the
/// reader's language when shown, never stored as text.
/// </summary>
public sealed record CellError(int Row, string Column, string Code, IReadOnlyList<string> Args);

/// <summary>
/// One data row: its spreadsheet row number (header = 1; a cell with line breaks does not add rows),
/// the cells as uploaded, and either the product or every problem found in the row.
/// </summary>
public sealed record ParsedRow(int Row, IReadOnlyList<string> Cells, CatalogueProduct? Product, IReadOnlyList<CellError> Errors)
{
    public bool Accepted => Product is not null && Errors.Count == 0;
}

/// <summary>A file that cannot be read as a catalogue at all; nothing from it is imported.</summary>
public sealed class CatalogueFileException(string code, params string[] args)
    : Exception($"{code}: {string.Join(", ", args)}")
{
    public string Code { get; } = code;

    public IReadOnlyList<string> Args { get; } = args;
}

/// <summary>What a reader found out about a file before reading its rows.</summary>
public sealed record CatalogueFileInfo(Encoding Encoding, char Delimiter, IReadOnlyList<string> Header);
