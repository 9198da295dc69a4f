using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SellerBridge.Web.Features.Sellers;

namespace SellerBridge.Web.Infrastructure.Security;

public static class AuthExtensions
{
    public const string LoginRateLimit = "login";

    /// <summary>Cookie sign-in for the portal, API keys for <c>/api/v1</c>, the Seller and Operator policies, and the sign-in rate limit.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Passwords>();
        services.AddSingleton<SellerAccounts>();
        services.AddSingleton<Notices>();
        services.AddSingleton<PasswordSignIn>();
        services.AddSingleton<ChangePassword>();
        services.AddSingleton<Features.Operator.OperatorAccounts>();
        services.AddHostedService<Features.Operator.FirstOperatorCheck>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<SecurityStamps>();
        services.AddOptions<SignInOptions>().BindConfiguration("Security");
        services.AddTenancy();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "sb.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SecurityStamps>().ValidateAsync(context);
                options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(SellerClaims.ApiKeyScheme, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(SellerClaims.SellerPolicy, p => p.RequireRole(SellerClaims.SellerRole).RequireClaim(SellerClaims.SellerId))
            .AddPolicy(SellerClaims.OperatorPolicy, p => p.RequireRole(SellerClaims.OperatorRole));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
