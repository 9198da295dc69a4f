using System.Globalization;
using System.Text.Json;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The operator's pricing rule: margin, shipping by weight band, cross-border tax and rounding. Saving
/// makes a new version; the newest version is in force and older ones stay for the record.
/// </summary>
public sealed class PricingRulesAdmin(Db db, DraftRecomputeQueue queue, TimeProvider clock)
{
    public sealed record Version(PricingRule Rule, DateTimeOffset CreatedAt, string? CreatedBy);

    public sealed record Form(string? MarginPercent, string? ShippingBands, string? CrossBorderTaxPercent, string? Rounding);

    public async Task<IReadOnlyList<Version>> ListAsync()
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<VersionRow>(
            """
            SELECT r.id AS Id, r.version AS Version, r.margin_percent AS MarginPercent, r.shipping_bands_json AS ShippingBandsJson,
                   r.cross_border_tax_percent AS CrossBorderTaxPercent, r.rounding AS Rounding, r.created_at AS CreatedAt, u.email AS CreatedBy
            FROM pricing_rules r LEFT JOIN users u ON u.id = r.created_by
            ORDER BY r.version DESC
            """);
        return rows.Select(r => new Version(r.ToRule(), r.CreatedAt, r.CreatedBy)).ToList();
    }

    /// <summary>Bands as the form shows them, one per line: <c>500=4000</c> (up to 500 g, 4,000 won).</summary>
    public static string BandsText(IEnumerable<ShippingBand> bands) =>
        string.Join("\n", bands.OrderBy(b => b.UpToGrams).Select(b => $"{b.UpToGrams.ToString(CultureInfo.InvariantCulture)}={b.Won.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Saves the form as the next version. Returns an error message key, or null.</summary>
    public async Task<string?> SaveAsync(Form form, long operatorUserId)
    {
        if (!TryPercent(form.MarginPercent, out var margin) || !TryPercent(form.CrossBorderTaxPercent, out var tax))
        {
            return "Enter the margin and the tax as percentages from 0 to 100.";
        }

        if (!Enum.TryParse<PriceRounding>(form.Rounding, out var rounding) || !Enum.IsDefined(rounding))
        {
            return "Choose how prices are rounded.";
        }

        var bands = new List<ShippingBand>();
        foreach (var line in (form.ShippingBands ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Replace(",", "", StringComparison.Ordinal).Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var grams) || grams <= 0
                || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var won) || won < 0)
            {
                return "Write each shipping band as grams=won on its own line, e.g. 500=4000.";
            }

            bands.Add(new ShippingBand(grams, won));
        }

        if (bands.Count == 0 || bands.Select(b => b.UpToGrams).Distinct().Count() != bands.Count)
        {
            return "Write each shipping band as grams=won on its own line, e.g. 500=4000.";
        }

        var now = clock.GetUtcNow();
        var json = JsonSerializer.Serialize(bands.OrderBy(b => b.UpToGrams), RulesInForce.Json);
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var before = await RulesInForce.PricingRuleAsync(connection);
        var version = (before?.Version ?? 0) + 1;
        await connection.ExecuteAsync(
            """
            INSERT INTO pricing_rules (version, margin_percent, shipping_bands_json, cross_border_tax_percent, rounding, created_at, created_by)
            VALUES (@version, @margin, @json, @tax, @rounding, @now, @operatorUserId)
            """,
            new { version, margin, json, tax, rounding = rounding.ToString(), now, operatorUserId }, tx);
        var after = new PricingRule(0, version, margin, bands, rounding, tax);
        await RuleChanges.RecordAsync(connection, tx, now, operatorUserId, RuleChanges.Pricing, "created", $"v{version}", before is null ? null : Describe(before), Describe(after));
        await tx.CommitAsync();
        await queue.QueueAllAsync();
        return null;
    }

    public static string Describe(PricingRule rule) => string.Create(
        CultureInfo.InvariantCulture,
        $"v{rule.Version}: margin {rule.MarginPercent:0.##}%, tax {rule.CrossBorderTaxPercent:0.##}%, rounding {rule.Rounding}, bands {BandsText(rule.ShippingBands).Replace('\n', ' ')}");

    private static bool TryPercent(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= 100 && decimal.Round(value, 4) == value;

    private sealed class VersionRow
    {
        public long Id { get; init; }
        public int Version { get; init; }
        public decimal MarginPercent { get; init; }
        public string ShippingBandsJson { get; init; } = "[]";
        public decimal CrossBorderTaxPercent { get; init; }
        public string Rounding { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string? CreatedBy { get; init; }

        public PricingRule ToRule() => new RulesInForce.PricingRuleRow
        {
            Id = Id, Version = Version, MarginPercent = MarginPercent, ShippingBandsJson = ShippingBandsJson,
            CrossBorderTaxPercent = CrossBorderTaxPercent, Rounding = Rounding,
        }.ToRule();
    }
}
