using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence.Dialects;

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

/// <summary>Refuses at start a connection string that is missing or that the chosen provider's driver cannot read, naming the key.</summary>
internal sealed class DatabaseOptionsValidation : IValidateOptions<DatabaseOptions>
{
    private const string Key = "ConnectionStrings__SellerBridge";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.Provider == DatabaseProvider.Sqlite
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Key} is required when Database__Provider is Postgres or SqlServer.");
        }

        try
        {
            SqlDialect.For(options.Provider).CheckConnectionString(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            // The drivers name the keyword they could not read, not its value, so a password stays out of the log.
            return ValidateOptionsResult.Fail($"{Key} is not a connection string that {options.Provider} understands ({ex.Message}).");
        }
    }
}
