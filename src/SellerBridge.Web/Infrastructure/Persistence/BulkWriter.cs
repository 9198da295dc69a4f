using System.Data.Common;

namespace SellerBridge.Web.Infrastructure.Persistence;

/// <summary>
/// Writes many small statements fast on every provider: PostgreSQL and SQL Server get one
/// round trip per batch (ADO.NET <see cref="DbBatch"/>); SQLite, which runs in-process, reuses a
/// prepared command per statement text.
/// </summary>
public sealed class BulkWriter(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private readonly bool _batched = connection.CanCreateBatch;
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private DbBatch? _batch;

    public int Pending => _batch?.BatchCommands.Count ?? 0;

    public async Task AddAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        if (_batched)
        {
            _batch ??= NewBatch();
            var command = _batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                command.Parameters.Add(p);
            }

            _batch.BatchCommands.Add(command);
            return;
        }

        if (!_prepared.TryGetValue(sql, out var prepared))
        {
            prepared = connection.CreateCommand();
            prepared.Transaction = transaction;
            prepared.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                var p = prepared.CreateParameter();
                p.ParameterName = name;
                prepared.Parameters.Add(p);
            }

            prepared.Prepare();
            _prepared[sql] = prepared;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            prepared.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        await prepared.ExecuteNonQueryAsync();
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_batch is { BatchCommands.Count: > 0 } batch)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await batch.DisposeAsync();
            _batch = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_batch is not null)
        {
            await _batch.DisposeAsync();
        }

        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }
    }

    private DbBatch NewBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        batch.Timeout = 600;
        return batch;
    }
}
