namespace SellerBridge.Web.Features.Catalogue;

/// <summary>Limits and batch sizes for catalogue imports (section <c>Catalogue</c>).</summary>
public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The largest file a seller may upload, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 200;

    /// <summary>
    /// Rows read, checked against the database and written together; unset, 250 (small batches die
    /// young and spare the garbage collector: 100,000 rows on SQLite 1.9 against 2.3 s; on PostgreSQL
    /// 2.9 against 3.0-4.1 s with no full collection instead of 13, and the same file again 4.8
    /// against 8.1 s), or what the database's dialect asks for (1,000 on SQL Server, where each
    /// batch is a round trip and which was not measured here).
    /// </summary>
    public int? BatchSize { get; set; }

    public int BatchSizeFor(Infrastructure.Persistence.Dialects.SqlDialect dialect) =>
        BatchSize is > 0 and var size ? size : dialect.BulkBatchSize;

    /// <summary>
    /// Size of the pieces an uploaded file is stored in. Below .NET's large-object threshold (85,000
    /// bytes), so reading a file back allocates only short-lived buffers and never forces a full
    /// garbage collection in the middle of an import.
    /// </summary>
    public int ChunkBytes { get; set; } = 64 * 1024;

    /// <summary>A Running import whose node has not reported for this long is taken over by another node (PostgreSQL).</summary>
    public int StaleAfterSeconds { get; set; } = 120;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
