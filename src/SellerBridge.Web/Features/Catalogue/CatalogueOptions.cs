namespace SellerBridge.Web.Features.Catalogue;

/// <summary>Limits and batch sizes for catalogue imports (section <c>Catalogue</c>).</summary>
public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The largest file a seller may upload, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 200;

    /// <summary>Rows read, checked against the database and written together.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Size of the pieces an uploaded file is stored in.</summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>A Running import whose node has not reported for this long is taken over by another node (PostgreSQL).</summary>
    public int StaleAfterSeconds { get; set; } = 120;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
