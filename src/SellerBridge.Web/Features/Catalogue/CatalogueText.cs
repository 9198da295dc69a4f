namespace SellerBridge.Web.Features.Catalogue;

/// <summary>Marker for the catalogue's localised text (<c>Resources/Features/Catalogue/CatalogueText.*.resx</c>); keys are error codes.</summary>
public sealed class CatalogueText;
