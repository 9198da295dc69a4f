using System.Data.Common;
using System.Reflection;
using Dapper;

namespace SellerBridge.Web.Infrastructure.Persistence;

/// <summary>
/// Applies the numbered SQL scripts for the configured provider, each exactly once, recording
/// what ran in <c>schema_migrations</c>. Several processes may start together: a database-wide
/// lock makes the others wait, and they then find nothing left to do.
/// </summary>
public sealed class MigrationRunner(Db db, ILogger<MigrationRunner> logger)
{
    public static IReadOnlyList<(string Id, string Sql)> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Infrastructure.Persistence.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Id: n[prefix.Length..^4], Sql: Read(assembly, n)))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var unlock = await LockAsync(connection, cancellationToken);

        await connection.ExecuteAsync(db.Dialect.MigrationHistoryTable);
        var applied = (await connection.QueryAsync<string>("SELECT id FROM schema_migrations")).ToHashSet(StringComparer.Ordinal);
        var ran = new List<string>();
        foreach (var (id, sql) in Scripts(db.Provider))
        {
            if (applied.Contains(id))
            {
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            // Checked again inside the transaction: on SQLite the transaction is the lock.
            if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations WHERE id = @id", new { id }, tx) > 0)
            {
                continue;
            }

            foreach (var batch in SplitBatches(sql))
            {
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: tx, commandTimeout: 600, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)",
                new { id, at = DateTimeOffset.UtcNow },
                tx);
            await tx.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Migration}", id);
            ran.Add(id);
        }

        return ran;
    }

    private async Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var (take, giveBack) = db.Dialect.MigrationLock;
        if (take.Length == 0)
        {
            return new Release(() => Task.FromResult(0));
        }

        await connection.ExecuteAsync(new CommandDefinition(take, commandTimeout: 600, cancellationToken: cancellationToken));
        return new Release(() => connection.ExecuteAsync(giveBack));
    }

    /// <summary>SQL Server scripts separate batches with a line holding only GO.</summary>
    private static IEnumerable<string> SplitBatches(string sql) =>
        System.Text.RegularExpressions.Regex.Split(sql, @"^\s*GO\s*$", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Where(b => !string.IsNullOrWhiteSpace(b));

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class Release(Func<Task<int>> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
