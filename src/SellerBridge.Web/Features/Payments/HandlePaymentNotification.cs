using System.Data.Common;
using System.Globalization;
using Dapper;
using SellerBridge.Web.Infrastructure.Payments;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Telemetry;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// One asynchronous notification from the processor: verified, checked against our order, applied
/// at most once, and kept with its verdict whatever it is. The effect and the record are written in
/// one transaction, so <c>success</c> is only answered for what is durably stored.
/// </summary>
public sealed class HandlePaymentNotification(
    Db db,
    PaymentCredentials credentials,
    SettleOrder settle,
    UnverifiedNotifications unverified,
    TimeProvider time,
    ILogger<HandlePaymentNotification> logger)
{
    public const string Applied = "Applied";
    public const string Duplicate = "Duplicate";
    public const string Stale = "Stale";
    public const string Rejected = "Rejected";

    public sealed record Input(string RawForm, IReadOnlyDictionary<string, string> Form, System.Net.IPAddress? Source = null);

    /// <summary>Anything but a rejection is acknowledged: a duplicate or a stale status is handled by changing nothing.</summary>
    public sealed record Output(string Verdict, string? Reason, bool Throttled = false)
    {
        public bool Acknowledge => Verdict != Rejected;
    }

    // The order and what the decision needs about it, in one round trip: whether this event was
    // applied before (by notify_id or by trade and status) and how much of it was refunded.
    private const string OrderSql = """
        SELECT o.id AS Id, o.payment_cny AS PaymentCny, o.payment_status AS PaymentStatus, o.alipay_no AS AlipayNo,
               (SELECT COUNT(*) FROM payment_notifications n WHERE n.applied_notify_id = @notifyId OR n.applied_event = @eventKey) AS AppliedBefore,
               (SELECT COALESCE(SUM(l.refunded_cny), 0) FROM order_lines l WHERE l.order_id = o.id) AS RefundedCny
        FROM orders o WHERE o.tid = @tid
        """;

    private const string InsertSql = """
        INSERT INTO payment_notifications
            (received_at, notify_id, out_trade_no, trade_no, trade_status, total_amount, raw_form, verdict, reason, applied_at, order_id, applied_notify_id, applied_event)
        VALUES
            (@receivedAt, @notifyId, @outTradeNo, @tradeNo, @tradeStatus, @totalAmount, @rawForm, @verdict, @reason, @appliedAt, @orderId, @appliedNotifyId, @appliedEvent)
        """;

    // Only the sampled unverifiable ones expire; a verified notification is kept for good.
    private const string ForgetOldUnverifiedSql =
        "DELETE FROM payment_notifications WHERE verdict = 'Rejected' AND reason = @unverified AND received_at < @keptSince";

    private const string EventSql = "INSERT INTO order_events (order_id, seller_id, at, kind, detail) VALUES (@orderId, NULL, @at, 'PaymentStatus', @detail)";

    public async Task<Output> HandleAsync(Input input, CancellationToken cancellationToken)
    {
        var n = Notification.From(input.Form);
        var rejection = await CheckWithoutDatabaseAsync(input.Form, n, cancellationToken);
        if (rejection == UnverifiedNotifications.Reason)
        {
            switch (unverified.Admit(input.Source))
            {
                case UnverifiedNotifications.Decision.Throttle:
                    logger.LogDebug("Unverifiable payment notification from {Source} refused: too many", UnverifiedNotifications.SourceKey(input.Source));
                    return new Output(Rejected, rejection, Throttled: true);
                case UnverifiedNotifications.Decision.Skip:
                    logger.LogDebug("Unverifiable payment notification from {Source} not kept: enough kept this hour", UnverifiedNotifications.SourceKey(input.Source));
                    return new Output(Rejected, rejection);
            }

            // Kept for inspection, cut short: nothing in it can be trusted, and its size is the sender's choice.
            const int f = UnverifiedNotifications.MaxFieldChars;
            input = input with { RawForm = UnverifiedNotifications.Cut(input.RawForm, UnverifiedNotifications.MaxRawChars)! };
            n = n with
            {
                NotifyId = UnverifiedNotifications.Cut(n.NotifyId, f),
                OutTradeNo = UnverifiedNotifications.Cut(n.OutTradeNo, f),
                TradeNo = UnverifiedNotifications.Cut(n.TradeNo, f),
                TradeStatus = UnverifiedNotifications.Cut(n.TradeStatus, f),
                TotalAmount = n.TotalAmount is { } amount && Math.Abs(amount) < 10_000_000_000m ? amount : null,
            };
        }

        // Two copies of one event arriving together meet at the unique keys (or the status guard):
        // the loser rolls back and, tried again, finds the winner's row and is a Duplicate.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordAsync(input, n, rejection, cancellationToken);
            }
            catch (Exception exception) when (attempt < 3 && exception is DbException or ConcurrentChangeException)
            {
                logger.LogInformation("Payment notification {NotifyId} met a concurrent change; trying again", n.NotifyId);
            }
        }
    }

    private async Task<string?> CheckWithoutDatabaseAsync(IReadOnlyDictionary<string, string> form, Notification n, CancellationToken cancellationToken)
    {
        var keys = await credentials.GetAsync(cancellationToken);
        if (!keys.WithProcessorPublic(key => AlipaySignature.VerifyNotification(form, key)))
        {
            return UnverifiedNotifications.Reason;
        }

        if (n.AppId != keys.AppId)
        {
            return "app_id is not ours";
        }

        if (n.SellerId != keys.SellerId)
        {
            return "seller_id is not ours";
        }

        if (!PaymentStatusRules.IsKnown(n.TradeStatus))
        {
            return "unknown trade_status";
        }

        return n.TotalAmount is null ? "total_amount is missing or not an amount" : null;
    }

    private async Task<Output> RecordAsync(Input input, Notification n, string? rejection, CancellationToken cancellationToken)
    {
        await using var write = await db.BeginWriteAsync(cancellationToken);
        var (connection, transaction) = (write.Connection, write.Transaction);
        var now = time.GetUtcNow();
        var verdict = rejection is null ? Applied : Rejected;
        var reason = rejection;
        OrderRow? order = null;
        if (rejection is null)
        {
            order = long.TryParse(n.OutTradeNo, NumberStyles.None, CultureInfo.InvariantCulture, out var tid)
                ? await connection.QuerySingleOrDefaultAsync<OrderRow>(OrderSql, new { tid, notifyId = n.NotifyId, eventKey = n.EventKey }, transaction)
                : null;
            (verdict, reason) = Decide(n, order);
        }

        SettleOrder.Planned? settlement = null;
        if (verdict == Applied)
        {
            settlement = await ApplyAsync(connection, transaction, n, order!, now);
        }

        // The record, and for an applied event its line in the order's timeline and the settlement
        // of a first payment, in one round trip.
        var parameters = new DynamicParameters(new
        {
            receivedAt = now,
            notifyId = n.NotifyId,
            outTradeNo = n.OutTradeNo,
            tradeNo = n.TradeNo,
            tradeStatus = n.TradeStatus,
            totalAmount = n.TotalAmount,
            rawForm = input.RawForm,
            verdict,
            reason,
            appliedAt = verdict == Applied ? now : (DateTimeOffset?)null,
            orderId = order?.Id,
            appliedNotifyId = verdict == Applied ? n.NotifyId : null,
            appliedEvent = verdict == Applied ? n.EventKey : null,
            at = now,
            detail = $"{order?.PaymentStatus ?? "-"} → {n.TradeStatus} (notify_id {n.NotifyId})",
        });
        var sql = InsertSql;
        if (reason == UnverifiedNotifications.Reason)
        {
            sql += ";\n" + ForgetOldUnverifiedSql;
            parameters.Add("unverified", UnverifiedNotifications.Reason);
            parameters.Add("keptSince", now - UnverifiedNotifications.KeptFor);
        }

        if (verdict == Applied)
        {
            sql += ";\n" + EventSql;
        }

        if (settlement is not null)
        {
            sql += ";\n" + settlement.Sql;
            parameters.AddDynamicParams(settlement.Parameters);
        }

        await connection.ExecuteAsync(sql, parameters, transaction);
        await transaction.CommitAsync(cancellationToken);
        SellerBridgeTelemetry.RecordPaymentNotification(verdict);

        if (verdict == Rejected)
        {
            // Unverifiable ones are logged only as far as they are kept (sampled), like their rows.
            logger.LogWarning("Payment notification {NotifyId} for {OutTradeNo} rejected: {Reason}", n.NotifyId, n.OutTradeNo, reason);
        }
        else
        {
            logger.LogInformation("Payment notification {NotifyId} for {OutTradeNo} {TradeStatus}: {Verdict}", n.NotifyId, n.OutTradeNo, n.TradeStatus, verdict);
        }

        return new Output(verdict, reason);
    }

    private static (string Verdict, string? Reason) Decide(Notification n, OrderRow? order)
    {
        if (order is null)
        {
            // Answered "fail": the processor asks again later, by when the orders sync may know the trade.
            return (Rejected, "out_trade_no is not a known order");
        }

        if (n.TotalAmount != order.PaymentCny)
        {
            return (Rejected, $"total_amount {n.TotalAmount:0.00} is not the order's {order.PaymentCny:0.00}");
        }

        if (n.TradeNo is { Length: > 0 } tradeNo && order.AlipayNo is { Length: > 0 } known && tradeNo != known)
        {
            return (Rejected, "trade_no is not the order's alipay_no");
        }

        if (order.AppliedBefore > 0)
        {
            return (Duplicate, null);
        }

        var fullyRefunded = n.RefundFee >= order.PaymentCny || order.RefundedCny >= order.PaymentCny;
        var (apply, why) = PaymentStatusRules.Decide(order.PaymentStatus, n.TradeStatus!, fullyRefunded);
        return apply ? (Applied, null) : (Stale, why);
    }

    /// <summary>Moves the order's payment status; for a first payment, returns the settlement to write with the record.</summary>
    private async Task<SettleOrder.Planned?> ApplyAsync(DbConnection connection, DbTransaction transaction, Notification n, OrderRow order, DateTimeOffset now)
    {
        // Guarded on the status we decided from: a concurrent change makes this touch no row.
        var update = db.Dialect.UpdateReturningId(
            "orders",
            "payment_status = @next, payment_status_at = @now, alipay_no = COALESCE(alipay_no, @tradeNo)",
            "id = @id AND " + (order.PaymentStatus is null ? "payment_status IS NULL" : "payment_status = @current"));
        var parameters = new DynamicParameters(new { next = n.TradeStatus, now, tradeNo = n.TradeNo, id = order.Id, current = order.PaymentStatus });
        if (PaymentStatusRules.IsPaid(n.TradeStatus) && !PaymentStatusRules.IsPaid(order.PaymentStatus))
        {
            // A first payment: the update and what settling needs travel in one round trip.
            var (held, plan) = await settle.PlanAfterAsync(connection, transaction, new SettleOrder.Guard(update, parameters), order.Id, n.GmtPayment ?? now, now);
            return held ? plan : throw new ConcurrentChangeException();
        }

        if (!(await connection.QueryAsync<long>(update, parameters, transaction)).Any())
        {
            throw new ConcurrentChangeException();
        }

        return null;
    }

    private sealed class ConcurrentChangeException() : Exception("The order's payment status changed meanwhile.");

    private sealed class OrderRow
    {
        public long Id { get; init; }

        public decimal PaymentCny { get; init; }

        public string? PaymentStatus { get; init; }

        public string? AlipayNo { get; init; }

        public long AppliedBefore { get; init; }

        public decimal RefundedCny { get; init; }
    }
}
