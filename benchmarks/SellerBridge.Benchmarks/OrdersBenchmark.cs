using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Features.Sellers;
using SellerBridge.Web.Infrastructure;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Benchmarks;

/// <summary>
/// Payment notifications through the real handler (signature check, order checks, the applied
/// record and the settlement in one transaction): throughput with parallel senders, and latency
/// percentiles at a steady rate. Then the orders page handler on a seller with many orders: the
/// first page and a deep page (keyset), totals included.
/// </summary>
internal static class OrdersBenchmark
{
    private const string AppId = "2021000000000042";
    private const string MerchantId = "2088000000000042";

    public static async Task RunAsync(Options options)
    {
        var provider = Enum.Parse<DatabaseProvider>(options["provider"] ?? "Sqlite");
        var orders = int.Parse(options["orders"] ?? "200000", CultureInfo.InvariantCulture);
        var notifications = int.Parse(options["notifications"] ?? "5000", CultureInfo.InvariantCulture);
        var rate = int.Parse(options["rate"] ?? "200", CultureInfo.InvariantCulture);
        var senders = int.Parse(options["senders"] ?? "16", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("sb-bench-");
        var connection = options["connection"] ?? $"Data Source={Path.Combine(folder.FullName, "bench.db")};Pooling=True";
        using var appKey = RSA.Create(2048);
        using var processorKey = RSA.Create(2048);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder.FullName, EnvironmentName = "Benchmark", Args = AppExtensions.HostArgs() });
        builder.Configuration["Database:Provider"] = provider.ToString();
        builder.Configuration["ConnectionStrings:SellerBridge"] = connection;
        builder.Configuration["Jobs:Enabled"] = "false";
        builder.Configuration["Payments:AppId"] = AppId;
        builder.Configuration["Payments:SellerId"] = MerchantId;
        builder.Configuration["Payments:AppPrivateKey"] = appKey.ExportPkcs8PrivateKeyPem();
        builder.Configuration["Payments:ProcessorPublicKey"] = processorKey.ExportSubjectPublicKeyInfoPem();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.AddSellerBridge();
        await using var app = builder.Build();
        var services = app.Services;
        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
        var db = services.GetRequiredService<Db>();
        var seller = await services.GetRequiredService<SellerAccounts>().CreateAsync(
            new SellerAccounts.NewSeller("벤치마크 상사", "2208162517", "측정", $"bench-{Guid.NewGuid():N}"[..20] + "@example.kr", "benchmark-password"), "Approved");
        var handler = services.GetRequiredService<HandlePaymentNotification>();

