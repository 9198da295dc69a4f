namespace SellerBridge.Sandbox.Data;

/// <summary>The marketplace category tree shipped with the sandbox (<c>Data/categories.json</c>, embedded).</summary>
public static class CategoryData
{
    public const string ResourceName = "SellerBridge.Sandbox.Data.categories.json";

    /// <summary>Opens the embedded JSON; the caller disposes the stream.</summary>
    public static Stream Open() =>
        typeof(CategoryData).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the sandbox assembly.");
}
