using CsvHelper;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Web.Features.Catalogue;
using SellerBridge.Web.Features.Sellers;
using SellerBridge.Web.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Benchmarks;

/// <summary>
/// Imports one catalogue file into a fresh database and prints rows/s, the time CsvHelper alone
/// takes to read the same file into records, and the process's peak working set.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(Options options)
    {
        var file = options["file"] ?? throw new ArgumentException("--file is required");
        var provider = Enum.Parse<DatabaseProvider>(options["provider"] ?? "Sqlite");
        var folder = Directory.CreateTempSubdirectory("sb-bench-");
        var connection = options["connection"] ?? $"Data Source={Path.Combine(folder.FullName, "bench.db")};Pooling=True";
        if (provider == DatabaseProvider.Postgres && options["fresh-database"] is not null)
        {
            // Each run on an empty database of its own, so runs do not see each other's rows.
            var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new Npgsql.NpgsqlConnection(connection))
            {
                await admin.OpenAsync();
                await admin.ExecuteAsync($"CREATE DATABASE {name}");
            }

            connection = new Npgsql.NpgsqlConnectionStringBuilder(connection) { Database = name }.ConnectionString;
        }

        // A server imports file after file: unless --cold is given, everything measured below runs once
        // first (CsvHelper, our reader, three imports of the file's first rows for another seller), so the
        // figures are those of a warm process rather than of the JIT's first, unoptimised code.
        var cold = options["cold"] is not null;
        var warmUpFile = cold ? null : WarmUpFile(file, folder.FullName);
        if (warmUpFile is not null)
        {
            // The JIT replaces first code with optimised code in the background once it is hot: a few passes.
            for (var pass = 0; pass < 4; pass++)
            {
                CsvHelperOnly(warmUpFile);
                ReaderOnly(warmUpFile);
            }
        }

        // CsvHelper alone: every cell of every row read as a string, nothing else.
        var (csvRows, csvTime) = await Measure.TimeAsync(() => Task.FromResult(CsvHelperOnly(file)));

        // Our reader with every rule of the catalogue table, still without a database.
        var (readerRows, readerTime) = await Measure.TimeAsync(() => Task.FromResult(ReaderOnly(file)));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder.FullName, EnvironmentName = "Benchmark", Args = AppExtensions.HostArgs() });
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration["ConnectionStrings:SellerBridge"] = connection;
        builder.Configuration["Jobs:Enabled"] = "false";
        builder.Configuration["Catalogue:MaxUploadMegabytes"] = "2000";
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.AddSellerBridge();
        await using var app = builder.Build();
        var services = app.Services;
        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
        var brn = "2208162517";
        if (warmUpFile is not null)
        {
            var warm = await services.GetRequiredService<SellerAccounts>().CreateAsync(
                new SellerAccounts.NewSeller("워밍업 상사", "1234567891", "측정", $"warm-{Guid.NewGuid():N}"[..20] + "@example.kr", "benchmark-password"), "Approved");
            // Three imports: the JIT's profile-guided recompilation of the import's code is still
            // running during a second import (a fifth of the CPU, profiled), not after a third.
            for (var pass = 0; pass < 3; pass++)
            {
                await using var stream = File.OpenRead(warmUpFile);
                var started = await services.GetRequiredService<StartImport>().StartAsync(new SellerScope(warm.SellerId), "warm-up.csv", stream, "benchmark", CancellationToken.None);
                await services.GetRequiredService<RunImport>().RunAsync(started.ImportId!.Value);
                await services.GetRequiredService<RunImport>().CheckpointAsync();
            }

            File.Delete(warmUpFile);
        }

        var seller = await services.GetRequiredService<SellerAccounts>().CreateAsync(
            new SellerAccounts.NewSeller("벤치마크 상사", brn, "측정", $"bench-{Guid.NewGuid():N}"[..20] + "@example.kr", "benchmark-password"), "Approved");
        var scope = new SellerScope(seller.SellerId);

        var (stored, storeTime) = await Measure.TimeAsync(async () =>
        {
            await using var stream = File.OpenRead(file);
            return await services.GetRequiredService<StartImport>().StartAsync(scope, Path.GetFileName(file), stream, "benchmark", CancellationToken.None);
        });
        var importId = stored.ImportId ?? throw new InvalidOperationException($"Upload refused: {stored.ErrorCode}");

        var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration(), Bytes: GC.GetTotalAllocatedBytes());
        var (outcome, importTime) = await Measure.TimeAsync(() => services.GetRequiredService<RunImport>().RunAsync(importId));
        var gc = (Gen0: GC.CollectionCount(0) - gcBefore.Gen0, Gen1: GC.CollectionCount(1) - gcBefore.Gen1, Gen2: GC.CollectionCount(2) - gcBefore.Gen2,
            Pause: GC.GetTotalPauseDuration() - gcBefore.Pause, Bytes: GC.GetTotalAllocatedBytes() - gcBefore.Bytes);
        var peak = Measure.PeakMegabytes();

        // What the import job does next, after the import's "Completed" is committed (SQLite only).
        var (_, checkpointTime) = await Measure.TimeAsync(async () =>
        {
            await services.GetRequiredService<RunImport>().CheckpointAsync();
            return 0;
        });

        // The same file again: every row found unchanged (skipped with --once).
        var (again, againTime) = await Measure.TimeAsync(async () =>
        {
            if (options["once"] is not null)
            {
                return null;
            }

            await using var stream = File.OpenRead(file);
            var second = await services.GetRequiredService<StartImport>().StartAsync(scope, "again.csv", stream, "benchmark", CancellationToken.None);
            var outcome = await services.GetRequiredService<RunImport>().RunAsync(second.ImportId!.Value);
            await services.GetRequiredService<RunImport>().CheckpointAsync();
            return outcome;
        });

        await using (var db = await services.GetRequiredService<Db>().OpenAsync())
        {
            var products = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products WHERE seller_id = @id", new { id = seller.SellerId });
            Console.WriteLine($"file:                {Path.GetFileName(file)} ({new FileInfo(file).Length / 1024.0 / 1024.0:F1} MB, {csvRows:N0} data rows)");
            Console.WriteLine($"database:            {provider}{(cold ? " (cold process: nothing run before)" : " (warm process: three imports of 50,000 rows ran first)")}");
            Console.WriteLine($"csvhelper only:      {csvTime.TotalSeconds:F2} s ({csvRows / csvTime.TotalSeconds:N0} rows/s)");
            Console.WriteLine($"reader + rules only: {readerTime.TotalSeconds:F2} s ({readerRows / readerTime.TotalSeconds:N0} rows/s)");
            Console.WriteLine($"store upload:        {storeTime.TotalSeconds:F2} s");
            Console.WriteLine($"import:              {importTime.TotalSeconds:F2} s ({outcome!.RowsTotal / importTime.TotalSeconds:N0} rows/s), {outcome.Status}, {outcome.RowsAccepted:N0} accepted, {outcome.RowsRejected:N0} rejected, {products:N0} products");
            Console.WriteLine($"import's GC:         {gc.Bytes / 1024.0 / 1024.0:N0} MB allocated, collections gen0 {gc.Gen0} / gen1 {gc.Gen1} / gen2 {gc.Gen2}, paused {gc.Pause.TotalMilliseconds:N0} ms");
            Console.WriteLine($"import / csvhelper:  {importTime.TotalSeconds / csvTime.TotalSeconds:F2}x");
            if (provider == DatabaseProvider.Sqlite)
            {
                Console.WriteLine($"checkpoint after:    {checkpointTime.TotalSeconds:F2} s (the job's next step: the WAL into the database file)");
            }

            if (again is not null)
            {
                Console.WriteLine($"same file again:     {againTime.TotalSeconds:F2} s ({again.Unchanged:N0} unchanged)");
            }

            Console.WriteLine($"peak working set:    {peak:F0} MB (after the first import)");
        }

        // The folder holds the SQLite database (when no connection was given) and the app's content root.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    /// <summary>The header and first 50,000 lines of the file, for the warm-up.</summary>
    private static string WarmUpFile(string file, string folder)
    {
        var path = Path.Combine(folder, "warm-up.csv");
        using var source = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
        using var target = new StreamWriter(path, false, new System.Text.UTF8Encoding(true));
        string? line;
        for (var i = 0; i <= 50_000 && (line = source.ReadLine()) is not null; i++)
        {
            target.Write(line);
            target.Write("\r\n");
        }

        return path;
    }

    // CsvHelper alone reading the file into records: one object per row with the catalogue's columns,
    // the stock and weight as numbers (the price stays text: "30,400" is how spreadsheets write it).
    private static long CsvHelperOnly(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with { HasHeader = true, Separator = Detect(file) });
        long rows = 0;
        foreach (var record in reader.GetRecords<CatalogueRecord>())
        {
            rows += record.Sku.Length > 0 ? 1 : 0;
        }

        return rows;
    }

    private static long ReaderOnly(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = CatalogueReader.Open(stream);
        return reader.ReadRows().LongCount(r => r.Accepted || !r.Accepted);
    }

    private static char Detect(string file)
    {
        using var text = new StreamReader(file);
        var header = text.ReadLine() ?? "";
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : header.Contains('\t') ? '\t' : ',';
    }
}

[CsvRecord]
internal sealed partial class CatalogueRecord
{
    [CsvColumn("판매자상품코드")]
    public string Sku { get; set; } = "";

    [CsvColumn("상품명")]
    public string NameKo { get; set; } = "";

    [CsvColumn("판매가")]
    public string Price { get; set; } = "";

    [CsvColumn("재고수량")]
    public int Stock { get; set; }

    [CsvColumn("카테고리")]
    public string Category { get; set; } = "";

    [CsvColumn("중문상품명", Optional = true)]
    public string? NameZh { get; set; }

    [CsvColumn("브랜드", Optional = true)]
    public string? Brand { get; set; }

    [CsvColumn("중량(g)", Optional = true)]
    public int? WeightG { get; set; }

    [CsvColumn("원산지", Optional = true)]
    public string? Origin { get; set; }

    [CsvColumn("HS코드", Optional = true)]
    public string? HsCode { get; set; }

    [CsvColumn("바코드", Optional = true)]
    public string? Barcode { get; set; }

    [CsvColumn("이미지URL", Optional = true)]
    public string? ImageUrls { get; set; }

    [CsvColumn("상세설명", Optional = true)]
    public string? Description { get; set; }
}
