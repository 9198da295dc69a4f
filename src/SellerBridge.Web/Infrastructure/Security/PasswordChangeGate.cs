using System.Security.Claims;

namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>
/// Holds a user who signed in with a one-time password on the change-password page: every other
/// page, the jobs dashboard and the API wait until they have chosen a password of their own. The
/// principal of such a sign-in carries no role either (see <c>PasswordSignIn</c>), so an endpoint
/// this gate missed would still refuse it.
/// </summary>
public static class PasswordChangeGate
{
    public const string ClaimType = "sb:must_change_password";
    public const string ChangePasswordPath = "/account/change-password";

    // Signing out and switching the language are all one may do instead.
    private static readonly PathString[] Open = [ChangePasswordPath, "/account/logout", "/culture"];

    public static bool MustChangePassword(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == ClaimType);

    /// <summary>Goes right after authentication, before anything that authorises or serves.</summary>
    public static WebApplication UsePasswordChangeGate(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.User.MustChangePassword() || Open.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            {
                await next();
                return;
            }

            if (context.Request.Path.StartsWithSegments("/api"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Redirect(ChangePasswordPath);
        });
        return app;
    }
}
