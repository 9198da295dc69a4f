using Quartz;
using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// Runs <see cref="DraftRecomputer"/> in the background after an operator changes a rule: everything
/// after a rate or pricing change, one category subtree after a mapping change. Queued per scope, so
/// ten quick rate edits while a run waits still make one run, and that run reads the newest rules.
/// Without data (the recurring trigger) it looks for stale drafts, which is how a rate dated for a
/// later day takes effect on that day.
/// </summary>
[DisallowConcurrentExecution]
[System.ComponentModel.Description("Recomputes listing drafts after a mapping, rate or pricing change.")]
public sealed class RecomputeDraftsJob(DraftRecomputer recomputer, DraftRecomputes runs, ILogger<RecomputeDraftsJob> logger) : IJob
{
    public const string RecurringName = "drafts-freshness";
    public const string PrefixKey = "prefix";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (data.ContainsKey(PrefixKey))
        {
            var prefix = data.GetString(PrefixKey) ?? "";
            await RecordedAsync(prefix, progress => recomputer.ForCategoryPrefixAsync(prefix, progress, cancellationToken));
            return;
        }

        if (data.ContainsKey("all"))
        {
            await RecordedAsync("all", progress => recomputer.ForAllAsync(progress, cancellationToken));
            return;
        }

        var stale = await recomputer.CountStaleAsync(cancellationToken);
        if (stale > 0)
        {
            logger.LogInformation("{Stale} drafts are stale; recomputing", stale);
            await RecordedAsync("stale", progress => recomputer.ForAllAsync(progress, cancellationToken));
        }
    }

    /// <summary>Runs one recompute with its record: progress after every page, then the outcome.</summary>
    private async Task RecordedAsync(string scope, Func<Func<int, DraftRecomputer.Result, Task>, Task<DraftRecomputer.Result>> recompute)
    {
        var id = await runs.StartAsync(scope);
        var done = 0;
        var so = new DraftRecomputer.Result(0, 0, 0, 0);
        try
        {
            var result = await recompute(async (seen, total) =>
            {
                (done, so) = (seen, total);
                await runs.ProgressAsync(id, seen, total);
            });
            await runs.ProgressAsync(id, done, result, "Completed");
        }
        catch
        {
            await runs.ProgressAsync(id, done, so, "Failed");
            throw;
        }
    }
}

/// <summary>How operator handlers ask for drafts to be recomputed in the background.</summary>
public sealed class DraftRecomputeQueue(JobScheduler scheduler)
{
    public Task QueueAllAsync() =>
        scheduler.TriggerNowAsync<RecomputeDraftsJob>("all", new Dictionary<string, object?> { ["all"] = "true" });

    public Task QueuePrefixAsync(string kmallPrefix) =>
        scheduler.TriggerNowAsync<RecomputeDraftsJob>(
            "prefix:" + kmallPrefix,
            new Dictionary<string, object?> { [RecomputeDraftsJob.PrefixKey] = kmallPrefix });
}
