using System.Collections.Concurrent;
using System.Data.Common;
using System.IO.Hashing;
using System.Text;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// The lock behind <see cref="OneAtATimeAttribute"/>. Held by a database session on PostgreSQL
/// (advisory lock) and SQL Server (session app lock), so a node killed mid-run releases it the moment
/// its connection drops, not after a timeout; on SQLite, where one process runs jobs, in memory.
/// </summary>
public sealed class JobMutex(Db db)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_local = new();

    /// <summary>The held lock, or null when another run holds it (after waiting, when asked to).</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, bool wait, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + (wait ? MaxWait : TimeSpan.Zero);
        while (true)
        {
            var held = await TryOnceAsync(name, cancellationToken);
            if (held is not null || DateTimeOffset.UtcNow >= until)
            {
                return held;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private async Task<IAsyncDisposable?> TryOnceAsync(string name, CancellationToken cancellationToken)
    {
        if (db.Dialect.SessionLock is not { } sql)
        {
            var gate = s_local.GetOrAdd(db.ConnectionString + "|" + name, _ => new SemaphoreSlim(1, 1));
            return await gate.WaitAsync(0, cancellationToken) ? new Local(gate) : null;
        }

        var resource = "sellerbridge-job:" + name;
        var args = new { key = (long)XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(resource)), name = resource };
        return await SessionLockAsync(sql.TryLock, sql.Unlock, args, cancellationToken);
    }

    private async Task<IAsyncDisposable?> SessionLockAsync(string acquire, string release, object args, CancellationToken cancellationToken)
    {
        var connection = await db.OpenAsync(cancellationToken);
        try
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(acquire, args, cancellationToken: cancellationToken)))
            {
                return new Session(connection, release, args);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Local(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Session(DbConnection connection, string release, object args) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync(release, args);
            }
            finally
            {
                // Were the unlock to fail, the pool's reset of the session on return still drops the lock.
                await connection.DisposeAsync();
            }
        }
    }
}
