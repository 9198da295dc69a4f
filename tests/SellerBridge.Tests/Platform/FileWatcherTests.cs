using System.Net;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

/// <summary>
/// The app holds no inotify instance, so a machine whose per-user limit other programs used up
/// cannot break its pages (asp-append-version used to watch wwwroot for every host).
/// </summary>
public sealed class FileWatcherTests
{
    private static readonly string[] s_pages = ["/dashboard", "/catalogue", "/listings", "/orders", "/api"];

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task The_app_process_holds_no_inotify_instance_after_serving_pages(string environment)
    {
        Assert.SkipUnless(Inotify.Supported, "inotify is Linux only.");
        using var database = TestDatabase.Create("Sqlite");
        await using var app = await RunningApp.StartAsync(database, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment });
        using var portal = new PortalClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(app.Url) });
        var signIn = await portal.SignInAsync(app.SellerEmail, app.SellerPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        foreach (var page in s_pages)
        {
            var html = await portal.GetPageAsync(page);
            Assert.Contains("/css/site.css?v=", html);
        }

        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(0, Inotify.Instances(app.ProcessId));
    }

    [Fact]
    public async Task The_in_process_test_host_adds_no_inotify_instance()
    {
        Assert.SkipUnless(Inotify.Supported, "inotify is Linux only.");
        var before = Inotify.InstancesOfThisProcess();
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);

        foreach (var page in s_pages)
        {
            Assert.Contains("/css/site.css?v=", await portal.GetPageAsync(page));
        }

        // Other tests run beside this one, and none of their hosts may add one either.
        Assert.True(Inotify.InstancesOfThisProcess() <= before, $"{Inotify.InstancesOfThisProcess()} inotify instances after the host served pages, {before} before.");
    }
}
