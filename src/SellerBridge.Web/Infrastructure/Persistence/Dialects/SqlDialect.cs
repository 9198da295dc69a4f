using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace SellerBridge.Web.Infrastructure.Persistence.Dialects;

/// <summary>
/// The few places where the three databases speak (or are best driven) differently: SQL fragments,
/// how connections are made, bulk writes and their tuning, and what one node may assume. One
/// subclass per database, chosen once at registration; everything else is plain SQL that all
/// three accept.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.Postgres => new PostgresDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    // Connections.

    /// <summary>Where the app's connections come from.</summary>
    public abstract DbDataSource CreateDataSource(string connectionString);

    /// <summary>Throws an <see cref="ArgumentException"/> naming what is wrong when the driver cannot read the connection string.</summary>
    public abstract void CheckConnectionString(string connectionString);

    /// <summary>Run on every connection right after it opens (empty when none).</summary>
    public virtual string OpenSettings => "";

    /// <summary>
    /// True when the database lets one writer in at a time and makes the others sleep and retry
    /// (SQLite), so that this process's writers are better queued in turn (see <see cref="Db.BeginWriteAsync"/>).
    /// </summary>
    public virtual bool OneWriterAtATime => false;

    /// <summary>
    /// True when only this process works on the database (the embedded SQLite file): no other node
    /// can take work over, so work left Running by an earlier process is known to be dead, and
    /// nobody needs to be told that this process is still alive.
    /// </summary>
    public virtual bool SingleNode => false;

    /// <summary>
    /// True when two queries of one request are answered sooner on two connections at once than one
    /// after the other on one connection.
    /// </summary>
    public virtual bool ParallelQueries => true;

    // Schema migrations.

    /// <summary>Creates the migrations' history table when it is missing.</summary>
    public abstract string MigrationHistoryTable { get; }

    /// <summary>
    /// Takes and gives back a database-wide lock held while migrations run, so that nodes starting
    /// together migrate one at a time (empty where each script's own write transaction is the lock).
    /// </summary>
    public virtual (string Lock, string Unlock) MigrationLock => ("", "");

    // SQL fragments.

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

    /// <summary>
    /// Takes up to <c>@<paramref name="limitParameter"/></c> rows of <paramref name="table"/> (aliased
    /// <paramref name="alias"/> in <paramref name="where"/>), first in <paramref name="orderBy"/> order, sets
    /// <paramref name="set"/> on them and returns their ids, so that two workers never take the same
    /// row. Rows another worker is taking at that moment are passed over where the database can;
    /// <paramref name="stillFree"/> is checked again on each row as it is written, for the database
    /// that has no row locks to keep the choice.
    /// </summary>
    public abstract string ClaimReturningIds(string table, string alias, string set, string where, string orderBy, string limitParameter, string stillFree);

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
    /// statement and one parameter per batch, however many rows.
    /// </summary>
    public abstract string JsonRows(string parameterName, params (string Name, string Type)[] columns);

    /// <summary>An UPDATE of <paramref name="table"/> joined to a row source (<c>FROM ...</c>, or empty for parameters) on <paramref name="on"/>.</summary>
    public virtual string UpdateFrom(string table, string set, string from, string on) =>
        $"UPDATE {table} SET {set} {from} WHERE {on}";

    /// <summary>A time as this provider stores it, for raw ADO.NET parameters (Dapper does this itself).</summary>
    public virtual object Time(DateTimeOffset value) => value.ToUniversalTime();

    /// <summary>Boolean literal for use in SQL text.</summary>
    public virtual string True => "1";

    public virtual string False => "0";

    // Bulk writes (the catalogue import).

    /// <summary>Rows a bulk write reads, checks against the database and writes together, unless configured.</summary>
    public virtual int BulkBatchSize => 250;

    /// <summary>
    /// Runs one bulk-write statement over <paramref name="rows"/>. <paramref name="statement"/> writes
    /// the SQL from how a column is named and the row source: here a JSON batch (columns <c>r.x</c>
    /// from <see cref="JsonRows"/>), one statement and one parameter however many rows; a dialect
    /// may instead run it once per row with a parameter per column (columns <c>@x</c>, no row source).
    /// <paramref name="constants"/> are the parameters every row shares.
    /// </summary>
    public virtual async Task WriteRowsAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<T> rows,
        (string Name, string Type)[] columns,
        Func<Func<string, string>, string, string> statement,
        (string Name, object Value)[] constants,
        CancellationToken cancellationToken)
        where T : IBulkRow
    {
        var parameters = new DynamicParameters();
        foreach (var (name, value) in constants)
        {
            parameters.Add(name, value);
        }

        parameters.Add("rows", JsonSerializer.Serialize(rows, BulkRowsJson));
        await connection.ExecuteAsync(new CommandDefinition(
            statement(n => "r." + n, "FROM " + JsonRows("rows", columns)), parameters, transaction, commandTimeout: 600, cancellationToken: cancellationToken));
    }

    /// <summary>The JSON form of a batch's rows: each row's properties in snake case, which are the column names <see cref="JsonRows"/> reads.</summary>
    private protected static readonly JsonSerializerOptions BulkRowsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Starts streaming new rows into <paramref name="table"/> in the database's binary bulk format,
    /// faster than any INSERT; null where the database has none (then the rows go through
    /// <see cref="WriteRowsAsync"/>). It runs on the connection, so inside its transaction.
    /// </summary>
    public virtual Task<BinaryInsert?> BeginBinaryInsertAsync(DbConnection connection, string table, string columns, CancellationToken cancellationToken) =>
        Task.FromResult<BinaryInsert?>(null);

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
    /// Refreshes the planner's statistics of a table that a long transaction is filling (empty when
    /// the database needs none); run every so often during a bulk write.
    /// </summary>
    public virtual string RefreshStatistics(string table, params string[] columns) => "";

    /// <summary>
    /// Whether what a bulk write committed waits in a write-ahead log that the app itself must move
    /// into the database file (<see cref="CheckpointAsync"/>); false where the server does this in the background.
    /// </summary>
    public virtual bool NeedsCheckpoint => false;

    /// <summary>
    /// Moves the write-ahead log into the database file, run by the job after a bulk write so that no
    /// request's commit pays for it; false when readers still held part of the log after every try.
    /// </summary>
    public virtual Task<bool> CheckpointAsync(DbConnection connection, TimeProvider clock, CancellationToken cancellationToken) => Task.FromResult(true);

    // Orders.

    /// <summary>
    /// A lock held by a database session, released by the server when the session ends (a killed
    /// node's connection drops): try-lock returning true or false, and unlock, each taking
    /// <c>@key</c> (a 64-bit number) and <c>@name</c>. Null where one process runs the jobs and a
    /// lock in memory does (SQLite).
    /// </summary>
    public virtual (string TryLock, string Unlock)? SessionLock => null;

    /// <summary>
    /// Whether the database keeps each seller's order totals as they change (seller_order_totals and
    /// its deltas, PostgreSQL); elsewhere the totals are summed when asked.
    /// </summary>
    public virtual bool KeepsOrderTotals => false;
}
