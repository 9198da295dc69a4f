using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Platform;

public sealed class MigrationTests
{
    [Theory]
    [AllProviders]
    public async Task Nodes_starting_together_apply_each_script_exactly_once(string provider)
    {
        using var database = TestDatabase.Create(provider);

        // Each "node" has its own factory and connections, as separate processes would.
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new MigrationRunner(database.Open(), NullLogger<MigrationRunner>.Instance).MigrateAsync())));

        var expected = MigrationRunner.Scripts(database.Provider).Select(s => s.Id).ToList();
        Assert.Equal(expected, runs.SelectMany(r => r).Order(StringComparer.Ordinal).ToList());
        await using var connection = await database.Open().OpenAsync();
        Assert.Equal(expected, (await connection.QueryAsync<string>("SELECT id FROM schema_migrations ORDER BY id")).ToList());
    }

    [Theory]
    [AllProviders]
    public async Task Running_again_applies_nothing(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var runner = new MigrationRunner(database.Open(), NullLogger<MigrationRunner>.Instance);
        Assert.NotEmpty(await runner.MigrateAsync());
        Assert.Empty(await runner.MigrateAsync());
    }

    [Fact]
    public void Every_provider_has_the_same_numbered_scripts()
    {
        var sqlite = MigrationRunner.Scripts(DatabaseProvider.Sqlite).Select(s => s.Id).ToList();
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, MigrationRunner.Scripts(DatabaseProvider.Postgres).Select(s => s.Id).ToList());
        Assert.Equal(sqlite, MigrationRunner.Scripts(DatabaseProvider.SqlServer).Select(s => s.Id).ToList());
    }
}
