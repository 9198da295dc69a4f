using Dapper;
using Quartz;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>Queues an import as a Quartz job keyed by the import id, so it is queued once however often it is asked.</summary>
public sealed class ImportQueue(JobScheduler scheduler)
{
    public async Task EnqueueAsync(long importId, CancellationToken cancellationToken = default) =>
        await scheduler.TriggerNowAsync<ImportJob>(
            $"import-{importId}",
            new Dictionary<string, object?> { [ImportJob.ImportIdKey] = importId },
            cancellationToken);
}

/// <summary>Runs one catalogue import. Recoverable: a node that dies mid-import has it re-run from the start.</summary>
[System.ComponentModel.Description("Imports one uploaded catalogue file.")]
public sealed class ImportJob(RunImport runImport, Mapping.DraftRecomputer drafts) : IJob
{
    public const string ImportIdKey = "importId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var importId = context.MergedJobDataMap.GetLong(ImportIdKey);
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
/// Every minute: queues imports that are waiting without a job (a trigger lost with a crashed
/// node) or whose node stopped reporting, so an upload is never forgotten.
/// </summary>
[DisallowConcurrentExecution]
[System.ComponentModel.Description("Re-queues catalogue imports left waiting or abandoned by a stopped node.")]
public sealed class ImportSweepJob(Db db, ImportQueue queue, TimeProvider clock) : IJob
{
    public const string Name = "catalogue-import-sweep";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var waiting = await connection.QueryAsync<long>(
            "SELECT id FROM imports WHERE (status = 'Queued' AND created_at < @old) OR (status = 'Running' AND heartbeat_at < @stale) ORDER BY id",
            new { old = clock.GetUtcNow().AddMinutes(-1), stale = clock.GetUtcNow().AddMinutes(-3) });
        foreach (var id in waiting)
        {
            await queue.EnqueueAsync(id, cancellationToken);
        }
    }
}
