using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Security;
using SellerBridge.Web.Infrastructure.Web;

namespace SellerBridge.Web.Features.Catalogue;

/// <summary>The seller's catalogue upload page, import list, import detail with live progress, and the rejected-rows download.</summary>
[Authorize(Policy = SellerClaims.SellerPolicy)]
[Route("catalogue")]
public sealed class CatalogueController(
    StartImport startImport,
    ImportQueries imports,
    RejectedRowsCsv rejectedRows,
    IOptions<CatalogueOptions> options,
    IStringLocalizer<CatalogueText> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] SellerScope scope) =>
        View("Catalogue", new CataloguePage(await imports.ListAsync(scope), options.Value.MaxUploadMegabytes, null));

    /// <summary>
    /// The page's script posts the file with the antiforgery token in a header and gets JSON back;
    /// without script the form posts normally and is redirected to the import.
    /// </summary>
    [HttpPost("imports")]
    [DisableRequestSizeLimit]
    [RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
    public async Task<IActionResult> Upload([FromServices] SellerScope scope)
    {
        var upload = await MultipartUpload.ReadFileAsync(Request, "file", (name, stream) =>
            startImport.StartAsync(scope, name, stream, "portal", HttpContext.RequestAborted));
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        string? error = !upload.Found ? l["Choose a catalogue file to upload."]
            : upload.Result!.ImportId is null ? CatalogueMessages.Describe(upload.Result.ErrorCode!, upload.Result.ErrorArgs, CultureInfo.CurrentUICulture)
            : null;
        if (error is not null)
        {
            if (wantsJson)
            {
                return UnprocessableEntity(new { error });
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Catalogue", new CataloguePage(await imports.ListAsync(scope), options.Value.MaxUploadMegabytes, error));
        }

        var url = $"/catalogue/imports/{upload.Result!.ImportId}";
        return wantsJson ? Accepted(url, new { id = upload.Result.ImportId, url }) : Redirect(url);
    }

    [HttpGet("imports/{id:long}")]
    public async Task<IActionResult> Import([FromServices] SellerScope scope, [FromRoute] long id)
    {
        if (await imports.FindAsync(scope, id) is not { } import)
        {
            return NotFound();
        }

        return View("Import", new ImportPage(import, await imports.ErrorsAsync(scope, id, 500), options.Value.MaxUploadMegabytes));
    }

    [HttpGet("imports/{id:long}/progress")]
    public async Task<IActionResult> Progress([FromServices] SellerScope scope, [FromRoute] long id)
    {
        if (await imports.FindAsync(scope, id) is not { } import)
        {
            return NotFound();
        }

        return Json(new
        {
            status = import.Status,
            statusText = l["ImportStatus." + import.Status].Value,
            finished = import.Finished,
            rowsDone = import.RowsDone,
            percent = import.Percent,
            rowsAccepted = import.RowsAccepted,
            rowsRejected = import.RowsRejected,
        });
    }

    [HttpGet("imports/{id:long}/errors.csv")]
    public async Task<IActionResult> ErrorsCsv([FromServices] SellerScope scope, [FromRoute] long id)
    {
        if (await imports.FindAsync(scope, id) is null)
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-errors.csv\"";
        await rejectedRows.WriteAsync(scope, id, Response.Body, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        return new EmptyResult();
    }
}

public sealed record CataloguePage(IReadOnlyList<ImportQueries.ImportRow> Imports, int MaxUploadMegabytes, string? Error);

public sealed record ImportPage(ImportQueries.ImportRow Import, IReadOnlyList<ImportQueries.ErrorRow> Errors, int MaxUploadMegabytes);
