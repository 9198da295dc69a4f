namespace SellerBridge.Web.Infrastructure.Security;

/// <summary>Headers that keep the portal from being framed, sniffed or made to run foreign script.</summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Hangfire's dashboard (operators only) sets inline styles from its own scripts (its graphs and
    /// progress bars); it alone may, and scripts stay its own files as everywhere else.
    /// </summary>
    private const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// A year of HSTS, the common recommendation (subdomains are left to whoever runs the domain),
    /// and no <c>Server: Kestrel</c>: what runs the site is nobody's business.
    /// </summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services
            .Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false)
            .AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // HSTS is only ever sent over HTTPS (the middleware skips plain HTTP and localhost);
        // in Development it would pin a developer's localhost to HTTPS for a year.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            // Read now: inside the dashboard's branch the path no longer holds its prefix.
            var policy = context.Request.Path.StartsWithSegments(Jobs.JobsExtensions.DashboardPath)
                ? DashboardContentSecurityPolicy
                : ContentSecurityPolicy;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers["Content-Security-Policy"] = policy;
                headers["X-Content-Type-Options"] = "nosniff";
                headers["X-Frame-Options"] = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
