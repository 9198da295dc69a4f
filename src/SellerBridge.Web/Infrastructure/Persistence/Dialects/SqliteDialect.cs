using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace SellerBridge.Web.Infrastructure.Persistence.Dialects;

/// <summary>SQLite through Microsoft.Data.Sqlite: the embedded default, one file used by one process.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override DbDataSource CreateDataSource(string connectionString) => SqliteFactory.Instance.CreateDataSource(connectionString);

    public override void CheckConnectionString(string connectionString) => _ = new SqliteConnectionStringBuilder(connectionString);

    // WAL lets readers go on while an import writes; the busy timeout queues writers instead of
    // failing them at once.
    public override string OpenSettings => "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

    public override bool OneWriterAtATime => true;

    public override bool SingleNode => true;

    // One file, one process: two connections would only take turns (and measured 40 ms slower on the orders page).
    public override bool ParallelQueries => false;

    public override string MigrationHistoryTable => "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)";

    // No lock of its own: each script runs in its own transaction, and a writer takes the file lock;
    // the busy timeout makes a second process wait, then it re-reads the history.

    // One JSON parameter instead of one parameter per value: SQLite binds parameters by name, and a
    // thousand of them make every statement slow.
    public override string InList(string column, string parameterName) => $"{column} IN (SELECT value FROM json_each(@{parameterName}))";

    public override object ListValue(IReadOnlyCollection<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public override object ListValue(IReadOnlyCollection<long> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public override string JsonRows(string parameterName, params (string Name, string Type)[] columns) =>
        "(SELECT " + string.Join(", ", columns.Select(c => $"json_extract(value, '$.{c.Name}') AS {c.Name}")) + $" FROM json_each(@{parameterName})) AS r";

    // The same fixed-width ISO text the Dapper handler writes, so times sort as text.
    public override object Time(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public override string InsertReturningId(string insertSql) => insertSql + " RETURNING id";

    public override string Limit(string parameterName) => $" LIMIT @{parameterName}";

    public override string InsertIgnoreDuplicates(string table, string columns, string values, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING";

    public override string Upsert(string table, string columns, string values, string keyColumns, string? updateWhen = null) =>
        OnConflictUpdate(table, columns, values, keyColumns, updateWhen);

    // SQLite has one writer at a time, so the condition checked again in the UPDATE is enough.
    public override string ClaimReturningIds(string table, string alias, string set, string where, string orderBy, string limitParameter, string stillFree) => $"""
        UPDATE {table} SET {set}
        WHERE id IN (SELECT id FROM {table} {alias} WHERE {where} ORDER BY {orderBy} LIMIT @{limitParameter})
          AND ({stillFree})
        RETURNING id
        """;

    /// <summary>
    /// In-process, a prepared statement run once per row beats parsing a JSON batch in SQL: one
    /// statement, bound by position and stepped per row (see <see cref="SqliteRowStatement"/>).
    /// </summary>
    public override Task WriteRowsAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<T> rows,
        (string Name, string Type)[] columns,
        Func<Func<string, string>, string, string> statement,
        (string Name, object Value)[] constants,
        CancellationToken cancellationToken)
    {
        using var sqlite = SqliteRowStatement.Prepare((SqliteConnection)connection, statement(n => "@" + n, ""));
        foreach (var (name, value) in constants)
        {
            sqlite.Bind(sqlite.IndexOf("@" + name), value is DateTimeOffset time ? Time(time) : value);
        }

        var positions = columns.Select(c => sqlite.IndexOf("@" + c.Name)).ToArray();
        foreach (var row in rows)
        {
            var values = row.Values();
            for (var i = 0; i < values.Length; i++)
            {
                sqlite.Bind(positions[i], values[i]);
            }

            sqlite.Run();
        }

        return Task.CompletedTask;
    }

    // For the import's connection, set before its transaction begins (SQLite fixes where a write
    // transaction keeps its statement journals when it starts):
    // - temp_store = MEMORY keeps each statement's journal in memory, emptied when the statement ends.
    //   Otherwise, once one statement's journal passes 64 KB, every later statement of the
    //   transaction writes its pages (three per product row) to a temp file: 8.8 million writes and
    //   half the time of a 1,000,000-row import (measured).
    // - A bigger page cache; bounded, so memory does not grow with the file.
    // - No checkpoint at the commit: the import's commit would copy everything it wrote from the WAL
    //   into the database file and sync it before the import could say "Completed" (0.2 s of a
    //   100,000-row import's 1.4 s, measured). The import job runs CheckpointAsync right after instead.
    public override (string Set, string Reset) BulkConnectionSettings => (
        "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 0",
        "PRAGMA temp_store = DEFAULT; PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000");

    public override bool NeedsCheckpoint => true;

    public override async Task<bool> CheckpointAsync(DbConnection connection, TimeProvider clock, CancellationToken cancellationToken)
    {
        // PASSIVE copies what no reader still needs and never waits for readers or writers, so it
        // stops short of what a reader still reads: try again while readers come and go.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var result = await connection.QuerySingleAsync<(long Busy, long Log, long Checkpointed)>(
                new CommandDefinition("PRAGMA wal_checkpoint(PASSIVE)", commandTimeout: 600, cancellationToken: cancellationToken));
            if (result.Checkpointed >= result.Log)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }

        return false;
    }
}
