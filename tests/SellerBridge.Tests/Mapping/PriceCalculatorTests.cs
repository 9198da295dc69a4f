using SellerBridge.Web.Features.Mapping;
using static SellerBridge.Tests.Mapping.MappingBuilders;

namespace SellerBridge.Tests.Mapping;

// The rate is quoted as won per 1 yuan (190.50 won = 1 yuan), so yuan = won ÷ rate.
public sealed class PriceCalculatorTests
{
    [Fact]
    public void Serum_at_12900_won_is_102_90_yuan_and_every_step_is_kept()
    {
        // 12,900 won + 15% margin (1,935) = 14,835; + 3,000 shipping (480 g ≤ 500 g) = 17,835 won
        // 17,835 ÷ 190.50 = 93.6220472440…; tax 9.1% = 8.5196062992…; total 102.1416535433…
        // rounded to .90 → 102.90
        var quote = PriceCalculator.Calculate(12_900, 480, Rate(), Rule(PriceRounding.To90));

        Assert.Equal(102.90m, quote.PriceCny);
        Assert.Empty(quote.Problems);
        Assert.Equal(
            [PriceStep.Price, PriceStep.Margin, PriceStep.Shipping, PriceStep.Conversion, PriceStep.CrossBorderTax, PriceStep.Rounding],
            quote.Steps.Select(s => s.Name));
        Assert.Equal(new PriceStep(PriceStep.Price, 12_900m, Currency.KRW, 12_900m), quote.Steps[0]);
        Assert.Equal(new PriceStep(PriceStep.Margin, 1_935m, Currency.KRW, 14_835m), quote.Steps[1]);
        Assert.Equal(new PriceStep(PriceStep.Shipping, 3_000m, Currency.KRW, 17_835m), quote.Steps[2]);
        Assert.Equal(Currency.CNY, quote.Steps[3].Currency);
        Assert.Equal(93.62m, decimal.Round(quote.Steps[3].Total, 2));
        Assert.Equal(8.52m, decimal.Round(quote.Steps[4].Amount, 2));
        Assert.Equal(102.14m, decimal.Round(quote.Steps[4].Total, 2));
        Assert.Equal(0.76m, decimal.Round(quote.Steps[5].Amount, 2));
        Assert.Equal("102.90", quote.PriceCny!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Same_serum_rounded_to_whole_yuan_is_103_00()
    {
        // 102.1416535433… rounded up to the next whole yuan → 103.00
        var quote = PriceCalculator.Calculate(12_900, 480, Rate(), Rule(PriceRounding.To00));

        Assert.Equal(103.00m, quote.PriceCny);
        Assert.Equal("103.00", quote.PriceCny!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Red_ginseng_of_1200_g_takes_the_2_kg_band_and_costs_657_90_yuan()
    {
        // 89,000 + 20% (17,800) = 106,800; + 8,000 (1,200 g ≤ 2,000 g) = 114,800 won
        // 114,800 ÷ 190.50 = 602.6246719160…; × 1.091 = 657.4635170603… → 657.90
        var quote = PriceCalculator.Calculate(89_000, 1_200, Rate(), Rule(PriceRounding.To90, marginPercent: 20m));

        Assert.Equal(657.90m, quote.PriceCny);
        Assert.Equal(8_000m, quote.Steps.Single(s => s.Name == PriceStep.Shipping).Amount);
    }

    [Fact]
    public void Margin_is_rounded_to_the_nearest_whole_won()
    {
        // 12,345 × 12.5% = 1,543.125 won → 1,543 won; 12,345 + 1,543 = 13,888 won
        var quote = PriceCalculator.Calculate(12_345, 300, Rate(), Rule(PriceRounding.To90, marginPercent: 12.5m));

        Assert.Equal(new PriceStep(PriceStep.Margin, 1_543m, Currency.KRW, 13_888m), quote.Steps[1]);
        // 13,888 + 3,000 = 16,888 ÷ 190.50 = 88.6509186351…; × 1.091 = 96.7181522309… → 96.90
        Assert.Equal(96.90m, quote.PriceCny);
    }

    [Theory]
    [InlineData(500, 3_000)]
    [InlineData(501, 5_000)]
    [InlineData(1_000, 5_000)]
    [InlineData(2_000, 8_000)]
    [InlineData(1, 3_000)]
    public void A_band_includes_its_upper_weight(int grams, long expectedShippingWon)
    {
        var quote = PriceCalculator.Calculate(10_000, grams, Rate(), Rule());

        Assert.Equal(expectedShippingWon, quote.Steps.Single(s => s.Name == PriceStep.Shipping).Amount);
    }

    [Fact]
    public void Intermediate_yuan_are_not_rounded_so_a_fraction_above_a_whole_yuan_rounds_up()
    {
        // 3,600 ÷ 99.999 = 36.00036…; rounding the conversion to the fen first would give 36.00
        // and a price of 36.00; at full precision the price is 37.00 (To00) or 36.90 (To90).
        Assert.Equal(37.00m, PriceCalculator.Calculate(3_600, 100, Rate(99.999m), PlainRule(PriceRounding.To00)).PriceCny);
        Assert.Equal(36.90m, PriceCalculator.Calculate(3_600, 100, Rate(99.999m), PlainRule(PriceRounding.To90)).PriceCny);
    }

    [Theory]
    [InlineData(3_500, "To00", "35.00")] // exactly 35.00 stays
    [InlineData(3_501, "To00", "36.00")] // 35.01 → 36.00
    [InlineData(3_590, "To90", "35.90")] // exactly 35.90 stays
    [InlineData(3_591, "To90", "36.90")] // 35.91 → 36.90
    [InlineData(3_512, "To90", "35.90")] // 35.12 → 35.90
    [InlineData(3_595, "To90", "36.90")] // 35.95 → 36.90
    [InlineData(3_500, "To90", "35.90")] // 35.00 → 35.90, never down to 34.90
    [InlineData(3_589, "To90", "35.90")] // 35.89 → 35.90
    public void Final_price_rounds_up_at_the_edges(long won, string rounding, string expected)
    {
        // Rate 100 won per yuan, no margin, shipping or tax: the amount is won ÷ 100.
        var quote = PriceCalculator.Calculate(won, 100, Rate(100m), PlainRule(Enum.Parse<PriceRounding>(rounding)));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), quote.PriceCny);
    }

    [Theory]
    [InlineData("To00", "35.0001", "36.00")]
    [InlineData("To00", "35.99", "36.00")]
    [InlineData("To90", "35.9001", "36.90")]
    [InlineData("To90", "34.89", "34.90")]
    [InlineData("To90", "0.01", "0.90")]
    public void Rounding_never_goes_below_the_amount(string rounding, string amount, string expected)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(decimal.Parse(expected, culture), Enum.Parse<PriceRounding>(rounding).Apply(decimal.Parse(amount, culture)));
    }

    [Fact]
    public void Missing_weight_cannot_price_shipping_but_keeps_the_won_steps()
    {
        var quote = PriceCalculator.Calculate(12_900, null, Rate(), Rule());

        Assert.Null(quote.PriceCny);
        Assert.Equal([ReadinessProblem.WeightMissing], quote.Problems.Select(p => p.Code));
        Assert.Equal([PriceStep.Price, PriceStep.Margin], quote.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Weight_beyond_the_last_band_is_a_problem_naming_both_weights()
    {
        var quote = PriceCalculator.Calculate(12_900, 2_001, Rate(), Rule());

        Assert.Null(quote.PriceCny);
        var problem = Assert.Single(quote.Problems);
        Assert.Equal(ReadinessProblem.ShippingNoBand, problem.Code);
        Assert.Equal(["2001", "2000"], problem.Args);
    }

    [Fact]
    public void Missing_rate_and_rule_are_both_reported()
    {
        var quote = PriceCalculator.Calculate(12_900, 480, null, null);

        Assert.Null(quote.PriceCny);
        Assert.Equal([ReadinessProblem.RateMissing, ReadinessProblem.PricingRuleMissing], quote.Problems.Select(p => p.Code));
    }

    [Fact]
    public void Quote_names_the_rule_version_and_rate_it_used()
    {
        var quote = PriceCalculator.Calculate(12_900, 480, Rate(), Rule());

        Assert.Equal((3L, 2), (quote.Rule!.Id, quote.Rule.Version));
        Assert.Equal((7L, 190.50m, new DateOnly(2025, 3, 1)), (quote.Rate!.Id, quote.Rate.KrwPerCny, quote.Rate.EffectiveFrom));
    }

    [Fact]
    public void A_rate_of_zero_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rate(0m));
    }
}
