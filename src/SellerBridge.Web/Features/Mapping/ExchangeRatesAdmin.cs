using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The operator's won/yuan rates. A rate is never edited: a new one is entered with the date it takes
/// effect, so every draft and settlement can name the exact rate it used.
/// </summary>
public sealed class ExchangeRatesAdmin(Db db, RulesInForce rules, DraftRecomputeQueue queue, TimeProvider clock)
{
    public sealed class RateRow
    {
        public long Id { get; init; }
        public decimal KrwPerCny { get; init; }
        public string EffectiveFrom { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string? CreatedBy { get; init; }
    }

    public sealed record Page(IReadOnlyList<RateRow> Rates, long? InForceId, string Today);

    public async Task<Page> ListAsync()
    {
        await using var connection = await db.OpenAsync();
        var rates = await connection.QueryAsync<RateRow>(
            """
            SELECT r.id AS Id, r.krw_per_cny AS KrwPerCny, r.effective_from AS EffectiveFrom, r.created_at AS CreatedAt, u.email AS CreatedBy
            FROM exchange_rates r LEFT JOIN users u ON u.id = r.created_by
            ORDER BY r.effective_from DESC, r.id DESC
            """ + db.Dialect.Limit("limit"),
            new { limit = 200 });
        var today = rules.Today();
        var inForce = await RulesInForce.RateAsync(connection, today);
        return new Page(rates.AsList(), inForce?.Id, RulesInForce.DateText(today));
    }

    /// <summary>Enters a rate (won per 1 yuan) from <paramref name="effectiveFrom"/> (yyyy-MM-dd). Returns an error message key, or null.</summary>
    public async Task<string?> AddAsync(string? krwPerCny, string? effectiveFrom, long operatorUserId)
    {
        if (!decimal.TryParse(krwPerCny?.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var rate)
            || rate <= 0 || rate >= 100_000 || decimal.Round(rate, 4) != rate)
        {
            return "Enter the rate as won per 1 yuan, above 0 with at most 4 decimals (e.g. 190.50).";
        }

        if (!DateOnly.TryParseExact(effectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            return "Enter the date it takes effect as yyyy-MM-dd.";
        }

        var now = clock.GetUtcNow();
        var day = RulesInForce.DateText(from);
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var before = await RulesInForce.RateAsync(connection, rules.Today());
        await connection.ExecuteAsync(
            "INSERT INTO exchange_rates (krw_per_cny, effective_from, created_at, created_by) VALUES (@rate, @day, @now, @operatorUserId)",
            new { rate, day, now, operatorUserId }, tx);
        await RuleChanges.RecordAsync(
            connection, tx, now, operatorUserId, RuleChanges.Rate, "created", day,
            before is null ? null : $"{before.KrwPerCny.ToString("0.00##", CultureInfo.InvariantCulture)} KRW/CNY ({RulesInForce.DateText(before.EffectiveFrom)})",
            $"{rate.ToString("0.00##", CultureInfo.InvariantCulture)} KRW/CNY ({day})");
        await tx.CommitAsync();

        // A rate for a later day is picked up on that day by the recurring freshness check.
        await queue.QueueAllAsync();
        return null;
    }
}
