using System.ComponentModel.DataAnnotations;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> section: whether this process runs background jobs, and how.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// When false no job server runs here: this node still queues jobs into the shared store for a
    /// worker node to run (on SQLite, whose store lives in memory, the worker's sweeps find the work
    /// in the app's own tables instead).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs run at once on this node.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often recurring and delayed jobs are looked at, and an idle worker asks the store for work.</summary>
    [Range(1, 60)]
    public int PollingIntervalSeconds { get; set; } = 1;

    /// <summary>
    /// PostgreSQL and SQL Server: a job fetched by a node that stops renewing it (the process died) is
    /// given to another after this long. Renewed while the job runs, so a long import is never run twice.
    /// </summary>
    [Range(1, 24 * 60)]
    public int InvisibilityTimeoutMinutes { get; set; } = 5;

    /// <summary>Where jobs wait on the embedded SQLite default (see the README's "Background jobs").</summary>
    public SqliteJobStorage SqliteStorage { get; set; } = SqliteJobStorage.InMemory;

    [Range(1, 7 * 24 * 60)]
    public int CleanupIntervalMinutes { get; set; } = 60;
}

/// <summary>The two Hangfire storages served for SQLite.</summary>
public enum SqliteJobStorage
{
    /// <summary>Hangfire.InMemory; the app's own tables are the record of what is owed, swept at start and every minute.</summary>
    InMemory,

    /// <summary>Hangfire.Storage.SQLite in a file beside the database: only in a build made to measure it (the README's "Background jobs").</summary>
    File,
}
