using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Platform;

public sealed class WriteTransactionTests
{
    [Theory]
    [AllProviders]
    public async Task A_write_commits_what_it_commits_and_a_disposed_one_leaves_nothing(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var db = database.Open();
        await using (var setup = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            await setup.ExecuteAsync("CREATE TABLE notes (body TEXT NOT NULL)");
        }

        await using (var kept = await db.BeginWriteAsync(TestContext.Current.CancellationToken))
        {
            await kept.Connection.ExecuteAsync("INSERT INTO notes (body) VALUES ('입금 확인')", transaction: kept.Transaction);
            await kept.Transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        await using (var dropped = await db.BeginWriteAsync(TestContext.Current.CancellationToken))
        {
            await dropped.Connection.ExecuteAsync("INSERT INTO notes (body) VALUES ('반쯤 쓴 것')", transaction: dropped.Transaction);
        }

        await using var read = await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["입금 확인"], await read.QueryAsync<string>("SELECT body FROM notes"));
    }

    [Fact]
    public async Task On_sqlite_the_next_writer_of_the_process_waits_for_the_one_before_it_and_then_goes_in()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        var db = database.Open();
        await using (var setup = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            await setup.ExecuteAsync("CREATE TABLE notes (body TEXT NOT NULL)");
        }

        var first = await db.BeginWriteAsync(TestContext.Current.CancellationToken);
        var second = db.BeginWriteAsync(TestContext.Current.CancellationToken);
        await first.Connection.ExecuteAsync("INSERT INTO notes (body) VALUES ('첫째')", transaction: first.Transaction);

        // The second writer has not begun: it waits in the process's queue, not on SQLite's lock.
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        await first.Transaction.CommitAsync(TestContext.Current.CancellationToken);
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(["첫째"], await next.Connection.QueryAsync<string>("SELECT body FROM notes", transaction: next.Transaction));
    }
}
