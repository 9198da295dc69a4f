using System.Collections.Frozen;
using System.Globalization;
using System.Resources;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The seller-facing message of each readiness problem, saying what is wrong and how to fix it.
/// English is the resource key (<c>Resources/Features/Mapping/MappingText.ko.resx</c> translates it);
/// Korean is the default, so every language but English gets Korean.
/// </summary>
public static class MappingMessages
{
    private static readonly ResourceManager _resources =
        new("SellerBridge.Web.Resources.Features.Mapping.MappingText", typeof(MappingText).Assembly);

    private static readonly FrozenDictionary<string, string> _templates = new Dictionary<string, string>
    {
        [ReadinessProblem.NameZhMissing] =
            "The product has no Chinese name. Fill in the name_zh (중문상품명) column of your catalogue file and upload it again.",
        [ReadinessProblem.NameZhTooLong] =
            "The Chinese name has {0} characters; Tmall allows at most 60. Shorten it in the name_zh (중문상품명) column and upload the file again.",
        [ReadinessProblem.CategoryUnmapped] =
            "Your category \"{0}\" is not linked to a Tmall category yet. Ask the operator to link it, or use a category that is already linked.",
        [ReadinessProblem.WeightMissing] =
            "The weight is missing, so shipping cannot be priced. Enter the weight in grams in the weight_g (중량(g)) column.",
        [ReadinessProblem.ImagesMissing] =
            "The product has no images. Add 1 to 10 image links in the image_urls (이미지URL) column.",
        [ReadinessProblem.AttributeMissing] =
            "Tmall requires \"{0}\" for this category. Add a column named \"{1}\" to your catalogue file with the value and upload it again.",
        [ReadinessProblem.PriceOverLimit] =
            "The price would be {0} yuan, above China's limit of 5,000.00 yuan for one cross-border purchase. Lower the won price or sell a smaller pack.",
        [ReadinessProblem.ClaimsForbidden] =
            "The {1} contains \"{0}\", an absolute claim that China's advertising law forbids; Tmall rejects such listings. Remove or reword it.",
        [ReadinessProblem.RateMissing] =
            "No exchange rate is in force yet, so the yuan price cannot be worked out. The operator has to enter one; you need not do anything.",
        [ReadinessProblem.PricingRuleMissing] =
            "No pricing rule is in force yet, so the yuan price cannot be worked out. The operator has to set one up; you need not do anything.",
        [ReadinessProblem.ShippingNoBand] =
            "The product weighs {0} g, more than the heaviest shipping band ({1} g). Check the weight in the weight_g (중량(g)) column, or ask the operator about heavy parcels.",
    }.ToFrozenDictionary();

    // Args that are codes themselves and must be shown in the reader's language.
    private static readonly FrozenDictionary<string, string> _fieldNames = new Dictionary<string, string>
    {
        [ComplianceChecker.Title] = "Chinese name",
        [ComplianceChecker.Description] = "description",
    }.ToFrozenDictionary();

    // The price preview's step names (PriceStep.Name), for the preview's first column.
    private static readonly FrozenDictionary<string, string> _stepNames = new Dictionary<string, string>
    {
        [PriceStep.Price] = "Price in won",
        [PriceStep.Margin] = "Margin",
        [PriceStep.Shipping] = "Shipping to China",
        [PriceStep.Conversion] = "Converted to yuan",
        [PriceStep.CrossBorderTax] = "Cross-border tax",
        [PriceStep.Rounding] = "Rounding",
    }.ToFrozenDictionary();

    /// <summary>The codes that have a message: every <see cref="ReadinessProblem"/> code.</summary>
    public static IReadOnlyCollection<string> Codes => _templates.Keys;

    /// <summary>The English texts used as resource keys, for a check that each is translated.</summary>
    public static IEnumerable<string> Keys => _templates.Values.Concat(_fieldNames.Values).Concat(_stepNames.Values);

    public static string Describe(ReadinessProblem problem, CultureInfo culture) => Describe(problem.Code, problem.Args, culture);

    /// <summary>The message for <paramref name="code"/> in <paramref name="culture"/>; an unknown code is shown as itself.</summary>
    public static string Describe(string code, IReadOnlyList<string> args, CultureInfo culture)
    {
        if (!_templates.TryGetValue(code, out var template))
        {
            return args.Count == 0 ? code : $"{code} ({string.Join(", ", args)})";
        }

        var shown = args.Select(a => _fieldNames.TryGetValue(a, out var field) ? Localise(field, culture) : a);
        // Padding keeps a problem stored with fewer args than its message shows from throwing.
        var padded = shown.Concat(Enumerable.Repeat("", 4)).ToArray<object>();
        return string.Format(culture, Localise(template, culture), padded);
    }

    /// <summary>A price step's name (<see cref="PriceStep.Name"/>) as the preview shows it.</summary>
    public static string StepName(string name, CultureInfo culture) =>
        _stepNames.TryGetValue(name, out var key) ? Localise(key, culture) : name;

    /// <summary>The translation of an English key, or null when the language has none (English itself has none).</summary>
    public static string? Translation(string key, CultureInfo culture)
    {
        if (IsEnglish(culture))
        {
            return null;
        }

        try
        {
            // Korean is the default: any other language reads the Korean text.
            var korean = culture.TwoLetterISOLanguageName == "ko" ? culture : CultureInfo.GetCultureInfo("ko-KR");
            return _resources.GetString(key, korean);
        }
        catch (MissingManifestResourceException)
        {
            // No neutral resources exist: a key missing from the Korean file ends up here.
            return null;
        }
    }

    private static string Localise(string key, CultureInfo culture) => Translation(key, culture) ?? key;

    private static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}
