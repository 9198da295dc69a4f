using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Web;

namespace SellerBridge.Web.Features.Listings;

/// <summary><c>/api/v1/listings</c>: submissions as PRODUCT.md's contract gives them, the seller's listings and their attempts, and withdraw / relist.</summary>
public sealed class ListingsApiController(SubmitListings submit, ListingQueries queries, RequestSaleChange sale, IStringLocalizer<ListingsText> l) : ApiControllerBase
{
    public sealed record SubmissionRequest(IReadOnlyList<string>? Skus, bool? AllReady);

    [HttpPost("listings/submissions")]
    public async Task<IActionResult> Submit([FromBody] SubmissionRequest request)
    {
        var result = await submit.SubmitAsync(Scope, new SubmitListings.Input(request.Skus, request.AllReady == true, "api"), HttpContext.RequestAborted);
        if (result.SellerProblem is { } sellerProblem)
        {
            return Problem(statusCode: StatusCodes.Status403Forbidden, title: l["Submission refused"], detail: l["Problem." + sellerProblem],
                extensions: new Dictionary<string, object?> { ["code"] = sellerProblem });
        }

        if (result.InputProblem is { } inputProblem)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Submission refused"], detail: l["Problem." + inputProblem],
                extensions: new Dictionary<string, object?> { ["code"] = inputProblem });
        }

        var id = result.SubmissionId!.Value;
        return Accepted($"/api/v1/listings/submissions/{id}", new { id, accepted = result.Accepted, refused = Refusals(result.Refused.Select(r => (r.Sku, r.Code))) });
    }

    [HttpGet("listings/submissions/{id:long}")]
    public async Task<IActionResult> GetSubmission([FromRoute] long id)
    {
        if (await queries.FindSubmissionAsync(Scope, id) is not { } submission)
        {
            return NotFoundProblem($"This seller has no submission {id}.");
        }

        var counts = await queries.SubmissionCountsAsync(Scope, id);
        var refused = await queries.RefusalsAsync(Scope, id);
        return Ok(new
        {
            id,
            createdAt = submission.CreatedAt,
            requested = submission.Requested,
            accepted = submission.Accepted,
            counts = ListingStatus.All.Where(counts.ContainsKey).ToDictionary(s => s, s => counts[s]),
            finished = counts.All(c => ListingStatus.IsSettled(c.Key)),
            refused = Refusals(refused.Select(r => (r.SellerSku, r.RefusalCode))),
        });
    }

    [HttpGet("listings")]
    public async Task<IActionResult> List(string? status, long? after, int? limit)
    {
        var rows = await queries.ListAsync(Scope, status, after, limit ?? ListingQueries.PageSize);
        return Ok(new { items = rows.Select(ToApi), next = rows.Count == 0 ? (long?)null : rows[^1].Id });
    }

    [HttpGet("listings/{id:long}")]
    public async Task<IActionResult> Get([FromRoute] long id)
    {
        if (await queries.FindAsync(Scope, id) is not { } row)
        {
            return NotFoundProblem($"This seller has no listing {id}.");
        }

        var attempts = await queries.AttemptsAsync(row.SellerId, id);
        return Ok(new
        {
            listing = ToApi(row),
            attempts = attempts.Select(a => new { at = a.At, method = a.Method, outcome = a.Outcome, code = a.Code, subCode = a.SubCode, message = a.Message }),
        });
    }

    /// <summary>Takes a live product off sale; done by a job (202), then the listing reads <c>Delisted</c>.</summary>
    [HttpPost("listings/{sku}/delisting")]
    public Task<IActionResult> Delist([FromRoute] string sku) => ChangeSaleAsync(sku, onSale: false);

    /// <summary>Puts an off-sale product back on sale with its current stock; done by a job (202), then <c>Live</c> once the marketplace says <c>onsale</c>.</summary>
    [HttpPost("listings/{sku}/listing")]
    public Task<IActionResult> Relist([FromRoute] string sku) => ChangeSaleAsync(sku, onSale: true);

    private async Task<IActionResult> ChangeSaleAsync(string sku, bool onSale)
    {
        var result = await sale.RequestAsync(Scope, new RequestSaleChange.Input(null, sku, onSale), HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFoundProblem($"This seller has no listing for SKU {sku}.");
        }

        if (result.Problem is { } problem)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: l[onSale ? "Relisting refused" : "Withdrawal refused"], detail: ListingReasons.Describe(l, problem, null),
                extensions: new Dictionary<string, object?> { ["code"] = problem });
        }

        var row = (await queries.FindAsync(Scope, result.ListingId!.Value))!;
        return Accepted($"/api/v1/listings/{row.Id}", new { listing = ToApi(row) });
    }

    private object ToApi(ListingQueries.ListingRow r) => new
    {
        id = r.Id,
        sku = r.SellerSku,
        status = r.Status,
        soldOut = r.Status == ListingStatus.Delisted && r.ReasonCode == ListingReasons.SoldOut,
        saleWanted = r.SaleWanted,
        numIid = r.NumIid,
        reason = r.ReasonCode is null ? null : new { code = r.ReasonCode, message = ListingReasons.Describe(l, r.ReasonCode, r.ReasonMessage), marketplaceMessage = r.ReasonMessage },
        attempts = r.Attempts,
        submittedAt = r.SubmittedAt,
        liveAt = r.LiveAt,
        updatedAt = r.UpdatedAt,
    };

    private IEnumerable<object> Refusals(IEnumerable<(string Sku, string Code)> refusals) =>
        refusals.Select(r => new { sku = r.Sku, code = r.Code, reason = ListingReasons.Describe(l, r.Code, null) }).ToList();
}
