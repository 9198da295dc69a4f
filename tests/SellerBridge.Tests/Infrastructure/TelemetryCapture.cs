using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SellerBridge.Web.Infrastructure.Telemetry;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// Spans and the app's measurements made inside one test's own trace. Tests run in parallel and the
/// app's instruments are static, so only what happens under this trace's root counts: the root is
/// the ambient activity of the test's code, and an HTTP request joins it through
/// <see cref="Join"/>'s <c>traceparent</c> header.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private static readonly string[] Sources = [SellerBridgeTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http"];

    private readonly Activity _root;
    private readonly ActivityListener _spans;
    private readonly MeterListener _measurements = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public TelemetryCapture()
    {
        TraceId = ActivityTraceId.CreateRandom();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.Parent.TraceId == TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == TraceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_spans);

        _measurements.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SellerBridgeTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _measurements.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Activity.Current?.TraceId == TraceId)
            {
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                _measured.Enqueue(new Measured(instrument.Name, value, copy));
            }
        });
        _measurements.Start();

        // Started here, outside an async method, so it stays the test's ambient activity.
        _root = new Activity("test").SetParentId(TraceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
    }

    public sealed record Measured(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags);

    public ActivityTraceId TraceId { get; }

    public IReadOnlyCollection<Activity> Spans => _stopped;

    public IReadOnlyCollection<Measured> Measurements => _measured;

    /// <summary>Makes the client's requests part of this trace, as an instrumented caller's would be.</summary>
    public HttpClient Join(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("traceparent", _root.Id);
        return client;
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose tags include all of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, object Value)[] tags) =>
        _measured
            .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
            .Sum(m => m.Value);

    public void Dispose()
    {
        _root.Stop();
        _measurements.Dispose();
        _spans.Dispose();
    }
}
