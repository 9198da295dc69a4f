using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Telemetry;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// Around every job of this app: stores the job's key when it is created; when it runs, takes the
/// <see cref="OneAtATimeAttribute"/> lock (or records the turn as skipped) and writes the run to
/// <c>job_runs</c> — Running when it starts, then its outcome, message and duration. The history is
/// for people, so a failure to write it is logged and never fails the job.
/// </summary>
public sealed partial class JobRunFilter(Db db, JobMutex mutex, TimeProvider clock, ILogger<JobRunFilter> logger) : IClientFilter, IServerFilter
{
    public const string RecurringGroup = "recurring";
    public const string WorkGroup = "work";

    private const int MaxMessageLength = 1000;
    private const string RunKey = "sellerbridge:run";
    private const string TraceParameter = "sellerbridge-traceparent";

    private sealed record Run(string Name, string Group, string? Trigger, DateTimeOffset StartedAt, IAsyncDisposable? Lock, System.Diagnostics.Activity? Span);

    public void OnCreating(CreatingContext context)
    {
        if (JobQueue.PendingKey.Value is { } key)
        {
            context.SetJobParameter(JobQueue.KeyParameter, key);
        }

        // The job's span continues the trace of the request that queued it.
        if (SellerBridgeTelemetry.CurrentTraceParent() is { } traceParent)
        {
            context.SetJobParameter(TraceParameter, traceParent);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var recurringId = context.GetJobParameter<string>("RecurringJobId", allowStale: true);
        var name = recurringId ?? context.BackgroundJob.Job.Type.Name;
        var group = recurringId is null ? WorkGroup : RecurringGroup;
        var trigger = recurringId ?? context.GetJobParameter<string>(JobQueue.KeyParameter, allowStale: true);
        var now = clock.GetUtcNow();

        IAsyncDisposable? held = null;
        if (context.BackgroundJob.Job.Type.GetCustomAttribute<OneAtATimeAttribute>() is { } once)
        {
            held = mutex.TryAcquireAsync(context.BackgroundJob.Job.Type.Name, once.Wait, context.CancellationToken.ShutdownToken).GetAwaiter().GetResult();
            if (held is null)
            {
                // The previous run is still going: this turn is skipped, and says so (job_runs calls it Vetoed).
                Write(context.BackgroundJob.Id, "INSERT INTO job_runs (job_name, job_group, fire_instance_id, trigger_name, node, started_at, finished_at, outcome, duration_ms) VALUES (@name, @group, @id, @trigger, @node, @now, @now, 'Vetoed', 0)",
                    new { name, group, id = context.BackgroundJob.Id, trigger, node = context.ServerId, now });
                context.Canceled = true;
                return;
            }
        }

        var span = SellerBridgeTelemetry.StartJob(name, context.GetJobParameter<string>(TraceParameter, allowStale: true));
        context.Items[RunKey] = new Run(name, group, trigger, now, held, span);
        Write(context.BackgroundJob.Id, "INSERT INTO job_runs (job_name, job_group, fire_instance_id, trigger_name, node, started_at, outcome) VALUES (@name, @group, @id, @trigger, @node, @now, 'Running')",
            new { name, group, id = context.BackgroundJob.Id, trigger, node = context.ServerId, now });
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(RunKey, out var item) || item is not Run run)
        {
            return;
        }

        try
        {
            var finishedAt = clock.GetUtcNow();
            var failed = context.Exception is not null && !context.ExceptionHandled;
            if (failed)
            {
                System.Diagnostics.Activity.Current = run.Span ?? System.Diagnostics.Activity.Current;
                SellerBridgeTelemetry.RecordJobFailure(run.Name, context.Exception);
            }

            Write(context.BackgroundJob.Id,
                "UPDATE job_runs SET finished_at = @finishedAt, outcome = @outcome, message = @message, duration_ms = @durationMs WHERE fire_instance_id = @id AND job_name = @name AND job_group = @group AND outcome = 'Running'",
                new
                {
                    finishedAt,
                    outcome = failed ? "Failed" : "Succeeded",
                    message = failed ? Describe(context.Exception!) : null,
                    durationMs = (long)(finishedAt - run.StartedAt).TotalMilliseconds,
                    id = context.BackgroundJob.Id,
                    name = run.Name,
                    group = run.Group,
                });
        }
        finally
        {
            run.Span?.Dispose();
            run.Lock?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The operator sees the cause's type and message. Jobs must not put secrets in exception
    /// messages; as a backstop, anything shaped like <c>password=...</c> or <c>secret: ...</c> is masked.
    /// </summary>
    internal static string Describe(Exception exception)
    {
        // Hangfire wraps what the job threw; the operator needs the job's own error.
        var cause = exception;
        while (cause is Hangfire.Server.JobPerformanceException or TargetInvocationException or AggregateException && cause.InnerException is { } inner)
        {
            cause = inner;
        }

        var text = $"{cause.GetType().Name}: {cause.Message}";
        text = SecretLike().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + "***");
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }

    [GeneratedRegex(@"(?<name>password|pwd|secret|token|api[_-]?key|app[_-]?secret|private[_-]?key|session[_-]?key)(?<sep>\s*[=:]\s*)[^\s;,&""')]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLike();

    private void Write(string jobId, string sql, object args)
    {
        try
        {
            using var connection = db.OpenAsync().GetAwaiter().GetResult();
            connection.Execute(sql, args);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record run {JobId} in job_runs", jobId);
        }
    }
}
