using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SellerBridge.Web.Infrastructure.Persistence;

/// <summary>
/// The one connection factory: hands out a fresh, open connection per unit of work, and the
/// dialect to write SQL for it.
/// </summary>
public sealed class Db
{
    private readonly DbDataSource? _dataSource;
    private readonly DbProviderFactory? _factory;

    public Db(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Dialect = SqlDialect.For(provider);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                _dataSource = NpgsqlDataSource.Create(WithAutoPrepare(connectionString));
                break;
            case DatabaseProvider.Sqlite:
                _factory = SqliteFactory.Instance;
                _writer = new SemaphoreSlim(1, 1);
                break;
            case DatabaseProvider.SqlServer:
                _factory = SqlClientFactory.Instance;
                break;
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public SqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection;
        if (_dataSource is not null)
        {
            connection = _dataSource.CreateConnection();
        }
        else
        {
            connection = _factory!.CreateConnection()!;
            connection.ConnectionString = ConnectionString;
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider == DatabaseProvider.Sqlite)
            {
                await using var pragma = connection.CreateCommand();
                // WAL lets readers go on while an import writes; the busy timeout queues writers
                // instead of failing them at once.
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>
    /// Lets Npgsql prepare the statements a node repeats (every query here is a fixed text with
    /// parameters), which saves PostgreSQL the parse and plan of each call; a connection string
    /// that sets <c>Max Auto Prepare</c> itself is left as it is.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
        }

        return builder.ConnectionString;
    }
}
