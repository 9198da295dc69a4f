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
public sealed class RecomputeDraftsJob(DraftRecomputer recomputer, ILogger<RecomputeDraftsJob> logger) : IJob
{
    public const string RecurringName = "drafts-freshness";
    public const string PrefixKey = "prefix";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (data.ContainsKey(PrefixKey))
        {
            await recomputer.ForCategoryPrefixAsync(data.GetString(PrefixKey) ?? "", cancellationToken);
            return;
        }

        if (data.ContainsKey("all"))
        {
            await recomputer.ForAllAsync(cancellationToken);
            return;
        }

        var stale = await recomputer.CountStaleAsync(cancellationToken);
        if (stale > 0)
        {
            logger.LogInformation("{Stale} drafts are stale; recomputing", stale);
            await recomputer.ForAllAsync(cancellationToken);
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
