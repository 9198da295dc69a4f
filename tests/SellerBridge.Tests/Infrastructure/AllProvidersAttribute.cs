using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// Runs a data test once per database provider: SQLite always, PostgreSQL when a server can be
/// started here, SQL Server when <see cref="SqlServerServer"/> is configured (otherwise that case
/// is reported as skipped, with the reason). The test method
/// takes one <c>string provider</c> argument and makes its <see cref="TestDatabase"/> from it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllProvidersAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var rows = new List<ITheoryDataRow> { new TheoryDataRow<string>("Sqlite") };
        var postgres = new TheoryDataRow<string>("Postgres");
        if (!PostgresServer.Instance.Available)
        {
            postgres.Skip = PostgresServer.Instance.SkipReason;
        }

        rows.Add(postgres);
        var sqlServer = new TheoryDataRow<string>("SqlServer");
        if (!SqlServerServer.Available)
        {
            sqlServer.Skip = SqlServerServer.SkipReason;
        }

        rows.Add(sqlServer);
        return new ValueTask<IReadOnlyCollection<ITheoryDataRow>>(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}
