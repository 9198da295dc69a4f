using System.Globalization;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Why a listing is <c>Rejected</c> or <c>Failed</c>, or why a SKU was not submitted: a stable code
/// kept in the database, shown in the reader's language. Codes we know have their own sentence;
/// anything else shows the marketplace's own message.
/// </summary>
public static class ListingReasons
{
    public const string DraftNotReady = "draft.not_ready";
    public const string SkuNotFound = "sku.not_found";
    public const string AlreadySubmitted = "listing.already_submitted";
    public const string AlreadyLive = "listing.live";
    public const string AuditRejected = "audit.rejected";
    public const string AbsoluteClaim = "audit.absolute-claim";
    public const string MissingData = "audit.missing-data";
    public const string ItemGone = "item.gone";

    /// <summary>The code kept for a marketplace error: its <c>sub_code</c> without a parameter name, else <c>top.{code}</c>.</summary>
    public static string Code(TopError error) => error.SubCode switch
    {
        { Length: > 0 } sub when sub.StartsWith("isv.missing-parameter", StringComparison.Ordinal) => "isv.missing-parameter",
        { Length: > 0 } sub when sub.StartsWith("isv.invalid-parameter", StringComparison.Ordinal) => "isv.invalid-parameter",
        { Length: > 0 } sub when sub.StartsWith("isp.", StringComparison.Ordinal) || sub.StartsWith("http.", StringComparison.Ordinal) => "marketplace.unavailable",
        { Length: > 0 } sub when sub.StartsWith("accesscontrol.", StringComparison.Ordinal) => "marketplace.limited",
        { Length: > 0 } sub => sub,
        _ => "top." + error.Code.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The audit's reason (<c>absolute-claim:title:最 标题含有…</c>) as a code.</summary>
    public static string AuditCode(string? auditReason) => auditReason switch
    {
        { } r when r.StartsWith("absolute-claim", StringComparison.Ordinal) => AbsoluteClaim,
        { } r when r.StartsWith("missing-data", StringComparison.Ordinal) => MissingData,
        _ => AuditRejected,
    };

    /// <summary>The sentence for <paramref name="code"/> in the current UI language, with the marketplace's words after it when they add something.</summary>
    public static string Describe(IStringLocalizer<ListingsText> l, string? code, string? marketplaceMessage)
    {
        if (code is null)
        {
            return marketplaceMessage ?? "";
        }

        var text = l["Reason." + code];
        if (text.ResourceNotFound)
        {
            return marketplaceMessage ?? code;
        }

        return string.IsNullOrWhiteSpace(marketplaceMessage) ? text.Value : $"{text.Value} ({marketplaceMessage})";
    }
}
