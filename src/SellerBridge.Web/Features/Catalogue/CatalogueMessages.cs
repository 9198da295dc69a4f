using System.Globalization;
using System.Resources;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Turns a catalogue problem code into what a seller reads: what is wrong and how to fix it, in
/// Korean unless English is asked for. The text lives in the CatalogueText resx files, the same ones
/// an <c>IStringLocalizer&lt;CatalogueText&gt;</c> reads, so translators edit one place.
/// </summary>
public static class CatalogueMessages
{
    private static readonly CultureInfo _korean = new("ko-KR");
    private static readonly CultureInfo _english = new("en-US");

    // The base name AddLocalization(o => o.ResourcesPath = "Resources") derives for CatalogueText.
    private static readonly ResourceManager _resources =
        new("SellerBridge.Web.Resources.Features.Catalogue.CatalogueText", typeof(CatalogueText).Assembly);

    public static string Describe(string code, IReadOnlyList<string> args, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(args);
        var language = culture.TwoLetterISOLanguageName == "en" ? _english : _korean;
        var template = Template(code, language);
        if (template is null)
        {
            // An unknown code still tells support what happened rather than showing nothing.
            return args.Count == 0 ? code : $"{code}: {string.Join(", ", args)}";
        }

        // Every missing column is one argument, but the sentence names them as one list.
        object[] values = code == CatalogueErrorCodes.FileMissingColumns
            ? [string.Join(", ", args)]
            : [.. args];
        return string.Format(language, template, PadTo(values, 3));
    }

    /// <summary>The message text with its placeholders, or null when there is none for the code.</summary>
    public static string? Template(string code, CultureInfo language)
    {
        try
        {
            return _resources.GetString(code, language);
        }
        catch (MissingManifestResourceException)
        {
            return null;
        }
    }

    /// <summary>A message with a placeholder the caller left out shows it empty instead of throwing.</summary>
    private static object[] PadTo(object[] values, int count)
    {
        if (values.Length >= count)
        {
            return values;
        }

        var padded = new object[count];
        Array.Fill(padded, string.Empty);
        values.CopyTo(padded, 0);
        return padded;
    }
}
