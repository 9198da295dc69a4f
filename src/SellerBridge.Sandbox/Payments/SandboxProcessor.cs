using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Payments;

/// <summary>
/// The processor's gateway (<c>gateway.do</c>): checks a request as the real one does (app, sign
/// type, RSA2 signature over everything but <c>sign</c>), answers <c>alipay.trade.query</c> and
/// <c>alipay.trade.refund</c>, and signs each answer over its response JSON text.
/// </summary>
public sealed class SandboxProcessor(ProcessorLedger ledger, PaymentNotifier notifier, ISandboxMerchant merchant, IOptions<SandboxPaymentOptions> options, TimeProvider time)
{
    private readonly Random _random = options.Value.Seed is { } seed ? new Random(seed) : new Random();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var parameters = (request.HasFormContentType ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)await request.ReadFormAsync() : request.Query)
            .Concat(request.HasFormContentType ? request.Query : [])
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value.ToString(), StringComparer.Ordinal);
        var m = await merchant.GetAsync(context.RequestAborted);
        var method = parameters.GetValueOrDefault("method") ?? "";
        var name = method.Length > 0 ? method.Replace('.', '_') + "_response" : "error_response";
        var body = Answer(parameters, method, m);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(AlipayWire.SignedAnswer(name, body, m.ProcessorPrivateKey), context.RequestAborted);
    }

    private JsonObject Answer(Dictionary<string, string> p, string method, SandboxMerchant m)
    {
        if (p.GetValueOrDefault("app_id") != m.AppId)
        {
            return Error("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
        }

        if (p.GetValueOrDefault("sign_type") != "RSA2")
        {
            return Error("40002", "Invalid Arguments", "isv.invalid-signature-type", "无效签名类型");
        }

        if (!AlipayWire.Verify(AlipayWire.Content(p, "sign"), p.GetValueOrDefault("sign"), m.AppPublicKey))
        {
            return Error("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错");
        }

        JsonObject biz;
        try
        {
            biz = JsonNode.Parse(p.GetValueOrDefault("biz_content") ?? "") as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Error("40002", "Invalid Arguments", "isv.invalid-biz-content", "业务参数格式错误");
        }

        if (options.Value.IspFaultRate > 0 && _random.NextDouble() < options.Value.IspFaultRate)
        {
            return Error("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙");
        }

        return method switch
        {
            "alipay.trade.query" => Query(biz),
            "alipay.trade.refund" => Refund(biz, m),
            _ => Error("40004", "Business Failed", "isv.invalid-method", "不存在的方法名"),
        };
    }

    private JsonObject Query(JsonObject biz)
    {
        var trade = ledger.Find(Text(biz, "out_trade_no"), Text(biz, "trade_no"));
        if (trade is null)
        {
            return Error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
        }

        var answer = new JsonObject
        {
            ["code"] = "10000",
            ["msg"] = "Success",
            ["trade_no"] = trade.TradeNo,
            ["out_trade_no"] = trade.OutTradeNo,
            ["buyer_logon_id"] = "buy***@example.cn",
            ["trade_status"] = trade.Status,
            ["total_amount"] = AlipayWire.Money(trade.TotalAmount),
            ["buyer_pay_amount"] = trade.GmtPayment is null ? "0.00" : AlipayWire.Money(trade.TotalAmount),
            ["subject"] = trade.Subject,
            ["send_pay_date"] = trade.GmtPayment is { } paid ? AlipayWire.Time(paid) : null,
            ["trans_currency"] = "CNY",
            ["settle_currency"] = "KRW",
        };
        AddSettlement(answer, trade);
        return answer;
    }

    /// <summary>
    /// A cross-border trade's settlement, once made: the won and the day's rate. Before that (unpaid,
    /// or paid but settled later) the answer has no settle figures, as the real processor's has not.
    /// The buyer pays in the price currency (CNY), so trans_pay_rate is 1.
    /// </summary>
    private void AddSettlement(JsonObject answer, ProcessorTrade trade)
    {
        if (SandboxFx.SettledAt(trade, options.Value) is not { } settledAt || settledAt > time.GetUtcNow())
        {
            return;
        }

        var rate = SandboxFx.DailyRate(options.Value.KrwPerCny, SandboxFx.SettlementDay(trade.GmtPayment!.Value));
        answer["settle_amount"] = SandboxFx.SettleAmount(trade.TotalAmount, rate).ToString(CultureInfo.InvariantCulture);
        answer["settle_trans_rate"] = SandboxFx.Rate(rate);
        answer["trans_pay_rate"] = "1";
    }

    private JsonObject Refund(JsonObject biz, SandboxMerchant m)
    {
        var outTradeNo = Text(biz, "out_trade_no") ?? ledger.Find(null, Text(biz, "trade_no"))?.OutTradeNo;
        var outRequestNo = Text(biz, "out_request_no") ?? outTradeNo;
        if (outTradeNo is null || outRequestNo is null
            || !decimal.TryParse(Text(biz, "refund_amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return Error("40002", "Invalid Arguments", "isv.missing-parameter", "缺少必选参数");
        }

        var now = time.GetUtcNow();
        var (trade, moved, error) = ledger.Refund(outTradeNo, amount, outRequestNo, now);
        if (error is not null || trade is null)
        {
            return Error("40004", "Business Failed", error ?? "ACQ.TRADE_NOT_EXIST", "退款失败");
        }

        if (moved)
        {
            // The processor tells the merchant about refunds too: TRADE_SUCCESS with refund_fee, or TRADE_CLOSED when all is back.
            notifier.Enqueue(PaymentNotifier.Fields(m, trade, trade.Status), TimeSpan.Zero);
        }

        return new JsonObject
        {
            ["code"] = "10000",
            ["msg"] = "Success",
            ["trade_no"] = trade.TradeNo,
            ["out_trade_no"] = trade.OutTradeNo,
            ["buyer_logon_id"] = "buy***@example.cn",
            ["fund_change"] = moved ? "Y" : "N",
            ["refund_fee"] = AlipayWire.Money(trade.RefundFee),
            ["gmt_refund_pay"] = AlipayWire.Time(ledger.Refunds(trade.OutTradeNo).First(r => r.OutRequestNo == outRequestNo).At),
        };
    }

    private static JsonObject Error(string code, string msg, string subCode, string subMsg) =>
        new() { ["code"] = code, ["msg"] = msg, ["sub_code"] = subCode, ["sub_msg"] = subMsg };

    private static string? Text(JsonObject biz, string name) =>
        biz[name] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
}
