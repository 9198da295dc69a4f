using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>The operator's rule pages: category mappings, won/yuan rates, pricing rules and commissions, each with its change history.</summary>
[Authorize(Policy = SellerClaims.OperatorPolicy)]
[Route("operator")]
public sealed class OperatorRulesController(
    MappingRulesAdmin mappings,
    ExchangeRatesAdmin rates,
    PricingRulesAdmin pricing,
    CommissionsAdmin commissions,
    RuleChanges changes,
    DraftRecomputes recomputes,
    IStringLocalizer<MappingText> m) : Controller
{
    private const string RecomputeNote = "Saved. Drafts are being brought up to date in the background.";

    [HttpGet("mapping")]
    public async Task<IActionResult> Mapping() =>
        View("MappingRules", new RulesPage<MappingRulesAdmin.Page>(await mappings.ListAsync(), await changes.RecentAsync(RuleChanges.Mapping)));

    [HttpPost("mapping")]
    public async Task<IActionResult> SaveMapping(string? kmallPrefix, long cid) =>
        Done("/operator/mapping", await mappings.SaveAsync(kmallPrefix, cid, OperatorId));

    [HttpPost("mapping/{id:long}/delete")]
    public async Task<IActionResult> DeleteMapping([FromRoute] long id) =>
        await mappings.DeleteAsync(id, OperatorId) ? Done("/operator/mapping", null) : NotFound();

    [HttpGet("rates")]
    public async Task<IActionResult> Rates() =>
        View("Rates", new RulesPage<ExchangeRatesAdmin.Page>(await rates.ListAsync(), await changes.RecentAsync(RuleChanges.Rate)));

    [HttpPost("rates")]
    public async Task<IActionResult> AddRate(string? krwPerCny, string? effectiveFrom) =>
        Done("/operator/rates", await rates.AddAsync(krwPerCny, effectiveFrom, OperatorId));

    [HttpGet("pricing")]
    public async Task<IActionResult> Pricing() =>
        View("Pricing", new RulesPage<IReadOnlyList<PricingRulesAdmin.Version>>(await pricing.ListAsync(), await changes.RecentAsync(RuleChanges.Pricing)));

    [HttpPost("pricing")]
    public async Task<IActionResult> SavePricing(string? marginPercent, string? shippingBands, string? crossBorderTaxPercent, string? rounding) =>
        Done("/operator/pricing", await pricing.SaveAsync(new PricingRulesAdmin.Form(marginPercent, shippingBands, crossBorderTaxPercent, rounding), OperatorId));

    [HttpGet("commissions")]
    public async Task<IActionResult> Commissions() =>
        View("Commissions", new RulesPage<CommissionsAdmin.Page>(await commissions.ListAsync(), await changes.RecentAsync(RuleChanges.Commission)));

    [HttpPost("commissions")]
    public async Task<IActionResult> SetCommission(long cid, string? percent) =>
        Done("/operator/commissions", await commissions.SetAsync(cid, percent, OperatorId), "Saved.");

    [HttpPost("commissions/{cid:long}/delete")]
    public async Task<IActionResult> RemoveCommission([FromRoute] long cid) =>
        await commissions.RemoveAsync(cid, OperatorId) ? Done("/operator/commissions", null, "Saved.") : NotFound();

    /// <summary>The background recompute the rule pages follow live: waiting, working (how far), or its result.</summary>
    [HttpGet("drafts/status")]
    public async Task<IActionResult> DraftsStatus()
    {
        var status = await recomputes.StatusAsync(HttpContext.RequestAborted);
        return Json(new
        {
            working = status.Working,
            percent = status.Percent,
            text = DraftRecomputeText.Describe(status, m),
            outcome = status.Latest?.Outcome,
        });
    }

    private long OperatorId => User.FindUserId() ?? throw new UnauthorizedAccessException("The operator has no user id.");

    /// <summary>Back to the page with the outcome: the error in red, or the saved note.</summary>
    private IActionResult Done(string page, string? error, string saved = RecomputeNote)
    {
        if (error is not null)
        {
            TempData["Error"] = m[error].Value;
        }
        else
        {
            TempData["Flash"] = m[saved].Value;
        }

        return Redirect(page);
    }
}

/// <summary>An operator rule page: its content and the recent changes to it.</summary>
public sealed record RulesPage<T>(T Content, IReadOnlyList<RuleChanges.Entry> Changes);
