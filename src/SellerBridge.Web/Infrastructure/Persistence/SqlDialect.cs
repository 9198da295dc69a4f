namespace SellerBridge.Web.Infrastructure.Persistence;

/// <summary>
/// The few places where the three databases speak differently. Everything else is plain SQL
/// that all three accept.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Appended to an INSERT so that it returns the new row's <c>id</c>.</summary>
    public abstract string InsertReturningId(string insertSql);

    /// <summary>An UPDATE that returns the id of each row it changed (no row: nothing matched).</summary>
    public virtual string UpdateReturningId(string table, string set, string where) => $"UPDATE {table} SET {set} WHERE {where} RETURNING id";

    /// <summary>A row-count limit for a query ending in ORDER BY.</summary>
    public abstract string Limit(string parameterName);

    /// <summary>
    /// An INSERT that does nothing (rather than failing) when the key already exists.
    /// Columns and values are written by the caller.
    /// </summary>
    public abstract string InsertIgnoreDuplicates(string table, string columns, string values, string keyColumns);

    /// <summary>
    /// An INSERT that, when the key already exists, updates every non-key column to the new values
    /// instead. <paramref name="updateWhen"/> (optional) limits the update; it may compare
    /// <c>{table}.column</c> with <c>excluded.column</c>. Values must be parameters or literals without commas.
    /// </summary>
    public abstract string Upsert(string table, string columns, string values, string keyColumns, string? updateWhen = null);

    private protected static string[] List(string csv) => csv.Split(',', StringSplitOptions.TrimEntries);

    private protected static string OnConflictUpdate(string table, string columns, string values, string keyColumns, string? updateWhen)
    {
        var keys = List(keyColumns);
        var set = string.Join(", ", List(columns).Where(c => !keys.Contains(c)).Select(c => $"{c} = excluded.{c}"));
        return $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO UPDATE SET {set}"
            + (updateWhen is null ? "" : $" WHERE {updateWhen}");
    }

    /// <summary>
    /// <c>column IN (list)</c> for a list parameter. Dapper expands lists into one parameter each,
    /// except on PostgreSQL, where it sends an array that needs <c>= ANY(...)</c>.
    /// </summary>
    public virtual string InList(string column, string parameterName) => $"{column} IN @{parameterName}";

    /// <summary>
    /// Keyset paging: rows sorted by (<paramref name="first"/>, <paramref name="second"/>) descending
    /// that come after the given pair. A row-value comparison, which PostgreSQL and SQLite answer
    /// from the index on both columns.
    /// </summary>
    public virtual string KeysetBefore(string first, string second, string firstParameter, string secondParameter) =>
        $"({first}, {second}) < (@{firstParameter}, @{secondParameter})";

    /// <summary>The value to pass for an <see cref="InList"/> parameter.</summary>
    public virtual object ListValue(IReadOnlyCollection<string> values) => values;

    /// <summary>The value to pass for an <see cref="InList"/> parameter of ids.</summary>
    public virtual object ListValue(IReadOnlyCollection<long> values) => values;

    /// <summary>
    /// A row source over a JSON array of objects passed in one parameter, aliased <c>r</c>, with the
    /// given columns (type <c>text</c> or <c>bigint</c>). Bulk writes go through this: one
    /// statement and one parameter per batch, however many rows, on every provider.
    /// </summary>
    public abstract string JsonRows(string parameterName, params (string Name, string Type)[] columns);

    /// <summary>
    /// True when bulk writes go row by row through one prepared statement with a parameter per
    /// column (SQLite: in-process, so a prepared statement per row beats parsing JSON in SQL);
    /// false when a whole batch goes as one JSON parameter (<see cref="JsonRows"/>).
    /// </summary>
    public virtual bool BulkByRow => false;

    /// <summary>
    /// Settings for a long bulk-write transaction, run at its start (empty when none), scoped to it
    /// where the database allows.
    /// </summary>
    public virtual string BulkTransactionSettings => "";

    /// <summary>
    /// Settings of the connection a long bulk write runs on, set before its transaction begins, and
    /// the statement that puts them back before the connection returns to the pool (empty when none).
    /// </summary>
    public virtual (string Set, string Reset) BulkConnectionSettings => ("", "");

    /// <summary>
    /// Moves what a bulk write committed from the write-ahead log into the database file (empty where
    /// the server does this in the background): run by the job after the bulk write, so that no
    /// request's commit pays for it.
    /// </summary>
    public virtual string Checkpoint => "";

    /// <summary>
    /// Refreshes the planner's statistics of a table that a long transaction is filling (empty when
    /// the database needs none); run every so often during a bulk write.
    /// </summary>
    public virtual string RefreshStatistics(string table, params string[] columns) => "";

    /// <summary>
    /// Whether the database keeps each seller's order totals as they change (seller_order_totals and
    /// its deltas, PostgreSQL); elsewhere the totals are summed when asked.
    /// </summary>
    public virtual bool KeepsOrderTotals => false;

    /// <summary>An UPDATE of <paramref name="table"/> joined to a row source (<c>FROM ...</c>, or empty for parameters) on <paramref name="on"/>.</summary>
    public virtual string UpdateFrom(string table, string set, string from, string on) =>
        $"UPDATE {table} SET {set} {from} WHERE {on}";

    /// <summary>A time as this provider stores it, for raw ADO.NET parameters (Dapper does this itself).</summary>
    public virtual object Time(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>Boolean literal for use in SQL text.</summary>
    public virtual string True => "1";

    public virtual string False => "0";

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.Postgres => new PostgresDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}

