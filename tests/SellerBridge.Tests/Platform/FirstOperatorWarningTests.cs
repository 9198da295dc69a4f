using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

/// <summary>A Live deployment starts with no operator; its start log says how to make the first.</summary>
public sealed class FirstOperatorWarningTests
{
    [Fact]
    public async Task A_live_start_without_an_operator_warns_with_the_command_that_makes_one()
    {
        await using var app = AppFactory.For("Sqlite", LiveSettings());
        var warnings = await StartAsync(app);

        var warning = Assert.Single(warnings, w => w.Contains("No operator exists yet", StringComparison.Ordinal));
        Assert.Contains("dotnet run --project src/SellerBridge.Web -- create-operator --email ", warning);
    }

    [Fact]
    public async Task A_live_start_with_an_operator_says_nothing_about_it()
    {
        using var database = TestDatabase.Create("Sqlite");
        await using (var first = new AppFactory(database, LiveSettings(), ownsDatabase: false))
        {
            await Accounts.CreateOperatorAsync(first);
        }

        await using var app = new AppFactory(database, LiveSettings(), ownsDatabase: false);
        var warnings = await StartAsync(app);

        Assert.DoesNotContain(warnings, w => w.Contains("create-operator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sandbox_start_without_an_operator_says_nothing_about_it()
    {
        await using var app = AppFactory.For("Sqlite");
        var warnings = await StartAsync(app);

        Assert.DoesNotContain(warnings, w => w.Contains("create-operator", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyCollection<string>> StartAsync(AppFactory app)
    {
        var capture = new WarningCapture();
        await using var started = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture)));
        using var client = started.CreateClient();
        return capture.Warnings;
    }

    // Live mode needs the gateways' settings to start; nothing here calls them.
    private static Dictionary<string, string?> LiveSettings()
    {
        using var rsa = RSA.Create(2048);
        return new Dictionary<string, string?>
        {
            ["Marketplace:Mode"] = "Live",
            ["Marketplace:GatewayUrl"] = "http://127.0.0.1:9/router/rest",
            ["Marketplace:AppKey"] = "12345678",
            ["Marketplace:AppSecret"] = "secret",
            ["Marketplace:SessionKey"] = "session",
            ["Payments:GatewayUrl"] = "http://127.0.0.1:9/gateway.do",
            ["Payments:NotifyUrl"] = "http://127.0.0.1:9/payments/notify",
            ["Payments:AppId"] = "2021000000000000",
            ["Payments:SellerId"] = "2088000000000000",
            ["Payments:AppPrivateKey"] = Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()),
            ["Payments:ProcessorPublicKey"] = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()),
        };
    }

    private sealed class WarningCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _warnings = new();

        public IReadOnlyCollection<string> Warnings => _warnings;

        public ILogger CreateLogger(string categoryName) => new Logger(_warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
