using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// The real app in memory, on one test's own database. Background jobs and the demo seed are off
/// unless a test turns them on through <see cref="Settings"/>.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    public AppFactory(TestDatabase database, IDictionary<string, string?>? settings = null, bool ownsDatabase = true)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:SellerBridge"] = database.ConnectionString,
            ["Jobs:Enabled"] = "false",
            ["Sandbox:SeedDemoAccounts"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    public static AppFactory For(string provider, IDictionary<string, string?>? settings = null) =>
        new(TestDatabase.Create(provider), settings);

    public Dictionary<string, string?> Settings { get; }

    public TestDatabase Database => _database;

    /// <summary>Errors the app logged, for failure messages.</summary>
    public ErrorLog Log { get; } = new();

    public Db Db => Services.GetRequiredService<Db>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests check where they go).</summary>
    public PortalClient Portal() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), Log);

    public HttpClient Api(string apiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(Settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            _database.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }
}
