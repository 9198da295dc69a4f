using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Marketplace;
using SellerBridge.Tests.Payments;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Payments;

namespace SellerBridge.Tests.Orders;

/// <summary>
/// The app on its own database, talking over real HTTP to a sandbox marketplace on Kestrel whose
/// clock the test moves, with a payment processor the test scripts.
/// </summary>
public sealed class OrdersHarness : IAsyncDisposable
{
    private OrdersHarness(SandboxServer sandbox, AppFactory app, WebApplicationFactory<Program> wired, FakeProcessor processor, TestKeys keys)
    {
        (Sandbox, App, Wired, Processor, Keys) = (sandbox, app, wired, processor, keys);
    }

    public SandboxServer Sandbox { get; }

    public AppFactory App { get; }

    /// <summary>The app with the scripted processor in place of the real client.</summary>
    public WebApplicationFactory<Program> Wired { get; }

    public FakeProcessor Processor { get; }

    public TestKeys Keys { get; }

    public string ShopId => Sandbox.ShopId;

    public static async Task<OrdersHarness> StartAsync(string provider, IDictionary<string, string?>? settings = null)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var sandbox = await SandboxServer.StartAsync(clock: new ManualClock(start));
        var keys = new TestKeys();
        var all = keys.Settings();
        all["Marketplace:GatewayUrl"] = sandbox.GatewayUrl;
        all["Marketplace:AppKey"] = SandboxServer.AppKey;
        all["Marketplace:AppSecret"] = SandboxServer.AppSecret;
        all["Marketplace:SessionKey"] = SandboxServer.SessionKey;
        all["Marketplace:SignMethod"] = "hmac-sha256";
        all["Marketplace:CallsPerSecond"] = "1000";
        all["Orders:FirstPullLookbackMinutes"] = "30";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = AppFactory.For(provider, all);
        var processor = new FakeProcessor();
        var wired = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPaymentProcessor>(processor)));
        return new OrdersHarness(sandbox, app, wired, processor, keys);
    }

    public T Get<T>()
        where T : notnull => Wired.Services.GetRequiredService<T>();

    public PortalClient Portal() => new(Wired.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public HttpClient Api(string apiKey)
    {
        var client = Wired.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async Task<PortalClient> SignedInAsync(string email)
    {
        var portal = Portal();
        using var response = await portal.SignInAsync(email, Accounts.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return portal;
    }

    /// <summary>A trade straight into the sandbox's store, modified at <paramref name="modified"/>.</summary>
    public SandboxTrade Trade(DateTimeOffset modified, string status, params (string OuterIid, decimal Price, int Num)[] lines)
    {
        var store = Sandbox.Store;
        var trade = new SandboxTrade(ShopId, store.NextId(), status, modified, modified, status == TradeStatus.WaitBuyerPay ? null : modified, null, "上海",
            lines.Select(l => new SandboxOrderLine(store.NextId(), l.OuterIid, 5000 + store.NextId(), "韩国 商品 " + l.OuterIid, l.Price, l.Num)).ToList());
        store.SaveTrade(trade);
        return trade;
    }

    public async ValueTask DisposeAsync()
    {
        await Wired.DisposeAsync();
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>Passes calls through to the real client, counting them and letting a test act before one is sent.</summary>
public sealed class HookedTopClient(ITopClient inner) : ITopClient
{
    public ConcurrentQueue<(string Method, IReadOnlyDictionary<string, string?> Parameters)> Calls { get; } = new();

    public Func<string, IReadOnlyDictionary<string, string?>, Task>? Before { get; set; }

    public int Count(string method) => Calls.Count(c => c.Method == method);

    public async Task<TopResponse> CallAsync(string method, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken)
    {
        Calls.Enqueue((method, parameters));
        if (Before is { } before)
        {
            await before(method, parameters);
        }

        return await inner.CallAsync(method, parameters, cancellationToken);
    }
}

/// <summary>A processor whose query answers the test sets per trade, and whose refunds always succeed once per request number.</summary>
public sealed class FakeProcessor : IPaymentProcessor
{
    private readonly ConcurrentDictionary<string, decimal> _refunds = new();

    public ConcurrentDictionary<string, TradeQueryResult> Answers { get; } = new();

    public Task<TradeQueryResult> QueryAsync(TradeQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Answers.TryGetValue(query.OutTradeNo ?? "", out var answer)
            ? answer
            : new TradeQueryResult(ProcessorOutcome.Failed, new ProcessorError("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在")));

    public Task<TradeRefundResult> RefundAsync(TradeRefund refund, CancellationToken cancellationToken)
    {
        _refunds.TryAdd(refund.OutRequestNo, refund.RefundAmount);
        var total = _refunds.Where(r => r.Key.StartsWith(refund.OutRequestNo.Split("-R")[0], StringComparison.Ordinal)).Sum(r => r.Value);
        return Task.FromResult(new TradeRefundResult(ProcessorOutcome.Success, null, total, DateTimeOffset.UtcNow));
    }
}
