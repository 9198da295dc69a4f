using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Operator;

/// <summary>The operator's seller review: approve newcomers, suspend or reinstate.</summary>
[Authorize(Policy = SellerClaims.OperatorPolicy)]
[Route("operator/sellers")]
public sealed class SellersController(SellerReview review, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? status) => View("Sellers", await review.ListAsync(status));

    [HttpPost("{id:long}/approve")]
    public Task<IActionResult> Approve([FromRoute] long id) => Change(id, "Approved", l["The seller was approved and can now submit products."]);

    [HttpPost("{id:long}/suspend")]
    public Task<IActionResult> Suspend([FromRoute] long id) => Change(id, "Suspended", l["The seller was suspended: sign-in and API keys are blocked."]);

    private async Task<IActionResult> Change(long id, string status, string message)
    {
        if (!await review.SetStatusAsync(id, status, User.FindUserId() ?? 0))
        {
            return NotFound();
        }

        TempData["Flash"] = message;
        return Redirect("/operator/sellers");
    }
}
