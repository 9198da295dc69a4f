using Dapper;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The record of each background draft recompute (<c>draft_recomputes</c>): written by the job as it
/// goes, read by the operator's rule pages to show the work live and then its result. Whether a run
/// is still waiting for a free worker comes from the scheduler's own store, so every node agrees.
/// </summary>
public sealed class DraftRecomputes(Db db, JobQueue jobs, TimeProvider clock)
{
    public sealed class Run
    {
        public long Id { get; init; }

        public string Scope { get; init; } = "";

        public DateTimeOffset StartedAt { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        public string Outcome { get; init; } = "";

        public long ProductsTotal { get; init; }

        public long ProductsDone { get; init; }

        public long DraftsWritten { get; init; }

        public long StatusesChanged { get; init; }

        public long UpdatesQueued { get; init; }

        public int Percent => ProductsTotal == 0 ? 100 : (int)Math.Min(100, ProductsDone * 100 / ProductsTotal);
    }

    /// <summary>What the rule pages show: a run waiting to start, the latest run (running or ended), or neither.</summary>
    public sealed record Status(bool Queued, Run? Latest)
    {
        public bool Working => Queued || Latest?.Outcome == "Running";

        /// <summary>How far the work is: 0 while waiting to start, the running share, 100 once nothing is going on.</summary>
        public int Percent => !Working ? 100 : Latest?.Outcome == "Running" ? Latest.Percent : 0;
    }

    public async Task<long> StartAsync(string scope)
    {
        await using var connection = await db.OpenAsync();
        // The job never runs twice at once (cluster-wide), so a run still marked Running was cut
        // short by a process that died; it is re-run now, and the record says it did not finish.
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync("UPDATE draft_recomputes SET outcome = 'Failed', finished_at = @now WHERE outcome = 'Running'", new { now });
        var total = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products");
        return await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId("""
                INSERT INTO draft_recomputes (scope, started_at, outcome, products_total, products_done, drafts_written, statuses_changed, updates_queued)
                VALUES (@scope, @now, 'Running', @total, 0, 0, 0, 0)
                """),
            new { scope, now, total });
    }

    public async Task ProgressAsync(long id, int done, DraftRecomputer.Result so, string? outcome = null)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            $"""
            UPDATE draft_recomputes SET products_done = @done, drafts_written = @DraftsWritten, statuses_changed = @StatusesChanged, updates_queued = @UpdatesQueued
                {(outcome is null ? "" : ", outcome = @outcome, finished_at = @now, products_total = CASE WHEN @outcome = 'Completed' THEN @done ELSE products_total END")}
            WHERE id = @id
            """,
            new { id, done, so.DraftsWritten, so.StatusesChanged, so.UpdatesQueued, outcome, now = clock.GetUtcNow() });
    }

    public async Task<Status> StatusAsync(CancellationToken cancellationToken = default)
    {
        var queued = jobs.IsAnyWaiting<RecomputeDraftsJob>();
        await using var connection = await db.OpenAsync(cancellationToken);
        var latest = await connection.QueryFirstOrDefaultAsync<Run>(
            """
            SELECT id AS Id, scope AS Scope, started_at AS StartedAt, finished_at AS FinishedAt, outcome AS Outcome, products_total AS ProductsTotal,
                   products_done AS ProductsDone, drafts_written AS DraftsWritten, statuses_changed AS StatusesChanged, updates_queued AS UpdatesQueued
            FROM draft_recomputes ORDER BY id DESC
            """ + db.Dialect.Limit("one"),
            new { one = 1 });
        return new Status(queued, latest);
    }
}
