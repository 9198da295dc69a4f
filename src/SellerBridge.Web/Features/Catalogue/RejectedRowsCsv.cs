using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>
/// The rejected rows of an import, as uploaded plus a reason column, for the seller to fix and
/// upload again: UTF-8 with a BOM so Excel shows Korean, and any cell that a spreadsheet would
/// run as a formula written with a leading apostrophe.
/// </summary>
public sealed class RejectedRowsCsv(Db db)
{
    /// <summary>The columns this file adds; an import ignores them, so the fixed file can be uploaded as it is.</summary>
    public static readonly string[] AddedColumns = ["원본 행", "오류 사유", "Row in your file", "Reason"];

    /// <summary>Writes the file; false when the import is not this seller's.</summary>
    public async Task<bool> WriteAsync(SellerScope scope, long importId, Stream output, CultureInfo culture, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var header = await connection.QuerySingleOrDefaultAsync<(long Id, string? HeaderJson)>(
            "SELECT id, header_json FROM imports WHERE id = @importId AND seller_id = @SellerId", new { importId, scope.SellerId });
        if (header.Id == 0)
        {
            return false;
        }

        var columns = JsonSerializer.Deserialize<string[]>(header.HeaderJson ?? "[]") ?? [];
        var reasons = new Dictionary<long, List<string>>();
        foreach (var e in await connection.QueryAsync<(long Row, string Column, string Code, string Args)>(
            "SELECT row_no, column_name, code, args_json FROM import_errors WHERE import_id = @importId ORDER BY row_no, id", new { importId }))
        {
            var message = CatalogueMessages.Describe(e.Code, JsonSerializer.Deserialize<string[]>(e.Args) ?? [], culture);
            var text = string.IsNullOrEmpty(e.Column) ? message : $"[{e.Column}] {message}";
            (reasons.TryGetValue(e.Row, out var list) ? list : reasons[e.Row] = []).Add(text);
        }

        var english = culture.TwoLetterISOLanguageName == "en";
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with
        {
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
            ValidateFieldCount = false,
        }, leaveOpen: true);
        await csv.WriteRecordAsync([.. columns, english ? "Row in your file" : "원본 행", english ? "Reason" : "오류 사유"], cancellationToken);
        // Streamed row by row: an import can have many rejected rows.
        var rows = connection.QueryUnbufferedAsync<(long Row, string Cells)>(
            "SELECT row_no, cells_json FROM import_rejected_rows WHERE import_id = @importId ORDER BY row_no", new { importId });
        await foreach (var (row, cellsJson) in rows.WithCancellation(cancellationToken))
        {
            var cells = JsonSerializer.Deserialize<string[]>(cellsJson) ?? [];
            var padded = new string[Math.Max(columns.Length, cells.Length) + 2];
            Array.Fill(padded, "");
            cells.CopyTo(padded, 0);
            padded[^2] = row.ToString(CultureInfo.InvariantCulture);
            padded[^1] = string.Join(" / ", reasons.GetValueOrDefault(row) ?? []);
            await csv.WriteRecordAsync(padded, cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
        return true;
    }
}
