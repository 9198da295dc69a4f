using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SellerBridge.Sandbox.Payments;
using SellerBridge.Tests.Marketplace;
using SellerBridge.Web.Infrastructure.Payments;

namespace SellerBridge.Tests.Payments;

/// <summary>The sandbox processor on Kestrel at a free local port, serving the test's keys; and clients wired as the app wires them.</summary>
public sealed class ProcessorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ServiceProvider> _clients = [];

    private ProcessorServer(WebApplication app, TestKeys keys)
    {
        _app = app;
        Keys = keys;
    }

    public TestKeys Keys { get; }

    public ManualClock Clock { get; } = new();

    public string GatewayUrl => _app.Urls.Single().TrimEnd('/') + "/gateway.do";

    public ProcessorLedger Ledger => _app.Services.GetRequiredService<ProcessorLedger>();

    /// <summary>The running processor's options: read on every call, so a test may change its habits (a fault rate) mid-test.</summary>
    public SandboxPaymentOptions Options => _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxPaymentOptions>>().Value;

    public static async Task<ProcessorServer> StartAsync(Action<SandboxPaymentOptions>? configure = null)
    {
        var keys = new TestKeys();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSandboxPayments(o =>
        {
            o.AppId = TestKeys.AppId;
            o.SellerId = TestKeys.SellerId;
            o.ProcessorPrivateKey = keys.Processor.ExportPkcs8PrivateKeyPem();
            o.AppPublicKey = Convert.ToBase64String(keys.App.ExportSubjectPublicKeyInfo());
            o.NotifyUrl = "http://127.0.0.1:9/payments/notify";
            o.DuplicateRate = 0;
            o.OutOfOrderRate = 0;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapSandboxPayments();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ProcessorServer(app, keys);
    }

    public ProcessorTrade PaidTrade(string outTradeNo, decimal total) => Ledger.Save(new ProcessorTrade(
        outTradeNo, "2025031422001" + outTradeNo, total, "TRADE_SUCCESS", "韩国 红参 礼盒", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));

    /// <summary>The app's client pointed at this processor; <paramref name="tamper"/> may rewrite answers on the way back.</summary>
    public IPaymentProcessor CreateClient(Func<string, string>? tamper = null)
    {
        var settings = Keys.Settings();
        settings["Marketplace:Mode"] = "Live";
        settings["Payments:GatewayUrl"] = GatewayUrl;
        settings["Payments:NotifyUrl"] = "http://127.0.0.1:9/payments/notify";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOptions<Web.Infrastructure.Marketplace.MarketplaceOptions>().BindConfiguration("Marketplace");
        services.AddPaymentsClient();
        if (tamper is not null)
        {
            services.AddHttpClient<IPaymentProcessor, AlipayClient>().AddHttpMessageHandler(() => new Tamper(tamper));
        }

        var provider = services.BuildServiceProvider();
        _clients.Add(provider);
        return provider.GetRequiredService<IPaymentProcessor>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Tamper(Func<string, string> rewrite) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Content = new StringContent(rewrite(text), System.Text.Encoding.UTF8, "application/json");
            return response;
        }
    }
}
