namespace SellerBridge.Web.Features.Mapping;

/// <summary>Whether a draft can be submitted; the names are the listing statuses of PRODUCT.md.</summary>
public enum ListingReadiness
{
    Ready,
    NeedsAttention,
}

/// <summary>
/// Something that stops a product from being listed: a stable <see cref="Code"/> and the
/// <see cref="Args"/> its message needs. The message is rendered in the reader's language by
/// <see cref="MappingMessages.Describe"/>, never stored as text.
/// </summary>
public sealed record ReadinessProblem(string Code, IReadOnlyList<string> Args)
{
    public const string NameZhMissing = "name_zh.missing";
    /// <summary>Args: the title's length in characters.</summary>
    public const string NameZhTooLong = "name_zh.too_long";
    /// <summary>Args: the product's Kmall24 category path.</summary>
    public const string CategoryUnmapped = "category.unmapped";
    public const string WeightMissing = "weight.missing";
    public const string ImagesMissing = "images.missing";
    /// <summary>Args: the marketplace prop name (Chinese), the catalogue column that would fill it.</summary>
    public const string AttributeMissing = "attribute.missing";
    /// <summary>Args: the final yuan price, formatted <c>#,0.00</c>.</summary>
    public const string PriceOverLimit = "price.over_limit";
    /// <summary>Args: the term, the field (<see cref="ComplianceChecker.Title"/> or <see cref="ComplianceChecker.Description"/>).</summary>
    public const string ClaimsForbidden = "claims.forbidden";
    public const string RateMissing = "rate.missing";
    public const string PricingRuleMissing = "pricing_rule.missing";
    /// <summary>Args: the product's weight in grams, the heaviest band's limit in grams.</summary>
    public const string ShippingNoBand = "shipping.no_band";

    public static IReadOnlyList<string> AllCodes { get; } =
    [
        NameZhMissing, NameZhTooLong, CategoryUnmapped, WeightMissing, ImagesMissing, AttributeMissing,
        PriceOverLimit, ClaimsForbidden, RateMissing, PricingRuleMissing, ShippingNoBand,
    ];
}

/// <summary>One marketplace prop of the draft; <see cref="Value"/> is null when the product does not supply it.</summary>
public sealed record DraftAttribute(long Pid, string Name, bool Required, string? Value);

/// <summary>
/// Exactly what would be sent to the marketplace for one product, and everything still missing.
/// Fields that cannot be worked out are null or empty; <see cref="Problems"/> says why.
/// </summary>
public sealed record ListingDraft(
    long ProductId,
    string SellerSku,
    long? Cid,
    IReadOnlyList<string> CategoryPath,
    long? MappingRuleId,
    string? Title,
    string? Description,
    PriceQuote Price,
    IReadOnlyList<string> Images,
    IReadOnlyList<DraftAttribute> Attributes,
    IReadOnlyList<ReadinessProblem> Problems)
{
    public ListingReadiness Readiness => Problems.Count == 0 ? ListingReadiness.Ready : ListingReadiness.NeedsAttention;

    /// <summary>The marketplace category as a person reads it: <c>美容护肤/美体/精油 &gt; 面部护理 &gt; 面部精华</c>.</summary>
    public string CategoryPathText => string.Join(" > ", CategoryPath);
}
