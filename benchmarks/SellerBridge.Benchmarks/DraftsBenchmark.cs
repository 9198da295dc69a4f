using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SellerBridge.Web.Features.Mapping;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Benchmarks;

/// <summary>
/// Seeds products straight into a fresh database, computes their drafts once, then enters a new rate
/// and times the recompute of every draft: the work the background job does after a rate change.
/// </summary>
public static class DraftsBenchmark
{
    // The seeded rules' paths plus an unmapped one, so the mix of Ready and NeedsAttention is realistic.
    private static readonly string[] Categories =
        ["화장품>스킨케어>에센스", "화장품>메이크업>쿠션", "식품>건강식품>홍삼", "식품>과자>스낵", "식품>차>녹차", "생활용품>주방용품>밀폐용기", "패션>여성의류"];

    public static async Task RunSqliteAsync(int products)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sb-bench-{Guid.NewGuid():N}.db");
        try
        {
            await RunAsync(new Db(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=True"), products, "SQLite");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    public static async Task RunPostgresAsync(int products, string connectionString)
    {
        var name = $"sb_bench_{Guid.NewGuid():N}"[..24];
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.ExecuteAsync($"CREATE DATABASE {name}");
        }

        try
        {
            var database = new NpgsqlConnectionStringBuilder(connectionString) { Database = name };
            await RunAsync(new Db(DatabaseProvider.Postgres, database.ConnectionString), products, "PostgreSQL");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server.ConnectionString);
            await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task RunAsync(Db db, int products, string label)
    {
        DapperTypeHandlers.Register();
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        var watch = Stopwatch.StartNew();
        await SeedAsync(db, products);
        Console.WriteLine($"{label}: seeded {products:N0} products in {watch.Elapsed.TotalSeconds:0.00} s");

        var clock = TimeProvider.System;
        var recomputer = new DraftRecomputer(db, new RulesInForce(clock), new DraftWriter(db), clock, NullLogger<DraftRecomputer>.Instance);
        watch.Restart();
        var first = await recomputer.ForAllAsync();
        Console.WriteLine($"{label}: first drafts for {first.Evaluated:N0} products in {watch.Elapsed.TotalSeconds:0.00} s ({first.DraftsWritten:N0} written)");

        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO exchange_rates (krw_per_cny, effective_from, created_at, created_by) VALUES (@rate, @day, @now, NULL)",
                new { rate = 187.35m, day = new RulesInForce(clock).Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), now = clock.GetUtcNow() });
        }

        watch.Restart();
        var result = await recomputer.ForAllAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"{label}: recompute after a rate change: {result.Evaluated:N0} products in {seconds:0.00} s " +
            $"({result.Evaluated / seconds:N0}/s; {result.DraftsWritten:N0} drafts written, {result.StatusesChanged:N0} statuses changed)");
    }

    private static async Task SeedAsync(Db db, int products)
    {
        await using var connection = await db.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var sellerId = await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId("INSERT INTO sellers (company_name, brn, contact_name, email, status, created_at) VALUES ('벤치마크상사', '2208112341', '홍길동', 'bench@example.kr', 'Approved', @now)"),
            new { now });
        const int batch = 5_000;
        for (var start = 0; start < products; start += batch)
        {
            await using var tx = await connection.BeginTransactionAsync();
            var rows = Enumerable.Range(start, Math.Min(batch, products - start)).Select(i => new
            {
                sellerId,
                sku = $"SKU-{i:D7}",
                nameKo = $"상품 {i}",
                price = 5_000L + (i % 200) * 500,
                category = Categories[i % Categories.Length],
                // Every tenth product lacks its Chinese title, so some drafts need attention.
                nameZh = i % 10 == 0 ? null : $"韩国人参精华液 {i % 100}ml",
                weight = 100 + (i % 40) * 50,
                images = $"https://img.example.kr/{i}-1.jpg\nhttps://img.example.kr/{i}-2.jpg",
                extra = """{"용량":"50ml","유통기한":"24개월"}""",
                now,
            });
            await connection.ExecuteAsync(
                """
                INSERT INTO products (seller_id, seller_sku, name_ko, price_krw, stock, category, name_zh, brand, weight_g, origin, image_urls,
                    description, extra_json, content_hash, listing_status, version, created_at, updated_at)
                VALUES (@sellerId, @sku, @nameKo, @price, 10, @category, @nameZh, '설화', @weight, 'KR', @images,
                    '补水保湿，温和不刺激。', @extra, 'bench', 'Draft', 1, @now, @now)
                """,
                rows,
                tx);
            await tx.CommitAsync();
        }
    }
}