        // Throughput: unpaid orders, each paid by one signed notification, sent by 16 senders at once (--senders).
        // The process is warmed first with 1,000 others, as a running server's is: the JIT's first
        // compilations otherwise take a tenth of the CPU during the measured burst (profiled).
        async Task SendAllAsync(IReadOnlyList<HandlePaymentNotification.Input> inputs)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < inputs.Count; i = Interlocked.Increment(ref next))
                {
                    var result = await handler.HandleAsync(inputs[i], CancellationToken.None);
                    if (result.Verdict != HandlePaymentNotification.Applied)
                    {
                        throw new InvalidOperationException($"Notification {i}: {result.Verdict} {result.Reason}");
                    }
                }
            })));
        }

        await SendAllAsync(await PrepareAsync(db, seller.SellerId, 500_000_000, 1_000, processorKey));
        var burst = await PrepareAsync(db, seller.SellerId, 1_000_000_000, notifications, processorKey);
        var watch = Stopwatch.StartNew();
        await SendAllAsync(burst);
        var burstTime = watch.Elapsed;
        var perSecond = burst.Count / burstTime.TotalSeconds;

        // Latency at a steady rate: one notification every 1/rate s, each timed on its own.
        var paced = await PrepareAsync(db, seller.SellerId, 2_000_000_000, rate * 10, processorKey);
        var latencies = new double[paced.Count];
        var tasks = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < paced.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var one = Stopwatch.StartNew();
                await handler.HandleAsync(paced[index], CancellationToken.None);
                latencies[index] = one.Elapsed.TotalMilliseconds;
            }));
        }

        await Task.WhenAll(tasks);

        // The orders page on a seller with many orders.
        var seed = Stopwatch.StartNew();
        await SeedOrdersAsync(db, seller.SellerId, orders);
        var seedTime = seed.Elapsed;
        // What the totals job does every few seconds in a running app (PostgreSQL keeps the totals).
        var fold = Stopwatch.StartNew();
        var folded = await services.GetRequiredService<OrderTotals>().FoldAsync();
        var foldTime = fold.Elapsed;
        var list = services.GetRequiredService<OrderList>();
        var scope = new SellerScope(seller.SellerId);
        string deepCursor;
        await using (var c = await db.OpenAsync())
        {
            var deep = await c.QuerySingleAsync<(long Id, DateTimeOffset Created)>(
                "SELECT id, created FROM orders ORDER BY created DESC, id DESC" + (provider == DatabaseProvider.SqlServer ? " OFFSET @skip ROWS FETCH NEXT 1 ROWS ONLY" : " LIMIT 1 OFFSET @skip"),
                new { skip = orders * 3 / 4 });
            deepCursor = deep.Created.UtcTicks.ToString(CultureInfo.InvariantCulture) + "-" + deep.Id.ToString(CultureInfo.InvariantCulture);
        }

        var first = await TimeAsync(() => list.ForSellerAsync(scope, new OrderFilter(), null), 40);
        var deepPage = await TimeAsync(() => list.ForSellerAsync(scope, new OrderFilter(), deepCursor), 40);
        var filtered = await TimeAsync(() => list.ForSellerAsync(scope, new OrderFilter(PaymentStatus: "TRADE_SUCCESS"), deepCursor), 40);
        var firstApi = await TimeAsync(() => list.ForSellerAsync(scope, new OrderFilter(), null, withTotals: false), 40);
        var deepApi = await TimeAsync(() => list.ForSellerAsync(scope, new OrderFilter(), deepCursor, withTotals: false), 40);

        Array.Sort(latencies);
        Console.WriteLine($"database:                       {provider}");
        Console.WriteLine($"notifications, {senders,2} senders:      {burst.Count:N0} in {burstTime.TotalSeconds:F2} s = {perSecond:N0} verified/s");
        Console.WriteLine($"latency at {rate}/s ({paced.Count:N0}):       p50 {Pct(latencies, 0.50):F1} ms, p99 {Pct(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");
        Console.WriteLine($"orders seeded:                  {orders:N0} for one seller in {seedTime.TotalSeconds:F1} s");
        Console.WriteLine($"totals folded:                  {folded:N0} changes in {foldTime.TotalSeconds:F2} s");
        Console.WriteLine($"orders page, first:             p50 {Pct(first, 0.50):F1} ms, p95 {Pct(first, 0.95):F1} ms");
        Console.WriteLine($"orders page, deep (75%):        p50 {Pct(deepPage, 0.50):F1} ms, p95 {Pct(deepPage, 0.95):F1} ms");
        Console.WriteLine($"orders page, deep + filter:     p50 {Pct(filtered, 0.50):F1} ms, p95 {Pct(filtered, 0.95):F1} ms");
        Console.WriteLine($"  without totals (API), first:  p50 {Pct(firstApi, 0.50):F1} ms, p95 {Pct(firstApi, 0.95):F1} ms");
        Console.WriteLine($"  without totals (API), deep:   p50 {Pct(deepApi, 0.50):F1} ms, p95 {Pct(deepApi, 0.95):F1} ms");

        // The folder holds the SQLite database (when no connection was given) and the app's content root.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static double Pct(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<double[]> TimeAsync(Func<Task<OrderList.Page>> page, int runs)
    {
        await page(); // warm-up
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await page();
            times[i] = watch.Elapsed.TotalMilliseconds;
            if (result.Rows.Count == 0)
            {
                throw new InvalidOperationException("The page is empty.");
            }
        }

        Array.Sort(times);
        return times;
    }

    /// <summary>Unpaid one-line orders and, for each, the processor's signed TRADE_SUCCESS notification.</summary>
    private static async Task<List<HandlePaymentNotification.Input>> PrepareAsync(Db db, long sellerId, long firstTid, int count, RSA processorKey)
    {
        var now = DateTimeOffset.UtcNow;
        await using (var c = await db.OpenAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            for (var i = 0; i < count; i++)
            {
                var tid = firstTid + i;
                var orderId = await c.ExecuteScalarAsync<long>(db.Dialect.InsertReturningId("""
                    INSERT INTO orders (shop, tid, status, created, modified, payment_cny, receiver_state)
                    VALUES ('bench', @tid, 'WAIT_BUYER_PAY', @now, @now, 89.90, '上海')
                    """), new { tid, now }, tx);
                await c.ExecuteAsync("""
                    INSERT INTO order_lines (order_id, seller_id, oid, outer_iid, num_iid, title, price_cny, num, total_fee_cny, status)
                    VALUES (@orderId, @sellerId, @tid, @outer, 1, '韩国 红参', 89.90, 1, 89.90, 'WAIT_BUYER_PAY')
                    """, new { orderId, sellerId, tid, outer = OuterId.Format(sellerId, "RG-" + tid.ToString(CultureInfo.InvariantCulture)) }, tx);
            }

            await tx.CommitAsync();
            // Statistics that know these orders are there, as autovacuum soon gives a live database;
            // without them PostgreSQL plans the settlement's line lookup as a scan of the whole table.
            await c.ExecuteAsync("ANALYZE;");
        }

        return Enumerable.Range(0, count).Select(i =>
        {
            var tid = (firstTid + i).ToString(CultureInfo.InvariantCulture);
            var form = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["notify_time"] = "2025-03-14 09:31:02", ["notify_type"] = "trade_status_sync", ["notify_id"] = Guid.NewGuid().ToString("N"),
                ["app_id"] = AppId, ["charset"] = "utf-8", ["version"] = "1.0", ["sign_type"] = "RSA2", ["trade_no"] = "20250314220014" + tid,
                ["out_trade_no"] = tid, ["seller_id"] = MerchantId, ["trade_status"] = "TRADE_SUCCESS", ["total_amount"] = "89.90",
                ["gmt_payment"] = "2025-03-14 09:31:00",
            };
            form["sign"] = AlipaySignature.Sign(AlipaySignature.Content(form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), "sign", "sign_type"), processorKey);
            var raw = string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            return new HandlePaymentNotification.Input(raw, form);
        }).ToList();
    }

    /// <summary>Many settled orders for one seller, written by the database itself from a number series.</summary>
    private static async Task SeedOrdersAsync(Db db, long sellerId, int count)
    {
        await using var c = await db.OpenAsync();
        var created = db.Provider == DatabaseProvider.Postgres
            ? "TIMESTAMPTZ '2026-01-01 00:00:00+00' - s.i * INTERVAL '1 minute'"
            : "strftime('%Y-%m-%dT%H:%M:%S.0000000Z', '2026-01-01', '-' || s.i || ' minutes')";
        var series = "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @count)";
        await c.ExecuteAsync($"""
            INSERT INTO orders (shop, tid, status, created, modified, payment_cny, receiver_state, payment_status)
            {series} SELECT 'bench', 5000000000 + s.i, 'WAIT_SELLER_SEND_GOODS', {created}, {created}, 89.90, '上海', 'TRADE_SUCCESS' FROM s
            """, new { count }, commandTimeout: 600);
        await c.ExecuteAsync("""
            INSERT INTO order_lines (order_id, seller_id, oid, outer_iid, num_iid, title, price_cny, num, total_fee_cny, status)
            SELECT id, @sellerId, tid, 'bench-' || tid, 1, '韩国 红参', 89.90, 1, 89.90, status FROM orders WHERE tid > 5000000000
            """, new { sellerId }, commandTimeout: 600);
        await c.ExecuteAsync("""
            INSERT INTO settlements (order_line_id, seller_id, cny_amount, rate, rate_source, krw_gross, processor_fee_percent, processor_fee_krw,
                                     commission_percent, commission_krw, krw_net, settlement_date, computed_at)
            SELECT l.id, l.seller_id, 89.90, 190.50, 'bench', 17126, 1.0, 171, 5.0, 856, 16099, '2025-12-31', o.created
            FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.tid > 5000000000
            """, commandTimeout: 600);
        // Fresh statistics (and on PostgreSQL the visibility map), as autovacuum leaves a long-running database.
        await c.ExecuteAsync(db.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE;" : "ANALYZE;", commandTimeout: 600);
    }
}
