using System.Text.Json;
using System.Text.Json.Serialization;

namespace SellerBridge.Sandbox.Marketplace;

public sealed record SandboxCategoryProp(
    [property: JsonPropertyName("pid")] long Pid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("required")] bool Required);

public sealed record SandboxCategory(
    [property: JsonPropertyName("cid")] long Cid,
    [property: JsonPropertyName("parent_cid")] long ParentCid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("is_parent")] bool IsParent,
    [property: JsonPropertyName("props")] IReadOnlyList<SandboxCategoryProp>? Props);

/// <summary>
/// The marketplace's category tree: the embedded <c>Data/categories.json</c> when the build has
/// it, otherwise <see cref="BuiltIn"/> (three categories, enough for tests and a first run).
/// </summary>
public sealed class SandboxCategories
{
    private readonly Dictionary<long, SandboxCategory> _byCid;

    public SandboxCategories(IEnumerable<SandboxCategory> categories) => _byCid = categories.ToDictionary(c => c.Cid);

    public static SandboxCategories BuiltIn { get; } = new(
    [
        new(50010788, 0, "彩妆/香水/美妆工具", true, []),
        new(50010815, 50010788, "面部护理套装", false, [new(20000, "品牌", true)]),
        new(50013794, 50010788, "面膜", false, [new(20000, "品牌", true), new(122216347, "功效", false)]),
    ]);

    public IReadOnlyCollection<SandboxCategory> All => _byCid.Values;

    public static SandboxCategories Load()
    {
        var assembly = typeof(SandboxCategories).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("Data.categories.json", StringComparison.Ordinal));
        if (name is null)
        {
            return BuiltIn;
        }

        using var stream = assembly.GetManifestResourceStream(name)!;
        var file = JsonSerializer.Deserialize<CategoryFile>(stream)
            ?? throw new InvalidDataException("Data/categories.json is empty.");
        return new SandboxCategories(file.Categories);
    }

    public SandboxCategory? Find(long cid) => _byCid.GetValueOrDefault(cid);

    public IEnumerable<SandboxCategory> Children(long parentCid) =>
        _byCid.Values.Where(c => c.ParentCid == parentCid).OrderBy(c => c.Cid);

    private sealed record CategoryFile([property: JsonPropertyName("categories")] IReadOnlyList<SandboxCategory> Categories);
}
