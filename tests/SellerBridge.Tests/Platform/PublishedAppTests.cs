using System.Net;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

/// <summary>
/// The app as <c>dotnet publish</c> leaves it, started as the README's deploy section starts it:
/// <c>dotnet SellerBridge.Web.dll</c> from another working directory, in Production. scripts/test.sh
/// publishes once before the tests and names the folder in <c>SELLERBRIDGE_PUBLISHED_APP</c>.
/// </summary>
public sealed class PublishedAppTests
{
    [Fact]
    public async Task The_published_app_runs_the_product_from_any_working_directory()
    {
        Assert.SkipWhen(Repo.PublishedApp is null, "No published app: scripts/test.sh publishes one and sets SELLERBRIDGE_PUBLISHED_APP.");
        var published = Repo.PublishedApp!;
        var elsewhere = Directory.CreateTempSubdirectory("sb-cwd-");
        var data = Path.Combine(published, "data");
        Assert.False(Directory.Exists(data), $"{data} exists: point SELLERBRIDGE_PUBLISHED_APP at a fresh publish, whose data this test may delete.");
        using var unused = TestDatabase.Create("Sqlite");
        try
        {
            // No connection string: the default SQLite file, which belongs under the app's folder.
            await using var app = await RunningApp.StartDllAsync(
                Path.Combine(published, "SellerBridge.Web.dll"),
                elsewhere.FullName,
                unused,
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ConnectionStrings__SellerBridge"] = "" });
            using var portal = new PortalClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(app.Url) });

            var health = await portal.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Contains("\"Healthy\"", await health.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/css/site.css")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/lib/bootstrap/dist/css/bootstrap.min.css")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await portal.SignInAsync(app.SellerEmail, app.SellerPassword)).StatusCode);
            Assert.Contains("/css/site.css?v=", await portal.GetPageAsync("/dashboard"));

            Assert.True(File.Exists(Path.Combine(data, "sellerbridge.db")), $"The default database is not under {data}.\n{app.Output}");
            Assert.Empty(elsewhere.EnumerateFileSystemInfos());
            if (Inotify.Supported)
            {
                Assert.Equal(0, Inotify.Instances(app.ProcessId));
            }
        }
        finally
        {
            elsewhere.Delete(recursive: true);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }
}
