namespace SellerBridge.Web.Features.Operator;

/// <summary>Marker for the Jobs page's localised text (<c>Resources/Features/Operator/JobsText.*.resx</c>).</summary>
public sealed class JobsText;
