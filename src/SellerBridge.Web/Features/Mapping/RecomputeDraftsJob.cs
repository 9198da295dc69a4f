using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// Runs <see cref="DraftRecomputer"/> in the background after an operator changes a rule: everything
/// after a rate or pricing change, one category subtree after a mapping change. Queued per scope, so
/// ten quick rate edits while a run waits still make one run, and that run reads the newest rules.
/// Without data (the recurring trigger) it looks for stale drafts, which is how a rate dated for a
/// later day takes effect on that day.
/// </summary>
[OneAtATime(Wait = true)]
[System.ComponentModel.Description("Recomputes listing drafts after a mapping, rate or pricing change.")]
public sealed class RecomputeDraftsJob(DraftRecomputer recomputer, DraftRecomputes runs, ILogger<RecomputeDraftsJob> logger) : IRecurringJob
{
    public const string RecurringName = "drafts-freshness";

    /// <summary>The recurring turn: recomputes only when some drafts are stale.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stale = await recomputer.CountStaleAsync(cancellationToken);
        if (stale > 0)
        {
            logger.LogInformation("{Stale} drafts are stale; recomputing", stale);
            await RecordedAsync("stale", progress => recomputer.ForAllAsync(progress, cancellationToken));
        }
    }

    /// <summary>Everything (<paramref name="prefix"/> null) or one Kmall24 category subtree.</summary>
    public async Task RecomputeAsync(string? prefix, CancellationToken cancellationToken)
    {
        if (prefix is null)
        {
            await RecordedAsync("all", progress => recomputer.ForAllAsync(progress, cancellationToken));
            return;
        }

        await RecordedAsync(prefix, progress => recomputer.ForCategoryPrefixAsync(prefix, progress, cancellationToken));
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
public sealed class DraftRecomputeQueue(JobQueue jobs)
{
    public const string AllKey = "drafts-all";

    public static string PrefixKey(string kmallPrefix) => "drafts-prefix:" + kmallPrefix;

    public Task QueueAllAsync()
    {
        jobs.EnqueueOnce<RecomputeDraftsJob>(AllKey, job => job.RecomputeAsync(null, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task QueuePrefixAsync(string kmallPrefix)
    {
        jobs.EnqueueOnce<RecomputeDraftsJob>(PrefixKey(kmallPrefix), job => job.RecomputeAsync(kmallPrefix, CancellationToken.None));
        return Task.CompletedTask;
    }
}
