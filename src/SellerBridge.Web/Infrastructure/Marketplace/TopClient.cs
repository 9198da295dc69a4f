using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using SellerBridge.Web.Infrastructure.Telemetry;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>
/// The TOP client: system parameters in the query string and application parameters in the form
/// body (as the official SDKs send them), signed over both; transient faults retried with
/// exponential back-off and jitter; a code-7 ban recorded per method and honoured.
/// </summary>
public sealed class TopClient : ITopClient
{
    private readonly HttpClient _http;
    private readonly MarketplaceOptions _options;
    private readonly TopGatewayAddress _gateway;
    private readonly TimeProvider _time;
    private readonly ICallRateLimiter _rateLimiter;
    private readonly TopBans _bans;
    private readonly ILogger<TopClient> _logger;
    private readonly ResiliencePipeline<TopResponse> _pipeline;

    public TopClient(
        HttpClient http,
        IOptions<MarketplaceOptions> options,
        TopGatewayAddress gateway,
        TimeProvider time,
        ICallRateLimiter rateLimiter,
        TopBans bans,
        ILogger<TopClient> logger)
    {
        _http = http;
        _options = options.Value;
        _gateway = gateway;
        _time = time;
        _rateLimiter = rateLimiter;
        _bans = bans;
        _logger = logger;
        _pipeline = BuildPipeline();
    }

    public async Task<TopResponse> CallAsync(string method, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken)
    {
        // Named after the TOP method: few enough names to group by, and the HTTP attempts nest under it.
        using var activity = SellerBridgeTelemetry.Source.StartActivity(method, ActivityKind.Client);
        activity?.SetTag("method", method);
        var response = await CallUnderBansAsync(method, parameters, cancellationToken);
        var outcome = MarketplaceOutcome.Of(response);
        SellerBridgeTelemetry.MarketplaceCalls.Add(1, new("method", method), new("outcome", outcome));
        if (activity is not null)
        {
            activity.SetTag("outcome", outcome);
            activity.SetTag("attempts", response.Attempts);
            if (response.Error is { } error)
            {
                activity.SetStatus(ActivityStatusCode.Error, outcome);
                activity.SetTag("error.type", error.SubCode ?? error.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity.SetTag("request_id", error.RequestId);
            }
        }

        return response;
    }

    private async Task<TopResponse> CallUnderBansAsync(string method, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken)
    {
        if (await _bans.ActiveAsync(method, cancellationToken) is { } ban)
        {
            return TopResponse.Failure(ban.Error, TopErrorKind.Throttled, attempts: 0, ban.Until);
        }

        var attempts = 0;
        var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                if (++attempts > 1)
                {
                    SellerBridgeTelemetry.MarketplaceCalls.Add(1, new("method", method), new("outcome", MarketplaceOutcome.Retry));
                }

                return await SendOnceAsync(method, parameters, attempts, token);
            },
            cancellationToken);

        if (response is { Kind: TopErrorKind.Throttled, Error: { } error })
        {
            var until = _time.GetUtcNow() + TopErrorClassifier.BanLength(error);
            await _bans.RecordAsync(method, until, error, cancellationToken);
            _logger.LogWarning("Marketplace banned {Method} until {Until}: {Code} {SubCode}", method, until, error.Code, error.SubCode);
            return response with { RetryAt = until };
        }

        if (response is { Kind: not null, Error: { } failure })
        {
            _logger.LogWarning(
                "Marketplace call {Method} failed ({Kind}) after {Attempts} attempts: {Code} {SubCode} {SubMsg} request {RequestId}",
                method, response.Kind, attempts, failure.Code, failure.SubCode, failure.SubMsg, failure.RequestId);
        }

        return response;
    }

    private async Task<TopResponse> SendOnceAsync(string method, IReadOnlyDictionary<string, string?> parameters, int attempt, CancellationToken cancellationToken)
    {
        await _rateLimiter.WaitAsync(method, cancellationToken);

        // A fresh timestamp per attempt: a retry after back-off must not be refused for skew.
        var system = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["method"] = method,
            ["app_key"] = _options.AppKey,
            ["session"] = _options.SessionKey,
            ["timestamp"] = TopSigner.FormatTime(_time.GetUtcNow()),
            ["v"] = "2.0",
            ["format"] = "json",
            ["sign_method"] = _options.SignMethod,
        };
        var application = parameters.Where(p => !string.IsNullOrEmpty(p.Value) && !system.ContainsKey(p.Key)).ToList();
        system["sign"] = TopSigner.Sign(system.Concat(application), _options.AppSecret ?? "", _options.SignMethod);

        var query = string.Join('&', system
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        var uri = new UriBuilder(_gateway.Resolve()) { Query = query }.Uri;
        using var content = new FormUrlEncodedContent(application.Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)));

        try
        {
            using var http = await _http.PostAsync(uri, content, cancellationToken);
            var text = await http.Content.ReadAsStringAsync(cancellationToken);
            if ((int)http.StatusCode >= 500)
            {
                return Transport((int)http.StatusCode, $"HTTP {(int)http.StatusCode} {http.ReasonPhrase}", "http.server-error", attempt);
            }

            return Parse(method, http.StatusCode, text, attempt);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Transport(0, "The gateway did not answer in time", "http.timeout", attempt);
        }
        catch (HttpRequestException exception)
        {
            return Transport(0, $"Connection error: {exception.HttpRequestError}", "http.connection-error", attempt);
        }
    }

    private static TopResponse Parse(string method, HttpStatusCode status, string text, int attempt)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON: a proxy or load balancer page in front of the gateway, worth another try.
            return Transport((int)status, $"HTTP {(int)status}: the answer is not JSON", "http.unreadable", attempt);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_response", out var e))
            {
                var error = new TopError(
                    Number(e, "code"),
                    Text(e, "msg") ?? "",
                    Text(e, "sub_code"),
                    Text(e, "sub_msg"),
                    Text(e, "request_id"));
                return TopResponse.Failure(error, TopErrorClassifier.Classify(error), attempt);
            }

            var name = ResponseName(method);
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var body))
            {
                return TopResponse.Success(body.Clone(), attempt);
            }

            var unexpected = new TopError((int)status, $"The answer has neither {name} nor error_response", "client.unexpected-response", null, null);
            return TopResponse.Failure(unexpected, TopErrorKind.Permanent, attempt);
        }
    }

    /// <summary>
    /// <c>taobao.item.add</c> answers in <c>item_add_response</c>: the <c>taobao.</c> prefix is dropped,
    /// other prefixes (<c>tmall.</c> …) are kept, dots become underscores.
    /// </summary>
    public static string ResponseName(string method) =>
        (method.StartsWith("taobao.", StringComparison.Ordinal) ? method["taobao.".Length..] : method).Replace('.', '_') + "_response";

    private static TopResponse Transport(int code, string message, string subCode, int attempt) =>
        TopResponse.Failure(new TopError(code, message, subCode, null, null), TopErrorKind.Transient, attempt);

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) switch
        {
            false => 0,
            true when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) => n,
            true when value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out var n) => n,
            _ => 0,
        };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;

    private ResiliencePipeline<TopResponse> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<TopResponse> { TimeProvider = _time };
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<TopResponse>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Kind == TopErrorKind.Transient),
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(_options.RetryBaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(60),
                OnRetry = args =>
                {
                    _logger.LogInformation(
                        "Marketplace transient fault {SubCode}; retry {Retry} in {Delay}",
                        args.Outcome.Result?.Error?.SubCode, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.Build();
    }
}
