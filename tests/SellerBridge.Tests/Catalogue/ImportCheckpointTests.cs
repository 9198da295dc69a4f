using Dapper;
using Microsoft.Data.Sqlite;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Catalogue;

/// <summary>
/// On SQLite the import's commit leaves its pages in the write-ahead log; the import job moves them
/// into the database file right after, so the file holds the catalogue and the log does not grow.
/// </summary>
public sealed class ImportCheckpointTests
{
    [Fact]
    public async Task After_an_import_the_database_file_itself_holds_the_products()
    {
        // The real job runs the import here, as in production.
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" });
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var rows = string.Concat(Enumerable.Range(1, 3000).Select(i => $"CP-{i:D5},대나무 도마 {i},{12000 + i},5,생활용품>주방용품>도마\r\n"));

        var response = await Imports.PostAsync(api, Imports.Utf8("판매자상품코드,상품명,판매가,재고수량,카테고리\r\n" + rows));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        // A copy of the database file alone, without its log, as a file-level backup would take it.
        long inFile = 0;
        for (var attempt = 0; attempt < 300 && inFile < 3000; attempt++)
        {
            inFile = await CountInFileAloneAsync(app.Database.SqliteFile!, seller.Id);
            if (inFile < 3000)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(3000, inFile);
    }

    [Fact]
    public async Task The_checkpoint_after_an_import_moves_it_from_the_log_into_the_database_file()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        var rows = string.Concat(Enumerable.Range(1, 500).Select(i => $"LG-{i:D5},옻칠 젓가락 {i},{8000 + i},9,생활용품>주방용품>수저\r\n"));
        var result = await Imports.ImportAsync(app, api, Imports.Utf8("판매자상품코드,상품명,판매가,재고수량,카테고리\r\n" + rows));
        Assert.Equal(500, result.GetProperty("rowsCreated").GetInt32());

        // Committed, so the seller sees it, but still in the log only: the commit did not checkpoint.
        Assert.Equal(500, await Imports.CountAsync(app, "products", seller.Id));
        Assert.Equal(0, await CountInFileAloneAsync(app.Database.SqliteFile!, seller.Id));

        await app.Get<SellerBridge.Web.Features.Catalogue.RunImport>().CheckpointAsync(TestContext.Current.CancellationToken);

        Assert.Equal(500, await CountInFileAloneAsync(app.Database.SqliteFile!, seller.Id));
    }

    [Fact]
    public async Task The_import_connection_goes_back_to_the_pool_with_the_usual_settings()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var db = database.Open();
        var (set, reset) = db.Dialect.BulkConnectionSettings;
        await using var connection = await db.OpenAsync(TestContext.Current.CancellationToken);
        var before = await SettingsAsync(connection);

        await connection.ExecuteAsync(set);
        Assert.NotEqual(before, await SettingsAsync(connection));
        await connection.ExecuteAsync(reset);

        Assert.Equal(before, await SettingsAsync(connection));
        Assert.Equal(1000, before.Checkpoint);
    }

    private static async Task<(long TempStore, long CacheSize, long Checkpoint)> SettingsAsync(System.Data.Common.DbConnection connection) => (
        await connection.ExecuteScalarAsync<long>("PRAGMA temp_store"),
        await connection.ExecuteScalarAsync<long>("PRAGMA cache_size"),
        await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));

    private static async Task<long> CountInFileAloneAsync(string file, long sellerId)
    {
        var copy = Path.Combine(Path.GetTempPath(), "sb-copy-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(file, copy);
        try
        {
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync();
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'products'") == 0)
            {
                return 0;
            }

            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products WHERE seller_id = @sellerId", new { sellerId });
        }
        finally
        {
            foreach (var path in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
