using System.Globalization;
using SellerBridge.Web.Features.Catalogue;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>What a product is mapped with; the same for every product of one preview or submission.</summary>
public sealed record MappingContext(
    CategoryMapper Mapper,
    MarketplaceCategories Categories,
    ExchangeRate? Rate,
    PricingRule? Rule);

/// <summary>
/// Builds the listing draft of one product and decides whether it is <see cref="ListingReadiness.Ready"/>.
/// Every problem is listed, not only the first, so a seller fixes a product in one go.
/// </summary>
public static class ReadinessEvaluator
{
    /// <summary>China's limit on one cross-border retail purchase; a unit price above it cannot be listed (exactly 5,000.00 can).</summary>
    public const decimal MaxUnitPriceCny = 5000.00m;

    /// <summary>The marketplace's title limit, in characters as a person counts them.</summary>
    public const int MaxTitleLength = 60;

    public static ListingDraft Evaluate(long productId, CatalogueProduct product, MappingContext context)
    {
        var problems = new List<ReadinessProblem>();

        var title = string.IsNullOrWhiteSpace(product.NameZh) ? null : product.NameZh.Trim();
        if (title is null)
        {
            problems.Add(new(ReadinessProblem.NameZhMissing, []));
        }
        else if (new StringInfo(title).LengthInTextElements is var length and > MaxTitleLength)
        {
            problems.Add(new(ReadinessProblem.NameZhTooLong, [Invariant(length)]));
        }

        // A rule pointing at a cid that is not a leaf of the tree (a parent, or gone from the
        // marketplace) cannot be listed either: the seller sees the category as not mapped yet.
        var rule = context.Mapper.Match(product.Category);
        var leaf = rule is null ? null : context.Categories.Leaf(rule.Cid);
        if (leaf is null)
        {
            problems.Add(new(ReadinessProblem.CategoryUnmapped, [product.Category]));
        }

        var price = PriceCalculator.Calculate(product.PriceKrw, product.WeightG, context.Rate, context.Rule);
        problems.AddRange(price.Problems);
        if (price.PriceCny > MaxUnitPriceCny)
        {
            problems.Add(new(ReadinessProblem.PriceOverLimit, [price.PriceCny.Value.ToString("#,0.00", CultureInfo.InvariantCulture)]));
        }

        var images = product.ImageUrls.Where(u => !string.IsNullOrWhiteSpace(u)).ToArray();
        if (images.Length == 0)
        {
            problems.Add(new(ReadinessProblem.ImagesMissing, []));
        }

        IReadOnlyList<DraftAttribute> attributes = leaf is null ? [] : AttributeFiller.Fill(leaf, product);
        foreach (var missing in attributes.Where(a => a.Required && a.Value is null))
        {
            problems.Add(new(ReadinessProblem.AttributeMissing, [missing.Name, AttributeFiller.SuggestedColumn(missing.Name)]));
        }

        foreach (var claim in ComplianceChecker.Check(title, product.Description))
        {
            problems.Add(new(ReadinessProblem.ClaimsForbidden, [claim.Term, claim.Field]));
        }

        return new ListingDraft(
            productId,
            product.SellerSku,
            leaf?.Cid,
            leaf is null ? [] : context.Categories.PathOf(leaf.Cid),
            rule?.Id,
            title,
            product.Description,
            price,
            images,
            attributes,
            problems);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
