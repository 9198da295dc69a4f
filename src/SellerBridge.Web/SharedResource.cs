namespace SellerBridge.Web;

/// <summary>Marker for the portal's shared strings (<c>Resources/SharedResource.*.resx</c>); keys are the English text.</summary>
public sealed class SharedResource;
