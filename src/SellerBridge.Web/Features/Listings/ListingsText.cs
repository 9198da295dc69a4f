namespace SellerBridge.Web.Features.Listings;

/// <summary>Marker for the listings' localised text (<c>Resources/Features/Listings/ListingsText.*.resx</c>); keys are English.</summary>
public sealed class ListingsText;
