using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using SellerBridge.Web.Infrastructure.Localisation;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The operator's rules as they stand at one moment: every category mapping, the rate in force on
/// today's Korean date, and the newest pricing rule. Loaded together so that one recompute prices
/// every product with the same rate and rule.
/// </summary>
public sealed class RulesInForce(TimeProvider clock)
{
    // Chinese and Korean kept as text, not \uXXXX escapes: the stored JSON stays readable and small.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public async Task<MappingContext> LoadAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var rules = await connection.QueryAsync<CategoryMappingRule>(new CommandDefinition(
            "SELECT id AS Id, kmall_prefix AS KmallPrefix, cid AS Cid FROM mapping_rules",
            cancellationToken: cancellationToken));
        return new MappingContext(
            new CategoryMapper(rules),
            MarketplaceCategories.Embedded,
            await RateAsync(connection, Today(), cancellationToken),
            await PricingRuleAsync(connection, cancellationToken));
    }

    /// <summary>Today in Korea, as rates' effective dates are written.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), LocalisationExtensions.KoreaTime).DateTime);

    /// <summary>The rate whose effective date is the latest not after <paramref name="day"/>; the newest entry wins a tie.</summary>
    public static async Task<ExchangeRate?> RateAsync(DbConnection connection, DateOnly day, CancellationToken cancellationToken = default)
    {
        var row = await connection.QueryFirstOrDefaultAsync<RateRow>(new CommandDefinition(
            """
            SELECT id AS Id, krw_per_cny AS KrwPerCny, effective_from AS EffectiveFrom
            FROM exchange_rates WHERE effective_from <= @day
            ORDER BY effective_from DESC, id DESC
            """,
            new { day = DateText(day) },
            cancellationToken: cancellationToken));
        return row?.ToRate();
    }

    public static async Task<PricingRule?> PricingRuleAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        var row = await connection.QueryFirstOrDefaultAsync<PricingRuleRow>(new CommandDefinition(
            """
            SELECT id AS Id, version AS Version, margin_percent AS MarginPercent, shipping_bands_json AS ShippingBandsJson,
                   cross_border_tax_percent AS CrossBorderTaxPercent, rounding AS Rounding
            FROM pricing_rules ORDER BY version DESC
            """,
            cancellationToken: cancellationToken));
        return row?.ToRule();
    }

    public static string DateText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Classes rather than positional records: Dapper converts column types for properties (SQLite
    // answers every integer as Int64), not for constructor parameters.
    internal sealed class RateRow
    {
        public long Id { get; init; }

        public decimal KrwPerCny { get; init; }

        public string EffectiveFrom { get; init; } = "";

        public ExchangeRate ToRate() => new(Id, KrwPerCny, DateOnly.ParseExact(EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    internal sealed class PricingRuleRow
    {
        public long Id { get; init; }

        public int Version { get; init; }

        public decimal MarginPercent { get; init; }

        public string ShippingBandsJson { get; init; } = "[]";

        public decimal CrossBorderTaxPercent { get; init; }

        public string Rounding { get; init; } = "";

        public PricingRule ToRule() => new(
            Id,
            Version,
            MarginPercent,
            JsonSerializer.Deserialize<ShippingBand[]>(ShippingBandsJson, Json) ?? [],
            Enum.Parse<PriceRounding>(Rounding),
            CrossBorderTaxPercent);
    }
}
