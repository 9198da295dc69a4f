namespace SellerBridge.Web.Features.Mapping;

/// <summary>Marker for the mapping feature's strings (<c>Resources/Features/Mapping/MappingText.*.resx</c>); keys are the English text.</summary>
public sealed class MappingText;
