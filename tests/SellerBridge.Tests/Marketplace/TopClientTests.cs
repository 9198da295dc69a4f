using System.Net;
using System.Net.Sockets;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public class TopClientTests
{
    private const string Method = "taobao.itemcats.get";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Platform_and_HTTP_faults_are_retried_until_the_call_succeeds()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        sandbox.Faults.Enqueue(SandboxFault.IspError, SandboxFault.Http503, SandboxFault.Http502);

        var result = await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(2, result.Value!.Count);
        Assert.Equal(4, sandbox.Gateway.CallsTo(Method));
        // Three back-off waits were taken on the injected clock, not on the wall clock.
        Assert.Equal(3, sandbox.Clock.Waits.Count);
    }

    [Fact]
    public async Task Retries_stop_after_MaxAttempts_and_report_a_transient_error()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient(new Dictionary<string, string?> { ["Marketplace:MaxAttempts"] = "3" });
        sandbox.Faults.Enqueue(SandboxFault.IspError, SandboxFault.IspError, SandboxFault.IspError, SandboxFault.IspError);

        var response = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

        Assert.Equal(TopErrorKind.Transient, response.Kind);
        Assert.Equal("isp.top-remote-connection-timeout", response.Error!.SubCode);
        Assert.Equal(3, response.Attempts);
        Assert.Equal(3, sandbox.Gateway.CallsTo(Method));
    }

    [Fact]
    public async Task A_wrong_signature_is_permanent_and_sent_once()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient(new Dictionary<string, string?> { ["Marketplace:AppSecret"] = "not-the-secret" });

        var response = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

        Assert.Equal(TopErrorKind.Permanent, response.Kind);
        Assert.Equal(25, response.Error!.Code);
        Assert.Equal(1, sandbox.Gateway.CallsTo(Method));
    }

    [Fact]
    public async Task A_code_7_ban_is_honoured_per_method_until_it_ends()
    {
        await using var sandbox = await SandboxServer.StartAsync(o => (o.CallsPerSecond, o.BanSeconds) = (2, 30));
        var client = sandbox.CreateClient();
        var start = sandbox.Clock.GetUtcNow();
        await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
        await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);

        var banned = await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);

        Assert.Equal(TopErrorKind.Throttled, banned.Kind);
        Assert.Equal(7, banned.Error!.Code);
        Assert.Equal("This ban will last for 30 more seconds", banned.Error.SubMsg);
        Assert.Equal(start.AddSeconds(31), banned.RetryAt);
        Assert.Equal(3, sandbox.Gateway.CallsTo(Method));

        sandbox.Clock.Advance(TimeSpan.FromSeconds(30));
        var stillBanned = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);
        Assert.Equal(TopErrorKind.Throttled, stillBanned.Kind);
        Assert.Equal(0, stillBanned.Attempts);
        Assert.Equal(3, sandbox.Gateway.CallsTo(Method));

        sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
        Assert.True(after.IsSuccess, after.Error?.ToString());
        Assert.Equal(4, sandbox.Gateway.CallsTo(Method));
    }

    [Theory]
    [AllProviders]
    public async Task A_ban_one_node_meets_holds_for_every_node_on_the_same_database(string provider)
    {
        await using var app = AppFactory.For(provider);
        await using var sandbox = await SandboxServer.StartAsync(o => (o.CallsPerSecond, o.BanSeconds) = (2, 30));
        var first = sandbox.CreateClient(sharedBans: app.Db);
        var second = sandbox.CreateClient(sharedBans: app.Db);
        await first.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
        await first.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
        Assert.Equal(TopErrorKind.Throttled, (await first.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token)).Kind);
        Assert.Equal(3, sandbox.Gateway.CallsTo(Method));

        // The other node (or this one after a restart) does not call the banned method at all.
        var onSecond = await second.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);
        Assert.Equal(TopErrorKind.Throttled, onSecond.Kind);
        Assert.Equal(0, onSecond.Attempts);
        Assert.Equal("This ban will last for 30 more seconds", onSecond.Error!.SubMsg);
        Assert.Equal(3, sandbox.Gateway.CallsTo(Method));
        var restarted = sandbox.CreateClient(sharedBans: app.Db);
        Assert.Equal(0, (await restarted.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token)).Attempts);

        // Other methods are not banned, and the ban ends when it said it would.
        Assert.True((await second.CallAsync("taobao.items.custom.get", new Dictionary<string, string?> { ["outer_id"] = "nobody" }, Token)).Attempts > 0);
        sandbox.Clock.Advance(TimeSpan.FromSeconds(31));
        var after = await second.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
        Assert.True(after.IsSuccess, after.Error?.ToString());
        Assert.Equal(4, sandbox.Gateway.CallsTo(Method));
    }

    [Fact]
    public async Task A_gateway_that_cannot_be_reached_is_a_transient_error_after_bounded_attempts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient(new Dictionary<string, string?>
        {
            ["Marketplace:GatewayUrl"] = $"http://127.0.0.1:{port}/router/rest",
            ["Marketplace:MaxAttempts"] = "2",
        });

        var response = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

        Assert.Equal(TopErrorKind.Transient, response.Kind);
        Assert.Equal("http.connection-error", response.Error!.SubCode);
        Assert.Equal(2, response.Attempts);
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_is_a_transient_timeout()
    {
        await using var sandbox = await SandboxServer.StartAsync(o => o.TimeoutDelaySeconds = 30);
        var client = sandbox.CreateClient(new Dictionary<string, string?>
        {
            ["Marketplace:TimeoutSeconds"] = "1",
            ["Marketplace:MaxAttempts"] = "1",
        });
        sandbox.Faults.Enqueue(SandboxFault.Timeout);

        var response = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

        Assert.Equal(TopErrorKind.Transient, response.Kind);
        Assert.Equal("http.timeout", response.Error!.SubCode);
    }

    [Fact]
    public async Task The_token_bucket_makes_the_call_over_the_ceiling_wait_for_a_token()
    {
        var clock = new ManualClock();
        var limiter = new TokenBucketCallRateLimiter(2, clock);

        await limiter.WaitAsync(Method, Token);
        await limiter.WaitAsync(Method, Token);
        Assert.Empty(clock.Waits);
        await limiter.WaitAsync(Method, Token);

        Assert.Equal(TimeSpan.FromSeconds(0.5), Assert.Single(clock.Waits));
        Assert.Equal(ManualClock.DefaultStart.AddSeconds(0.5), clock.GetUtcNow());
    }
}
