using System.Text.RegularExpressions;
using Dapper;
using Quartz;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// Writes each job run to <c>job_runs</c>: a Running row when it starts, its outcome, message and
/// duration when it ends. The history is for people, so a failure to write it is logged and never
/// fails the job.
/// </summary>
public sealed partial class JobRunHistory(Db db, TimeProvider clock, ILogger<JobRunHistory> logger) : IJobListener
{
    private const int MaxMessageLength = 1000;

    public string Name => nameof(JobRunHistory);

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await WriteAsync(context, async connection => await connection.ExecuteAsync(
            """
            INSERT INTO job_runs (job_name, job_group, fire_instance_id, trigger_name, node, started_at, outcome)
            VALUES (@jobName, @jobGroup, @fireInstanceId, @triggerName, @node, @startedAt, 'Running')
            """,
            new
            {
                jobName = context.JobDetail.Key.Name,
                jobGroup = context.JobDetail.Key.Group,
                fireInstanceId = context.FireInstanceId,
                triggerName = context.Trigger.Key.Name,
                node = context.Scheduler.SchedulerInstanceId,
                startedAt = context.FireTimeUtc,
            }));
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var finishedAt = clock.GetUtcNow();
        var outcome = jobException is null ? "Succeeded" : "Failed";
        var message = jobException is null ? null : Describe(jobException);
        await WriteAsync(context, async connection => await connection.ExecuteAsync(
            """
            UPDATE job_runs SET finished_at = @finishedAt, outcome = @outcome, message = @message, duration_ms = @durationMs
            WHERE fire_instance_id = @fireInstanceId AND job_name = @jobName AND job_group = @jobGroup AND outcome = 'Running'
            """,
            new
            {
                finishedAt,
                outcome,
                message,
                durationMs = (long)context.JobRunTime.TotalMilliseconds,
                fireInstanceId = context.FireInstanceId,
                jobName = context.JobDetail.Key.Name,
                jobGroup = context.JobDetail.Key.Group,
            }));
    }

    public async ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await WriteAsync(context, async connection => await connection.ExecuteAsync(
            """
            INSERT INTO job_runs (job_name, job_group, fire_instance_id, trigger_name, node, started_at, finished_at, outcome, duration_ms)
            VALUES (@jobName, @jobGroup, @fireInstanceId, @triggerName, @node, @now, @now, 'Vetoed', 0)
            """,
            new
            {
                jobName = context.JobDetail.Key.Name,
                jobGroup = context.JobDetail.Key.Group,
                fireInstanceId = context.FireInstanceId,
                triggerName = context.Trigger.Key.Name,
                node = context.Scheduler.SchedulerInstanceId,
                now,
            }));
    }

    /// <summary>
    /// The operator sees the cause's type and message. Jobs must not put secrets in exception
    /// messages; as a backstop, anything shaped like <c>password=...</c> or <c>secret: ...</c> is masked.
    /// </summary>
    internal static string Describe(Exception exception)
    {
        // Quartz wraps what the job threw (sometimes twice); the operator needs the job's own error.
        var cause = exception;
        while (cause is SchedulerException { InnerException: { } inner })
        {
            cause = inner;
        }

        var text = $"{cause.GetType().Name}: {cause.Message}";
        text = SecretLike().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + "***");
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }

    [GeneratedRegex(@"(?<name>password|pwd|secret|token|api[_-]?key|app[_-]?secret|private[_-]?key|session[_-]?key)(?<sep>\s*[=:]\s*)[^\s;,&""')]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();

    private async Task WriteAsync(IJobExecutionContext context, Func<System.Data.Common.DbConnection, Task> write)
    {
        try
        {
            await using var connection = await db.OpenAsync();
            await write(connection);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record run {FireInstanceId} of job {Job} in job_runs", context.FireInstanceId, context.JobDetail.Key);
        }
    }
}
