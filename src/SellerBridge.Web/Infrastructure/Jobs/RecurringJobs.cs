using System.Linq.Expressions;
using Hangfire;
using Hangfire.Storage;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>A job that repeats: thin, it resolves its handler and runs it.</summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>One recurring job as its feature registers it: its id, how often, and whether it applies here.</summary>
public sealed record RecurringJobDefinition(
    string Id,
    Type JobType,
    Func<IServiceProvider, TimeSpan> Interval,
    Func<IServiceProvider, bool> Applies,
    bool RecoversWork,
    Action<IRecurringJobManager, string, string> Register);

/// <summary>Work queued on demand (an import, a publishing worker), shown on the Jobs page; its "Run now" runs the sweep that finds such work.</summary>
public sealed record OnDemandJobDefinition(Type JobType, string RunNowJob);

public static class RecurringJobRegistration
{
    /// <summary>Shows <typeparamref name="TJob"/> on the Jobs page as work queued on demand, recovered by the recurring job <paramref name="recoveredBy"/>.</summary>
    public static IServiceCollection AddOnDemandJob<TJob>(this IServiceCollection services, string recoveredBy) =>
        services.AddSingleton(new OnDemandJobDefinition(typeof(TJob), recoveredBy));

    /// <summary>
    /// Registers <typeparamref name="TJob"/> to run every <paramref name="interval"/> (read from the
    /// feature's options at start). <see cref="RecurringJobsAtStart"/> puts every registered job into
    /// the store and removes the ones no longer registered. A job that <paramref name="recoversWork"/>
    /// (a sweep that finds owed work in the app's tables) also runs at start where the store is this
    /// process's memory, so nothing a stopped process owed waits for its next turn.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(
        this IServiceCollection services, string id, Func<IServiceProvider, TimeSpan> interval, Func<IServiceProvider, bool>? applies = null, bool recoversWork = false)
        where TJob : class, IRecurringJob
    {
        Expression<Func<TJob, Task>> call = job => job.RunAsync(CancellationToken.None);
        services.AddSingleton(new RecurringJobDefinition(
            id,
            typeof(TJob),
            interval,
            applies ?? (_ => true),
            recoversWork,
            (manager, jobId, cron) => manager.AddOrUpdate(jobId, call, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc })));
        return services;
    }
}

/// <summary>
/// At start: every registered recurring job into the store with its interval (an unchanged job keeps
/// its next run), and every stored one that is no longer registered removed.
/// </summary>
internal sealed class RecurringJobsAtStart(
    IEnumerable<RecurringJobDefinition> definitions,
    IRecurringJobManager manager,
    JobStorage storage,
    JobServerIdentity identity,
    Microsoft.Extensions.Options.IOptions<JobsOptions> options,
    IServiceProvider services,
    ILogger<RecurringJobsAtStart> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!definition.Applies(services))
            {
                continue;
            }

            var interval = definition.Interval(services);
            var cron = IntervalCron.For(interval);
            definition.Register(manager, definition.Id, cron);
            wanted.Add(definition.Id);
            logger.LogInformation("Recurring job {Job} runs every {Interval} ({Cron})", definition.Id, IntervalCron.Effective(interval), cron);
            if (definition.RecoversWork && !identity.Shared && options.Value.Enabled)
            {
                manager.Trigger(definition.Id);
            }
        }

        using var connection = storage.GetConnection();
        foreach (var stored in connection.GetRecurringJobs())
        {
            if (!wanted.Contains(stored.Id))
            {
                manager.RemoveIfExists(stored.Id);
                logger.LogInformation("Removed retired recurring job {Job}", stored.Id);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Turns an interval into the six-field cron Hangfire schedules by (seconds first). Cron counts within
/// the minute, hour or day, so an interval that does not divide it evenly runs at the nearest shorter
/// one that does (45 s runs every 30 s): never less often than asked.
/// </summary>
public static class IntervalCron
{
    private static readonly int[] SecondSteps = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
    private static readonly int[] HourSteps = [1, 2, 3, 4, 6, 8, 12];

    public static string For(TimeSpan interval)
    {
        var effective = Effective(interval);
        var seconds = (int)effective.TotalSeconds;
        return seconds switch
        {
            < 60 => $"*/{seconds} * * * * *",
            < 3600 => $"0 */{seconds / 60} * * * *",
            < 86400 => $"0 0 */{seconds / 3600} * * *",
            _ => "0 0 0 * * *",
        };
    }

    /// <summary>The interval the cron from <see cref="For"/> really runs at.</summary>
    public static TimeSpan Effective(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromSeconds(1));
        var seconds = (long)interval.TotalSeconds;
        if (seconds < 60)
        {
            return TimeSpan.FromSeconds(SecondSteps.Last(s => s <= seconds));
        }

        if (seconds < 3600)
        {
            // Minutes and seconds share the steps that divide 60.
            return TimeSpan.FromMinutes(SecondSteps.Last(s => s <= seconds / 60));
        }

        return seconds < 86400 ? TimeSpan.FromHours(HourSteps.Last(h => h <= seconds / 3600)) : TimeSpan.FromDays(1);
    }
}
