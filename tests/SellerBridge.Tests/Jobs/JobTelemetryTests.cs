using System.Collections.Concurrent;
using System.Diagnostics;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Marketplace;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Telemetry;

namespace SellerBridge.Tests.Jobs;

/// <summary>A job that calls the marketplace and then fails, as the test that queued it says.</summary>
public sealed class MarketplaceCallingJob
{
    public static readonly ConcurrentDictionary<string, ITopClient> Clients = new();

    public async Task RunAsync(string token, CancellationToken cancellationToken)
    {
        await Clients[token].ItemcatsGetAsync(SandboxServer.ParentCid, null, cancellationToken);
        throw new TimeoutException("the marketplace answered too late for this job");
    }
}

public sealed class JobTelemetryTests
{
    [Theory]
    [AllProviders]
    public async Task A_job_queued_by_a_request_continues_its_trace_down_to_the_marketplace_call_and_counts_its_failure(string provider)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        using var capture = new TelemetryCapture();
        var token = Guid.NewGuid().ToString("N");
        MarketplaceCallingJob.Clients[token] = sandbox.CreateClient();

        ActivitySpanId requestSpan;
        using (var request = SellerBridgeTelemetry.Source.StartActivity("POST /api/v1/catalogue/imports", ActivityKind.Server))
        {
            requestSpan = request!.SpanId;
            Assert.True(app.Get<JobQueue>().EnqueueOnce<MarketplaceCallingJob>(token, job => job.RunAsync(token, CancellationToken.None)));
        }

        var run = Assert.Single(await JobWait.FinishedRunsAsync(app, nameof(MarketplaceCallingJob)));
        Assert.Equal("Failed", run.Outcome);

        // The job ran on a worker thread of the job server; only the traceparent kept with it links it to the request.
        var jobSpan = await SpanAsync(capture, nameof(MarketplaceCallingJob));
        Assert.Equal((capture.TraceId, requestSpan, ActivityKind.Consumer), (jobSpan.TraceId, jobSpan.ParentSpanId, jobSpan.Kind));
        Assert.Equal(ActivityStatusCode.Error, jobSpan.Status);
        var call = await SpanAsync(capture, "taobao.itemcats.get");
        Assert.Equal(jobSpan.SpanId, call.ParentSpanId);
        Assert.Equal(1, capture.Sum("sellerbridge.jobs.failures", ("job", nameof(MarketplaceCallingJob))));
    }

    private static async Task<Activity> SpanAsync(TelemetryCapture capture, string name)
    {
        for (var wait = 0; wait < 100; wait++)
        {
            if (capture.Spans.FirstOrDefault(s => s.DisplayName == name) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"No span named {name}: {string.Join(", ", capture.Spans.Select(s => s.DisplayName))}");
        return null!;
    }
}
