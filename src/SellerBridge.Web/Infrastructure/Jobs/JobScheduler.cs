using System.Reflection;
using Quartz;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// How features queue background work. Jobs are stored durably and ask for recovery, so a node that
/// dies mid-run leaves the firing to be run again (jobs must therefore be safe to repeat).
/// </summary>
public sealed class JobScheduler(ISchedulerFactory schedulers, ILogger<JobScheduler> logger)
{
    /// <summary>Group of jobs queued on demand with <see cref="TriggerNowAsync{TJob}"/>.</summary>
    public const string WorkGroup = "work";

    /// <summary>Group of jobs that repeat on an interval, from <see cref="EnsureRecurringAsync{TJob}"/>.</summary>
    public const string RecurringGroup = "recurring";

    public static JobKey WorkKey<TJob>()
        where TJob : IJob => new(typeof(TJob).Name, WorkGroup);

    /// <summary>
    /// Queues <typeparamref name="TJob"/> to run as soon as a node is free. Idempotent per
    /// <paramref name="key"/>: while a run with that key is still waiting, another call queues
    /// nothing and returns false. Data values must be JSON-friendly (strings, numbers, booleans).
    /// </summary>
    public async Task<bool> TriggerNowAsync<TJob>(string key, IDictionary<string, object?> data, CancellationToken cancellationToken = default)
        where TJob : IJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = WorkKey<TJob>();
        await EnsureJobAsync<TJob>(scheduler, jobKey, replace: false, cancellationToken);

        var map = new JobDataMap();
        foreach (var (name, value) in data)
        {
            map[name] = value!;
        }

        // The trigger's key is the idempotency key, within the job's own name.
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key, jobKey.Name)
            .ForJob(jobKey)
            .UsingJobData(map)
            .StartNow()
            .Build();
        var result = await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
        var queued = result.Outcome != ScheduleOutcome.Kept;
        logger.LogInformation("Job {Job} with key {Key}: {Outcome}", jobKey, key, result.Outcome);
        return queued;
    }

    /// <summary>
    /// Makes sure <typeparamref name="TJob"/> runs every <paramref name="interval"/> under
    /// <paramref name="name"/>. A trigger already stored with the same interval is left alone, so a
    /// restart does not move the next run; a changed interval replaces it.
    /// </summary>
    public async Task EnsureRecurringAsync<TJob>(string name, TimeSpan interval, CancellationToken cancellationToken = default)
        where TJob : IJob
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromSeconds(1));
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = new JobKey(name, RecurringGroup);
        var triggerKey = new TriggerKey(name, RecurringGroup);
        await EnsureJobAsync<TJob>(scheduler, jobKey, replace: true, cancellationToken);

        if (await scheduler.GetTrigger(triggerKey, cancellationToken) is ISimpleTrigger existing && existing.RepeatInterval == interval)
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(jobKey)
            .StartAt(DateTimeOffset.UtcNow.Add(interval))
            // After downtime run once, not once per missed interval.
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        logger.LogInformation("Recurring job {Job} runs every {Interval}", jobKey, interval);
    }

    /// <summary>Runs a stored job once, now (the operator's "Run now"); false when no such job exists.</summary>
    public async Task<bool> RunNowAsync(JobKey jobKey, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(jobKey, cancellationToken))
        {
            return false;
        }

        await scheduler.TriggerJob(jobKey, new JobDataMap(), cancellationToken);
        return true;
    }

    private static async Task EnsureJobAsync<TJob>(IScheduler scheduler, JobKey jobKey, bool replace, CancellationToken cancellationToken)
        where TJob : IJob
    {
        if (!replace && await scheduler.Exists(jobKey, cancellationToken))
        {
            return;
        }

        var job = JobBuilder.Create<TJob>()
            .WithIdentity(jobKey)
            .WithDescription(typeof(TJob).GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description)
            .StoreDurably()
            .RequestRecovery()
            .Build();
        try
        {
            await scheduler.AddJob(job, new AddJobOptions { Replace = replace }, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node or request stored it first; the same job either way.
        }
    }
}
