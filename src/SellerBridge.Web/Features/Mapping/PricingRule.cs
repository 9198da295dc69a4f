namespace SellerBridge.Web.Features.Mapping;

public enum Currency
{
    KRW,
    CNY,
}

/// <summary>How the final yuan price is rounded: up to the next whole yuan, or up to the next price ending in .90.</summary>
public enum PriceRounding
{
    To00,
    To90,
}

/// <summary>Shipping charged for a parcel weighing at most <see cref="UpToGrams"/> (inclusive), in whole won.</summary>
public sealed record ShippingBand(int UpToGrams, long Won);

/// <summary>
/// The operator's rate for converting won to yuan, quoted as won per 1 yuan (e.g. 190.50: one yuan
/// costs 190.50 won), so yuan = won ÷ <see cref="KrwPerCny"/>. In force from <see cref="EffectiveFrom"/>.
/// </summary>
public sealed record ExchangeRate(long Id, decimal KrwPerCny, DateOnly EffectiveFrom)
{
    public decimal KrwPerCny { get; } = KrwPerCny > 0
        ? KrwPerCny
        : throw new ArgumentOutOfRangeException(nameof(KrwPerCny), KrwPerCny, "A rate is won per 1 yuan and must be above zero.");
}

/// <summary>
/// The pricing rule in force (identified by id and version, so a price can be traced to the rule that
/// made it): margin on the won price, shipping by weight band, China's cross-border retail tax, and
/// the rounding of the final yuan price.
/// </summary>
public sealed record PricingRule(
    long Id,
    int Version,
    decimal MarginPercent,
    IReadOnlyList<ShippingBand> ShippingBands,
    PriceRounding Rounding,
    decimal CrossBorderTaxPercent = PricingRule.DefaultCrossBorderTaxPercent)
{
    /// <summary>China's cross-border retail tax for most goods (70% of 13% VAT, no duty within the quota).</summary>
    public const decimal DefaultCrossBorderTaxPercent = 9.1m;

    /// <summary>The lightest band that takes <paramref name="grams"/>, or null when the parcel is heavier than every band.</summary>
    public ShippingBand? BandFor(int grams) =>
        ShippingBands.OrderBy(b => b.UpToGrams).FirstOrDefault(b => grams <= b.UpToGrams);
}

/// <summary>The rounding modes' arithmetic, kept apart so that the edges can be tested on their own.</summary>
public static class PriceRoundingRules
{
    /// <summary>Rounds a yuan amount held at full precision to the price a buyer sees (always up, never below the cost).</summary>
    public static decimal Apply(this PriceRounding rounding, decimal yuan) => rounding switch
    {
        // 35.00 stays 35.00; 35.0001 becomes 36.00. Adding 0.00m keeps two decimals in the value itself.
        PriceRounding.To00 => decimal.Ceiling(yuan) + 0.00m,
        // The smallest price ending in .90 that is not below the amount: 35.12 and 35.90 → 35.90,
        // 35.95 → 36.90, and 35.00 → 35.90 (34.90 would be below it).
        PriceRounding.To90 => decimal.Floor(yuan) + 0.90m >= yuan ? decimal.Floor(yuan) + 0.90m : decimal.Floor(yuan) + 1.90m,
        _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, null),
    };
}
