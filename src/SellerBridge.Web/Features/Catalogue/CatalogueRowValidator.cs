namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Applies every rule of the catalogue table to one row and reports every problem in it, so that a
/// seller fixes a row once instead of uploading it again for each mistake.
/// </summary>
public sealed class CatalogueRowValidator(CatalogueLayout layout)
{
    private readonly List<CellError> _errors = [];
    private string[] _cells = [];
    private int _row;

    public ParsedRow Validate(int row, string[] cells)
    {
        _row = row;
        _cells = cells;
        _errors.Clear();

        var sku = Cell(CatalogueColumn.SellerSku);
        if (sku.Length == 0)
        {
            Fail(CatalogueColumn.SellerSku, CatalogueErrorCodes.SkuRequired);
        }
        else
        {
            if (sku.Length > CatalogueRules.SkuMaxLength)
            {
                Fail(CatalogueColumn.SellerSku, CatalogueErrorCodes.SkuTooLong, Count(sku));
            }

            if (!CatalogueRules.HasOnlySkuCharacters(sku))
            {
                Fail(CatalogueColumn.SellerSku, CatalogueErrorCodes.SkuFormat, sku);
            }
        }

        var nameKo = Cell(CatalogueColumn.NameKo);
        if (nameKo.Length == 0)
        {
            Fail(CatalogueColumn.NameKo, CatalogueErrorCodes.NameKoRequired);
        }
        else if (CatalogueRules.IsLonger(nameKo, CatalogueRules.NameKoMaxLength))
        {
            Fail(CatalogueColumn.NameKo, CatalogueErrorCodes.NameKoTooLong, Count(nameKo));
        }

        var priceText = Cell(CatalogueColumn.PriceKrw);
        long price = 0;
        if (priceText.Length == 0)
        {
            Fail(CatalogueColumn.PriceKrw, CatalogueErrorCodes.PriceRequired);
        }
        else if (CatalogueNumbers.ParsePrice(priceText, out price) is { } priceError)
        {
            Fail(CatalogueColumn.PriceKrw, priceError, priceText);
        }

        var stockText = Cell(CatalogueColumn.Stock);
        var stock = 0;
        if (stockText.Length == 0)
        {
            Fail(CatalogueColumn.Stock, CatalogueErrorCodes.StockRequired);
        }
        else if (!CatalogueNumbers.TryParseStock(stockText, out stock))
        {
            Fail(CatalogueColumn.Stock, CatalogueErrorCodes.StockFormat, stockText);
        }

        var categoryText = Cell(CatalogueColumn.Category);
        string? category = null;
        if (categoryText.Length == 0)
        {
            Fail(CatalogueColumn.Category, CatalogueErrorCodes.CategoryRequired);
        }
        else if ((category = CatalogueRules.NormaliseCategory(categoryText)) is null)
        {
            Fail(CatalogueColumn.Category, CatalogueErrorCodes.CategoryFormat, categoryText);
        }

        var nameZh = Optional(CatalogueColumn.NameZh);
        if (nameZh is not null && CatalogueRules.IsLonger(nameZh, CatalogueRules.NameZhMaxLength))
        {
            Fail(CatalogueColumn.NameZh, CatalogueErrorCodes.NameZhTooLong, Count(nameZh));
        }

        var brand = Optional(CatalogueColumn.Brand);

        int? weight = null;
        if (Optional(CatalogueColumn.WeightG) is { } weightText)
        {
            if (CatalogueNumbers.TryParseWeight(weightText, out var grams))
            {
                weight = grams;
            }
            else
            {
                Fail(CatalogueColumn.WeightG, CatalogueErrorCodes.WeightFormat, weightText);
            }
        }

        var originText = Cell(CatalogueColumn.Origin);
        var origin = CatalogueRules.NormaliseOrigin(originText);
        if (origin is null)
        {
            Fail(CatalogueColumn.Origin, CatalogueErrorCodes.OriginUnknown, originText);
        }

        string? hsCode = null;
        if (Optional(CatalogueColumn.HsCode) is { } hsText && (hsCode = CatalogueNumbers.NormaliseHsCode(hsText)) is null)
        {
            Fail(CatalogueColumn.HsCode, CatalogueErrorCodes.HsCodeFormat, hsText);
        }

        var barcode = Optional(CatalogueColumn.Barcode);
        if (barcode is not null)
        {
            if (!CatalogueNumbers.IsGtinShape(barcode))
            {
                Fail(CatalogueColumn.Barcode, CatalogueErrorCodes.BarcodeFormat, barcode);
            }
            else if (CatalogueNumbers.GtinCheckDigit(barcode) is var expected && expected != barcode[^1])
            {
                Fail(CatalogueColumn.Barcode, CatalogueErrorCodes.BarcodeCheckDigit, barcode, expected.ToString());
            }
        }

        IReadOnlyList<string> images = [];
        if (Optional(CatalogueColumn.ImageUrls) is { } imageText)
        {
            var urls = CatalogueRules.SplitImageUrls(imageText);
            if (urls.Count > CatalogueRules.MaxImages)
            {
                Fail(CatalogueColumn.ImageUrls, CatalogueErrorCodes.ImagesTooMany, Count(urls.Count));
            }

            foreach (var url in urls)
            {
                if (!CatalogueRules.IsImageUrl(url))
                {
                    Fail(CatalogueColumn.ImageUrls, CatalogueErrorCodes.ImagesUrl, url);
                }
            }

            images = urls;
        }

        var description = Optional(CatalogueColumn.Description);
        if (description is not null && CatalogueRules.IsLonger(description, CatalogueRules.DescriptionMaxLength))
        {
            Fail(CatalogueColumn.Description, CatalogueErrorCodes.DescriptionTooLong, Count(description));
        }

        if (layout.CellsPastHeader(cells) is var filled and > 0)
        {
            _errors.Add(new CellError(row, string.Empty, CatalogueErrorCodes.RowExtraCells, [Count(filled), Count(layout.Header.Count)]));
        }

        if (_errors.Count > 0)
        {
            return new ParsedRow(row, cells, null, [.. _errors]);
        }

        var product = new CatalogueProduct(
            sku, nameKo, price, stock, category!, nameZh, brand, weight, origin!, hsCode, barcode, images, description, layout.ExtraOf(cells));
        return new ParsedRow(row, cells, product, []);
    }

    private string Cell(CatalogueColumn column)
    {
        var index = layout.IndexOf(column);
        return index >= 0 && index < _cells.Length ? _cells[index].Trim() : string.Empty;
    }

    private string? Optional(CatalogueColumn column) => Cell(column) is { Length: > 0 } value ? value : null;

    private void Fail(CatalogueColumn column, string code, params string[] args) =>
        _errors.Add(new CellError(_row, layout.HeaderOf(column), code, args));

    private static string Count(string text) => Count(CatalogueRules.CharacterCount(text));

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
