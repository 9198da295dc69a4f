using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Catalogue;

/// <summary>The app is killed in the middle of an import, started again, and ends with exactly the file's products.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ImportCrashTests
{
    private const int Rows = 300_000;

    [Theory]
    [AllProviders]
    public async Task A_process_killed_mid_import_leaves_nothing_half_written_and_finishes_after_restart(string provider)
    {
        using var database = TestDatabase.Create(provider);
        Accounts.Seller seller;
        await using (var setup = new AppFactory(database, ownsDatabase: false))
        {
            seller = await Accounts.CreateAsync(setup);
        }

        var env = new Dictionary<string, string>
        {
            ["Jobs__Enabled"] = "true",
            ["Catalogue__StaleAfterSeconds"] = "3",
            ["Sandbox__SeedDemoAccounts"] = "false",
        };
        var file = Generate(Rows);
        long importId;
        await using (var first = await RunningApp.StartAsync(database, env))
        {
            using var api = Client(first, seller.ApiKey);
            using var content = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "big.csv" } };
            var response = await api.PostAsync("/api/v1/catalogue/imports", content);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            importId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

            await WaitForAsync(api, importId, s => s == "Running", TimeSpan.FromSeconds(60));
            await Task.Delay(500);
            first.Kill();
        }

        await using (var connection = await database.Open().OpenAsync())
        {
            Assert.Equal("Running", await connection.ExecuteScalarAsync<string>("SELECT status FROM imports WHERE id = @importId", new { importId }));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products WHERE seller_id = @Id", new { seller.Id }));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM import_errors WHERE import_id = @importId", new { importId }));
        }

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await using (var second = await RunningApp.StartAsync(database, env))
        {
            using var api = Client(second, seller.ApiKey);
            var done = await WaitForAsync(api, importId, s => s is "Completed" or "Failed", TimeSpan.FromMinutes(3));
            // A figure for scripts/measure-sqlite-job-storage.sh, not an assertion.
            TestContext.Current.TestOutputHelper?.WriteLine($"recovered after restart in {restarted.Elapsed.TotalSeconds:F1} s (import)");
            Assert.Equal("Completed", done.GetProperty("status").GetString());
            Assert.Equal(Rows, done.GetProperty("rowsAccepted").GetInt32());
        }

        await using (var connection = await database.Open().OpenAsync())
        {
            Assert.Equal(Rows, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products WHERE seller_id = @Id", new { seller.Id }));
            Assert.Equal(Rows, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT seller_sku) FROM products WHERE seller_id = @Id", new { seller.Id }));
            Assert.True(await connection.ExecuteScalarAsync<long>("SELECT attempts FROM imports WHERE id = @importId", new { importId }) >= 2);
        }
    }

    private static HttpClient Client(RunningApp app, string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient api, long importId, Func<string, bool> done, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        JsonElement state = default;
        while (DateTime.UtcNow < until)
        {
            state = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/catalogue/imports/{importId}")).RootElement.Clone();
            if (done(state.GetProperty("status").GetString()!))
            {
                return state;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Import {importId} did not reach the expected state in {limit}: {state}");
        return state;
    }

    private static byte[] Generate(int rows)
    {
        var text = new StringBuilder("seller_sku,name_ko,price_krw,stock,category,name_zh,weight_g,image_urls\n", rows * 120);
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"BIG-{i:D7},대량 상품 {i},{1000 + (i % 5000) * 10},{i % 300},생활용품>주방용품>밀폐용기,大量商品 {i},{100 + (i % 900)},https://img.example.com/big/{i}.jpg\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
