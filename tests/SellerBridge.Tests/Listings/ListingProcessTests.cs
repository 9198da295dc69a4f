using System.Net;
using System.Net.Http.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Listings;

/// <summary>
/// The built app as worker processes against one standalone sandbox (so the marketplace outlives
/// them): killed mid-submission and restarted, and two workers sharing one PostgreSQL.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ListingProcessTests
{
    [Theory]
    [AllProviders]
    public async Task A_worker_killed_mid_submission_and_restarted_finishes_without_a_duplicate(string provider)
    {
        await using var sandbox = await ListingsSandbox.StartAsync(o => o.LatencyMilliseconds = 10);
        using var database = TestDatabase.Create(provider);
        var (seller, skus) = await SubmitAsync(database, sandbox, 120);
        var env = Environment(sandbox, callsPerSecond: 40);

        await using (var first = await RunningApp.StartAsync(database, env))
        {
            await WaitAsync(database, "SELECT COUNT(*) FROM listings WHERE num_iid IS NOT NULL", n => n >= 25, first);
            first.Kill();
        }

        Assert.True(await CountAsync(database, "SELECT COUNT(*) FROM listings WHERE num_iid IS NULL") > 0, "killed too late to prove anything");

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await using (var second = await RunningApp.StartAsync(database, env))
        {
            await WaitAsync(database, "SELECT COUNT(*) FROM listings WHERE status NOT IN ('Live', 'Rejected', 'Failed')", n => n == 0, second);
            // A figure for scripts/measure-sqlite-job-storage.sh, not an assertion.
            TestContext.Current.TestOutputHelper?.WriteLine($"recovered after restart in {restarted.Elapsed.TotalSeconds:F1} s (submission)");
        }

        await using var check = new AppFactory(database, sandbox.AppSettings(), ownsDatabase: false);
        Assert.All(await ListingBuilders.ListingsAsync(check, seller.Id), l => Assert.Equal("Live", l.Status));
        await ListingBuilders.AssertNoDuplicatesAsync(check, sandbox, seller.Id, skus);
        Assert.Equal(skus.Count, sandbox.Items.Count);
    }

    [Fact]
    public async Task Two_workers_on_one_postgres_share_a_submission_without_duplicates_or_passing_the_ceiling()
    {
        const int ceiling = 20;
        // The sandbox bans above the same ceiling, counting per calendar second as the real gateway does.
        await using var sandbox = await ListingsSandbox.StartAsync(o =>
        {
            o.CallsPerSecond = ceiling;
            o.LatencyMilliseconds = 20;
        });
        using var database = TestDatabase.Create("Postgres");
        // Enough work for both nodes to take part: each runs publishing workers fetched from the
        // shared store, and the second node takes the workers the first had no free worker for.
        var (seller, skus) = await SubmitAsync(database, sandbox, 250, submit: false);
        var env = Environment(sandbox, ceiling);
        env["Listings__Workers"] = "4";
        env["Jobs__WorkerCount"] = "3";
        // Each listing in flight holds a connection: keep two processes well inside the shared test cluster's limit.
        env["Listings__Concurrency"] = "3";
        // Headroom for this busy test machine: a cold connection or a loaded CPU delays a call by
        // more than the 3 % default leaves, and the gateway counts arrivals, not sends.
        env["Marketplace__CallHeadroomPercent"] = "20";

        await using var a = await RunningApp.StartAsync(database, env);
        await using var b = await RunningApp.StartAsync(database, env);
        using (var api = new HttpClient { BaseAddress = new Uri(a.Url) })
        {
            api.DefaultRequestHeaders.Add("X-Api-Key", seller.ApiKey);
            var response = await api.PostAsJsonAsync("/api/v1/listings/submissions", new { allReady = true }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await WaitAsync(database, "SELECT COUNT(*) FROM listings WHERE status NOT IN ('Live', 'Rejected', 'Failed')", n => n == 0, a);

        await using var check = new AppFactory(database, sandbox.AppSettings(), ownsDatabase: false);
        Assert.All(await ListingBuilders.ListingsAsync(check, seller.Id), l => Assert.Equal("Live", l.Status));
        await ListingBuilders.AssertNoDuplicatesAsync(check, sandbox, seller.Id, skus);
        Assert.Equal(0, await CountAsync(database, "SELECT COUNT(*) FROM listing_attempts WHERE outcome = 'Throttled' OR code = 7"));
        Assert.True(sandbox.BusiestSecond <= ceiling, $"{sandbox.BusiestSecond} calls arrived in one second: {sandbox.BusiestSecondDetail}");
        // Both processes published some of it (a worker's name starts with its node's scheduler id).
        await using var connection = await s_dbs.GetValue(database, d => d.Open()).OpenAsync();
        var owners = await connection.QueryAsync<string>("SELECT DISTINCT worker FROM listing_attempts WHERE method = 'taobao.item.add'");
        Assert.Equal(2, owners.Select(o => o.Split('/')[0]).Distinct().Count());
    }

    private static async Task<(Accounts.Seller Seller, IReadOnlyList<string> Skus)> SubmitAsync(TestDatabase database, ListingsSandbox sandbox, int count, bool submit = true)
    {
        await using var setup = new AppFactory(database, sandbox.AppSettings(), ownsDatabase: false);
        var seller = await Accounts.CreateAsync(setup);
        var skus = await ListingBuilders.ReadyProductsAsync(setup, seller.Id, count);
        if (submit)
        {
            // Queued with jobs off here: the triggers wait in the job store for the worker process.
            await ListingBuilders.SubmitAsync(setup, seller, new { allReady = true });
        }

        return (seller, skus);
    }

    private static Dictionary<string, string> Environment(ListingsSandbox sandbox, int callsPerSecond)
    {
        var env = sandbox.Environment(callsPerSecond);
        env["Jobs__Enabled"] = "true";
        env["Listings__LeaseSeconds"] = "10";
        env["Listings__PublishIntervalSeconds"] = "2";
        env["Listings__AuditIntervalSeconds"] = "2";
        env["Sandbox__SeedDemoAccounts"] = "false";
        return env;
    }

    // One connection factory per database: each Db owns a connection pool, and polling through a new
    // one each time would leave a pooled connection open per poll.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TestDatabase, SellerBridge.Web.Infrastructure.Persistence.Db> s_dbs = [];

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = await s_dbs.GetValue(database, d => d.Open()).OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task WaitAsync(TestDatabase database, string sql, Func<long, bool> done, RunningApp app, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        long last = -1;
        while (DateTime.UtcNow < until)
        {
            last = await CountAsync(database, sql);
            if (done(last))
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Still {last} after {seconds} s: {sql}\n{app.Output[^Math.Min(app.Output.Length, 4000)..]}");
    }
}
