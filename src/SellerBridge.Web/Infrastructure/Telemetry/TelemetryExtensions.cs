using System.Text.Encodings.Web;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SellerBridge.Web.Infrastructure.Telemetry;

/// <summary>Traces, metrics and the log format: OpenTelemetry exported over OTLP when a collector is named, JSON log lines outside development.</summary>
public static class TelemetryExtensions
{
    /// <summary>The standard OpenTelemetry variable; read from configuration, so environment and appsettings both work.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per line for a log shipper; Korean text stays readable. Scopes carry
            // the trace and span ids, which tie a line to its trace. Where Program.cs sends the
            // console to stderr (the operator command), that still holds: only the format changes.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }

        // Without a collector the SDK is not registered at all: no listener samples requests, no
        // tags are filled in, nothing is aggregated, and the app's own instruments cost one check
        // that nobody listens. The SDK without exporters measured cheap (70-280 B more of ~54 KB
        // allocated per sign-in page, time within this shared machine's noise) but buys nothing.
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r
                .AddService(SellerBridgeTelemetry.ServiceName, serviceVersion: typeof(SellerBridgeTelemetry).Assembly.GetName().Version?.ToString())
                // Added after the default name so that OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win.
                .AddEnvironmentVariableDetector())
            .WithTracing(t => t
                // Load balancers poll /health every few seconds: traces of those are noise.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(SellerBridgeTelemetry.Name))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(SellerBridgeTelemetry.Name))
            // Traces, metrics and logs, to the endpoint and protocol the OTEL_EXPORTER_OTLP_* settings name.
            .UseOtlpExporter();
        return builder;
    }
}
