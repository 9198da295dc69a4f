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
    /// <summary>Taken down (<c>violation=true</c>) and we had flagged nothing: TOP gives no reason.</summary>
    public const string Violation = "audit.violation";
    public const string ItemGone = "item.gone";
    /// <summary>Off sale because the seller withdrew it through us.</summary>
    public const string Withdrawn = "listing.withdrawn";
    /// <summary>Off sale because its stock is 0 (pushed by us or sold out): not an error.</summary>
    public const string SoldOut = "listing.sold_out";
    /// <summary>Off sale on the marketplace without our doing (e.g. withdrawn in the marketplace's own seller centre).</summary>
    public const string OffSale = "listing.off_sale";

    // Why a withdraw or relist request is refused (RFC 9457 problem codes and portal messages).
    public const string NotLive = "listing.not_live";
    public const string NotOffSale = "listing.not_off_sale";
    public const string NoStock = "listing.no_stock";

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

    /// <summary>
    /// Why an item taken down with <c>violation=true</c> was refused, as far as we can tell: TOP sends no
    /// reason, so the code says "absolute claim" when the mapper flagged one in what we sent (and the
    /// message names the terms), else only that the marketplace found a rule broken.
    /// </summary>
    public static (string Code, string? Message) ForViolation(string? titleSent, string? descriptionSent)
    {
        var flagged = Mapping.ComplianceChecker.Check(titleSent, descriptionSent);
        return flagged.Count == 0
            ? (Violation, null)
            : (AbsoluteClaim, string.Join(", ", flagged.Select(c => c.Term).Distinct(StringComparer.Ordinal)));
    }

    /// <summary>The status as a seller reads it: an off-sale listing whose stock ran out reads "sold out", not "off sale".</summary>
    public static string StatusText(IStringLocalizer<ListingsText> l, string status, string? reasonCode) =>
        status == ListingStatus.Delisted && reasonCode == SoldOut ? l["Status.SoldOut"].Value : l["Status." + status].Value;

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
