using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>
/// The processor client: requests signed as the real gateway wants them (system parameters and
/// <c>biz_content</c> as one form), answers believed only when their signature verifies over the
/// raw <c>&lt;method&gt;_response</c> text. No retries inside: callers keep their state and try
/// again on <see cref="ProcessorOutcome.RetryLater"/>, which is what makes a refund resumable.
/// </summary>
public sealed class AlipayClient(
    HttpClient http,
    PaymentCredentials credentials,
    PaymentsGatewayAddress gateway,
    TimeProvider time,
    ILogger<AlipayClient> logger) : IPaymentProcessor
{
    private static readonly TimeSpan s_gmt8 = TimeSpan.FromHours(8);

    public async Task<TradeQueryResult> QueryAsync(TradeQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.OutTradeNo) && string.IsNullOrEmpty(query.TradeNo))
        {
            throw new ArgumentException("Give out_trade_no or trade_no.", nameof(query));
        }

        var biz = new JsonObject();
        Add(biz, "out_trade_no", query.OutTradeNo);
        Add(biz, "trade_no", query.TradeNo);
        var answer = await CallAsync("alipay.trade.query", biz, cancellationToken);
        if (answer.Outcome != ProcessorOutcome.Success || answer.Body is not { } body)
        {
            return new TradeQueryResult(answer.Outcome, answer.Error);
        }

        return new TradeQueryResult(
            ProcessorOutcome.Success,
            null,
            Text(body, "trade_status"),
            Text(body, "out_trade_no"),
            Text(body, "trade_no"),
            Money(body, "total_amount"),
            Money(body, "buyer_pay_amount"),
            Text(body, "trans_currency"),
            Text(body, "settle_currency"),
            Money(body, "settle_amount"),
            Money(body, "settle_trans_rate"),
            Money(body, "trans_pay_rate"));
    }

    public async Task<TradeRefundResult> RefundAsync(TradeRefund refund, CancellationToken cancellationToken)
    {
        var biz = new JsonObject
        {
            ["out_trade_no"] = refund.OutTradeNo,
            ["refund_amount"] = refund.RefundAmount.ToString("0.00", CultureInfo.InvariantCulture),
            ["out_request_no"] = refund.OutRequestNo,
        };
        Add(biz, "refund_reason", refund.RefundReason);
        var answer = await CallAsync("alipay.trade.refund", biz, cancellationToken);
        if (answer.Outcome != ProcessorOutcome.Success || answer.Body is not { } body)
        {
            return new TradeRefundResult(answer.Outcome, answer.Error);
        }

        return new TradeRefundResult(
            ProcessorOutcome.Success,
            null,
            Money(body, "refund_fee"),
            ParseTime(Text(body, "gmt_refund_pay")),
            Text(body, "fund_change"));
    }

    private async Task<Answer> CallAsync(string method, JsonObject biz, CancellationToken cancellationToken)
    {
        var keys = await credentials.GetAsync(cancellationToken);
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["app_id"] = keys.AppId,
            ["method"] = method,
            ["format"] = "JSON",
            ["charset"] = "utf-8",
            ["sign_type"] = "RSA2",
            ["timestamp"] = time.GetUtcNow().ToOffset(s_gmt8).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["version"] = "1.0",
            ["biz_content"] = biz.ToJsonString(),
        };
        using (var key = keys.AppPrivate())
        {
            parameters["sign"] = AlipaySignature.SignRequest(parameters, key);
        }

        string text;
        try
        {
            using var content = new FormUrlEncodedContent(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value!)));
            using var response = await http.PostAsync(gateway.Resolve(), content, cancellationToken);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                return Transport(method, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Transport(method, "timeout");
        }
        catch (HttpRequestException exception)
        {
            return Transport(method, $"connection error {exception.HttpRequestError}");
        }

        var name = method.Replace('.', '_') + "_response";
        if (!AlipaySignature.TryExtractSigned(text, name, out var responseText, out var signature))
        {
            // An unsigned error_response (e.g. an unknown app_id) is the gateway refusing us, not a trade fact.
            var error = new ProcessorError("unreadable", "The answer holds no " + name, null, null);
            logger.LogWarning("Processor call {Method}: the answer holds no {Name}", method, name);
            return new Answer(ProcessorOutcome.Failed, error, null);
        }

        if (!keys.WithProcessorPublic(key => AlipaySignature.Verify(responseText, signature, key)))
        {
            logger.LogWarning("Processor call {Method}: the answer's signature does not verify; ignored", method);
            return new Answer(ProcessorOutcome.Untrusted, new ProcessorError("invalid-signature", "The answer's signature does not verify", null, null), null);
        }

        var body = JsonNode.Parse(responseText)!.AsObject();
        var code = Text(body, "code") ?? "";
        var subCode = Text(body, "sub_code");
        if (code == "10000")
        {
            return new Answer(ProcessorOutcome.Success, null, body);
        }

        var failure = new ProcessorError(code, Text(body, "msg") ?? "", subCode, Text(body, "sub_msg"));
        // 20000 is the platform's own fault ("isp.unknow-error", spelled so by the platform).
        var outcome = code == "20000" || subCode?.StartsWith("isp.", StringComparison.Ordinal) == true
            ? ProcessorOutcome.RetryLater
            : ProcessorOutcome.Failed;
        logger.LogWarning("Processor call {Method} answered {Code} {SubCode} {SubMsg}", method, code, subCode, failure.SubMsg);
        return new Answer(outcome, failure, null);
    }

    private Answer Transport(string method, string what)
    {
        logger.LogWarning("Processor call {Method} failed: {What}", method, what);
        return new Answer(ProcessorOutcome.RetryLater, new ProcessorError("transport", what, null, null), null);
    }

    private static void Add(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[name] = value;
        }
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;

    private static decimal? Money(JsonObject body, string name) =>
        decimal.TryParse(Text(body, name), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, s_gmt8)
            : null;

    private sealed record Answer(ProcessorOutcome Outcome, ProcessorError? Error, JsonObject? Body);
}
