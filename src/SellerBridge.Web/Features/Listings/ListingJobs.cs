using Dapper;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Starts the publishing workers: <c>Listings:Workers</c> jobs with fixed keys, so a burst of
/// submissions queues at most that many runs, and in a cluster the runs spread over the nodes. Not
/// one job per listing: each run drains the table until nothing is due.
/// </summary>
public sealed class PublishQueue(JobQueue jobs, IOptions<ListingsOptions> options)
{
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 1; i <= options.Value.Workers; i++)
        {
            jobs.EnqueueOnce<PublishListingsJob>($"listings-publish-{i}", job => job.RunAsync(CancellationToken.None));
        }

        return Task.CompletedTask;
    }
}

/// <summary>One publishing worker. Several may run at once, on one node or several: claims keep them apart.</summary>
[System.ComponentModel.Description("Publishes queued listings to the marketplace within the call-rate ceiling.")]
public sealed class PublishListingsJob(PublishListings publish, JobServerIdentity node)
{
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await publish.RunAsync(Worker.Name(node), cancellationToken);
}

/// <summary>Starts the workers when a listing is due (a retry whose time came, or work a stopped node left).</summary>
[OneAtATime]
[System.ComponentModel.Description("Starts listing publishing when retries or abandoned listings are due.")]
public sealed class PublishSweepJob(Db db, PublishQueue queue, TimeProvider clock) : IRecurringJob
{
    public const string Name = "listings-publish-sweep";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM listings WHERE status IN ('Queued', 'Submitting') AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)",
            new { now });
        if (due > 0)
        {
            await queue.StartAsync(cancellationToken);
        }
    }
}

/// <summary>Queues the sale job (withdraw and relist) once: one key, so many requests queue one run, which drains every owed change.</summary>
public sealed class SaleQueue(JobQueue jobs)
{
    public const string Key = "listings-sale";

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        jobs.EnqueueOnce<ChangeSalesJob>(Key, job => job.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}

[System.ComponentModel.Description("Takes listings off sale and puts them back on sale as their sellers asked.")]
public sealed class ChangeSalesJob(ChangeSales sales, JobServerIdentity node)
{
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sales.RunAsync(Worker.Name(node), cancellationToken);
}

/// <summary>Starts the sale job when a change is owed that no run took (a retry whose time came, or a process killed mid-way).</summary>
[OneAtATime]
[System.ComponentModel.Description("Starts withdraw and relist work that is owed.")]
public sealed class SaleSweepJob(Db db, SaleQueue queue, TimeProvider clock) : IRecurringJob
{
    public const string Name = "listings-sale-sweep";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM listings WHERE sale_wanted IS NOT NULL AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)",
            new { now });
        if (due > 0)
        {
            await queue.StartAsync(cancellationToken);
        }
    }
}

[OneAtATime]
[System.ComponentModel.Description("Fetches the marketplace's state of listings awaiting their audit and of live ones due a look.")]
public sealed class CheckAuditsJob(CheckAudits audits, JobServerIdentity node) : IRecurringJob
{
    public const string Name = "listings-audit";

    public async Task RunAsync(CancellationToken cancellationToken) =>
        await audits.RunAsync(Worker.Name(node), cancellationToken);
}

[OneAtATime]
[System.ComponentModel.Description("Pushes stock, price and content changes of live listings.")]
public sealed class PushListingUpdatesJob(PushListingUpdates updates, JobServerIdentity node) : IRecurringJob
{
    public const string Name = "listings-updates";

    public async Task RunAsync(CancellationToken cancellationToken) =>
        await updates.RunAsync(Worker.Name(node), cancellationToken);
}

internal static class Worker
{
    /// <summary>The claim owner: this node and this run, so two runs on one node are told apart too.</summary>
    public static string Name(JobServerIdentity node) => $"{node.Name}/{Guid.NewGuid().ToString("N")[..12]}";
}
