namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// The stable codes of catalogue problems. They are stored and sent over the API; the words a seller
/// reads come from <see cref="CatalogueMessages"/>, so a code never changes once shipped.
/// </summary>
public static class CatalogueErrorCodes
{
    // A file that cannot be read at all; args in brackets.
    public const string FileEmpty = "file.empty";
    public const string FileNotText = "file.not_text";
    public const string FileNoHeader = "file.no_header";
    public const string FileMissingColumns = "file.missing_columns"; // [column names, "판매가 (price_krw)" ...]
    public const string FileDuplicateColumn = "file.duplicate_column"; // [header, first column letter, second column letter]
    public const string FileTooLarge = "file.too_large"; // [limit in MB]

    // One row; args[0] is the value as uploaded unless noted.
    public const string SkuRequired = "sku.required";
    public const string SkuFormat = "sku.format";
    public const string SkuTooLong = "sku.too_long"; // [length]
    public const string SkuDuplicate = "sku.duplicate"; // [first row] — raised by the import pipeline
    public const string NameKoRequired = "name_ko.required";
    public const string NameKoTooLong = "name_ko.too_long"; // [length]
    public const string PriceRequired = "price.required";
    public const string PriceFormat = "price.format";
    public const string PriceRange = "price.range";
    public const string StockRequired = "stock.required";
    public const string StockFormat = "stock.format";
    public const string CategoryRequired = "category.required";
    public const string CategoryFormat = "category.format";
    public const string NameZhTooLong = "name_zh.too_long"; // [length]
    public const string WeightFormat = "weight.format";
    public const string OriginUnknown = "origin.unknown";
    public const string HsCodeFormat = "hs_code.format";
    public const string BarcodeFormat = "barcode.format";
    public const string BarcodeCheckDigit = "barcode.check_digit"; // [barcode, expected last digit]
    public const string ImagesTooMany = "images.too_many"; // [count]
    public const string ImagesUrl = "images.url"; // [the address that is not one]
    public const string DescriptionTooLong = "description.too_long"; // [length]
    public const string RowExtraCells = "row.extra_cells"; // [cells in the row, columns in the header]

    public static IReadOnlyList<string> All { get; } =
    [
        FileEmpty, FileNotText, FileNoHeader, FileMissingColumns, FileDuplicateColumn, FileTooLarge,
        SkuRequired, SkuFormat, SkuTooLong, SkuDuplicate, NameKoRequired, NameKoTooLong,
        PriceRequired, PriceFormat, PriceRange, StockRequired, StockFormat, CategoryRequired, CategoryFormat,
        NameZhTooLong, WeightFormat, OriginUnknown, HsCodeFormat, BarcodeFormat, BarcodeCheckDigit,
        ImagesTooMany, ImagesUrl, DescriptionTooLong, RowExtraCells,
    ];
}
