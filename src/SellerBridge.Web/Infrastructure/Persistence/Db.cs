using System.Data.Common;
using SellerBridge.Web.Infrastructure.Persistence.Dialects;

namespace SellerBridge.Web.Infrastructure.Persistence;

/// <summary>
/// The one connection factory: hands out a fresh, open connection per unit of work, and the
/// dialect to write SQL for it.
/// </summary>
public sealed class Db : IAsyncDisposable, IDisposable
{
    private readonly DbDataSource _dataSource;

    public Db(DatabaseProvider provider, string connectionString)
        : this(SqlDialect.For(provider), connectionString)
    {
    }

    public Db(SqlDialect dialect, string connectionString)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        _dataSource = dialect.CreateDataSource(connectionString);
        _writer = dialect.OneWriterAtATime ? new SemaphoreSlim(1, 1) : null;
    }

    public DatabaseProvider Provider => Dialect.Provider;

    public string ConnectionString { get; }

    public SqlDialect Dialect { get; }

    /// <summary>A closed connection from this database's pool, for a library that opens its own (Hangfire's store).</summary>
    public DbConnection CreateConnection() => _dataSource.CreateConnection();

    /// <summary>Closes the pool's connections when the app stops, instead of leaving them idle on the server.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = _dataSource.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Dialect.OpenSettings is { Length: > 0 } settings)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = settings;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Opens a connection and begins a write transaction on it. SQLite has one writer at a time: its
    /// waiting writers sleep and try again on the file lock (1, 2, 5, 10 … ms), so many at once
    /// lose time between one commit and the next. This process's writers that come through here
    /// wait in turn instead, up to the same 30 s as the lock's busy timeout; other writers (and
    /// other processes) still meet them at the lock. Other databases begin at once.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        if (_writer is not null && !await _writer.WaitAsync(WriterWait, cancellationToken))
        {
            throw new TimeoutException($"The database was busy with other writes for {WriterWait.TotalSeconds:0} s.");
        }

        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new WriteTransaction(connection, transaction, _writer);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _writer?.Release();
            throw;
        }
    }

    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim? _writer;

    /// <summary>A write transaction with its connection; disposing it rolls back what was not committed and lets the next writer in.</summary>
    public sealed class WriteTransaction(DbConnection connection, DbTransaction transaction, SemaphoreSlim? writer) : IAsyncDisposable
    {
        public DbConnection Connection { get; } = connection;

        public DbTransaction Transaction { get; } = transaction;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Transaction.DisposeAsync();
                await Connection.DisposeAsync();
            }
            finally
            {
                writer?.Release();
            }
        }
    }
}
