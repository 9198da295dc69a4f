using System.ComponentModel.DataAnnotations;

namespace SellerBridge.Web.Infrastructure.Persistence;

/// <summary>Which database the app talks to and how to reach it.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Filled from <c>ConnectionStrings:SellerBridge</c>; defaults to a SQLite file under <c>data/</c>.</summary>
    public string ConnectionString { get; set; } = "";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
