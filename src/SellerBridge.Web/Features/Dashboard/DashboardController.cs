using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Dashboard;

[Authorize(Policy = SellerClaims.SellerPolicy)]
public sealed class DashboardController(SellerDashboard dashboard) : Controller
{
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Index([FromServices] SellerScope scope) =>
        await dashboard.LoadAsync(scope) is { } model ? View("Dashboard", model) : NotFound();
}
