using System.Diagnostics;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public sealed class TopClientTelemetryTests
{
    private const string Method = "taobao.itemcats.get";
    private const string Calls = "sellerbridge.marketplace.calls";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_is_a_client_span_named_after_the_method_with_its_HTTP_attempt_inside_and_no_secret_in_any_tag()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient();
        using var capture = new TelemetryCapture();

        var result = await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var span = Assert.Single(capture.Spans, s => s.Source.Name == "SellerBridge");
        Assert.Equal(Method, span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("success", span.GetTagItem("outcome"));
        Assert.Equal(1, span.GetTagItem("attempts"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        var http = Assert.Single(capture.Spans, s => s.Source.Name == "System.Net.Http");
        Assert.Equal(span.SpanId, http.ParentSpanId);
        Assert.Equal(1, capture.Sum(Calls, ("method", Method), ("outcome", "success")));

        // The signature, session key, app key and secret travel in the query string; no tag may carry them.
        var tags = string.Join('\n', capture.Spans.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain(SandboxServer.SessionKey, tags, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxServer.AppKey, tags, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxServer.AppSecret, tags, StringComparison.Ordinal);
        Assert.Equal("?*", new Uri((string)http.GetTagItem("url.full")!).Query);
    }

    [Fact]
    public async Task Retries_are_counted_as_retry_and_the_call_once_with_how_it_ended()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient(new Dictionary<string, string?> { ["Marketplace:MaxAttempts"] = "3" });
        sandbox.Faults.Enqueue(SandboxFault.IspError, SandboxFault.IspError, SandboxFault.IspError);
        using var capture = new TelemetryCapture();

        var response = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

        Assert.Equal(TopErrorKind.Transient, response.Kind);
        Assert.Equal(2, capture.Sum(Calls, ("method", Method), ("outcome", "retry")));
        Assert.Equal(1, capture.Sum(Calls, ("method", Method), ("outcome", "transient")));
        Assert.Equal(3, capture.Sum(Calls));
        var span = Assert.Single(capture.Spans, s => s.Source.Name == "SellerBridge");
        Assert.Equal(("transient", 3, ActivityStatusCode.Error), (span.GetTagItem("outcome"), span.GetTagItem("attempts"), span.Status));
        Assert.Equal("isp.top-remote-connection-timeout", span.GetTagItem("error.type"));
        Assert.Equal(3, capture.Spans.Count(s => s.Source.Name == "System.Net.Http"));
    }

    [Fact]
    public async Task A_refused_signature_is_a_permanent_outcome_on_the_span_and_the_counter()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient(new Dictionary<string, string?> { ["Marketplace:AppSecret"] = "not-the-secret" });
        using var capture = new TelemetryCapture();

        var response = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

        Assert.Equal(TopErrorKind.Permanent, response.Kind);
        Assert.Equal(1, capture.Sum(Calls, ("method", Method), ("outcome", "permanent")));
        var span = Assert.Single(capture.Spans, s => s.Source.Name == "SellerBridge");
        Assert.Equal(("permanent", ActivityStatusCode.Error), (span.GetTagItem("outcome"), span.Status));
        Assert.DoesNotContain("not-the-secret", string.Join(',', span.TagObjects.Select(t => t.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ban_is_counted_once_for_its_method_and_calls_held_back_by_it_are_skipped()
    {
        await using var sandbox = await SandboxServer.StartAsync(o => (o.CallsPerSecond, o.BanSeconds) = (2, 30));
        var client = sandbox.CreateClient();
        using var capture = new TelemetryCapture();

        await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
        await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
        Assert.Equal(TopErrorKind.Throttled, (await client.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token)).Kind);
        var held = await client.CallAsync(Method, new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

        Assert.Equal(0, held.Attempts);
        Assert.Equal(1, capture.Sum("sellerbridge.marketplace.bans", ("method", Method)));
        Assert.Equal(2, capture.Sum(Calls, ("method", Method), ("outcome", "success")));
        Assert.Equal(1, capture.Sum(Calls, ("method", Method), ("outcome", "ban")));
        Assert.Equal(1, capture.Sum(Calls, ("method", Method), ("outcome", "skipped")));
        Assert.Equal(["success", "success", "ban", "skipped"], capture.Spans.Where(s => s.Source.Name == "SellerBridge").Select(s => s.GetTagItem("outcome")));
    }
}
