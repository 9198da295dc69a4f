using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>One test's own empty database on the given provider.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite database file (null on a server database).</summary>
    public string? SqliteFile => _sqliteFile;

    public static TestDatabase Create(string provider) => Create(Enum.Parse<DatabaseProvider>(provider));

    public static TestDatabase Create(DatabaseProvider provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(Path.GetTempPath(), "sb-test-" + Guid.NewGuid().ToString("N") + ".db");
                return new TestDatabase(provider, $"Data Source={file};Pooling=True", file);
            case DatabaseProvider.Postgres:
                if (!PostgresServer.Instance.Available)
                {
                    Assert.Skip(PostgresServer.Instance.SkipReason);
                }

                return new TestDatabase(provider, PostgresServer.Instance.CreateDatabase(), null);
            case DatabaseProvider.SqlServer:
                if (!SqlServerServer.Available)
                {
                    Assert.Skip(SqlServerServer.SkipReason);
                }

                return new TestDatabase(provider, SqlServerServer.CreateDatabase(), null);
            default:
                throw new NotSupportedException($"Tests do not run on {provider}.");
        }
    }

    public Db Open() => new(Provider, ConnectionString);

    public void Dispose()
    {
        if (Provider == DatabaseProvider.SqlServer)
        {
            SqlServerServer.DropDatabase(ConnectionString);
            return;
        }

        if (_sqliteFile is null)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
        }
    }
}
