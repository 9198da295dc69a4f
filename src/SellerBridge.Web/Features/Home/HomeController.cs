using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using SellerBridge.Web.Infrastructure.Localisation;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Home;

/// <summary>The front door: sends each user to their start page, switches language, shows errors kindly.</summary>
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index()
    {
        if (User.IsInRole(SellerClaims.OperatorRole))
        {
            return Redirect("/operator");
        }

        return User.IsInRole(SellerClaims.SellerRole) ? Redirect("/dashboard") : Redirect("/account/login");
    }

    [HttpPost("/culture")]
    public IActionResult SetCulture(string culture, string? returnUrl)
    {
        var chosen = culture == LocalisationExtensions.English.Name ? LocalisationExtensions.English : LocalisationExtensions.Korean;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>
    /// Rendered in place for a failed request (exception or empty error status). Takes nothing
    /// from model binding: a request whose form cannot be read binds nothing at all, and the page
    /// must still say what happened.
    /// </summary>
    [Route("/error/{status:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        var code = RouteData.Values["status"] is string routed && int.TryParse(routed, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s
            : Response.StatusCode >= 400 ? Response.StatusCode
            : 500;
        Response.StatusCode = code is >= 400 and < 600 ? code : 500;
        return View(new ErrorModel(Response.StatusCode, HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorModel(int Status, string TraceId);
