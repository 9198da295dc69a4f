using Microsoft.Data.SqlClient;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// The SQL Server the data tests also run on when <c>SELLERBRIDGE_TEST_SQLSERVER</c> holds a
/// connection string to it, whose login may create and drop databases. Each test gets a database
/// of its own, dropped when the test ends. No SQL Server engine can be installed on the project's
/// Linux machines, so without the variable the SQL Server cases are skipped, with this reason.
/// </summary>
public static class SqlServerServer
{
    public const string Variable = "SELLERBRIDGE_TEST_SQLSERVER";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool Available => ConnectionString is not null;

    public static string SkipReason =>
        $"SQL Server is not configured (no SQL Server engine can be installed on the project's Linux machines): set {Variable} "
        + "to a connection string (Server=...;User Id=sa;Password=...;TrustServerCertificate=True) to run this case on one.";

    /// <summary>Creates an empty database for one test and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = "sb_" + Guid.NewGuid().ToString("N")[..16];
        // A database name cannot be a parameter; this one is made here from hex digits only.
        Execute($"CREATE DATABASE [{name}]");
        // Readers see the last committed rows instead of waiting for a writer, as on SQLite (WAL) and
        // PostgreSQL, which the app assumes: a long import must not hold up the portal's pages.
        Execute($"ALTER DATABASE [{name}] SET READ_COMMITTED_SNAPSHOT ON");
        return new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = name }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new SqlConnectionStringBuilder(connectionString).InitialCatalog;
        SqlConnection.ClearAllPools();
        Execute($"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END");
    }

    private static void Execute(string sql)
    {
        var master = new SqlConnectionStringBuilder(ConnectionString) { InitialCatalog = "master", Pooling = false };
        using var connection = new SqlConnection(master.ConnectionString);
        connection.Open();
        using var command = new SqlCommand(sql, connection) { CommandTimeout = 120 };
        command.ExecuteNonQuery();
    }
}
