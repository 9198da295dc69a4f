using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Persistence.Dialects;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// Imports one stored catalogue file. All of an import's changes are written in ONE transaction:
/// a file that turns out to be unreadable half-way changes nothing, and a process killed
/// mid-import leaves nothing half-written — the import is simply run again from the start.
/// Each product row is upserted by (seller, SKU); an unchanged row writes no history.
/// </summary>
public sealed class RunImport(Db db, TimeProvider clock, IOptions<CatalogueOptions> options, ImportProgress progress, ILogger<RunImport> logger)
{
    private static readonly string ProcessNode = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
    private static readonly DateTimeOffset ProcessStarted = DateTimeOffset.UtcNow;

    public sealed record Outcome(string Status, int RowsTotal, int RowsAccepted, int RowsRejected, int Created, int Updated, int Unchanged);

    /// <summary>Runs the import if it is queued (or was left running by a node that is gone); otherwise does nothing.</summary>
    public async Task<Outcome?> RunAsync(long importId, CancellationToken cancellationToken = default)
    {
        var claim = await ClaimAsync(importId, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var counts = new Counts();
        progress.Start(importId, claim.SizeBytes);
        try
        {
            var outcome = await ImportAsync(claim, counts, cancellationToken);
            logger.LogInformation(
                "Import {ImportId} for seller {SellerId} {Status}: {Rows} rows, {Accepted} accepted ({Created} new, {Updated} changed, {Unchanged} unchanged), {Rejected} rejected",
                importId, claim.SellerId, outcome.Status, outcome.RowsTotal, outcome.RowsAccepted, outcome.Created, outcome.Updated, outcome.Unchanged, outcome.RowsRejected);
            Infrastructure.Telemetry.SellerBridgeTelemetry.RecordImportRows(outcome.RowsAccepted, outcome.RowsRejected);
            return outcome;
        }
        finally
        {
            progress.Finish(importId);
        }
    }

    /// <summary>
    /// After an import, moves what it wrote into the database file where the database does not do this
    /// in the background (<see cref="SqlDialect.NeedsCheckpoint"/>), so the next request's commit does
    /// not pay for it. Nothing waits on it: the import's rows and status were committed before.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        if (!db.Dialect.NeedsCheckpoint)
        {
            return;
        }

        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            if (await db.Dialect.CheckpointAsync(connection, clock, cancellationToken))
            {
                return;
            }

            logger.LogInformation("The database's write-ahead log is still in use by readers; the next commits will carry on moving it into the file.");
        }
        catch (DbException ex)
        {
            // Housekeeping only: the import is committed, and the next commits checkpoint as usual.
            logger.LogWarning(ex, "The checkpoint after an import failed; the next commits will move the write-ahead log into the file.");
        }
    }

    /// <summary>A Running import whose heartbeat is older than this was left by a node that stopped.</summary>
    public DateTimeOffset AbandonedBefore(DateTimeOffset now) =>
        // On a single node, a Running import older than this process was left by a process that died.
        db.Dialect.SingleNode ? ProcessStarted : now.AddSeconds(-options.Value.StaleAfterSeconds);

    private sealed record Claim(long Id, long SellerId, long SizeBytes);

    private async Task<Claim?> ClaimAsync(long importId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var staleBefore = AbandonedBefore(now);
        await using var connection = await db.OpenAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(
            """
            UPDATE imports SET status = 'Running', attempts = attempts + 1, started_at = @now, heartbeat_at = @now, node = @node
            WHERE id = @importId AND (status = 'Queued' OR (status = 'Running' AND heartbeat_at < @staleBefore))
            """,
            new { importId, now, node = ProcessNode, staleBefore });
        if (claimed == 0)
        {
            return null;
        }

        return await connection.QuerySingleAsync<Claim>(
            "SELECT id AS Id, seller_id AS SellerId, size_bytes AS SizeBytes FROM imports WHERE id = @importId", new { importId });
    }

    private async Task<Outcome> ImportAsync(Claim claim, Counts counts, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var (settings, reset) = db.Dialect.BulkConnectionSettings;
        if (settings.Length > 0)
        {
            await connection.ExecuteAsync(settings);
        }

        try
        {
            return await ImportAsync(connection, claim, counts, cancellationToken);
        }
        finally
        {
            if (reset.Length > 0 && connection.State == System.Data.ConnectionState.Open)
            {
                await connection.ExecuteAsync(reset);
            }
        }
    }

    private async Task<Outcome> ImportAsync(DbConnection connection, Claim claim, Counts counts, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var heartbeat = db.Dialect.SingleNode ? null : new Heartbeat(db, claim.Id, counts, clock);
        try
        {
            await using var file = new ImportFileStream(await db.OpenAsync(cancellationToken), claim.Id, claim.SizeBytes);
            using var reader = CatalogueReader.Open(file);
            var skuHeader = reader.Info.Header.FirstOrDefault(h => CatalogueColumns.TryMatch(h, out var c) && c == CatalogueColumn.SellerSku) ?? "seller_sku";
            if (db.Dialect.BulkTransactionSettings is { Length: > 0 } settings)
            {
                await connection.ExecuteAsync(settings, transaction: tx);
            }

            // Rows are read and checked on one thread while the previous batch is written on this one;
            // the channel holds at most two batches, so memory stays flat.
            var batches = System.Threading.Channels.Channel.CreateBounded<List<PreparedRow>>(2);
            var batchSize = options.Value.BatchSizeFor(db.Dialect);
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var producer = Task.Run(
                async () =>
                {
                    try
                    {
                        var batch = new List<PreparedRow>(batchSize);
                        foreach (var row in reader.ReadRows())
                        {
                            batch.Add(PreparedRow.From(row));
                            if (batch.Count == batchSize)
                            {
                                await batches.Writer.WriteAsync(batch, stopReading.Token);
                                batch = new List<PreparedRow>(batchSize);
                            }
                        }

                        await batches.Writer.WriteAsync(batch, stopReading.Token);
                        batches.Writer.Complete();
                    }
                    catch (Exception ex)
                    {
                        batches.Writer.Complete(ex);
                    }
                },
                CancellationToken.None);
            try
            {
                var batchesWritten = 0;
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    await WriteBatchAsync(connection, tx, claim, batch, skuHeader, counts, cancellationToken);
                    progress.Report(claim.Id, counts.Total, reader.BytesConsumed);
                    if (++batchesWritten % Math.Max(2, 50_000 / batchSize) == 1 && db.Dialect.RefreshStatistics("products", "id", "seller_id", "seller_sku") is { Length: > 0 } analyze)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(analyze, transaction: tx, commandTimeout: 600, cancellationToken: cancellationToken));
                    }
                }
            }
            finally
            {
                // If writing failed, the reader must stop before the file and reader are disposed.
                await stopReading.CancelAsync();
                await producer;
            }

            if (heartbeat is not null)
            {
                await heartbeat.DisposeAsync();
            }

            await connection.ExecuteAsync(
                """
                UPDATE imports SET status = 'Completed', finished_at = @now, heartbeat_at = @now, encoding = @encoding, delimiter = @delimiter, header_json = @header,
                    rows_total = @Total, rows_accepted = @Accepted, rows_rejected = @Rejected, rows_created = @Created, rows_updated = @Updated, rows_unchanged = @Unchanged
                WHERE id = @id
                """,
                new
                {
                    id = claim.Id,
                    now = clock.GetUtcNow(),
                    encoding = reader.Info.Encoding.WebName,
                    delimiter = reader.Info.Delimiter.ToString(),
                    header = JsonSerializer.Serialize(reader.Info.Header, ProductSnapshot.Json),
                    counts.Total,
                    counts.Accepted,
                    counts.Rejected,
                    counts.Created,
                    counts.Updated,
                    counts.Unchanged,
                },
                tx);
            await tx.CommitAsync(cancellationToken);
            return counts.ToOutcome("Completed");
        }
        catch (CatalogueFileException fatal)
        {
            if (heartbeat is not null)
            {
                await heartbeat.DisposeAsync();
            }

            await tx.RollbackAsync(CancellationToken.None);
            await FailAsync(claim.Id, fatal.Code, fatal.Args);
            return new Counts().ToOutcome("Failed");
        }
        catch
        {
            if (heartbeat is not null)
            {
                await heartbeat.DisposeAsync();
            }

            throw;
        }
    }

    private async Task FailAsync(long importId, string code, IReadOnlyList<string> args)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE imports SET status = 'Failed', finished_at = @now, failure_code = @code, failure_args = @args WHERE id = @importId",
            new { importId, now = clock.GetUtcNow(), code, args = JsonSerializer.Serialize(args, ProductSnapshot.Json) });
    }

    private sealed class Existing
    {
        public long Id { get; init; }

        public string SellerSku { get; init; } = "";

        public string ContentHash { get; init; } = "";

        public long? LastImportId { get; init; }

        public long? LastImportRow { get; init; }
    }

    private const string SelectExisting = """
        SELECT id AS Id, seller_sku AS SellerSku, content_hash AS ContentHash, last_import_id AS LastImportId, last_import_row AS LastImportRow
        FROM products WHERE seller_id = @sellerId AND 
        """;

    private const string SelectOldValues = """
        SELECT seller_sku AS SellerSku, name_ko AS NameKo, price_krw AS PriceKrw, stock AS Stock, category AS Category, name_zh AS NameZh, brand AS Brand,
               weight_g AS WeightG, origin AS Origin, hs_code AS HsCode, barcode AS Barcode, image_urls AS ImageUrls,
               description AS Description, extra_json AS ExtraJson
        FROM products WHERE seller_id = @sellerId AND 
        """;


    private static readonly (string, string)[] ProductColumns =
    [
        ("id", "bigint"), ("row_no", "bigint"), ("sku", "text"), ("name_ko", "text"), ("price_krw", "bigint"), ("stock", "bigint"),
        ("category", "text"), ("name_zh", "text"), ("brand", "text"), ("weight_g", "bigint"), ("origin", "text"), ("hs_code", "text"),
        ("barcode", "text"), ("image_urls", "text"), ("description", "text"), ("extra_json", "text"), ("content_hash", "text"), ("changes", "text"),
    ];

    /// <summary>One product row of a batch (see <see cref="SqlDialect.WriteRowsAsync"/>).</summary>
    private sealed record ProductJson(
        long? Id, long RowNo, string Sku, string NameKo, long PriceKrw, long Stock, string Category, string? NameZh, string? Brand, long? WeightG,
        string Origin, string? HsCode, string? Barcode, string ImageUrls, string? Description, string ExtraJson, string ContentHash, string? Changes) : IBulkRow
    {
        // In the order of ProductColumns.
        public object?[] Values() =>
            [Id, RowNo, Sku, NameKo, PriceKrw, Stock, Category, NameZh, Brand, WeightG, Origin, HsCode, Barcode, ImageUrls, Description, ExtraJson, ContentHash, Changes];
    }

    private sealed record ErrorJson(long RowNo, string Col, string Code, string Args) : IBulkRow
    {
        public object?[] Values() => [RowNo, Col, Code, Args];
    }

    private sealed record RejectedJson(long RowNo, string Cells) : IBulkRow
    {
        public object?[] Values() => [RowNo, Cells];
    }

    private static readonly (string, string)[] ErrorColumns = [("row_no", "bigint"), ("col", "text"), ("code", "text"), ("args", "text")];

    private static readonly (string, string)[] RejectedColumns = [("row_no", "bigint"), ("cells", "text")];

    private sealed class BatchWrites
    {
        public List<ProductJson> Inserts { get; } = [];

        public List<ProductJson> Updates { get; } = [];

        public List<ProductJson> Touches { get; } = [];

        public List<ErrorJson> Errors { get; } = [];

        public List<RejectedJson> Rejected { get; } = [];
    }

    private async Task WriteBatchAsync(
        DbConnection connection, DbTransaction tx, Claim claim, List<PreparedRow> batch, string skuHeader, Counts counts, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var accepted = batch.Where(r => r.Row.Accepted).ToList();
        var existing = accepted.Count == 0
            ? new Dictionary<string, Existing>(StringComparer.Ordinal)
            : (await connection.QueryAsync<Existing>(
                new CommandDefinition(
                    SelectExisting + db.Dialect.InList("seller_sku", "skus"),
                    new { sellerId = claim.SellerId, skus = db.Dialect.ListValue(accepted.Select(r => r.Row.Product!.SellerSku).Distinct().ToList()) },
                    tx,
                    cancellationToken: cancellationToken)))
                .ToDictionary(e => e.SellerSku, StringComparer.Ordinal);
        var firstInBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        var writes = new BatchWrites();
        var changed = new List<(PreparedRow Row, Existing Existing)>();

        foreach (var prepared in batch)
        {
            var row = prepared.Row;
            counts.Total++;
            var errors = row.Errors;
            if (row.Accepted)
            {
                var sku = row.Product!.SellerSku;
                int? firstRow = firstInBatch.TryGetValue(sku, out var f) ? f
                    : existing.TryGetValue(sku, out var e) && e.LastImportId == claim.Id ? (int?)e.LastImportRow : null;
                if (firstRow is null)
                {
                    firstInBatch[sku] = row.Row;
                    var found = existing.GetValueOrDefault(sku);
                    if (found is not null && found.ContentHash != prepared.Hash)
                    {
                        changed.Add((prepared, found));
                    }
                    else
                    {
                        Plan(writes, prepared, found, counts);
                    }

                    counts.Accepted++;
                    continue;
                }

                errors = [new CellError(row.Row, skuHeader, CatalogueErrorCodes.SkuDuplicate, [firstRow.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)])];
            }

            counts.Rejected++;
            writes.Rejected.Add(new RejectedJson(row.Row, JsonSerializer.Serialize(row.Cells, ProductSnapshot.Json)));
            foreach (var error in errors)
            {
                writes.Errors.Add(new ErrorJson(error.Row, error.Column, error.Code, JsonSerializer.Serialize(error.Args, ProductSnapshot.Json)));
            }
        }

        if (changed.Count > 0)
        {
            // Only changed products need their old values, for the history's "from → to".
            var old = (await connection.QueryAsync<ProductQueries.ProductRow>(
                new CommandDefinition(
                    SelectOldValues + db.Dialect.InList("seller_sku", "skus"),
                    new { sellerId = claim.SellerId, skus = db.Dialect.ListValue(changed.Select(c => c.Existing.SellerSku).ToList()) },
                    tx,
                    cancellationToken: cancellationToken)))
                .ToDictionary(o => o.SellerSku, StringComparer.Ordinal);
            foreach (var (prepared, found) in changed)
            {
                var diff = old[found.SellerSku].Snapshot().DiffJson(prepared.Snapshot!);
                if (diff == ProductSnapshot.NoChanges)
                {
                    // Same values under an older fingerprint: unchanged, and the fingerprint is brought up to date.
                    counts.Unchanged++;
                    writes.Touches.Add(Json(found.Id, prepared, prepared.Hash!, null));
                    continue;
                }

                counts.Updated++;
                writes.Updates.Add(Json(found.Id, prepared, prepared.Hash!, diff));
            }
        }

        await ExecuteAsync(connection, tx, claim, writes, cancellationToken);
    }

    /// <summary>A new product is inserted; an unchanged one is only marked as seen by this import.</summary>
    private static void Plan(BatchWrites writes, PreparedRow row, Existing? existing, Counts counts)
    {
        if (existing is not null)
        {
            counts.Unchanged++;
            writes.Touches.Add(Json(existing.Id, row, row.Hash!, null));
        }
        else
        {
            counts.Created++;
            writes.Inserts.Add(Json(null, row, row.Hash!, null));
        }
    }

    private static ProductJson Json(long? id, PreparedRow row, string hash, string? changes)
    {
        var p = row.Snapshot!;
        return new(
            id, row.Row.Row, row.Row.Product!.SellerSku, p.NameKo, p.PriceKrw, p.Stock, p.Category, p.NameZh, p.Brand, p.WeightG,
            p.Origin, p.HsCode, p.Barcode, p.ImageUrls, p.Description, p.ExtraJson, hash, changes);
    }

    /// <summary>A row as read, with its stored form and hash worked out on the reading thread.</summary>
    private sealed record PreparedRow(ParsedRow Row, ProductSnapshot? Snapshot, string? Hash)
    {
        public static PreparedRow From(ParsedRow row)
        {
            if (!row.Accepted)
            {
                return new PreparedRow(row, null, null);
            }

            var snapshot = ProductSnapshot.From(row.Product!);
            return new PreparedRow(row, snapshot, snapshot.Hash());
        }
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction tx, Claim claim, BatchWrites writes, CancellationToken cancellationToken)
    {
        var d = db.Dialect;
        var now = clock.GetUtcNow();

        // One statement per kind of write, over the batch's rows as the dialect sends them (see WriteRowsAsync).
        (string, object)[] constants = [("seller", claim.SellerId), ("import", claim.Id), ("now", now)];
        Task Run<T>(List<T> rows, (string Name, string Type)[] columns, Func<Func<string, string>, string, string> statement)
            where T : IBulkRow =>
            rows.Count == 0 ? Task.CompletedTask : d.WriteRowsAsync(connection, tx, rows, columns, statement, constants, cancellationToken);

        if (writes.Inserts.Count > 0 && await d.BeginBinaryInsertAsync(connection, "products", NewProductColumns, cancellationToken) is { } copy)
        {
            await using (copy)
            {
                await CopyInsertsAsync(copy, claim, writes.Inserts, now, cancellationToken);
            }

            writes.Inserts.Clear();
        }

        await Run(writes.Inserts, ProductColumns, (c, from) => $"""
            INSERT INTO products ({NewProductColumns})
            SELECT @seller, {c("sku")}, {c("name_ko")}, {c("price_krw")}, {c("stock")}, {c("category")}, {c("name_zh")}, {c("brand")}, {c("weight_g")},
                {c("origin")}, {c("hs_code")}, {c("barcode")}, {c("image_urls")}, {c("description")}, {c("extra_json")}, {c("content_hash")},
                'Draft', 1, @now, @now, @import, @import, @import, {c("row_no")}
            {from}
            """);
        await Run(writes.Updates, ProductColumns, (c, from) => d.UpdateFrom(
            "products",
            $"""
            name_ko = {c("name_ko")}, price_krw = {c("price_krw")}, stock = {c("stock")}, category = {c("category")}, name_zh = {c("name_zh")},
            brand = {c("brand")}, weight_g = {c("weight_g")}, origin = {c("origin")}, hs_code = {c("hs_code")}, barcode = {c("barcode")},
            image_urls = {c("image_urls")}, description = {c("description")}, extra_json = {c("extra_json")}, content_hash = {c("content_hash")},
            version = products.version + 1, updated_at = @now, updated_import_id = @import, last_import_id = @import, last_import_row = {c("row_no")}
            """,
            from,
            $"products.id = {c("id")}"));
        await Run(writes.Updates, ProductColumns, (c, from) => $"""
            INSERT INTO product_history (product_id, seller_id, import_id, source, at, changes_json)
            SELECT {c("id")}, @seller, @import, 'import', @now, {c("changes")} {from}
            """);
        await Run(writes.Touches, ProductColumns, (c, from) =>
            d.UpdateFrom("products", $"content_hash = {c("content_hash")}, last_import_id = @import, last_import_row = {c("row_no")}", from, $"products.id = {c("id")}"));
        await Run(writes.Rejected, RejectedColumns, (c, from) => $"""
            INSERT INTO import_rejected_rows (import_id, row_no, cells_json)
            SELECT @import, {c("row_no")}, {c("cells")} {from}
            """);
        await Run(writes.Errors, ErrorColumns, (c, from) => $"""
            INSERT INTO import_errors (import_id, row_no, column_name, code, args_json)
            SELECT @import, {c("row_no")}, {c("col")}, {c("code")}, {c("args")} {from}
            """);
    }

    // The columns a new product is written with, in this order, by the INSERT and by the COPY.
    private const string NewProductColumns =
        "seller_id, seller_sku, name_ko, price_krw, stock, category, name_zh, brand, weight_g, origin, hs_code, barcode, image_urls, description, " +
        "extra_json, content_hash, listing_status, version, created_at, updated_at, created_import_id, updated_import_id, last_import_id, last_import_row";

    /// <summary>
    /// New products in the database's binary bulk format where it has one. The batch's SKUs were
    /// looked up first, so these rows are new; a product inserted meanwhile by another writer meets
    /// the unique key as the INSERT would, and the import is run again.
    /// </summary>
    private static async Task CopyInsertsAsync(BinaryInsert copy, Claim claim, List<ProductJson> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var p in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(claim.SellerId, cancellationToken);
            await copy.WriteAsync(p.Sku, cancellationToken);
            await copy.WriteAsync(p.NameKo, cancellationToken);
            await copy.WriteAsync(p.PriceKrw, cancellationToken);
            await copy.WriteAsync(checked((int)p.Stock), cancellationToken);
            await copy.WriteAsync(p.Category, cancellationToken);
            await copy.WriteAsync(p.NameZh, cancellationToken);
            await copy.WriteAsync(p.Brand, cancellationToken);
            if (p.WeightG is { } weight)
            {
                await copy.WriteAsync(checked((int)weight), cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
            }

            await copy.WriteAsync(p.Origin, cancellationToken);
            await copy.WriteAsync(p.HsCode, cancellationToken);
            await copy.WriteAsync(p.Barcode, cancellationToken);
            await copy.WriteAsync(p.ImageUrls, cancellationToken);
            await copy.WriteAsync(p.Description, cancellationToken);
            await copy.WriteAsync(p.ExtraJson, cancellationToken);
            await copy.WriteAsync(p.ContentHash, cancellationToken);
            await copy.WriteAsync("Draft", cancellationToken);
            await copy.WriteAsync(1, cancellationToken);
            await copy.WriteAsync(now, cancellationToken);
            await copy.WriteAsync(now, cancellationToken);
            await copy.WriteAsync(claim.Id, cancellationToken);
            await copy.WriteAsync(claim.Id, cancellationToken);
            await copy.WriteAsync(claim.Id, cancellationToken);
            await copy.WriteAsync(checked((int)p.RowNo), cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private sealed class Counts
    {
        public int Total;
        public int Accepted;
        public int Rejected;
        public int Created;
        public int Updated;
        public int Unchanged;

        public Outcome ToOutcome(string status) => new(status, Total, Accepted, Rejected, Created, Updated, Unchanged);
    }

    /// <summary>Where several nodes share the database, tells the others every few seconds that this import is alive and how far it got.</summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _disposed;

        public Heartbeat(Db db, long importId, Counts counts, TimeProvider clock)
        {
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(3), clock, _stop.Token);
                        await using var connection = await db.OpenAsync(_stop.Token);
                        await connection.ExecuteAsync(
                            "UPDATE imports SET heartbeat_at = @now, rows_total = @total WHERE id = @importId AND status = 'Running'",
                            new { importId, now = clock.GetUtcNow(), total = counts.Total });
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }

            _stop.Dispose();
        }
    }
}
