using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Sellers;

/// <summary>Sign-up, sign-in and sign-out for sellers and operators.</summary>
[Route("account")]
public sealed class AccountController(SellerAccounts accounts, PasswordSignIn signIn, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("signup")]
    public IActionResult SignUp() => View(new SignUpForm());

    /// <summary>
    /// Answers the same whether or not the email (or business number) is already registered, so
    /// the page cannot be used to find out who has an account; the owner of a registered one is
    /// told instead. A new seller signs in afterwards, as an existing one would.
    /// </summary>
    [HttpPost("signup")]
    [EnableRateLimiting(AuthExtensions.LoginRateLimit)]
    public async Task<IActionResult> SignUp(SignUpForm form, [FromServices] Notices notices)
    {
        if (form.Password != form.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(form.ConfirmPassword), l["The two passwords do not match."]);
        }

        var result = ModelState.IsValid
            ? await accounts.CreateAsync(new SellerAccounts.NewSeller(form.CompanyName ?? "", form.Brn ?? "", form.ContactName ?? "", form.Email ?? "", form.Password ?? ""))
            : null;
        if (result?.Conflict is { } conflict)
        {
            if (conflict.OwnerUserId is { } owner)
            {
                await notices.OweAsync(owner, conflict.Kind, HttpContext.RequestAborted);
            }
        }
        else if (result is null || !result.Succeeded)
        {
            foreach (var (field, message) in result?.Errors ?? new Dictionary<string, string>())
            {
                ModelState.AddModelError(field, l[message]);
            }

            return View(form);
        }

        TempData["Flash"] = l["Thank you, your application was received. Sign in with your email and password: the operator reviews new companies, and meanwhile you can prepare your catalogue. If this email or business registration number already had an account, we have told its owner instead."].Value;
        return Redirect("/account/login");
    }

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [EnableRateLimiting(AuthExtensions.LoginRateLimit)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        var result = await signIn.SignInAsync(form.Email, form.Password, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case PasswordSignIn.Outcome.Succeeded:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, result.Principal!);
                if (result.MustChangePassword)
                {
                    return Redirect(PasswordChangeGate.ChangePasswordPath);
                }

                return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
            case PasswordSignIn.Outcome.LockedOut:
                var minutes = Math.Max(1, (int)Math.Ceiling(result.RetryAfter?.TotalMinutes ?? 1));
                ModelState.AddModelError("", l["Too many failed attempts. Try again in {0} minutes.", minutes]);
                break;
            case PasswordSignIn.Outcome.Suspended:
                ModelState.AddModelError("", l["This seller account is suspended. Please contact the operator."]);
                break;
            default:
                ModelState.AddModelError("", l["The email or password is not correct."]);
                break;
        }

        form.Password = null;
        return View(form);
    }

    [Authorize]
    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    /// <summary>
    /// Renews the stamp, so every other session of the user ends; this browser gets a fresh cookie
    /// carrying the new stamp (and the user's role, which a one-time password did not give).
    /// </summary>
    [Authorize]
    [HttpPost("change-password")]
    [EnableRateLimiting(AuthExtensions.LoginRateLimit)]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, [FromServices] ChangePassword change)
    {
        var userId = User.FindUserId() ?? throw new UnauthorizedAccessException("The request is not signed in.");
        var result = await change.RunAsync(new ChangePassword.Input(userId, form.CurrentPassword, form.NewPassword, form.ConfirmPassword), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError(field, l[message]);
            }

            return View(new ChangePasswordForm());
        }

        if (await signIn.PrincipalForAsync(userId, HttpContext.RequestAborted) is not { } principal)
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Redirect("/account/login");
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        TempData["Flash"] = l["Your password was changed. Any other session of yours was signed out."].Value;
        return Redirect("/");
    }

    /// <summary>Ends every session of the user, not only this browser's: a copy of the cookie stops working too.</summary>
    [HttpPost("logout")]
    public async Task<IActionResult> Logout([FromServices] SecurityStamps stamps)
    {
        if (long.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var userId))
        {
            await stamps.RenewForUserAsync(userId, HttpContext.RequestAborted);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/login");
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("~/Features/Home/Views/Error.cshtml", new Home.ErrorModel(403, HttpContext.TraceIdentifier));
    }
}

public sealed class SignUpForm
{
    [Required(ErrorMessage = "Enter the company name.")]
    [StringLength(200)]
    [Display(Name = "Company name")]
    public string? CompanyName { get; set; }

    [Required(ErrorMessage = "Enter the business registration number.")]
    [Display(Name = "Business registration number")]
    public string? Brn { get; set; }

    [Required(ErrorMessage = "Enter the contact person's name.")]
    [StringLength(100)]
    [Display(Name = "Contact name")]
    public string? ContactName { get; set; }

    [Required(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "The password must be at least 10 characters long.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string? Password { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "Confirm password")]
    public string? ConfirmPassword { get; set; }
}

public sealed class LoginForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}
