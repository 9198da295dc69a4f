using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The operator's category mappings: each rule with how many products it catches, the Kmall24 paths no
/// rule covers by how many products have them, and adding, changing and removing rules.
/// </summary>
public sealed class MappingRulesAdmin(Db db, DraftRecomputeQueue queue, TimeProvider clock, ILogger<MappingRulesAdmin> logger)
{
    public sealed record RuleRow(long Id, string KmallPrefix, long Cid, string LeafPath, bool IsLeaf, int Products, DateTimeOffset UpdatedAt);

    public sealed record PathCount(string Path, int Products);

    public sealed record Page(IReadOnlyList<RuleRow> Rules, IReadOnlyList<PathCount> Unmapped, IReadOnlyList<(long Cid, string Path)> Leaves);

    public async Task<Page> ListAsync()
    {
        await using var connection = await db.OpenAsync();
        var rules = (await connection.QueryAsync<CategoryMappingRule>("SELECT id AS Id, kmall_prefix AS KmallPrefix, cid AS Cid FROM mapping_rules")).AsList();
        var updated = (await connection.QueryAsync<(long Id, DateTimeOffset At)>("SELECT id, updated_at FROM mapping_rules")).ToDictionary(r => r.Id, r => r.At);
        var paths = await connection.QueryAsync<(string Path, long Count)>("SELECT category, COUNT(*) FROM products GROUP BY category");

        // Each distinct path is matched once with the mapper itself, so the counts agree with the drafts.
        var mapper = new CategoryMapper(rules);
        var caught = new Dictionary<long, int>();
        var unmapped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (path, count) in paths)
        {
            if (mapper.Match(path) is { } rule)
            {
                caught[rule.Id] = caught.GetValueOrDefault(rule.Id) + (int)count;
            }
            else
            {
                var shown = string.Join(">", CategoryMapper.Segments(path));
                unmapped[shown] = unmapped.GetValueOrDefault(shown) + (int)count;
            }
        }

        var categories = MarketplaceCategories.Embedded;
        return new Page(
            rules
                .OrderBy(r => r.KmallPrefix, StringComparer.Ordinal)
                .Select(r => new RuleRow(r.Id, r.KmallPrefix, r.Cid, string.Join(" > ", categories.PathOf(r.Cid)), categories.Leaf(r.Cid) is not null, caught.GetValueOrDefault(r.Id), updated[r.Id]))
                .ToList(),
            unmapped.OrderByDescending(u => u.Value).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => new PathCount(u.Key, u.Value)).ToList(),
            categories.Leaves.Select(l => (l.Cid, string.Join(" > ", categories.PathOf(l.Cid)))).OrderBy(l => l.Item2, StringComparer.Ordinal).ToList());
    }

    /// <summary>Maps <paramref name="kmallPrefix"/> to leaf <paramref name="cid"/>, adding the rule or changing the existing one. Returns an error message key, or null.</summary>
    public async Task<string?> SaveAsync(string? kmallPrefix, long cid, long operatorUserId)
    {
        var prefix = string.Join(">", CategoryMapper.Segments(kmallPrefix));
        if (prefix.Length == 0 || prefix.Length > 400)
        {
            return "Enter a Kmall24 category path such as 식품>건강식품.";
        }

        if (MarketplaceCategories.Embedded.Leaf(cid) is null)
        {
            return "Choose a Tmall leaf category.";
        }

        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        // Paths compare ignoring case, as the mapper compares them.
        var existing = (await connection.QueryAsync<(long Id, string KmallPrefix, long Cid)>(
            "SELECT id, kmall_prefix, cid FROM mapping_rules", transaction: tx))
            .FirstOrDefault(r => string.Equals(r.KmallPrefix, prefix, StringComparison.OrdinalIgnoreCase));
        if (existing.Id == 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO mapping_rules (kmall_prefix, cid, created_at, created_by, updated_at, updated_by) VALUES (@prefix, @cid, @now, @operatorUserId, @now, @operatorUserId)",
                new { prefix, cid, now, operatorUserId }, tx);
            await RuleChanges.RecordAsync(connection, tx, now, operatorUserId, RuleChanges.Mapping, "created", prefix, null, Describe(cid));
        }
        else if (existing.Cid != cid)
        {
            await connection.ExecuteAsync(
                "UPDATE mapping_rules SET cid = @cid, updated_at = @now, updated_by = @operatorUserId WHERE id = @id",
                new { cid, now, operatorUserId, id = existing.Id }, tx);
            await RuleChanges.RecordAsync(connection, tx, now, operatorUserId, RuleChanges.Mapping, "updated", existing.KmallPrefix, Describe(existing.Cid), Describe(cid));
            prefix = existing.KmallPrefix;
        }

        await tx.CommitAsync();
        logger.LogInformation("Mapping {Prefix} -> {Cid} saved by user {UserId}", prefix, cid, operatorUserId);
        await queue.QueuePrefixAsync(prefix);
        return null;
    }

    /// <summary>Removes a rule; false when there is none with that id.</summary>
    public async Task<bool> DeleteAsync(long id, long operatorUserId)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var rules = (await connection.QueryAsync<(string KmallPrefix, long Cid)>(
            "SELECT kmall_prefix, cid FROM mapping_rules WHERE id = @id", new { id }, tx)).AsList();
        if (rules.Count == 0)
        {
            return false;
        }

        var found = rules[0];

        await connection.ExecuteAsync("DELETE FROM mapping_rules WHERE id = @id", new { id }, tx);
        await RuleChanges.RecordAsync(connection, tx, now, operatorUserId, RuleChanges.Mapping, "deleted", found.KmallPrefix, Describe(found.Cid), null);
        await tx.CommitAsync();
        await queue.QueuePrefixAsync(found.KmallPrefix);
        return true;
    }

    private static string Describe(long cid) =>
        $"{cid.ToString(CultureInfo.InvariantCulture)} {string.Join(" > ", MarketplaceCategories.Embedded.PathOf(cid))}";
}
