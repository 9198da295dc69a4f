using Dapper;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>Queues an import as a job keyed by the import id, so it is queued once however often it is asked.</summary>
public sealed class ImportQueue(JobQueue jobs)
{
    public Task EnqueueAsync(long importId, CancellationToken cancellationToken = default)
    {
        jobs.EnqueueOnce<ImportJob>($"import-{importId}", job => job.RunAsync(importId, CancellationToken.None));
        return Task.CompletedTask;
    }
}

/// <summary>Runs one catalogue import. Recoverable: a node that dies mid-import has it re-run from the start.</summary>
[System.ComponentModel.Description("Imports one uploaded catalogue file.")]
public sealed class ImportJob(RunImport runImport, Mapping.DraftRecomputer drafts)
{
    public async Task RunAsync(long importId, CancellationToken cancellationToken)
    {
        var outcome = await runImport.RunAsync(importId, cancellationToken);
        if (outcome is not null)
        {
            await runImport.CheckpointAsync(cancellationToken);
        }

        if (outcome is { Status: "Completed" })
        {
            // The products' listing drafts follow the file; a crash before this is caught by the drafts' freshness check.
            await drafts.ForImportAsync(importId, cancellationToken);
        }
    }
}

/// <summary>
/// Every minute, and at start where jobs wait in memory: queues imports that are waiting (the job
/// was lost with a stopped process; a job still waiting is not queued twice) or that a stopped node
/// left running, so an upload is never forgotten.
/// </summary>
[OneAtATime]
[System.ComponentModel.Description("Re-queues catalogue imports left waiting or abandoned by a stopped node.")]
public sealed class ImportSweepJob(Db db, ImportQueue queue, RunImport runImport, TimeProvider clock) : IRecurringJob
{
    public const string Name = "catalogue-import-sweep";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var waiting = await connection.QueryAsync<long>(
            "SELECT id FROM imports WHERE status = 'Queued' OR (status = 'Running' AND heartbeat_at < @stale) ORDER BY id",
            new { stale = runImport.AbandonedBefore(clock.GetUtcNow()) });
        foreach (var id in waiting)
        {
            await queue.EnqueueAsync(id, cancellationToken);
        }
    }
}
