namespace SellerBridge.Web.Features.Mapping;

/// <summary>One line of the price preview: what the step added (or, for the first and the conversion step, the amount itself) and the running total.</summary>
public sealed record PriceStep(string Name, decimal Amount, Currency Currency, decimal Total)
{
    public const string Price = "price";
    public const string Margin = "margin";
    public const string Shipping = "shipping";
    public const string Conversion = "conversion";
    public const string CrossBorderTax = "cross_border_tax";
    public const string Rounding = "rounding";
}

/// <summary>
/// The yuan price of one product and how it was reached. <see cref="PriceCny"/> is null when something
/// needed was missing (see <see cref="Problems"/>); <see cref="Steps"/> then holds what could be worked out.
/// </summary>
public sealed record PriceQuote(
    decimal? PriceCny,
    IReadOnlyList<PriceStep> Steps,
    PricingRule? Rule,
    ExchangeRate? Rate,
    IReadOnlyList<ReadinessProblem> Problems);

/// <summary>
/// Turns a won price into the yuan price listed on the marketplace, in the order the operator's rule
/// states: won price → + margin (won) → + shipping for the weight band (won) → ÷ rate (won per 1 yuan)
/// → + cross-border tax (yuan) → rounded up (.00 or .90).
/// Won amounts are whole: the margin is rounded to the nearest won (half away from zero). Yuan amounts
/// are kept at full decimal precision until the last step, and only the final price is rounded: rounding
/// each step to the fen could move a price across a rounding edge (36.0004 → 36.00 instead of 37.00).
/// </summary>
public static class PriceCalculator
{
    public static PriceQuote Calculate(long priceKrw, int? weightG, ExchangeRate? rate, PricingRule? rule)
    {
        var problems = new List<ReadinessProblem>();
        if (rate is null)
        {
            problems.Add(new(ReadinessProblem.RateMissing, []));
        }

        if (rule is null)
        {
            problems.Add(new(ReadinessProblem.PricingRuleMissing, []));
        }

        if (weightG is null)
        {
            problems.Add(new(ReadinessProblem.WeightMissing, []));
        }

        var steps = new List<PriceStep> { new(PriceStep.Price, priceKrw, Currency.KRW, priceKrw) };
        if (rule is null)
        {
            return new PriceQuote(null, steps, rule, rate, problems);
        }

        decimal won = priceKrw;
        var margin = decimal.Round(priceKrw * rule.MarginPercent / 100m, 0, MidpointRounding.AwayFromZero);
        won += margin;
        steps.Add(new(PriceStep.Margin, margin, Currency.KRW, won));

        if (weightG is not { } grams)
        {
            return new PriceQuote(null, steps, rule, rate, problems);
        }

        if (rule.BandFor(grams) is not { } band)
        {
            var heaviest = rule.ShippingBands.Count == 0 ? 0 : rule.ShippingBands.Max(b => b.UpToGrams);
            problems.Add(new(ReadinessProblem.ShippingNoBand, [Invariant(grams), Invariant(heaviest)]));
            return new PriceQuote(null, steps, rule, rate, problems);
        }

        won += band.Won;
        steps.Add(new(PriceStep.Shipping, band.Won, Currency.KRW, won));

        if (rate is null)
        {
            return new PriceQuote(null, steps, rule, rate, problems);
        }

        // The rate is quoted as won per 1 yuan, so won are divided by it.
        var yuan = won / rate.KrwPerCny;
        steps.Add(new(PriceStep.Conversion, yuan, Currency.CNY, yuan));

        var tax = yuan * rule.CrossBorderTaxPercent / 100m;
        yuan += tax;
        steps.Add(new(PriceStep.CrossBorderTax, tax, Currency.CNY, yuan));

        var price = rule.Rounding.Apply(yuan);
        steps.Add(new(PriceStep.Rounding, price - yuan, Currency.CNY, price));

        return new PriceQuote(price, steps, rule, rate, problems);
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
