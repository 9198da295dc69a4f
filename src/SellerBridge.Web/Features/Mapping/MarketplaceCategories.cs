using System.Collections.Frozen;
using System.Text.Json;
using SellerBridge.Sandbox.Data;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>One marketplace category property (品牌, 产地, 净含量 …); <see cref="Values"/> is empty when any text is allowed.</summary>
public sealed record CategoryProp(long Pid, string Name, bool Required, IReadOnlyList<string> Values);

/// <summary>One node of the marketplace category tree; only leaves (<see cref="IsParent"/> false) can hold items.</summary>
public sealed record MarketplaceCategory(long Cid, long ParentCid, string Name, bool IsParent, IReadOnlyList<CategoryProp> Props);

/// <summary>
/// The marketplace category tree as an immutable lookup: a category by cid, its path of names from the
/// top, its required props. Loaded once from the tree the sandbox ships (<c>Data/categories.json</c>),
/// the same data <c>taobao.itemcats.get</c> answers from, so mapping and publishing agree.
/// </summary>
public sealed class MarketplaceCategories
{
    private static readonly Lazy<MarketplaceCategories> _embedded = new(() =>
    {
        using var stream = CategoryData.Open();
        return Load(stream);
    });

    private static readonly JsonSerializerOptions _json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly FrozenDictionary<long, MarketplaceCategory> _byCid;
    private readonly FrozenDictionary<long, IReadOnlyList<string>> _paths;

    private MarketplaceCategories(IReadOnlyList<MarketplaceCategory> all)
    {
        _byCid = all.ToFrozenDictionary(c => c.Cid);
        _paths = all.ToFrozenDictionary(c => c.Cid, c => BuildPath(c));
        Leaves = all.Where(c => !c.IsParent).ToArray();
    }

    /// <summary>The tree embedded in the sandbox assembly, read once per process.</summary>
    public static MarketplaceCategories Embedded => _embedded.Value;

    public IReadOnlyList<MarketplaceCategory> Leaves { get; }

    public int Count => _byCid.Count;

    /// <summary>Reads <c>{ "categories": [ { "cid", "parent_cid", "name", "is_parent", "props" } ] }</c>.</summary>
    public static MarketplaceCategories Load(Stream json)
    {
        var file = JsonSerializer.Deserialize<TreeFile>(json, _json)
            ?? throw new InvalidDataException("The category tree is empty.");
        var all = (file.Categories ?? []).Select(c => new MarketplaceCategory(
            c.Cid,
            c.ParentCid,
            c.Name ?? throw new InvalidDataException($"Category {c.Cid} has no name."),
            c.IsParent,
            (c.Props ?? []).Select(p => new CategoryProp(p.Pid, p.Name ?? "", p.Required, p.Values ?? [])).ToArray()))
            .ToArray();

        var duplicate = all.GroupBy(c => c.Cid).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Category cid {duplicate.Key} appears more than once.");
        }

        var cids = all.Select(c => c.Cid).ToHashSet();
        var orphan = all.FirstOrDefault(c => c.ParentCid != 0 && !cids.Contains(c.ParentCid));
        if (orphan is not null)
        {
            throw new InvalidDataException($"Category {orphan.Cid} names parent {orphan.ParentCid}, which is not in the tree.");
        }

        return new MarketplaceCategories(all);
    }

    public MarketplaceCategory? Find(long cid) => _byCid.GetValueOrDefault(cid);

    /// <summary>The category when <paramref name="cid"/> is a leaf; null for a parent or an unknown cid.</summary>
    public MarketplaceCategory? Leaf(long cid) => Find(cid) is { IsParent: false } leaf ? leaf : null;

    /// <summary>Names from the top category down to <paramref name="cid"/>; empty for an unknown cid.</summary>
    public IReadOnlyList<string> PathOf(long cid) => _paths.GetValueOrDefault(cid) ?? [];

    public IReadOnlyList<CategoryProp> RequiredProps(long cid) =>
        Find(cid)?.Props.Where(p => p.Required).ToArray() ?? [];

    public IReadOnlyList<MarketplaceCategory> ChildrenOf(long parentCid) =>
        _byCid.Values.Where(c => c.ParentCid == parentCid).OrderBy(c => c.Cid).ToArray();

    private IReadOnlyList<string> BuildPath(MarketplaceCategory category)
    {
        var names = new List<string>();
        var seen = new HashSet<long>();
        for (var current = category; current is not null; current = _byCid.GetValueOrDefault(current.ParentCid))
        {
            // A cycle in hand-edited data would otherwise loop for ever.
            if (!seen.Add(current.Cid))
            {
                throw new InvalidDataException($"The category tree has a cycle through cid {current.Cid}.");
            }

            names.Add(current.Name);
        }

        names.Reverse();
        return names;
    }

    private sealed record TreeFile(List<CategoryDto>? Categories);

    private sealed record CategoryDto(long Cid, long ParentCid, string? Name, bool IsParent, List<PropDto>? Props);

    private sealed record PropDto(long Pid, string? Name, bool Required, List<string>? Values);
}
