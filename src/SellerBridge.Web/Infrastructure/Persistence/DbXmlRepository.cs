using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SellerBridge.Web.Infrastructure.Persistence;

/// <summary>
/// Keeps ASP.NET Core data-protection keys in the app's database, so every node can read the
/// cookies and antiforgery tokens the others wrote.
/// </summary>
public sealed class DbXmlRepository(Db db, MigrationRunner migrations) : IXmlRepository
{
    private int _migrated;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureSchema();
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")
            .Select(XElement.Parse)
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureSchema();
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(
            db.Dialect.InsertIgnoreDuplicates("data_protection_keys", "friendly_name, xml", "@friendlyName, @xml", "friendly_name"),
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }

    // The key ring can be asked for before hosted services start (for example by the operator
    // command), so the schema is made sure of here too.
    private void EnsureSchema()
    {
        if (Interlocked.CompareExchange(ref _migrated, 1, 0) == 0)
        {
            migrations.MigrateAsync().GetAwaiter().GetResult();
        }
    }
}
