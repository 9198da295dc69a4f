using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Listings;

/// <summary>The seller's listings by status, one listing with its marketplace calls (and its withdraw / relist buttons), and a running submission's live view.</summary>
[Authorize(Policy = SellerClaims.SellerPolicy)]
[Route("listings")]
public sealed class ListingsController(SubmitListings submit, ListingQueries queries, RequestSaleChange sale, IStringLocalizer<ListingsText> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] SellerScope scope, string? status, long? after) =>
        View("Listings", await PageAsync(scope, status, after, null));

    [HttpPost("submissions")]
    public async Task<IActionResult> Submit([FromServices] SellerScope scope, [FromForm] string[]? skus, [FromForm] bool allReady)
    {
        var result = await submit.SubmitAsync(scope, new SubmitListings.Input(skus, allReady, "portal"), HttpContext.RequestAborted);
        if ((result.SellerProblem ?? result.InputProblem) is { } problem)
        {
            Response.StatusCode = result.SellerProblem is null ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
            return View("Listings", await PageAsync(scope, null, null, l["Problem." + problem]));
        }

        return Redirect($"/listings/submissions/{result.SubmissionId}");
    }

    [HttpGet("submissions/{id:long}")]
    public async Task<IActionResult> Submission([FromServices] SellerScope scope, [FromRoute] long id)
    {
        if (await queries.FindSubmissionAsync(scope, id) is not { } submission)
        {
            return NotFound();
        }

        return View("Submission", new SubmissionPage(submission, await queries.SubmissionCountsAsync(scope, id), await queries.RefusalsAsync(scope, id)));
    }

    /// <summary>What the submission page's script polls.</summary>
    [HttpGet("submissions/{id:long}/progress")]
    public async Task<IActionResult> Progress([FromServices] SellerScope scope, [FromRoute] long id)
    {
        if (await queries.FindSubmissionAsync(scope, id) is not { } submission)
        {
            return NotFound();
        }

        var counts = await queries.SubmissionCountsAsync(scope, id);
        var settled = counts.Where(c => ListingStatus.IsSettled(c.Key)).Sum(c => c.Value);
        return Json(new
        {
            accepted = submission.Accepted,
            settled,
            percent = submission.Accepted == 0 ? 100 : settled * 100 / submission.Accepted,
            finished = settled >= submission.Accepted,
            counts = ListingStatus.All.Select(s => new { status = s, text = l["Status." + s].Value, count = counts.GetValueOrDefault(s) }),
            summary = Summary(l, counts),
        });
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Listing([FromServices] SellerScope scope, [FromRoute] long id)
    {
        if (await queries.FindAsync(scope, id) is not { } listing)
        {
            return NotFound();
        }

        return View("Listing", new ListingPage(listing, await queries.AttemptsAsync(scope.SellerId, id), false));
    }

    /// <summary>판매 중지: off sale, by the sale job.</summary>
    [HttpPost("{id:long}/delisting")]
    public Task<IActionResult> Delist([FromServices] SellerScope scope, [FromRoute] long id, [FromForm] string? back) => ChangeSaleAsync(scope, id, false, back);

    /// <summary>다시 판매: back on sale, by the sale job.</summary>
    [HttpPost("{id:long}/listing")]
    public Task<IActionResult> Relist([FromServices] SellerScope scope, [FromRoute] long id, [FromForm] string? back) => ChangeSaleAsync(scope, id, true, back);

    private async Task<IActionResult> ChangeSaleAsync(SellerScope scope, long id, bool onSale, string? back)
    {
        var result = await sale.RequestAsync(scope, new RequestSaleChange.Input(id, null, onSale), HttpContext.RequestAborted);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Problem is { } problem)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            var listing = (await queries.FindAsync(scope, id))!;
            return View("Listing", new ListingPage(listing, await queries.AttemptsAsync(scope.SellerId, id), false, ListingReasons.Describe(l, problem, null)));
        }

        // Only our own list page is a place to go back to: never a URL the form names.
        return Redirect(back == "list" ? "/listings" : $"/listings/{id}");
    }

    /// <summary>The result in one sentence, once every listing of the submission has settled.</summary>
    public static string Summary(IStringLocalizer<ListingsText> l, IReadOnlyDictionary<string, int> counts) =>
        l["Finished: {0} live, {1} rejected, {2} failed.", counts.GetValueOrDefault(ListingStatus.Live), counts.GetValueOrDefault(ListingStatus.Rejected), counts.GetValueOrDefault(ListingStatus.Failed)].Value;

    private async Task<ListingsPage> PageAsync(SellerScope scope, string? status, long? after, string? error) => new(
        await queries.CountsAsync(scope),
        await queries.ListAsync(scope, status, after),
        await queries.SubmittableAsync(scope),
        status,
        error);
}

/// <summary>The operator's view of any listing and its calls, to answer a seller.</summary>
[Authorize(Policy = SellerClaims.OperatorPolicy)]
[Route("operator/listings")]
public sealed class OperatorListingsController(ListingQueries queries) : Controller
{
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Listing([FromRoute] long id)
    {
        if (await queries.FindForOperatorAsync(id) is not { } listing)
        {
            return NotFound();
        }

        return View("Listing", new ListingPage(listing, await queries.AttemptsAsync(listing.SellerId, id), true));
    }
}

public sealed record ListingsPage(
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<ListingQueries.ListingRow> Listings,
    IReadOnlyList<ListingQueries.SubmittableRow> Submittable,
    string? Status,
    string? Error);

public sealed record ListingPage(ListingQueries.ListingRow Listing, IReadOnlyList<ListingQueries.AttemptRow> Attempts, bool ForOperator, string? Error = null);

public sealed record SubmissionPage(ListingQueries.SubmissionRow Submission, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<ListingQueries.RefusalRow> Refusals);
