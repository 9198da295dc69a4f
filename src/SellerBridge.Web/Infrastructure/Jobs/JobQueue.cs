using System.Linq.Expressions;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// How features queue background work (Hangfire's fire-and-forget jobs). Each piece of work has a
/// key: while a job with that key is still waiting, queueing it again adds nothing, so an import
/// asked for twice runs once. The work itself must be safe to repeat (a node can die mid-run).
/// </summary>
public sealed class JobQueue(IBackgroundJobClient client, JobStorage storage, ILogger<JobQueue> logger)
{
    /// <summary>Job parameter holding the key, which the run history shows.</summary>
    public const string KeyParameter = "sellerbridge-key";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A key's record outlives any wait it guards; the work's own claims cover anything later.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);

    /// <summary>Queues <paramref name="call"/> unless a job with <paramref name="key"/> is still waiting; true when queued.</summary>
    public bool EnqueueOnce<TJob>(string key, Expression<Func<TJob, Task>> call)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock("sellerbridge:key-lock:" + key, LockTimeout))
        {
            var existing = connection.GetAllEntriesFromHash(HashKey(key))?.GetValueOrDefault("job");
            if (existing is not null && IsWaiting(connection, existing))
            {
                logger.LogInformation("Job {Key} is already waiting as {JobId}", key, existing);
                return false;
            }

            string id;
            PendingKey.Value = key;
            try
            {
                id = client.Create(call, new EnqueuedState());
            }
            finally
            {
                PendingKey.Value = null;
            }

            using var transaction = connection.CreateWriteTransaction();
            transaction.SetRangeInHash(HashKey(key), [new("job", id)]);
            if (transaction is JobStorageTransaction expiring)
            {
                expiring.ExpireHash(HashKey(key), KeyLifetime);
            }

            transaction.Commit();
            logger.LogInformation("Queued job {Key} as {JobId}", key, id);
            return true;
        }
    }

    /// <summary>Whether any of these keys still waits for a worker (queued, not yet started).</summary>
    public bool IsWaiting(IEnumerable<string> keys)
    {
        using var connection = storage.GetConnection();
        return keys.Any(key => connection.GetAllEntriesFromHash(HashKey(key))?.GetValueOrDefault("job") is { } id && IsWaiting(connection, id));
    }

    /// <summary>Whether any job of <typeparamref name="TJob"/> waits in the queue (looks at the first thousand waiting).</summary>
    public bool IsAnyWaiting<TJob>()
    {
        var monitoring = storage.GetMonitoringApi();
        return monitoring.EnqueuedJobs(EnqueuedState.DefaultQueue, 0, 1000).Any(j => j.Value?.Job?.Type == typeof(TJob));
    }

    /// <summary>The key of the job being created on this flow, for <see cref="JobRunFilter"/> to store with it.</summary>
    internal static readonly AsyncLocal<string?> PendingKey = new();

    private static readonly HashSet<string> WaitingStates = [EnqueuedState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    private static bool IsWaiting(IStorageConnection connection, string jobId) =>
        connection.GetStateData(jobId)?.Name is { } state && WaitingStates.Contains(state);

    private static string HashKey(string key) => "sellerbridge:key:" + key;
}
