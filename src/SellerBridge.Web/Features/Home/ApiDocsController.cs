using Microsoft.AspNetCore.Mvc;

namespace SellerBridge.Web.Features.Home;

/// <summary>A readable page over the OpenAPI document, for integrators.</summary>
public sealed class ApiDocsController : Controller
{
    [HttpGet("/api")]
    public IActionResult Index() => View("ApiDocs");
}
