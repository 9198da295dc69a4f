using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;
using SellerBridge.Web.Infrastructure.Web;

namespace SellerBridge.Web.Features.Sellers;

/// <summary>The portal page where a seller makes and revokes API keys.</summary>
[Authorize(Policy = SellerClaims.SellerPolicy)]
[Route("apikeys")]
public sealed class ApiKeysController(ApiKeys apiKeys, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] SellerScope scope) =>
        View("ApiKeys", new ApiKeysPage(await apiKeys.ListAsync(scope), null));

    [HttpPost("")]
    public async Task<IActionResult> Create([FromServices] SellerScope scope, string? name)
    {
        var created = await apiKeys.CreateAsync(scope, name ?? "");
        // Rendered straight from the POST: the key is shown this once and never stored in clear.
        return View("ApiKeys", new ApiKeysPage(await apiKeys.ListAsync(scope), created.Key));
    }

    [HttpPost("{id:long}/revoke")]
    public async Task<IActionResult> Revoke([FromServices] SellerScope scope, [FromRoute] long id)
    {
        if (!await apiKeys.RevokeAsync(scope, id))
        {
            return NotFound();
        }

        TempData["Flash"] = l["The key was revoked. Programs using it can no longer connect."].Value;
        return Redirect("/apikeys");
    }
}

public sealed record ApiKeysPage(IReadOnlyList<ApiKeys.KeyRow> Keys, string? NewKey);

/// <summary><c>/api/v1/me</c> and <c>/api/v1/api-keys</c>: who the key belongs to, and key rotation for integrators.</summary>
public sealed class SellerApiController(ApiKeys apiKeys) : ApiControllerBase
{
    [EndpointSummary("The seller this API key belongs to.")]
    [HttpGet("me")]
    public IActionResult Me() => Ok(new
    {
        sellerId = Scope.SellerId,
        company = User.Identity?.Name,
        status = User.FindFirst("seller_status")?.Value,
    });

    [EndpointSummary("The seller's API keys (never the keys themselves).")]
    [HttpGet("api-keys")]
    public async Task<IActionResult> Keys() =>
        Ok((await apiKeys.ListAsync(Scope)).Select(k => new { id = k.Id, name = k.Name, prefix = k.Prefix, createdAt = k.CreatedAt, revokedAt = k.RevokedAt, lastUsedAt = k.LastUsedAt }));

    [EndpointSummary("Revoke one of the seller's API keys.")]
    [HttpDelete("api-keys/{id:long}")]
    public async Task<IActionResult> Revoke([FromRoute] long id) =>
        await apiKeys.RevokeAsync(Scope, id) ? NoContent() : NotFoundProblem($"This seller has no API key {id}.");
}
