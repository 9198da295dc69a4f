using Dapper;
using Npgsql;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Persistence.Dialects;

namespace SellerBridge.Tests.Platform;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Repeated_statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(100, new NpgsqlConnectionStringBuilder(PostgresDialect.WithAutoPrepare("Host=db;Username=app")).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(PostgresDialect.WithAutoPrepare("Host=db;Username=app;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(PostgresDialect.WithAutoPrepare("Host=db;Username=app;MaxAutoPrepare=7")).MaxAutoPrepare);
    }

    [Fact]
    public async Task A_statement_run_a_few_times_on_postgres_ends_up_prepared()
    {
        await using var app = AppFactory.For("Postgres");
        await using var connection = await app.Db.OpenAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 6; i++)
        {
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sellers WHERE id > @i", new { i });
        }

        var prepared = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM sellers WHERE id >%'");
        Assert.Equal(1, prepared);
    }
}
