using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>A price step as <c>product_drafts.steps_json</c> keeps it; amounts at full precision, as the calculator made them.</summary>
public sealed record StoredStep(string Name, decimal Amount, Currency Currency, decimal Total);

/// <summary>
/// One row of <c>product_drafts</c>: a <see cref="ListingDraft"/> flattened for storage, with two
/// fingerprints. <see cref="PayloadHash"/> covers only what would be sent to the marketplace (a change
/// of it is what a live listing must be updated for); <see cref="DraftHash"/> covers the whole row, so
/// a recompute that changes nothing writes nothing.
/// </summary>
public sealed record StoredDraft(
    long ProductId,
    long SellerId,
    string Readiness,
    long? Cid,
    string? CategoryPath,
    long? MappingRuleId,
    string? TitleZh,
    decimal? PriceCny,
    string StepsJson,
    string ProblemsJson,
    string AttributesJson,
    long? RateId,
    long? PricingRuleId,
    string PayloadHash,
    string DraftHash,
    int ProductVersion,
    DateTimeOffset ComputedAt)
{
    public static StoredDraft From(ListingDraft draft, long sellerId, int productVersion, DateTimeOffset now)
    {
        var steps = JsonSerializer.Serialize(draft.Price.Steps.Select(s => new StoredStep(s.Name, s.Amount, s.Currency, s.Total)), RulesInForce.Json);
        var problems = JsonSerializer.Serialize(draft.Problems, RulesInForce.Json);
        var attributes = JsonSerializer.Serialize(draft.Attributes, RulesInForce.Json);
        var price = draft.Price.PriceCny?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
        var payload = Hash(
            draft.Cid?.ToString(CultureInfo.InvariantCulture) ?? "",
            draft.Title ?? "",
            draft.Description ?? "",
            price,
            string.Join('\n', draft.Images),
            string.Join('\n', draft.Attributes.Select(a => $"{a.Pid}={a.Value}")));
        var whole = Hash(
            payload,
            draft.Readiness.ToString(),
            draft.CategoryPathText,
            draft.MappingRuleId?.ToString(CultureInfo.InvariantCulture) ?? "",
            steps,
            problems,
            attributes,
            draft.Price.Rate?.Id.ToString(CultureInfo.InvariantCulture) ?? "",
            draft.Price.Rule?.Id.ToString(CultureInfo.InvariantCulture) ?? "",
            productVersion.ToString(CultureInfo.InvariantCulture));
        return new StoredDraft(
            draft.ProductId,
            sellerId,
            draft.Readiness.ToString(),
            draft.Cid,
            draft.CategoryPath.Count == 0 ? null : draft.CategoryPathText,
            draft.MappingRuleId,
            draft.Title,
            draft.Price.PriceCny,
            steps,
            problems,
            attributes,
            draft.Price.Rate?.Id,
            draft.Price.Rule?.Id,
            payload,
            whole,
            productVersion,
            now);
    }

    public IReadOnlyList<StoredStep> Steps() => JsonSerializer.Deserialize<StoredStep[]>(StepsJson, RulesInForce.Json) ?? [];

    public IReadOnlyList<ReadinessProblem> Problems() => JsonSerializer.Deserialize<ReadinessProblem[]>(ProblemsJson, RulesInForce.Json) ?? [];

    public IReadOnlyList<DraftAttribute> Attributes() => JsonSerializer.Deserialize<DraftAttribute[]>(AttributesJson, RulesInForce.Json) ?? [];

    private static string Hash(params string[] parts)
    {
        // A separator that cannot occur in catalogue text keeps ("a", "bc") apart from ("ab", "c").
        var bytes = Encoding.UTF8.GetBytes(string.Join('\u001f', parts));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
