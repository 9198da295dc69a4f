using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence;

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
            return outcome;
        }
        finally
        {
            progress.Finish(importId);
        }
    }

    private sealed record Claim(long Id, long SellerId, long SizeBytes);

    private async Task<Claim?> ClaimAsync(long importId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // On SQLite there is one node: a Running import older than this process was left by a process that died.
        var staleBefore = db.Provider == DatabaseProvider.Sqlite ? ProcessStarted : now.AddSeconds(-options.Value.StaleAfterSeconds);
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
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var heartbeat = db.Provider == DatabaseProvider.Sqlite ? null : new Heartbeat(db, claim.Id, counts, clock);
        try
        {
            await using var file = new ImportFileStream(await db.OpenAsync(cancellationToken), claim.Id, claim.SizeBytes);
            using var reader = CatalogueReader.Open(file);
            var skuHeader = reader.Info.Header.FirstOrDefault(h => CatalogueColumns.TryMatch(h, out var c) && c == CatalogueColumn.SellerSku) ?? "seller_sku";
            await using var writer = new BulkWriter(connection, tx);
            var batch = new List<ParsedRow>(options.Value.BatchSize);
            foreach (var row in reader.ReadRows())
            {
                batch.Add(row);
                if (batch.Count == options.Value.BatchSize)
                {
                    await WriteBatchAsync(connection, tx, writer, claim, batch, skuHeader, counts, cancellationToken);
                    batch.Clear();
                    progress.Report(claim.Id, counts.Total, reader.BytesConsumed);
                }
            }

            await WriteBatchAsync(connection, tx, writer, claim, batch, skuHeader, counts, cancellationToken);
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

        public string NameKo { get; init; } = "";

        public long PriceKrw { get; init; }

        public long Stock { get; init; }

        public string Category { get; init; } = "";

        public string? NameZh { get; init; }

        public string? Brand { get; init; }

        public long? WeightG { get; init; }

        public string Origin { get; init; } = "";

        public string? HsCode { get; init; }

        public string? Barcode { get; init; }

        public string ImageUrls { get; init; } = "";

        public string? Description { get; init; }

        public string ExtraJson { get; init; } = "{}";

        public ProductSnapshot Snapshot() => new(NameKo, PriceKrw, Stock, Category, NameZh, Brand, WeightG, Origin, HsCode, Barcode, ImageUrls, Description, ExtraJson);
    }

    private const string SelectExisting = """
        SELECT id AS Id, seller_sku AS SellerSku, content_hash AS ContentHash, last_import_id AS LastImportId, last_import_row AS LastImportRow,
               name_ko AS NameKo, price_krw AS PriceKrw, stock AS Stock, category AS Category, name_zh AS NameZh, brand AS Brand,
               weight_g AS WeightG, origin AS Origin, hs_code AS HsCode, barcode AS Barcode, image_urls AS ImageUrls,
               description AS Description, extra_json AS ExtraJson
        FROM products WHERE seller_id = @sellerId AND 
        """;

    private const string InsertProduct = """
        INSERT INTO products (seller_id, seller_sku, name_ko, price_krw, stock, category, name_zh, brand, weight_g, origin, hs_code, barcode,
            image_urls, description, extra_json, content_hash, listing_status, version, created_at, updated_at, created_import_id, updated_import_id, last_import_id, last_import_row)
        VALUES (@seller, @sku, @name_ko, @price, @stock, @category, @name_zh, @brand, @weight, @origin, @hs, @barcode,
            @images, @description, @extra, @hash, 'Draft', 1, @now, @now, @import, @import, @import, @row)
        """;

    private const string UpdateProduct = """
        UPDATE products SET name_ko = @name_ko, price_krw = @price, stock = @stock, category = @category, name_zh = @name_zh, brand = @brand,
            weight_g = @weight, origin = @origin, hs_code = @hs, barcode = @barcode, image_urls = @images, description = @description,
            extra_json = @extra, content_hash = @hash, version = version + 1, updated_at = @now, updated_import_id = @import,
            last_import_id = @import, last_import_row = @row
        WHERE id = @id
        """;

    private const string TouchProduct = "UPDATE products SET last_import_id = @import, last_import_row = @row WHERE id = @id";

    private const string InsertHistory = """
        INSERT INTO product_history (product_id, seller_id, import_id, source, at, changes_json) VALUES (@id, @seller, @import, 'import', @now, @changes)
        """;

    private const string InsertError = """
        INSERT INTO import_errors (import_id, row_no, column_name, code, args_json) VALUES (@import, @row, @column, @code, @args)
        """;

    private const string InsertRejected = "INSERT INTO import_rejected_rows (import_id, row_no, cells_json) VALUES (@import, @row, @cells)";

    private async Task WriteBatchAsync(
        DbConnection connection, DbTransaction tx, BulkWriter writer, Claim claim, List<ParsedRow> batch, string skuHeader, Counts counts, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var now = db.Dialect.Time(clock.GetUtcNow());
        var accepted = batch.Where(r => r.Accepted).ToList();
        var existing = accepted.Count == 0
            ? new Dictionary<string, Existing>(StringComparer.Ordinal)
            : (await connection.QueryAsync<Existing>(
                new CommandDefinition(SelectExisting + db.Dialect.InList("seller_sku", "skus"), new { sellerId = claim.SellerId, skus = accepted.Select(r => r.Product!.SellerSku).Distinct().ToList() }, tx, cancellationToken: cancellationToken)))
                .ToDictionary(e => e.SellerSku, StringComparer.Ordinal);
        var firstInBatch = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var row in batch)
        {
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
                    await UpsertAsync(writer, claim, row, existing.GetValueOrDefault(sku), now, counts);
                    counts.Accepted++;
                    continue;
                }

                errors = [new CellError(row.Row, skuHeader, CatalogueErrorCodes.SkuDuplicate, [firstRow.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)])];
            }

            counts.Rejected++;
            await writer.AddAsync(InsertRejected, ("import", claim.Id), ("row", row.Row), ("cells", JsonSerializer.Serialize(row.Cells, ProductSnapshot.Json)));
            foreach (var error in errors)
            {
                await writer.AddAsync(InsertError, ("import", claim.Id), ("row", error.Row), ("column", error.Column), ("code", error.Code), ("args", JsonSerializer.Serialize(error.Args, ProductSnapshot.Json)));
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static async Task UpsertAsync(BulkWriter writer, Claim claim, ParsedRow row, Existing? existing, object now, Counts counts)
    {
        var p = row.Product!;
        var snapshot = ProductSnapshot.From(p);
        var hash = snapshot.Hash();
        if (existing is not null && existing.ContentHash == hash)
        {
            counts.Unchanged++;
            await writer.AddAsync(TouchProduct, ("import", claim.Id), ("row", row.Row), ("id", existing.Id));
            return;
        }

        (string, object?)[] fields =
        [
            ("name_ko", snapshot.NameKo), ("price", snapshot.PriceKrw), ("stock", snapshot.Stock), ("category", snapshot.Category),
            ("name_zh", snapshot.NameZh), ("brand", snapshot.Brand), ("weight", snapshot.WeightG), ("origin", snapshot.Origin),
            ("hs", snapshot.HsCode), ("barcode", snapshot.Barcode), ("images", snapshot.ImageUrls), ("description", snapshot.Description),
            ("extra", snapshot.ExtraJson), ("hash", hash), ("now", now), ("import", claim.Id), ("row", row.Row),
        ];
        if (existing is null)
        {
            counts.Created++;
            await writer.AddAsync(InsertProduct, [("seller", claim.SellerId), ("sku", p.SellerSku), .. fields]);
            return;
        }

        counts.Updated++;
        await writer.AddAsync(UpdateProduct, [.. fields, ("id", existing.Id)]);
        await writer.AddAsync(InsertHistory, ("id", existing.Id), ("seller", claim.SellerId), ("import", claim.Id), ("now", now), ("changes", existing.Snapshot().DiffJson(snapshot)));
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

    /// <summary>On PostgreSQL, tells other nodes every few seconds that this import is alive and how far it got.</summary>
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
