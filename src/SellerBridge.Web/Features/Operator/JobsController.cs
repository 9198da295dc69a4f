using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Operator;

/// <summary>The operator's view of background jobs: schedule, last outcome, failures, and "Run now".</summary>
[Authorize(Policy = SellerClaims.OperatorPolicy)]
[Route("operator/jobs")]
public sealed class JobsController(JobsOverview overview, IStringLocalizer<JobsText> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("Jobs", await overview.LoadAsync(cancellationToken));

    [HttpPost("run")]
    public IActionResult Run([FromForm] string name)
    {
        // A job can vanish between showing the page and pressing the button (retired at a restart);
        // the operator is told on the page rather than shown an error.
        TempData["Flash"] = overview.RunNow(name)
            ? l["The job was queued to run now."].Value
            : l["The job could not be found; it may have finished and been removed."].Value;
        return Redirect("/operator/jobs");
    }
}
