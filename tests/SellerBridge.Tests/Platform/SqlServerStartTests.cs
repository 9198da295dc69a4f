using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;

namespace SellerBridge.Tests.Platform;

/// <summary>
/// What can be checked of SQL Server without a server: the app is built with its driver and goes
/// as far as connecting to it at start, or refuses a connection string it cannot read, by name.
/// </summary>
public sealed class SqlServerStartTests
{
    [Fact]
    public void A_connection_string_SqlClient_cannot_read_fails_at_start_naming_the_key()
    {
        using var app = Start("Server=127.0.0.1;Database=SellerBridge;Colour=blue");

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var message = Chain(error).Select(e => e.Message).FirstOrDefault(m => m.Contains("ConnectionStrings__SellerBridge", StringComparison.Ordinal));
        Assert.True(message is not null, error.ToString());
        Assert.Contains("SqlServer", message);
        Assert.Contains("colour", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void With_Provider_SqlServer_the_migrations_at_start_connect_through_SqlClient()
    {
        // A port nobody listens on: the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var app = Start($"Server=tcp:127.0.0.1,{port};Database=SellerBridge;User Id=sa;Password=not-a-secret;TrustServerCertificate=True;Connect Timeout=5;ConnectRetryCount=0");

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var refused = Chain(error).OfType<SqlException>().FirstOrDefault();
        Assert.True(refused is not null, error.ToString());
        Assert.Contains("MigrationRunner", refused.StackTrace);
    }

    private static WebApplicationFactory<Program> Start(string connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:SellerBridge"] = connectionString,
            ["Jobs:Enabled"] = "false",
            ["Sandbox:SeedDemoAccounts"] = "false",
            ["Logging:LogLevel:Default"] = "None",
        };
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        });
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
