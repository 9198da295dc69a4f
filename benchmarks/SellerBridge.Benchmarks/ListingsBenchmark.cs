using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Web.Features.Listings;
using SellerBridge.Web.Features.Mapping;
using SellerBridge.Web.Features.Sellers;
using SellerBridge.Web.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Benchmarks;

/// <summary>
/// Publishes N listings to a sandbox marketplace on Kestrel that answers after 50 ms and bans above
/// its per-second limit, with our ceiling set to the same limit. Prints the calls per second achieved
/// while publishing, code-7 bans, duplicates (items per outer_id above one) and the total time.
/// </summary>
internal static class ListingsBenchmark
{
    public static async Task RunAsync(Options options)
    {
        var count = int.Parse(options["listings"] ?? "10000", CultureInfo.InvariantCulture);
        var limit = int.Parse(options["limit"] ?? "20", CultureInfo.InvariantCulture);
        var latency = int.Parse(options["latency"] ?? "50", CultureInfo.InvariantCulture);
        var workers = int.Parse(options["workers"] ?? "2", CultureInfo.InvariantCulture);
        var provider = Enum.Parse<DatabaseProvider>(options["provider"] ?? "Sqlite");
        var folder = Directory.CreateTempSubdirectory("sb-bench-listings-");
        var connection = options["connection"] ?? $"Data Source={Path.Combine(folder.FullName, "bench.db")};Pooling=True";

        var arrivals = new ConcurrentQueue<DateTimeOffset>();
        var sandboxBuilder = WebApplication.CreateSlimBuilder();
        sandboxBuilder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        sandboxBuilder.Logging.ClearProviders();
        sandboxBuilder.Services.AddSandboxMarketplace(o =>
        {
            (o.AppKey, o.AppSecret, o.SessionKey) = ("31415926", "bench-secret", "6100bench-session");
            (o.CallsPerSecond, o.LatencyMilliseconds, o.AuditDelaySeconds, o.BanSeconds) = (limit, latency, 0, 5);
            o.Buyers.Enabled = false;
        });
        await using var sandbox = sandboxBuilder.Build();
        sandbox.Use(async (context, next) =>
        {
            arrivals.Enqueue(DateTimeOffset.UtcNow);
            await next();
        });
        sandbox.MapSandboxMarketplace();
        await sandbox.StartAsync();
        var gateway = sandbox.Urls.Single().TrimEnd('/') + "/router/rest";

        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder.FullName, EnvironmentName = "Benchmark", Args = AppExtensions.HostArgs() });
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:SellerBridge"] = connection,
            ["Jobs:Enabled"] = "false",
            ["Sandbox:SeedDemoAccounts"] = "false",
            ["Marketplace:Mode"] = "Live",
            ["Marketplace:GatewayUrl"] = gateway,
            ["Marketplace:AppKey"] = "31415926",
            ["Marketplace:AppSecret"] = "bench-secret",
            ["Marketplace:SessionKey"] = "6100bench-session",
            ["Marketplace:CallsPerSecond"] = limit.ToString(CultureInfo.InvariantCulture),
            ["Listings:AuditCheckDelaySeconds"] = "0",
            // Live marketplace mode makes payments live too; never called here.
            ["Payments:GatewayUrl"] = "http://127.0.0.1:9/gateway.do",
            ["Payments:NotifyUrl"] = "http://127.0.0.1:9/payments/notify",
            ["Payments:AppId"] = "2021000000000000",
            ["Payments:SellerId"] = "2088000000000000",
            ["Payments:AppPrivateKey"] = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
            ["Payments:ProcessorPublicKey"] = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()),
        };
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.AddSellerBridge();
        await using var app = builder.Build();
        var services = app.Services;
        var db = services.GetRequiredService<Db>();
        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
        var seller = await services.GetRequiredService<SellerAccounts>().CreateAsync(
            new SellerAccounts.NewSeller("벤치마크 상사", "2208162517", "측정", $"bench-{Guid.NewGuid():N}"[..20] + "@example.kr", "benchmark-password"), "Approved");

        var setup = Stopwatch.StartNew();
        await InsertProductsAsync(db, seller.SellerId, count);
        await services.GetRequiredService<DraftRecomputer>().ForAllAsync();
        var submitted = await services.GetRequiredService<SubmitListings>().SubmitAsync(
            new SellerScope(seller.SellerId), new SubmitListings.Input(null, true, "benchmark"));
        Console.WriteLine($"setup: {count:N0} products, drafts and submission ({submitted.Accepted:N0} accepted) in {setup.Elapsed.TotalSeconds:N1} s");

        var marketplace = sandbox.Services.GetRequiredService<SandboxMarketplace>();
        int Calls() => new[] { "taobao.items.custom.get", "taobao.item.add", "taobao.item.update", "taobao.item.seller.get" }.Sum(marketplace.CallsTo);
        var callsBefore = Calls();
        var arrivalsBefore = arrivals.Count;
        var total = Stopwatch.StartNew();
        var publish = services.GetRequiredService<PublishListings>();
        await Task.WhenAll(Enumerable.Range(1, workers).Select(w => Task.Run(() => publish.RunAsync($"bench-{w}"))));
        var publishTime = total.Elapsed;
        var publishCalls = Calls() - callsBefore;
        var audits = services.GetRequiredService<CheckAudits>();
        while (await UnsettledAsync(db) > 0)
        {
            await audits.RunAsync("bench-audit");
            // Retries that became due while audits ran.
            await publish.RunAsync("bench-retry");
        }

        var totalTime = total.Elapsed;
        var store = sandbox.Services.GetRequiredService<IMarketplaceStore>();
        var items = store.Items(store.Shops().Single().Id);
        var duplicates = items.GroupBy(i => i.OuterId).Sum(g => g.Count() - 1);
        await using var c = await db.OpenAsync();
        var bans = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listing_attempts WHERE outcome = 'Throttled' OR code = 7");
        var statuses = (await c.QueryAsync<(string, long)>("SELECT status, COUNT(*) FROM listings GROUP BY status")).Select(s => $"{s.Item1} {s.Item2:N0}");
        var busiest = arrivals.Skip(arrivalsBefore).GroupBy(a => a.ToUnixTimeSeconds()).Max(g => g.Count());

        Console.WriteLine($"listings: {count:N0} on {provider}, sandbox limit {limit}/s, latency {latency} ms, our ceiling {limit}/s, {workers} workers");
        Console.WriteLine($"publishing: {publishCalls:N0} calls in {publishTime.TotalSeconds:N1} s = {publishCalls / publishTime.TotalSeconds:N2} calls/s ({publishCalls / publishTime.TotalSeconds / limit:P1} of the limit)");
        Console.WriteLine($"busiest second at the gateway: {busiest} calls; code-7 bans hit: {bans}; duplicates: {duplicates}; items: {items.Count:N0}");
        Console.WriteLine($"total (publish + audits): {totalTime.TotalSeconds:N1} s; statuses: {string.Join(", ", statuses)}");
    }

    private static async Task<long> UnsettledAsync(Db db)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listings WHERE status NOT IN ('Live', 'Rejected', 'Failed', 'Delisted')");
    }

    private static async Task InsertProductsAsync(Db db, long sellerId, int count)
    {
        await using var connection = await db.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO products (seller_id, seller_sku, name_ko, price_krw, stock, category, name_zh, brand, weight_g, origin, image_urls,
                description, extra_json, content_hash, listing_status, version, created_at, updated_at)
            VALUES (@sellerId, @sku, @nameKo, 12900, 10, '화장품>스킨케어>에센스', @nameZh, '설화', 480, 'KR', @images,
                '补水保湿，温和不刺激。', '{"용량":"50ml"}', 'bench', 'Draft', 1, @now, @now)
            """,
            Enumerable.Range(0, count).Select(i => new
            {
                sellerId,
                sku = $"SKU-{i:D7}",
                nameKo = $"상품 {i}",
                nameZh = $"韩国人参精华液 {i % 100}ml",
                images = $"https://img.example.kr/{i}-1.jpg",
                now,
            }),
            tx);
        await tx.CommitAsync();
    }
}