public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    // One JSON parameter instead of one parameter per value: SQLite binds parameters by name, and a
    // thousand of them make every statement slow.
    public override string InList(string column, string parameterName) => $"{column} IN (SELECT value FROM json_each(@{parameterName}))";

    public override object ListValue(IReadOnlyCollection<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public override object ListValue(IReadOnlyCollection<long> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public override string JsonRows(string parameterName, params (string Name, string Type)[] columns) =>
        "(SELECT " + string.Join(", ", columns.Select(c => $"json_extract(value, '$.{c.Name}') AS {c.Name}")) + $" FROM json_each(@{parameterName})) AS r";

    public override bool BulkByRow => true;

    // For the import's connection, set before its transaction begins (SQLite fixes where a write
    // transaction keeps its statement journals when it starts):
    // - temp_store = MEMORY keeps each statement's journal in memory, emptied when the statement ends.
    //   Otherwise, once one statement's journal passes 64 KB, every later statement of the
    //   transaction writes its pages (three per product row) to a temp file: 8.8 million writes and
    //   half the time of a 1,000,000-row import (measured).
    // - A bigger page cache; bounded, so memory does not grow with the file.
    // - No checkpoint at the commit: the import's commit would copy everything it wrote from the WAL
    //   into the database file and sync it before the import could say "Completed" (0.2 s of a
    //   100,000-row import's 1.4 s, measured). The import job runs Checkpoint right after instead.
    public override (string Set, string Reset) BulkConnectionSettings => (
        "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 0",
        "PRAGMA temp_store = DEFAULT; PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000");

    // PASSIVE: copies what no reader still needs and never waits for readers or writers.
    public override string Checkpoint => "PRAGMA wal_checkpoint(PASSIVE)";

    // The same fixed-width ISO text the Dapper handler writes, so times sort as text.
    public override object Time(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public override string InsertReturningId(string insertSql) => insertSql + " RETURNING id";

    public override string Limit(string parameterName) => $" LIMIT @{parameterName}";

    public override string InsertIgnoreDuplicates(string table, string columns, string values, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING";

    public override string Upsert(string table, string columns, string values, string keyColumns, string? updateWhen = null) =>
        OnConflictUpdate(table, columns, values, keyColumns, updateWhen);
}

public sealed class PostgresDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string True => "TRUE";

    public override string InList(string column, string parameterName) => $"{column} = ANY(@{parameterName})";

    public override object ListValue(IReadOnlyCollection<string> values) => values.ToArray();

    // Each batch looks products up by (seller, SKU) and joins a thousand JSON rows to them by id. The
    // table grows inside the transaction while its statistics still say "empty", so the planner would
    // scan all of it for every batch (quadratic in the file); index lookups are what is wanted.
    public override string BulkTransactionSettings =>
        "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";

    public override bool KeepsOrderTotals => true;

    // ANALYZE inside the transaction counts the rows it has inserted, so the plans follow the growing table.
    // Only the key columns, from a small sample: a full ANALYZE of products took 0.4 s each time.
    public override string RefreshStatistics(string table, params string[] columns) =>
        $"SET LOCAL default_statistics_target = 10; ANALYZE {table} ({string.Join(", ", columns)})";

    public override object ListValue(IReadOnlyCollection<long> values) => values.ToArray();

    public override string JsonRows(string parameterName, params (string Name, string Type)[] columns) =>
        $"jsonb_to_recordset(CAST(@{parameterName} AS jsonb)) AS r(" + string.Join(", ", columns.Select(c => $"{c.Name} {c.Type}")) + ")";

    public override string False => "FALSE";

    public override string InsertReturningId(string insertSql) => insertSql + " RETURNING id";

    public override string Limit(string parameterName) => $" LIMIT @{parameterName}";

    public override string InsertIgnoreDuplicates(string table, string columns, string values, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING";

    public override string Upsert(string table, string columns, string values, string keyColumns, string? updateWhen = null) =>
        OnConflictUpdate(table, columns, values, keyColumns, updateWhen);
}

public sealed class SqlServerDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string InsertReturningId(string insertSql)
    {
        // SQL Server puts OUTPUT between the column list and VALUES/SELECT.
        var at = insertSql.IndexOf(" VALUES", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            at = insertSql.IndexOf(" SELECT", StringComparison.OrdinalIgnoreCase);
        }

        if (at < 0)
        {
            throw new ArgumentException("Expected an INSERT ... VALUES or INSERT ... SELECT statement.", nameof(insertSql));
        }

        return insertSql.Insert(at, " OUTPUT INSERTED.id");
    }

    public override string UpdateReturningId(string table, string set, string where) => $"UPDATE {table} SET {set} OUTPUT INSERTED.id WHERE {where}";

    public override string Limit(string parameterName) => $" OFFSET 0 ROWS FETCH NEXT @{parameterName} ROWS ONLY";

    // SQL Server has no row-value comparison.
    public override string KeysetBefore(string first, string second, string firstParameter, string secondParameter) =>
        $"({first} < @{firstParameter} OR ({first} = @{firstParameter} AND {second} < @{secondParameter}))";

    public override string JsonRows(string parameterName, params (string Name, string Type)[] columns) =>
        $"OPENJSON(@{parameterName}) WITH (" + string.Join(", ", columns.Select(c => $"{c.Name} {(c.Type == "bigint" ? "BIGINT" : "NVARCHAR(MAX)")} '$.{c.Name}'")) + ") AS r";

    public override string UpdateFrom(string table, string set, string from, string on) =>
        from.Length == 0 ? $"UPDATE {table} SET {set} WHERE {on}" : $"UPDATE {table} SET {set} FROM {table} JOIN {from["FROM ".Length..]} ON {on}";

    public override string InsertIgnoreDuplicates(string table, string columns, string values, string keyColumns)
    {
        var keys = keyColumns.Split(',', StringSplitOptions.TrimEntries);
        var valueList = values.Split(',', StringSplitOptions.TrimEntries);
        var columnList = columns.Split(',', StringSplitOptions.TrimEntries);
        var keyValues = keys.Select(k => (k, valueList[Array.IndexOf(columnList, k)]));
        var where = string.Join(" AND ", keyValues.Select(kv => $"{kv.k} = {kv.Item2}"));
        return $"INSERT INTO {table} ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {where})";
    }

    public override string Upsert(string table, string columns, string values, string keyColumns, string? updateWhen = null)
    {
        // MERGE names the new row "excluded" so that updateWhen reads the same as on the other providers.
        var columnList = List(columns);
        var keys = List(keyColumns);
        var source = string.Join(", ", columnList.Zip(List(values), (c, v) => $"{v} AS {c}"));
        var on = string.Join(" AND ", keys.Select(k => $"{table}.{k} = excluded.{k}"));
        var set = string.Join(", ", columnList.Where(c => !keys.Contains(c)).Select(c => $"{c} = excluded.{c}"));
        var insertValues = string.Join(", ", columnList.Select(c => $"excluded.{c}"));
        return $"MERGE INTO {table} WITH (HOLDLOCK) USING (SELECT {source}) AS excluded ON {on} "
            + $"WHEN MATCHED{(updateWhen is null ? "" : $" AND {updateWhen}")} THEN UPDATE SET {set} "
            + $"WHEN NOT MATCHED THEN INSERT ({columns}) VALUES ({insertValues});";
    }
}
