using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace SellerBridge.Web.Infrastructure.Persistence.Dialects;

/// <summary>SQL Server through Microsoft.Data.SqlClient.</summary>
public sealed class SqlServerDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override DbDataSource CreateDataSource(string connectionString) => SqlClientFactory.Instance.CreateDataSource(connectionString);

    public override void CheckConnectionString(string connectionString) => _ = new SqlConnectionStringBuilder(connectionString);

    public override string MigrationHistoryTable =>
        "IF OBJECT_ID('schema_migrations') IS NULL CREATE TABLE schema_migrations (id NVARCHAR(200) NOT NULL PRIMARY KEY, applied_at DATETIMEOFFSET NOT NULL)";

    public override (string Lock, string Unlock) MigrationLock => (
        "EXEC sp_getapplock @Resource = 'SellerBridge.Migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 600000",
        "EXEC sp_releaseapplock @Resource = 'SellerBridge.Migrations', @LockOwner = 'Session'");

    // Each batch is a round trip to a server, so fewer, larger batches (not measured here).
    public override int BulkBatchSize => 1000;

    // READPAST passes over the rows another worker holds; UPDLOCK keeps the chosen rows until they are written.
    public override string ClaimReturningIds(string table, string alias, string set, string where, string orderBy, string limitParameter, string stillFree) => $"""
        WITH c AS (SELECT TOP (@{limitParameter}) * FROM {table} {alias} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {where} ORDER BY {orderBy})
        UPDATE c SET {set} OUTPUT inserted.id
        """;

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

    public override (string TryLock, string Unlock)? SessionLock =>
        ("DECLARE @r int; EXEC @r = sp_getapplock @Resource = @name, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0; SELECT CASE WHEN @r >= 0 THEN 1 ELSE 0 END",
         "EXEC sp_releaseapplock @Resource = @name, @LockOwner = 'Session'");
}
