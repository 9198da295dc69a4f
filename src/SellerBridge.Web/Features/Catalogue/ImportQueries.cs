using System.Globalization;
using System.Text.Json;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>A seller's imports: the list, one import with its counts and first errors, progress while it runs.</summary>
public sealed class ImportQueries(Db db, ImportProgress progress)
{
    public const int MaxErrors = 1000;

    public sealed class ImportRow
    {
        public long Id { get; init; }

        public string FileName { get; init; } = "";

        public long SizeBytes { get; init; }

        public string Status { get; init; } = "";

        public int RowsTotal { get; init; }

        public int RowsAccepted { get; init; }

        public int RowsRejected { get; init; }

        public int RowsCreated { get; init; }

        public int RowsUpdated { get; init; }

        public int RowsUnchanged { get; init; }

        public string? FailureCode { get; init; }

        public string? FailureArgs { get; init; }

        public string? Encoding { get; init; }

        public string? Delimiter { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        /// <summary>Rows done so far while running (from this node's memory when it runs here).</summary>
        public int RowsDone { get; set; }

        /// <summary>0–100 while running, by bytes read.</summary>
        public int Percent { get; set; }

        public bool Finished => Status is "Completed" or "Failed";

        public string? FailureMessage(CultureInfo culture) =>
            FailureCode is null ? null : CatalogueMessages.Describe(FailureCode, JsonSerializer.Deserialize<string[]>(FailureArgs ?? "[]") ?? [], culture);
    }

    public sealed record ErrorRow(int Row, string Column, string Code, string[] Args)
    {
        public string Message(CultureInfo culture) => CatalogueMessages.Describe(Code, Args, culture);
    }

    private const string Columns = """
        id AS Id, file_name AS FileName, size_bytes AS SizeBytes, status AS Status, rows_total AS RowsTotal, rows_accepted AS RowsAccepted,
        rows_rejected AS RowsRejected, rows_created AS RowsCreated, rows_updated AS RowsUpdated, rows_unchanged AS RowsUnchanged,
        failure_code AS FailureCode, failure_args AS FailureArgs, encoding AS Encoding, delimiter AS Delimiter,
        created_at AS CreatedAt, finished_at AS FinishedAt
        """;

    public async Task<IReadOnlyList<ImportRow>> ListAsync(SellerScope scope, int limit = 50)
    {
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<ImportRow>(
            $"SELECT {Columns} FROM imports WHERE seller_id = @SellerId ORDER BY id DESC" + db.Dialect.Limit("limit"),
            new { scope.SellerId, limit })).ToList();
        rows.ForEach(AddProgress);
        return rows;
    }

    /// <summary>One of the scope's imports, or null when it is not this seller's (or does not exist).</summary>
    public async Task<ImportRow?> FindAsync(SellerScope scope, long importId)
    {
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<ImportRow>(
            $"SELECT {Columns} FROM imports WHERE id = @importId AND seller_id = @SellerId", new { importId, scope.SellerId });
        if (row is not null)
        {
            AddProgress(row);
        }

        return row;
    }

    public async Task<IReadOnlyList<ErrorRow>> ErrorsAsync(SellerScope scope, long importId, int limit = MaxErrors)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<(long Row, string Column, string Code, string Args)>(
            """
            SELECT e.row_no, e.column_name, e.code, e.args_json FROM import_errors e
            JOIN imports i ON i.id = e.import_id
            WHERE e.import_id = @importId AND i.seller_id = @SellerId
            ORDER BY e.row_no, e.id
            """ + db.Dialect.Limit("limit"),
            new { importId, scope.SellerId, limit });
        return rows.Select(r => new ErrorRow((int)r.Row, r.Column, r.Code, JsonSerializer.Deserialize<string[]>(r.Args) ?? [])).ToList();
    }

    private void AddProgress(ImportRow row)
    {
        if (row.Status == "Running" && progress.Find(row.Id) is { } live)
        {
            row.RowsDone = live.RowsDone;
            row.Percent = live.BytesTotal > 0 ? (int)Math.Clamp(live.BytesDone * 100 / live.BytesTotal, 0, 99) : 0;
        }
        else
        {
            row.RowsDone = row.RowsTotal;
            row.Percent = row.Finished ? 100 : 0;
        }
    }
}
