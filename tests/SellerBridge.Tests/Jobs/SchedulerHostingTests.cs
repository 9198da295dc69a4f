using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Tests.Jobs;

public sealed class SchedulerHostingTests
{
    [Theory]
    [AllProviders]
    public async Task Health_reports_a_running_scheduler_with_its_node_and_work_done(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var token = Guid.NewGuid().ToString("N");
        app.Get<JobQueue>().EnqueueOnce<RecordingJob>(token, job => job.RunAsync(token, "x", CancellationToken.None));
        await JobWait.FinishedRunsAsync(app, nameof(RecordingJob));

        using var health = JsonDocument.Parse(await Accounts.OperatorHealthAsync(app));
        var scheduler = health.RootElement.GetProperty("checks").GetProperty("scheduler");
        var data = scheduler.GetProperty("data");

        Assert.Equal("Healthy", scheduler.GetProperty("status").GetString());
        Assert.True(data.GetProperty("running").GetBoolean());
        Assert.False(data.GetProperty("standby").GetBoolean());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("instanceId").GetString()));
        Assert.True(data.GetProperty("jobsExecuted").GetInt64() >= 1);
        Assert.Equal(provider == "Postgres" ? "PostgreSql" : "InMemory", data.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task A_job_waits_for_another_sqlite_writer_instead_of_failing()
    {
        await using var app = AppFactory.For("Sqlite", JobWait.Enabled());
        _ = app.Services;

        // A second process's writer holds the file's write lock while the job runs and records itself.
        await using (var writer = new SqliteConnection(app.Database.ConnectionString))
        {
            await writer.OpenAsync();
            Assert.Equal("wal", await writer.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
            await writer.ExecuteAsync("BEGIN IMMEDIATE; INSERT INTO app_settings (name, value) VALUES ('held', 'yes');");
            var token = Guid.NewGuid().ToString("N");
            Assert.True(app.Get<JobQueue>().EnqueueOnce<RecordingJob>(token, job => job.RunAsync(token, "after the lock", CancellationToken.None)));
            await Task.Delay(1500);
            await writer.ExecuteAsync("COMMIT");
        }

        Assert.Equal("Succeeded", Assert.Single(await JobWait.FinishedRunsAsync(app, nameof(RecordingJob))).Outcome);
    }

    [Theory]
    [AllProviders]
    public async Task Cleanup_deletes_runs_older_than_30_days_and_keeps_the_rest(string provider)
    {
        await using var app = AppFactory.For(provider);
        var now = DateTimeOffset.UtcNow;
        await using (var connection = await app.Db.OpenAsync())
        {
            foreach (var (name, startedAt) in new[] { ("old", now.AddDays(-31)), ("recent", now.AddDays(-29)), ("today", now) })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO job_runs (job_name, job_group, fire_instance_id, node, started_at, finished_at, outcome) VALUES (@name, 'test', @name, 'n1', @startedAt, @startedAt, 'Succeeded')",
                    new { name, startedAt });
            }
        }

        Assert.Equal(1, await app.Get<JobRunsCleanup>().RunAsync());
        Assert.Equal(0, await app.Get<JobRunsCleanup>().RunAsync());

        await using var check = await app.Db.OpenAsync();
        Assert.Equal(["recent", "today"], await check.QueryAsync<string>("SELECT job_name FROM job_runs ORDER BY job_name"));
    }
}
