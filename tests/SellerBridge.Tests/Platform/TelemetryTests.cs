using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Marketplace;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Telemetry;

namespace SellerBridge.Tests.Platform;

public sealed class TelemetryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_OTLP_endpoint_no_OpenTelemetry_SDK_is_registered()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?> { [TelemetryExtensions.OtlpEndpointKey] = "" });

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_requests_are_server_spans_of_SellerBridge_Web_sent_to_it()
    {
        await using var collector = await Collector.StartAsync();
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?>
        {
            [TelemetryExtensions.OtlpEndpointKey] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        var exported = new Exported();
        await using var traced = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(exported))));
        var traceId = ActivityTraceId.CreateRandom();
        var client = traced.CreateClient();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.GetAsync("/account/login");
        // The server span ends just after the response reaches the client.
        var server = await ExportedAsync(exported, traceId);
        var tracer = traced.Services.GetRequiredService<TracerProvider>();
        Assert.True(tracer.ForceFlush(10_000));
        Assert.True(traced.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        traced.Services.GetRequiredService<ILogger<TelemetryTests>>().LogWarning("Telemetry test {Marker}", traceId);
        Assert.True(traced.Services.GetRequiredService<LoggerProvider>().ForceFlush(10_000));

        Assert.Equal("SellerBridge.Web", tracer.GetResource().Attributes.Single(a => a.Key == "service.name").Value);

        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal("GET", server.GetTagItem("http.request.method"));
        Assert.Equal("/account/login", server.GetTagItem("url.path"));
        Assert.Equal((int)response.StatusCode, server.GetTagItem("http.response.status_code"));

        // OTLP's protobuf keeps strings as they are: the service and the span's path are in what was sent.
        var traces = collector.Received("/v1/traces");
        Assert.Contains(traces, body => body.Contains("SellerBridge.Web", StringComparison.Ordinal) && body.Contains("/account/login", StringComparison.Ordinal));
        Assert.Contains(collector.Received("/v1/metrics"), body => body.Contains("http.server.request.duration", StringComparison.Ordinal));
        Assert.Contains(collector.Received("/v1/logs"), body => body.Contains(traceId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task OTEL_SERVICE_NAME_overrides_the_default_service_name()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?>
        {
            [TelemetryExtensions.OtlpEndpointKey] = "http://127.0.0.1:9",
            ["OTEL_SERVICE_NAME"] = "sellerbridge-worker-2",
        });

        var resource = app.Services.GetRequiredService<TracerProvider>().GetResource();

        Assert.Equal("sellerbridge-worker-2", resource.Attributes.Single(a => a.Key == "service.name").Value);
    }

    [Fact]
    public async Task Logs_are_JSON_lines_outside_development_and_plain_text_in_development()
    {
        await using var app = AppFactory.For("Sqlite");
        await using var development = app.WithWebHostBuilder(b => b.UseEnvironment("Development"));

        Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.NotEqual(ConsoleFormatterNames.Json, development.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public async Task A_job_started_with_a_requests_traceparent_continues_its_trace_down_to_the_marketplace_call()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var marketplace = sandbox.CreateClient();
        using var capture = new TelemetryCapture();
        string traceParent;
        ActivitySpanId requestSpan;
        using (var request = SellerBridgeTelemetry.Source.StartActivity("POST /api/v1/catalogue/imports", ActivityKind.Server))
        {
            traceParent = SellerBridgeTelemetry.CurrentTraceParent()!;
            requestSpan = request!.SpanId;
        }

        // The job runs later on a server thread that knows nothing of the request but the traceparent kept with the job.
        Task job;
        using (ExecutionContext.SuppressFlow())
        {
            job = Task.Run(async () =>
            {
                Assert.Null(Activity.Current);
                using var run = SellerBridgeTelemetry.StartJob("catalogue-import", traceParent);
                await marketplace.ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);
                SellerBridgeTelemetry.RecordJobFailure("catalogue-import", new TimeoutException());
            });
        }

        await job;

        var jobSpan = Assert.Single(capture.Spans, s => s.DisplayName == "catalogue-import");
        Assert.Equal((capture.TraceId, requestSpan, ActivityKind.Consumer), (jobSpan.TraceId, jobSpan.ParentSpanId, jobSpan.Kind));
        Assert.Equal("catalogue-import", jobSpan.GetTagItem("job"));
        Assert.Equal(ActivityStatusCode.Error, jobSpan.Status);
        var call = Assert.Single(capture.Spans, s => s.DisplayName == "taobao.itemcats.get");
        Assert.Equal(jobSpan.SpanId, call.ParentSpanId);
        Assert.Equal(1, capture.Sum("sellerbridge.jobs.failures", ("job", "catalogue-import")));
    }

    private static async Task<Activity> ExportedAsync(Exported exported, ActivityTraceId traceId)
    {
        for (var wait = 0; wait < 100; wait++)
        {
            if (exported.Find(traceId) is { } span)
            {
                return span;
            }

            await Task.Delay(50, Token);
        }

        throw new Xunit.Sdk.XunitException("The request's server span was not exported.");
    }

    /// <summary>What the in-memory exporter was given; the SDK hears every test's spans, from any thread.</summary>
    private sealed class Exported : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _lock = new();

        public Activity? Find(ActivityTraceId traceId)
        {
            lock (_lock)
            {
                return this.SingleOrDefault(a => a.TraceId == traceId);
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }

    /// <summary>An OTLP/HTTP receiver that keeps what each signal's path was sent.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

        private Collector(WebApplication app) => _app = app;

        public string Url => _app.Urls.Single();

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new Collector(app);
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector._received.Enqueue((context.Request.Path.Value!, Encoding.UTF8.GetString(body.ToArray())));
            });
            await app.StartAsync(Token);
            return collector;
        }

        public IReadOnlyList<string> Received(string path) => _received.Where(r => r.Path == path).Select(r => r.Body).ToList();

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
