using Dapper;
using Quartz;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Operator;

/// <summary>
/// The operator's Jobs page: every stored job with its triggers (from the Quartz store) and its last
/// run and recent failures (from <c>job_runs</c>), and "Run now".
/// </summary>
public sealed class JobsOverview(ISchedulerFactory schedulers, JobScheduler jobs, Db db)
{
    private const int TriggersShownPerJob = 5;
    private const int FailuresShown = 20;

    public sealed record TriggerRow(string Name, string State, DateTimeOffset? PreviousFireTime, DateTimeOffset? NextFireTime);

    public sealed record RunRow(string JobName, string JobGroup, string Outcome, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Message, string Node, long? DurationMs);

    public sealed record JobRow(string Name, string Group, string? Description, IReadOnlyList<TriggerRow> Triggers, int TriggerCount, RunRow? LastRun);

    public sealed record Page(IReadOnlyList<JobRow> Jobs, IReadOnlyList<RunRow> RecentFailures, bool SchedulerRunning, string InstanceId);

    public async Task<Page> LoadAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobHeaders = await scheduler.QueryJobs(new JobQuery { Take = 500 }, cancellationToken);
        var triggerHeaders = await scheduler.QueryTriggers(new TriggerQuery { Take = 5000 }, cancellationToken);
        var triggersByJob = triggerHeaders.Items.ToLookup(t => t.JobKey);

        await using var connection = await db.OpenAsync(cancellationToken);
        // The latest run of each job: the greatest id, since ids grow with start time.
        var lastRuns = (await connection.QueryAsync<RunRow>(
            SelectRuns + " WHERE id IN (SELECT MAX(id) FROM job_runs GROUP BY job_group, job_name)"))
            .ToDictionary(r => new JobKey(r.JobName, r.JobGroup));
        var failures = (await connection.QueryAsync<RunRow>(
            SelectRuns + " WHERE outcome = 'Failed' ORDER BY id DESC" + db.Dialect.Limit("limit"),
            new { limit = FailuresShown })).ToList();

        var rows = jobHeaders.Items
            .Select(job =>
            {
                var triggers = triggersByJob[job.Key].OrderBy(t => t.NextFireTimeUtc ?? DateTimeOffset.MaxValue).ToList();
                return new JobRow(
                    job.Key.Name,
                    job.Key.Group,
                    job.Description,
                    triggers.Take(TriggersShownPerJob)
                        .Select(t => new TriggerRow(t.Key.Name, t.State.ToString(), t.PreviousFireTimeUtc, t.NextFireTimeUtc))
                        .ToList(),
                    triggers.Count,
                    lastRuns.GetValueOrDefault(job.Key));
            })
            .OrderBy(j => j.Group, StringComparer.Ordinal)
            .ThenBy(j => j.Name, StringComparer.Ordinal)
            .ToList();

        var meta = await scheduler.GetMetadata(cancellationToken);
        return new Page(rows, failures, meta.Status == SchedulerStatus.Running, meta.SchedulerInstanceId);
    }

    /// <summary>Queues one run of the job now; false when no such job is stored.</summary>
    public Task<bool> RunNowAsync(string name, string group, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(group)
            ? Task.FromResult(false)
            : jobs.RunNowAsync(new JobKey(name, group), cancellationToken);

    private const string SelectRuns =
        """
        SELECT job_name AS JobName, job_group AS JobGroup, outcome AS Outcome, started_at AS StartedAt,
               finished_at AS FinishedAt, message AS Message, node AS Node, duration_ms AS DurationMs
        FROM job_runs
        """;
}
