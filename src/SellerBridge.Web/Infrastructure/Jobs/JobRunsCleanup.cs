using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>Deletes run history older than 30 days, so <c>job_runs</c> stays small.</summary>
public sealed class JobRunsCleanup(Db db, TimeProvider clock, ILogger<JobRunsCleanup> logger)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    /// <summary>Returns how many runs were deleted. Safe to repeat: a second run finds nothing older.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow() - KeepFor;
        await using var connection = await db.OpenAsync(cancellationToken);
        // By start time, so a Running row left behind by a node that died goes too.
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM job_runs WHERE started_at < @before",
            new { before },
            cancellationToken: cancellationToken));
        logger.LogInformation("Deleted {Runs} job runs started before {Before}", deleted, before);
        return deleted;
    }
}

/// <summary>The recurring job around <see cref="JobRunsCleanup"/>.</summary>
[OneAtATime]
[System.ComponentModel.Description("Deletes job run history older than 30 days.")]
public sealed class JobRunsCleanupJob(JobRunsCleanup cleanup) : IRecurringJob
{
    public const string Name = "job-runs-cleanup";

    public async Task RunAsync(CancellationToken cancellationToken) => await cleanup.RunAsync(cancellationToken);
}
