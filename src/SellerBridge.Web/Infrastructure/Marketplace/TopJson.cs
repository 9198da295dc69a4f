using System.Globalization;
using System.Text.Json;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>Lenient readers for TOP JSON: numbers and money may come as numbers or strings, lists come wrapped.</summary>
internal static class TopJson
{
    public static string? Str(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;

    public static long Long(this JsonElement e, string name) =>
        long.TryParse(e.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static int? Int(this JsonElement e, string name) =>
        int.TryParse(e.Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static decimal? Dec(this JsonElement e, string name) =>
        decimal.TryParse(e.Str(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool Bool(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));

    public static DateTimeOffset? Time(this JsonElement e, string name) => TopSigner.ParseTime(e.Str(name));

    /// <summary>TOP wraps arrays in an object named after the element: <c>"items": { "item": [ ... ] }</c>.</summary>
    public static IEnumerable<JsonElement> Wrapped(this JsonElement e, string outer, string inner)
    {
        if (e.TryGetProperty(outer, out var o) && o.ValueKind == JsonValueKind.Object
            && o.TryGetProperty(inner, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray().ToList();
        }

        return [];
    }

    public static JsonElement Child(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v : default;
}
