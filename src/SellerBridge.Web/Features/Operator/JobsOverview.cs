using System.ComponentModel;
using System.Reflection;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Operator;

/// <summary>
/// The operator's Jobs page: each recurring job with its schedule, last and next run and last
/// outcome (from Hangfire's store and <c>job_runs</c>), the work queued on demand, recent failures
/// with their messages, and "Run now".
/// </summary>
public sealed class JobsOverview(
    JobStorage storage,
    IRecurringJobManager recurring,
    IEnumerable<RecurringJobDefinition> definitions,
    IEnumerable<OnDemandJobDefinition> onDemand,
    JobServerIdentity identity,
    IOptions<JobsOptions> options,
    IServiceProvider services,
    Db db)
{
    private const int FailuresShown = 20;

    public sealed record RunRow(string JobName, string JobGroup, string Outcome, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Message, string Node, long? DurationMs);

    public sealed record JobRow(string Name, string Group, string? Description, TimeSpan? Every, DateTimeOffset? NextRun, RunRow? LastRun, string? Error);

    public sealed record WorkRow(string Name, string? Description, long Waiting, long Running, RunRow? LastRun, string RunNowJob);

    public sealed record Page(IReadOnlyList<JobRow> Jobs, IReadOnlyList<WorkRow> Work, IReadOnlyList<RunRow> RecentFailures, bool SchedulerRunning, string InstanceId, string Storage);

    public async Task<Page> LoadAsync(CancellationToken cancellationToken = default)
    {
        var byId = definitions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        List<RecurringJobDto> stored;
        using (var connection = storage.GetConnection())
        {
            stored = connection.GetRecurringJobs();
        }

        var monitoring = storage.GetMonitoringApi();
        var waitingByType = monitoring.EnqueuedJobs(Hangfire.States.EnqueuedState.DefaultQueue, 0, 1000)
            .Where(j => j.Value?.Job is not null).GroupBy(j => j.Value.Job.Type).ToDictionary(g => g.Key, g => (long)g.Count());
        var runningByType = monitoring.ProcessingJobs(0, 1000)
            .Where(j => j.Value?.Job is not null).GroupBy(j => j.Value.Job.Type).ToDictionary(g => g.Key, g => (long)g.Count());
        var running = options.Value.Enabled && monitoring.Servers().Any(s => s.Name.StartsWith(identity.Name, StringComparison.Ordinal));

        await using var db1 = await db.OpenAsync(cancellationToken);
        // The latest run of each job: the greatest id, since ids grow with start time.
        var lastRuns = (await db1.QueryAsync<RunRow>(
            SelectRuns + " WHERE id IN (SELECT MAX(id) FROM job_runs GROUP BY job_group, job_name)"))
            .ToDictionary(r => (r.JobGroup, r.JobName));
        var failures = (await db1.QueryAsync<RunRow>(
            SelectRuns + " WHERE outcome = 'Failed' ORDER BY id DESC" + db.Dialect.Limit("limit"),
            new { limit = FailuresShown })).ToList();

        var jobs = stored
            .Select(job =>
            {
                var definition = byId.GetValueOrDefault(job.Id);
                return new JobRow(
                    job.Id,
                    JobRunFilter.RecurringGroup,
                    definition is null ? null : DescriptionOf(definition.JobType),
                    definition is null ? null : IntervalCron.Effective(definition.Interval(services)),
                    job.NextExecution is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null,
                    lastRuns.GetValueOrDefault((JobRunFilter.RecurringGroup, job.Id)),
                    job.Error);
            })
            .OrderBy(j => j.Name, StringComparer.Ordinal)
            .ToList();
        var work = onDemand
            .Select(w => new WorkRow(
                w.JobType.Name,
                DescriptionOf(w.JobType),
                waitingByType.GetValueOrDefault(w.JobType),
                runningByType.GetValueOrDefault(w.JobType),
                lastRuns.GetValueOrDefault((JobRunFilter.WorkGroup, w.JobType.Name)),
                w.RunNowJob))
            .OrderBy(w => w.Name, StringComparer.Ordinal)
            .ToList();
        return new Page(jobs, work, failures, running, identity.Name, identity.StorageName);
    }

    /// <summary>Queues one run of a recurring job now; false when no such job is registered.</summary>
    public bool RunNow(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !definitions.Any(d => d.Id == name))
        {
            return false;
        }

        using (var connection = storage.GetConnection())
        {
            if (connection.GetRecurringJobs([name]).All(j => j.Removed))
            {
                return false;
            }
        }

        recurring.Trigger(name);
        return true;
    }

    private static string? DescriptionOf(Type type) => type.GetCustomAttribute<DescriptionAttribute>()?.Description;

    private const string SelectRuns =
        """
        SELECT job_name AS JobName, job_group AS JobGroup, outcome AS Outcome, started_at AS StartedAt,
               finished_at AS FinishedAt, message AS Message, node AS Node, duration_ms AS DurationMs
        FROM job_runs
        """;
}
