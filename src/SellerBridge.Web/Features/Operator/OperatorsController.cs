using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Operator;

/// <summary>The operators page: who runs the bridge, and inviting another operator.</summary>
[Authorize(Policy = SellerClaims.OperatorPolicy)]
[Route("operator/operators")]
public sealed class OperatorsController(OperatorAccounts operators, IStringLocalizer<SharedResource> l) : Controller
{
    // Kept in the TempData cookie (encrypted by data protection) between the POST and the one GET that shows it.
    private const string InvitedKey = "InvitedOperator";

    public sealed class InviteForm
    {
        public string? Email { get; set; }

        public string? Name { get; set; }
    }

    public sealed record PageModel(IReadOnlyList<OperatorAccounts.OperatorRow> Operators, InviteForm Form);

    public sealed record InvitedModel(string Email, string OneTimePassword);

    [HttpGet("")]
    public async Task<IActionResult> Index() => View("Operators", new PageModel(await operators.ListAsync(HttpContext.RequestAborted), new InviteForm()));

    [HttpPost("")]
    public async Task<IActionResult> Invite(InviteForm form)
    {
        var result = await operators.CreateAsync(form.Email, form.Name, User.FindUserId(), shownNow: false, HttpContext.RequestAborted);
        if (result.Operator is not { } created)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(field, l[message]);
            }

            return View("Operators", new PageModel(await operators.ListAsync(HttpContext.RequestAborted), form));
        }

        TempData[InvitedKey] = string.Create(CultureInfo.InvariantCulture, $"{created.UserId}|{created.Email}|{created.OneTimePassword}");
        return Redirect("/operator/operators/invited");
    }

    /// <summary>
    /// Shows the new operator's one-time password once: the TempData entry is gone after this
    /// read, and the database refuses a second showing even to a replayed cookie.
    /// </summary>
    [HttpGet("invited")]
    public async Task<IActionResult> Invited()
    {
        Response.Headers.CacheControl = "no-store";
        var parts = (TempData[InvitedKey] as string)?.Split('|', 3);
        if (parts is not [var id, var email, var password]
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || User.FindUserId() is not { } me
            || !await operators.TakeForShowingAsync(userId, me, HttpContext.RequestAborted))
        {
            TempData["Flash"] = l["The one-time password is shown only once, right after the invitation."].Value;
            return Redirect("/operator/operators");
        }

        return View("OperatorInvited", new InvitedModel(email, password));
    }
}
