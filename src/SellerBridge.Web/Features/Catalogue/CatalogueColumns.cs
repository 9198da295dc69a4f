namespace SellerBridge.Web.Features.Catalogue;

/// <summary>The columns of the catalogue table (PRODUCT.md, "Catalogue file").</summary>
public enum CatalogueColumn
{
    SellerSku,
    NameKo,
    PriceKrw,
    Stock,
    Category,
    NameZh,
    Brand,
    WeightG,
    Origin,
    HsCode,
    Barcode,
    ImageUrls,
    Description,
}

/// <summary>Header names of the catalogue columns, and how a header cell from a file is matched to one.</summary>
public static class CatalogueColumns
{
    public const int Count = 13;

    private static readonly (string Korean, string English, bool Required, string[] Aliases)[] _columns =
    [
        ("판매자상품코드", "seller_sku", true, ["sku", "상품코드"]),
        ("상품명", "name_ko", true, []),
        ("판매가", "price_krw", true, ["price"]),
        ("재고수량", "stock", true, ["재고"]),
        ("카테고리", "category", true, []),
        ("중문상품명", "name_zh", false, []),
        ("브랜드", "brand", false, []),
        ("중량(g)", "weight_g", false, ["중량", "weight", "weight(g)"]),
        ("원산지", "origin", false, []),
        ("HS코드", "hs_code", false, []),
        ("바코드", "barcode", false, []),
        ("이미지URL", "image_urls", false, ["image_url"]),
        ("상세설명", "description", false, []),
    ];

    private static readonly Dictionary<string, CatalogueColumn> _byName = BuildIndex();

    public static string Korean(CatalogueColumn column) => _columns[(int)column].Korean;

    public static string English(CatalogueColumn column) => _columns[(int)column].English;

    public static bool IsRequired(CatalogueColumn column) => _columns[(int)column].Required;

    /// <summary>How a column is named to a seller whichever language its file used: <c>판매가 (price_krw)</c>.</summary>
    public static string DisplayName(CatalogueColumn column) => $"{Korean(column)} ({English(column)})";

    public static bool TryMatch(string header, out CatalogueColumn column) => _byName.TryGetValue(Normalise(header), out column);

    /// <summary>
    /// Case, spaces, underscores and hyphens are ignored so that <c>Seller SKU</c>, <c>seller_sku</c> and
    /// <c>판매자 상품코드</c> all match; a BOM or zero-width space left over by another tool is dropped too.
    /// </summary>
    public static string Normalise(string header)
    {
        Span<char> buffer = header.Length <= 256 ? stackalloc char[header.Length] : new char[header.Length];
        var length = 0;
        foreach (var c in header)
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '\uFEFF' or '\u200B')
            {
                continue;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }

    private static Dictionary<string, CatalogueColumn> BuildIndex()
    {
        var index = new Dictionary<string, CatalogueColumn>(StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = (CatalogueColumn)i;
            index.Add(Normalise(_columns[i].Korean), column);
            index.Add(Normalise(_columns[i].English), column);
            foreach (var alias in _columns[i].Aliases)
            {
                index.Add(Normalise(alias), column);
            }
        }

        return index;
    }
}
