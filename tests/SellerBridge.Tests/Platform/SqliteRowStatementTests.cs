using Microsoft.Data.Sqlite;
using SellerBridge.Web.Infrastructure.Persistence.Dialects;

namespace SellerBridge.Tests.Platform;

public sealed class SqliteRowStatementTests
{
    [Fact]
    public void Text_keeps_its_exact_value_whether_empty_long_or_after_a_longer_one()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (n INTEGER NOT NULL, note TEXT NULL)";
            create.ExecuteNonQuery();
        }

        // Text is encoded into one reused buffer: an empty value must stay '' (not NULL), a value past
        // the buffer must grow it, and a short value after a long one must not carry the long one's tail.
        var values = new[] { "", new string('뷁', 3000) + "끝", "짧다", null, "x" };
        using (var insert = SqliteRowStatement.Prepare(connection, "INSERT INTO t (n, note) VALUES (@n, @note)"))
        {
            for (var i = 0; i < values.Length; i++)
            {
                insert.Bind(insert.IndexOf("@n"), (long)i);
                insert.Bind(insert.IndexOf("@note"), values[i]);
                insert.Run();
            }
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT note FROM t ORDER BY n";
        using var reader = read.ExecuteReader();
        foreach (var expected in values)
        {
            Assert.True(reader.Read());
            Assert.Equal(expected, reader.IsDBNull(0) ? null : reader.GetString(0));
        }
    }

    [Fact]
    public void Rows_are_written_inside_the_transaction_and_a_broken_constraint_is_an_sqlite_error()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (sku TEXT NOT NULL UNIQUE, price INTEGER NOT NULL, note TEXT NULL)";
            create.ExecuteNonQuery();
        }

        using (var tx = connection.BeginTransaction())
        {
            using var insert = SqliteRowStatement.Prepare(connection, "INSERT INTO t (sku, price, note) VALUES (@sku, @price, @note)");
            var (sku, price, note) = (insert.IndexOf("@sku"), insert.IndexOf("@price"), insert.IndexOf("@note"));
            Assert.Equal(0, insert.IndexOf("@absent"));
            foreach (var (s, p, n) in new[] { ("똠-1", 12900L, (string?)"뷁"), ("똠-2", 5L, null) })
            {
                insert.Bind(sku, s);
                insert.Bind(price, p);
                insert.Bind(note, n);
                insert.Run();
            }

            using (var written = connection.CreateCommand())
            {
                written.CommandText = "SELECT group_concat(sku || ':' || price || ':' || COALESCE(note, '-'), ',') FROM t";
                Assert.Equal("똠-1:12900:뷁,똠-2:5:-", written.ExecuteScalar());
            }

            insert.Bind(sku, "똠-1");
            var error = Assert.Throws<SqliteException>(insert.Run);
            Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
            Assert.Throws<ArgumentException>(() => insert.Bind(price, new object()));
            tx.Rollback();
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        Assert.Equal(0L, count.ExecuteScalar());
    }
}
