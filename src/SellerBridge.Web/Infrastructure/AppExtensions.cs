using Microsoft.AspNetCore.Mvc;
using SellerBridge.Web.Features.Mapping;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Features.Catalogue;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Features.Listings;
using SellerBridge.Web.Infrastructure.Localisation;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Sandbox;
using SellerBridge.Web.Infrastructure.Security;
using SellerBridge.Web.Infrastructure.Telemetry;
using SellerBridge.Web.Infrastructure.Web;

namespace SellerBridge.Web.Infrastructure;

/// <summary>The app's composition: one call per feature area, in the order they depend on each other.</summary>
public static class AppExtensions
{
    /// <summary>
    /// The host arguments every SellerBridge process starts with: configuration is read once, at
    /// start (a changed setting takes effect on restart). The default SQLite database lives under
    /// the content root, where the watcher kept for appsettings.json saw every write to it: 7 % of
    /// the CPU of an import (measured).
    /// </summary>
    public static string[] HostArgs(params string[] args) => [.. args, .. PublishedContentRoot(args), "--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>
    /// A published app finds its settings, its web root and its default data folder beside its dll,
    /// whatever the working directory it was started from (<c>dotnet /opt/sellerbridge/SellerBridge.Web.dll</c>).
    /// Only a publish puts <c>wwwroot</c> there; a build's output keeps the default, the working
    /// directory, which <c>dotnet run</c> sets to the project folder. A content root given in the
    /// arguments or the environment always wins.
    /// </summary>
    private static string[] PublishedContentRoot(string[] args)
    {
        var given = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        var folder = AppContext.BaseDirectory;
        return given || !Directory.Exists(Path.Combine(folder, "wwwroot")) ? [] : [$"--contentRoot={folder}"];
    }

    public static WebApplicationBuilder AddSellerBridge(this WebApplicationBuilder builder)
    {
        builder.DisableFileWatching();
        builder.AddHostsAndProxies();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddTelemetry();
        builder.AddPersistence();
        builder.AddKeyEncryption();
        builder.AddJobs();
        builder.AddAccounts();
        builder.AddPortalLocalisation();
        builder.AddMarketplace();
        builder.AddCatalogue();
        builder.AddListings();
        builder.AddPayments();
        builder.AddMapping();
        builder.AddOrders();
        builder.Services.AddHostedService<SandboxSeed>();
        builder.Services.AddSingleton<Features.Operator.SellerReview>();
        builder.Services.AddSingleton<Features.Dashboard.SellerDashboard>();
        builder.Services.AddSingleton<Features.Dashboard.OperatorDashboard>();
        // Korean text is written as text, not as &#xXXXX; escapes: pages stay readable and small.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddErrorHandling();
        builder.AddRequestLimits();
        builder.Services.AddSellerBridgeHealth();
        builder.Services.AddApiDocument();
        builder.Services
            .AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.Razor.RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new FeatureViewLocations()));
        builder.Services.AddSecurityHeaders();
        builder.Services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "sb.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        return builder;
    }

    public static WebApplication UseSellerBridge(this WebApplication app)
    {
        app.UseForwardedHeadersFromKnownProxies();
        app.UseErrorHandling();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRequestLimits();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseJobsDashboard();
        app.MapSellerBridgeHealth();
        app.MapApiDocument();
        app.MapMarketplaceSandbox();
        app.MapPaymentsSandbox();
        app.MapControllers();
        return app;
    }
}
