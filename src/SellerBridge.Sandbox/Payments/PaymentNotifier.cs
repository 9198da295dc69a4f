using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Payments;

/// <summary>
/// Posts signed notifications to the merchant's notify URL until it answers <c>success</c>, on the
/// real schedule (at once, then after 4m, 10m, 10m, 1h, 2h, 6h, 15h), compressed by
/// <see cref="SandboxPaymentOptions.TimeCompression"/>. Each send carries the same notify_id and a
/// fresh notify_time and signature, as the real processor's do.
/// </summary>
public sealed class PaymentNotifier(
    ISandboxMerchant merchant,
    IHttpClientFactory httpFactory,
    IOptions<SandboxPaymentOptions> options,
    TimeProvider time,
    ILogger<PaymentNotifier> logger) : BackgroundService
{
    public const string HttpClientName = "sandbox-payments-notify";

    public static readonly IReadOnlyList<TimeSpan> RetrySchedule =
    [
        TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1),
        TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(15),
    ];

    private readonly Lock _lock = new();
    private readonly List<Delivery> _queue = [];

    /// <summary>One notification on its way: its fields (without notify_time and sign), the sends so far, when it is next due.</summary>
    public sealed record Delivery(IReadOnlyDictionary<string, string> Fields, int Sent, DateTimeOffset DueAt);

    public IReadOnlyList<Delivery> Pending
    {
        get
        {
            lock (_lock)
            {
                return [.. _queue];
            }
        }
    }

    public static string NewNotifyId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public void Enqueue(IReadOnlyDictionary<string, string> fields, TimeSpan after)
    {
        lock (_lock)
        {
            _queue.Add(new Delivery(fields, 0, time.GetUtcNow() + after));
        }
    }

    /// <summary>Sends every delivery that is due; returns how many were acknowledged.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        List<Delivery> due;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            due = _queue.Where(d => d.DueAt <= now).ToList();
            _queue.RemoveAll(due.Contains);
        }

        var acknowledged = 0;
        foreach (var delivery in due)
        {
            if (await SendAsync(delivery.Fields, cancellationToken))
            {
                acknowledged++;
                continue;
            }

            if (delivery.Sent < RetrySchedule.Count)
            {
                var wait = RetrySchedule[delivery.Sent] / Math.Max(1, options.Value.TimeCompression);
                lock (_lock)
                {
                    _queue.Add(delivery with { Sent = delivery.Sent + 1, DueAt = time.GetUtcNow() + wait });
                }
            }
            else
            {
                logger.LogWarning("Sandbox processor gave up notifying {OutTradeNo} {TradeStatus}", delivery.Fields["out_trade_no"], delivery.Fields["trade_status"]);
            }
        }

        return acknowledged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Sandbox processor's notification round failed");
            }
        }
    }

    private async Task<bool> SendAsync(IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var m = await merchant.GetAsync(cancellationToken);
        var form = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            ["notify_time"] = AlipayWire.Time(time.GetUtcNow()),
        };
        // Notifications are signed without sign_type, as the real processor signs them.
        form["sign"] = AlipayWire.Sign(AlipayWire.Content(form, "sign", "sign_type"), m.ProcessorPrivateKey);
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await httpFactory.CreateClient(HttpClientName).PostAsync(m.NotifyUrl, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text == "success";
        }
        catch (HttpRequestException exception)
        {
            logger.LogInformation("Sandbox processor could not reach {NotifyUrl}: {Error}", m.NotifyUrl, exception.HttpRequestError);
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The fields of a <c>trade_status_sync</c> notification for a trade as it stands.</summary>
    public static Dictionary<string, string> Fields(SandboxMerchant m, ProcessorTrade trade, string tradeStatus)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notify_type"] = "trade_status_sync",
            ["notify_id"] = NewNotifyId(),
            ["app_id"] = m.AppId,
            ["charset"] = "utf-8",
            ["version"] = "1.0",
            ["sign_type"] = "RSA2",
            ["trade_no"] = trade.TradeNo,
            ["out_trade_no"] = trade.OutTradeNo,
            ["buyer_id"] = "2088" + trade.OutTradeNo.PadLeft(12, '0')[^12..],
            ["buyer_logon_id"] = "buy***@example.cn",
            ["seller_id"] = m.SellerId,
            ["trade_status"] = tradeStatus,
            ["total_amount"] = AlipayWire.Money(trade.TotalAmount),
            ["subject"] = trade.Subject,
            ["gmt_create"] = AlipayWire.Time(trade.GmtCreate),
        };
        if (tradeStatus != "WAIT_BUYER_PAY" && trade.GmtPayment is { } paid)
        {
            fields["receipt_amount"] = AlipayWire.Money(trade.TotalAmount);
            fields["buyer_pay_amount"] = AlipayWire.Money(trade.TotalAmount);
            fields["gmt_payment"] = AlipayWire.Time(paid);
            fields["fund_bill_list"] = "[{\"amount\":\"" + AlipayWire.Money(trade.TotalAmount) + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]";
        }

        if (trade.RefundFee > 0)
        {
            fields["refund_fee"] = AlipayWire.Money(trade.RefundFee);
            fields["gmt_refund"] = trade.GmtRefund is { } refunded ? AlipayWire.Time(refunded) : "";
        }

        if (tradeStatus == "TRADE_CLOSED" && trade.GmtClose is { } closed)
        {
            fields["gmt_close"] = AlipayWire.Time(closed);
        }

        return fields;
    }
}
