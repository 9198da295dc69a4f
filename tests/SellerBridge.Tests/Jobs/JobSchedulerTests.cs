using System.Text.Json;
using Hangfire;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Tests.Jobs;

public sealed class JobSchedulerTests
{
    [Theory]
    [AllProviders]
    public async Task A_job_queued_with_a_key_runs_with_its_arguments_and_is_recorded_as_succeeded(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var token = Guid.NewGuid().ToString("N");

        var queued = app.Get<JobQueue>().EnqueueOnce<RecordingJob>(token, job => job.RunAsync(token, "주문 동기화", CancellationToken.None));

        Assert.True(queued);
        var run = Assert.Single(await JobWait.FinishedRunsAsync(app, nameof(RecordingJob)));
        Assert.Equal("Succeeded", run.Outcome);
        Assert.Equal(JobRunFilter.WorkGroup, run.JobGroup);
        Assert.Equal("주문 동기화", RecordingJob.Seen[token]);
    }

    [Theory]
    [AllProviders]
    public async Task Queueing_again_with_a_key_that_is_still_waiting_queues_nothing_more(string provider)
    {
        // Jobs off: the jobs stay queued, so the second call meets the first.
        await using var app = AppFactory.For(provider, JobWait.Enabled(false));
        var jobs = app.Get<JobQueue>();

        Assert.True(jobs.EnqueueOnce<RecordingJob>("order-42", job => job.RunAsync("t", "v", CancellationToken.None)));
        Assert.False(jobs.EnqueueOnce<RecordingJob>("order-42", job => job.RunAsync("t", "v", CancellationToken.None)));
        Assert.True(jobs.EnqueueOnce<RecordingJob>("order-43", job => job.RunAsync("t", "v", CancellationToken.None)));

        var waiting = app.Get<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 100)
            .Where(j => j.Value.Job.Type == typeof(RecordingJob)).ToList();
        Assert.Equal(2, waiting.Count);
        Assert.True(jobs.IsWaiting(["order-42"]));
        Assert.False(jobs.IsWaiting(["order-44"]));
    }

    [Fact]
    public async Task A_key_whose_job_has_finished_can_be_queued_again()
    {
        await using var app = AppFactory.For("Sqlite", JobWait.Enabled());
        var jobs = app.Get<JobQueue>();
        var token = Guid.NewGuid().ToString("N");

        Assert.True(jobs.EnqueueOnce<RecordingJob>(token, job => job.RunAsync(token, "first", CancellationToken.None)));
        await JobWait.FinishedRunsAsync(app, nameof(RecordingJob));
        Assert.True(jobs.EnqueueOnce<RecordingJob>(token, job => job.RunAsync(token, "second", CancellationToken.None)));

        await JobWait.FinishedRunsAsync(app, nameof(RecordingJob), count: 2);
        Assert.Equal("second", RecordingJob.Seen[token]);
    }

    [Fact]
    public async Task A_job_queued_on_a_node_that_runs_no_jobs_is_run_by_a_worker_on_the_same_postgres()
    {
        using var database = TestDatabase.Create("Postgres");
        var token = Guid.NewGuid().ToString("N");
        await using (var web = new AppFactory(database, JobWait.Enabled(false), ownsDatabase: false))
        {
            Assert.True(web.Get<JobQueue>().EnqueueOnce<RecordingJob>(token, job => job.RunAsync(token, "from web", CancellationToken.None)));
            using var health = JsonDocument.Parse(await Accounts.OperatorHealthAsync(web));
            var scheduler = health.RootElement.GetProperty("checks").GetProperty("scheduler");
            Assert.Equal("Healthy", scheduler.GetProperty("status").GetString());
            Assert.False(scheduler.GetProperty("data").GetProperty("enabled").GetBoolean());
            // The web node never ran it.
            await Task.Delay(1500);
            Assert.False(RecordingJob.Seen.ContainsKey(token));
        }

        await using var worker = new AppFactory(database, JobWait.Enabled(), ownsDatabase: false);
        _ = worker.Services; // starts the host, and with it the job server

        var run = Assert.Single(await JobWait.FinishedRunsAsync(worker, nameof(RecordingJob)));
        Assert.Equal("Succeeded", run.Outcome);
        Assert.Equal("from web", RecordingJob.Seen[token]);
        using var workerHealth = JsonDocument.Parse(await Accounts.OperatorHealthAsync(worker));
        var data = workerHealth.RootElement.GetProperty("checks").GetProperty("scheduler").GetProperty("data");
        Assert.StartsWith(data.GetProperty("instanceId").GetString()!, run.Node);
        Assert.True(data.GetProperty("clustered").GetBoolean());
    }

    [Theory]
    [AllProviders]
    public async Task A_one_at_a_time_job_triggered_while_it_runs_skips_its_turn_and_says_so(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var manager = app.Get<IRecurringJobManager>();
        var id = "slow-" + Guid.NewGuid().ToString("N")[..8];
        manager.AddOrUpdate<SlowRecurringJob>(id, job => job.RunAsync(CancellationToken.None), Cron.Never());
        SlowRecurringJob.MostInside = 0;

        manager.Trigger(id);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref SlowRecurringJob.Inside) == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        // Hangfire triggers a recurring job once per second at most.
        await Task.Delay(1100);
        manager.Trigger(id);
        var skipped = await JobWait.FinishedRunsAsync(app, id);
        SlowRecurringJob.Release.Release();

        Assert.Equal("Vetoed", Assert.Single(skipped).Outcome);
        var runs = await JobWait.FinishedRunsAsync(app, id, count: 2);
        Assert.Equal(["Succeeded", "Vetoed"], runs.Select(r => r.Outcome).Order());
        Assert.Equal(1, SlowRecurringJob.MostInside);
    }
}
