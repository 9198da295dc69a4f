using System.Text.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Tests.Jobs;

public sealed class JobSchedulerTests
{
    [Theory]
    [AllProviders]
    public async Task A_job_triggered_through_the_scheduler_runs_with_its_data_and_is_recorded_as_succeeded(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var token = Guid.NewGuid().ToString("N");

        var queued = await app.Get<JobScheduler>().TriggerNowAsync<RecordingJob>(token, new Dictionary<string, object?> { ["token"] = token, ["value"] = "주문 동기화" });

        Assert.True(queued);
        var run = Assert.Single(await JobWait.FinishedRunsAsync(app, nameof(RecordingJob)));
        Assert.Equal("Succeeded", run.Outcome);
        Assert.Equal(JobScheduler.WorkGroup, run.JobGroup);
        Assert.Equal("주문 동기화", RecordingJob.Seen[token]);
    }

    [Fact]
    public async Task Triggering_again_with_a_key_that_is_still_queued_queues_nothing_more()
    {
        // Jobs off: the runs stay queued, so the second call meets the first.
        await using var app = AppFactory.For("Sqlite", JobWait.Enabled(false));
        var scheduler = app.Get<JobScheduler>();
        var data = new Dictionary<string, object?> { ["token"] = "t", ["value"] = "v" };

        Assert.True(await scheduler.TriggerNowAsync<RecordingJob>("order-42", data));
        Assert.False(await scheduler.TriggerNowAsync<RecordingJob>("order-42", data));
        Assert.True(await scheduler.TriggerNowAsync<RecordingJob>("order-43", data));

        await using var connection = await app.Db.OpenAsync();
        var queued = await connection.QueryAsync<string>("SELECT trigger_name FROM qrtz_triggers WHERE job_name = @job ORDER BY trigger_name", new { job = nameof(RecordingJob) });
        Assert.Equal(["order-42", "order-43"], queued);
    }

    [Theory]
    [AllProviders]
    public async Task A_job_queued_on_a_node_that_runs_no_jobs_is_run_by_a_worker_on_the_same_database(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var token = Guid.NewGuid().ToString("N");
        await using (var web = new AppFactory(database, JobWait.Enabled(false), ownsDatabase: false))
        {
            Assert.True(await web.Get<JobScheduler>().TriggerNowAsync<RecordingJob>(token, new Dictionary<string, object?> { ["token"] = token, ["value"] = "from web" }));
            using var health = JsonDocument.Parse(await Accounts.OperatorHealthAsync(web));
            var scheduler = health.RootElement.GetProperty("checks").GetProperty("scheduler");
            Assert.Equal("Healthy", scheduler.GetProperty("status").GetString());
            Assert.False(scheduler.GetProperty("data").GetProperty("enabled").GetBoolean());
        }

        await using var worker = new AppFactory(database, JobWait.Enabled(), ownsDatabase: false);
        _ = worker.Services; // starts the host, and with it the scheduler

        var run = Assert.Single(await JobWait.FinishedRunsAsync(worker, nameof(RecordingJob)));
        Assert.Equal("Succeeded", run.Outcome);
        Assert.Equal("from web", RecordingJob.Seen[token]);
        using var workerHealth = JsonDocument.Parse(await Accounts.OperatorHealthAsync(worker));
        var data = workerHealth.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("data");
        Assert.Equal(run.Node, data.GetProperty("instanceId").GetString());
        Assert.Equal(provider == "Postgres", data.GetProperty("clustered").GetBoolean());
    }
}
