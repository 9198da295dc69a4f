using System.Diagnostics;
using System.Diagnostics.Metrics;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Infrastructure.Telemetry;

/// <summary>
/// The app's own spans and instruments, under the name "SellerBridge". Tag values are a handful of
/// fixed words, method and job names: never keys, signatures, sessions or account data.
/// </summary>
public static class SellerBridgeTelemetry
{
    public const string Name = "SellerBridge";

    /// <summary>The <c>service.name</c> the app reports unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "SellerBridge.Web";

    private static readonly string? Version = typeof(SellerBridgeTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>Rows of finished imports, tagged <c>outcome</c> = accepted | rejected.</summary>
    public static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "sellerbridge.catalogue.import.rows", "{row}", "Catalogue rows imported, by whether they were accepted or rejected");

    /// <summary>
    /// Marketplace calls, tagged <c>method</c> and <c>outcome</c>: each call once with how it ended
    /// (<see cref="MarketplaceOutcome"/>), and each retry of it once more as <c>retry</c>.
    /// </summary>
    public static readonly Counter<long> MarketplaceCalls = Meter.CreateCounter<long>(
        "sellerbridge.marketplace.calls", "{call}", "Marketplace API calls by method and outcome; retries are counted with outcome retry");

    /// <summary>Bans (code 7) this node met, tagged <c>method</c>; bans learned from other nodes are theirs to count.</summary>
    public static readonly Counter<long> MarketplaceBans = Meter.CreateCounter<long>(
        "sellerbridge.marketplace.bans", "{ban}", "Bans the marketplace announced, by API method");

    /// <summary>Payment notifications recorded, tagged <c>verdict</c> = applied | duplicate | stale | rejected.</summary>
    public static readonly Counter<long> PaymentNotifications = Meter.CreateCounter<long>(
        "sellerbridge.payments.notifications", "{notification}", "Payment processor notifications by verdict");

    /// <summary>Background job runs that failed, tagged <c>job</c>; recorded by the job host through <see cref="RecordJobFailure"/>.</summary>
    public static readonly Counter<long> JobFailures = Meter.CreateCounter<long>(
        "sellerbridge.jobs.failures", "{failure}", "Background job runs that failed, by job");

    public static void RecordImportRows(int accepted, int rejected)
    {
        if (accepted > 0)
        {
            ImportRows.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        }

        if (rejected > 0)
        {
            ImportRows.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
        }
    }

    public static void RecordPaymentNotification(string verdict) =>
        PaymentNotifications.Add(1, new KeyValuePair<string, object?>("verdict", verdict.ToLowerInvariant()));

    /// <summary>
    /// The W3C <c>traceparent</c> of the running span, for a job host to keep beside an enqueued job
    /// so that the job's span continues the request's trace. Null when nothing is traced.
    /// </summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts the span of one job run, named after the job: a child of <paramref name="traceParent"/>
    /// (from <see cref="CurrentTraceParent"/> when the job was enqueued) or a new trace for a
    /// recurring run. Null when nobody listens; dispose it when the run ends.
    /// </summary>
    public static Activity? StartJob(string job, string? traceParent = null)
    {
        var parent = ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        return Source.StartActivity(job, ActivityKind.Consumer, parent, [new("job", job)]);
    }

    /// <summary>Counts a failed job run and marks the running span (the job's, from <see cref="StartJob"/>) as failed.</summary>
    public static void RecordJobFailure(string job, Exception? exception = null)
    {
        JobFailures.Add(1, new KeyValuePair<string, object?>("job", job));
        if (Activity.Current is { } activity)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception?.GetType().Name);
            activity.SetTag("error.type", exception?.GetType().FullName ?? "job.failed");
        }
    }
}

/// <summary>The <c>outcome</c> tag of a marketplace call: fixed words, so dashboards can rely on them.</summary>
public static class MarketplaceOutcome
{
    public const string Success = "success";

    /// <summary>A transient fault the client is about to retry.</summary>
    public const string Retry = "retry";

    /// <summary>Transient faults until the attempts ran out.</summary>
    public const string Transient = "transient";

    /// <summary>Refused for our data or credentials (<c>isv.*</c>, 25, 27, …).</summary>
    public const string Permanent = "permanent";

    /// <summary>The gateway answered with a ban (code 7).</summary>
    public const string Ban = "ban";

    /// <summary>Not sent: a ban on the method was still running.</summary>
    public const string Skipped = "skipped";

    public static string Of(TopResponse response) => response.Kind switch
    {
        null => Success,
        TopErrorKind.Transient => Transient,
        TopErrorKind.Throttled => response.Attempts == 0 ? Skipped : Ban,
        _ => Permanent,
    };
}
