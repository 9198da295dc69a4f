using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SellerBridge.Web.Infrastructure.Web;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary><c>/api/v1/catalogue/imports</c> and <c>/api/v1/products</c> as PRODUCT.md's contract gives them.</summary>
public sealed class CatalogueApiController(StartImport startImport, ImportQueries imports, RejectedRowsCsv rejectedRows, ProductQueries products)
    : ApiControllerBase
{
    [EndpointSummary("Upload a catalogue file (multipart field 'file'); the import runs in the background.")]
    [HttpPost("catalogue/imports")]
    [DisableRequestSizeLimit]
    [RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
    public async Task<IActionResult> CreateImport()
    {
        var upload = await MultipartUpload.ReadFileAsync(Request, "file", (name, stream) =>
            startImport.StartAsync(Scope, name, stream, "api", HttpContext.RequestAborted));
        if (!upload.Found)
        {
            return Problem(statusCode: 400, title: "No file", detail: "Send the catalogue as multipart/form-data in a field named 'file'.");
        }

        var result = upload.Result!;
        if (result.ImportId is not { } id)
        {
            return Problem(
                statusCode: result.ErrorCode == "file.too_large" ? 413 : 400,
                title: "The file was not accepted",
                detail: CatalogueMessages.Describe(result.ErrorCode!, result.ErrorArgs, CultureInfo.CurrentUICulture),
                extensions: new Dictionary<string, object?> { ["code"] = result.ErrorCode });
        }

        return Accepted($"/api/v1/catalogue/imports/{id}", new { id, status = "Queued" });
    }

    [EndpointSummary("An import's status, row counts and its first 1,000 errors.")]
    [HttpGet("catalogue/imports/{id:long}")]
    public async Task<IActionResult> GetImport([FromRoute] long id)
    {
        if (await imports.FindAsync(Scope, id) is not { } import)
        {
            return NotFoundProblem($"This seller has no import {id}.");
        }

        var culture = CultureInfo.CurrentUICulture;
        var errors = await imports.ErrorsAsync(Scope, id);
        return Ok(new
        {
            id = import.Id,
            status = import.Status,
            fileName = import.FileName,
            rowsTotal = import.Finished ? import.RowsTotal : import.RowsDone,
            rowsAccepted = import.RowsAccepted,
            rowsRejected = import.RowsRejected,
            rowsCreated = import.RowsCreated,
            rowsUpdated = import.RowsUpdated,
            rowsUnchanged = import.RowsUnchanged,
            percent = import.Percent,
            failure = import.FailureCode is null ? null : new { code = import.FailureCode, message = import.FailureMessage(culture) },
            errors = errors.Select(e => new { row = e.Row, column = e.Column, code = e.Code, message = e.Message(culture) }),
            createdAt = import.CreatedAt,
            finishedAt = import.FinishedAt,
        });
    }

    [EndpointSummary("The rejected rows as uploaded plus a reason column (UTF-8 with BOM, formula-safe).")]
    [HttpGet("catalogue/imports/{id:long}/errors.csv")]
    public async Task<IActionResult> GetErrorsCsv([FromRoute] long id)
    {
        if (await imports.FindAsync(Scope, id) is null)
        {
            return NotFoundProblem($"This seller has no import {id}.");
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-errors.csv\"";
        await rejectedRows.WriteAsync(Scope, id, Response.Body, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    [EndpointSummary("The seller's products; keyset paging with after = the last id of the previous page.")]
    [HttpGet("products")]
    public async Task<IActionResult> ListProducts(string? sku, string? status, long? after, int? limit)
    {
        var rows = await products.ListAsync(Scope, sku, status, after, limit ?? ProductQueries.PageSize);
        return Ok(new { items = rows.Select(r => r.ToApi()), next = rows.Count == 0 ? (long?)null : rows[^1].Id });
    }

    [EndpointSummary("One product by its seller SKU, with its listing status.")]
    [HttpGet("products/{sku}")]
    public async Task<IActionResult> GetProduct([FromRoute] string sku) =>
        await products.FindBySkuAsync(Scope, sku) is { } row ? Ok(row.ToApi()) : NotFoundProblem($"This seller has no product with SKU '{sku}'.");
}
