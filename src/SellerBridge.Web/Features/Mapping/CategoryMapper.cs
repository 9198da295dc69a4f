namespace SellerBridge.Web.Features.Mapping;

/// <summary>An operator's rule: products whose Kmall24 category starts with <see cref="KmallPrefix"/> go to leaf <see cref="Cid"/>.</summary>
public sealed record CategoryMappingRule(long Id, string KmallPrefix, long Cid);

/// <summary>
/// Picks the mapping rule for a Kmall24 category path (<c>식품&gt;건강식품&gt;홍삼</c>). The longest
/// matching prefix wins, so an operator can map <c>식품</c> broadly and <c>식품&gt;건강식품</c> more
/// precisely. Prefixes compare whole segments, so <c>식품&gt;건강식품</c> never covers
/// <c>식품&gt;건강식품류</c>; segments are trimmed and compared ignoring case (Kmall24 paths mix in Latin
/// words such as "BB크림" or "Tea").
/// </summary>
public sealed class CategoryMapper
{
    private readonly (CategoryMappingRule Rule, string[] Segments)[] _rules;

    public CategoryMapper(IEnumerable<CategoryMappingRule> rules)
    {
        // An empty prefix would silently map the whole catalogue to one leaf: such a rule is ignored.
        // Equal lengths are settled by the lower id, so the answer never depends on load order.
        _rules = rules
            .Select(r => (Rule: r, Segments: Segments(r.KmallPrefix)))
            .Where(r => r.Segments.Length > 0)
            .OrderByDescending(r => r.Segments.Length)
            .ThenBy(r => r.Rule.Id)
            .ToArray();
    }

    public static CategoryMapper Empty { get; } = new([]);

    /// <summary>The rule with the longest prefix of <paramref name="kmallPath"/>, or null when none covers it.</summary>
    public CategoryMappingRule? Match(string? kmallPath)
    {
        var path = Segments(kmallPath);
        foreach (var (rule, prefix) in _rules)
        {
            if (IsPrefix(prefix, path))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The path's segments, trimmed; empty segments (<c>식품&gt;&gt;홍삼</c>, a trailing <c>&gt;</c>) are dropped.</summary>
    public static string[] Segments(string? path) =>
        (path ?? "").Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool IsPrefix(string[] prefix, string[] path)
    {
        if (prefix.Length > path.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(prefix[i], path[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
