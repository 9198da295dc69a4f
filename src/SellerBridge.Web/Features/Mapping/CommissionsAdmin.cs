using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The marketplace's commission by category, which settlement deducts. A rate set on a category covers
/// everything below it; cid 0 is the default for categories without their own.
/// </summary>
public sealed class CommissionsAdmin(Db db, TimeProvider clock)
{
    public const long DefaultCid = 0;

    public sealed record Row(long Cid, string Path, decimal Percent, DateTimeOffset UpdatedAt);

    public sealed record Page(IReadOnlyList<Row> Rates, IReadOnlyList<(long Cid, string Path)> Categories);

    public async Task<Page> ListAsync()
    {
        var categories = MarketplaceCategories.Embedded;
        var rates = await LoadAsync();
        var all = categories.Leaves
            .SelectMany(l => Ancestors(l.Cid, categories))
            .Distinct()
            .Select(cid => (cid, string.Join(" > ", categories.PathOf(cid))))
            .OrderBy(c => c.Item2, StringComparer.Ordinal)
            .ToList();
        return new Page(
            rates.Select(r => new Row(r.Key, r.Key == DefaultCid ? "" : string.Join(" > ", categories.PathOf(r.Key)), r.Value.Percent, r.Value.At))
                .OrderBy(r => r.Cid == DefaultCid ? "" : r.Path, StringComparer.Ordinal)
                .ToList(),
            all);
    }

    /// <summary>The commission for a leaf: its own rate, else the nearest ancestor's, else the default (0 when none is set).</summary>
    public async Task<decimal> PercentForAsync(long cid)
    {
        var rates = await LoadAsync();
        foreach (var candidate in Ancestors(cid, MarketplaceCategories.Embedded).Append(DefaultCid))
        {
            if (rates.TryGetValue(candidate, out var rate))
            {
                return rate.Percent;
            }
        }

        return 0m;
    }

    /// <summary>Sets the rate of one category (or the default). Returns an error message key, or null.</summary>
    public async Task<string?> SetAsync(long cid, string? percentText, long operatorUserId)
    {
        if (!decimal.TryParse(percentText, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) || percent is < 0 or > 100 || decimal.Round(percent, 4) != percent)
        {
            return "Enter the commission as a percentage from 0 to 100.";
        }

        if (cid != DefaultCid && MarketplaceCategories.Embedded.Find(cid) is null)
        {
            return "Choose a Tmall category.";
        }

        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var before = (await connection.QueryAsync<decimal>("SELECT commission_percent FROM commission_rates WHERE cid = @cid", new { cid }, tx)).ToList();
        await connection.ExecuteAsync(
            db.Dialect.Upsert("commission_rates", "cid, commission_percent, updated_at, updated_by", "@cid, @percent, @now, @operatorUserId", "cid"),
            new { cid, percent, now, operatorUserId }, tx);
        await RuleChanges.RecordAsync(
            connection, tx, now, operatorUserId, RuleChanges.Commission, before.Count == 0 ? "created" : "updated", Subject(cid),
            before.Count == 0 ? null : Percent(before[0]), Percent(percent));
        await tx.CommitAsync();
        return null;
    }

    /// <summary>Removes a category's own rate, so its ancestor's or the default applies; false when it had none.</summary>
    public async Task<bool> RemoveAsync(long cid, long operatorUserId)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var before = (await connection.QueryAsync<decimal>("SELECT commission_percent FROM commission_rates WHERE cid = @cid", new { cid }, tx)).ToList();
        if (before.Count == 0)
        {
            return false;
        }

        await connection.ExecuteAsync("DELETE FROM commission_rates WHERE cid = @cid", new { cid }, tx);
        await RuleChanges.RecordAsync(connection, tx, now, operatorUserId, RuleChanges.Commission, "deleted", Subject(cid), Percent(before[0]), null);
        await tx.CommitAsync();
        return true;
    }

    private async Task<Dictionary<long, (decimal Percent, DateTimeOffset At)>> LoadAsync()
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<(long Cid, decimal Percent, DateTimeOffset At)>("SELECT cid, commission_percent, updated_at FROM commission_rates"))
            .ToDictionary(r => r.Cid, r => (r.Percent, r.At));
    }

    /// <summary>The category and its parents, nearest first.</summary>
    private static IEnumerable<long> Ancestors(long cid, MarketplaceCategories categories)
    {
        for (var node = categories.Find(cid); node is not null; node = node.ParentCid == 0 ? null : categories.Find(node.ParentCid))
        {
            yield return node.Cid;
        }
    }

    private static string Subject(long cid) => cid == DefaultCid ? "default" : $"{cid.ToString(CultureInfo.InvariantCulture)} {string.Join(" > ", MarketplaceCategories.Embedded.PathOf(cid))}";

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
