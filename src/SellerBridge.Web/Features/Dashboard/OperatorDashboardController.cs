using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Dashboard;

[Authorize(Policy = SellerClaims.OperatorPolicy)]
public sealed class OperatorDashboardController(OperatorDashboard dashboard) : Controller
{
    [HttpGet("/operator")]
    public async Task<IActionResult> Index() => View("OperatorDashboard", await dashboard.LoadAsync());
}
