using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Payments;

public sealed class PaymentNotificationTests
{
    private sealed record Kept(string Verdict, string? Reason, string RawForm);

    private static async Task<(string? Status, int Events, int Settlements)> OrderStateAsync(Db db, long orderId)
    {
        await using var connection = await db.OpenAsync();
        return (
            await connection.ExecuteScalarAsync<string?>("SELECT payment_status FROM orders WHERE id = @orderId", new { orderId }),
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM order_events WHERE order_id = @orderId", new { orderId }),
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM settlements s JOIN order_lines l ON l.id = s.order_line_id WHERE l.order_id = @orderId", new { orderId }));
    }

    /// <summary>An unpaid order with a line of each of two new sellers (two of the first, one of the second).</summary>
    private static async Task<(OrderBuilder Order, long OrderId)> OrderOfTwoSellersAsync(AppFactory app)
    {
        var a = await Accounts.CreateAsync(app);
        var b = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(a.Id, "RG-100", 89.90m, 2).Line(b.Id, "MASK-1", 45.50m);
        return (order, await order.InsertAsync(app.Db));
    }

    private static async Task<List<Kept>> KeptAsync(Db db)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<(string, string?, string)>("SELECT verdict, reason, raw_form FROM payment_notifications ORDER BY id"))
            .Select(r => new Kept(r.Item1, r.Item2, r.Item3)).ToList();
    }

    [Theory]
    [AllProviders]
    public async Task Valid_notification_marks_the_order_paid_once_and_settles_each_line(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var (order, orderId) = await OrderOfTwoSellersAsync(app);

        var answer = await Notifications.PostAsync(app.CreateClient(), Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor));

        Assert.Equal("success", answer);
        Assert.Equal(("TRADE_SUCCESS", 1, 2), await OrderStateAsync(app.Db, orderId));
        var kept = Assert.Single(await KeptAsync(app.Db));
        Assert.Equal("Applied", kept.Verdict);
        Assert.Contains("subject=%E9%9F%A9%E5%9B%BD", kept.RawForm, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Forged_signature_is_kept_as_rejected_answered_fail_and_changes_nothing(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        using var forger = System.Security.Cryptography.RSA.Create(2048);
        var signedByForger = Notifications.Form(order, "TRADE_SUCCESS").Signed(forger);
        var alteredAfterSigning = Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor);
        alteredAfterSigning["total_amount"] = "0.01";

        var client = app.CreateClient();
        Assert.Equal("fail", await Notifications.PostAsync(client, signedByForger));
        Assert.Equal("fail", await Notifications.PostAsync(client, alteredAfterSigning));

        Assert.Equal((null, 0, 0), await OrderStateAsync(app.Db, orderId));
        Assert.All(await KeptAsync(app.Db), k => Assert.Equal(("Rejected", "signature does not verify"), (k.Verdict, k.Reason)));
        Assert.Equal(2, (await KeptAsync(app.Db)).Count);
    }

    [Theory]
    [AllProviders]
    public async Task Another_app_id_seller_id_or_amount_is_rejected_and_changes_nothing(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        var client = app.CreateClient();

        foreach (var (field, value) in new[] { ("app_id", "2021000000009999"), ("seller_id", "2088000000009999"), ("total_amount", "89.91") })
        {
            var form = Notifications.Form(order, "TRADE_SUCCESS");
            form[field] = value;
            Assert.Equal("fail", await Notifications.PostAsync(client, form.Signed(keys.Processor)));
        }

        Assert.Equal((null, 0, 0), await OrderStateAsync(app.Db, orderId));
        Assert.Equal(
            ["app_id is not ours", "seller_id is not ours", "total_amount 89.91 is not the order's 89.90"],
            (await KeptAsync(app.Db)).Select(k => k.Reason));
    }

    [Theory]
    [AllProviders]
    public async Task Unknown_order_is_kept_as_rejected_and_answered_fail(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var notInserted = new OrderBuilder().Line(1, "RG-100", 89.90m);

        var answer = await Notifications.PostAsync(app.CreateClient(), Notifications.Form(notInserted, "TRADE_SUCCESS").Signed(keys.Processor));

        Assert.Equal("fail", answer);
        var kept = Assert.Single(await KeptAsync(app.Db));
        Assert.Equal(("Rejected", "out_trade_no is not a known order"), (kept.Verdict, kept.Reason));
    }

    [Theory]
    [AllProviders]
    public async Task Replayed_or_resent_event_answers_success_and_acts_only_once(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        var client = app.CreateClient();
        var first = Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor);
        var sameEventNewNotifyId = Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor);

        Assert.Equal("success", await Notifications.PostAsync(client, first));
        Assert.Equal("success", await Notifications.PostAsync(client, first));
        Assert.Equal("success", await Notifications.PostAsync(client, sameEventNewNotifyId));

        Assert.Equal(("TRADE_SUCCESS", 1, 1), await OrderStateAsync(app.Db, orderId));
        Assert.Equal(["Applied", "Duplicate", "Duplicate"], (await KeptAsync(app.Db)).Select(k => k.Verdict));
    }

    [Theory]
    [AllProviders]
    public async Task Notifications_for_one_order_arriving_together_pay_and_settle_it_once(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var (order, orderId) = await OrderOfTwoSellersAsync(app);
        var client = app.CreateClient();
        // The processor's retries, a resend under a new notify_id and the trade's next status, all at once:
        // the order's status is changed under each check, so some attempts find it moved and try again.
        var forms = new[] { "TRADE_SUCCESS", "TRADE_SUCCESS", "TRADE_SUCCESS", "TRADE_FINISHED", "TRADE_FINISHED", "TRADE_SUCCESS" }
            .Select(status => Notifications.Form(order, status).Signed(keys.Processor))
            .ToList();

        var answers = await Task.WhenAll(forms.Select(form => Task.Run(() => Notifications.PostAsync(client, form))));

        Assert.All(answers, answer => Assert.Equal("success", answer));
        var state = await OrderStateAsync(app.Db, orderId);
        Assert.Equal("TRADE_FINISHED", state.Status);
        Assert.Equal(2, state.Settlements);
        var kept = await KeptAsync(app.Db);
        Assert.Equal(forms.Count, kept.Count);
        Assert.InRange(kept.Count(k => k.Verdict == "Applied"), 1, 2);
        Assert.Equal(kept.Count(k => k.Verdict == "Applied"), state.Events);
    }

    [Theory]
    [AllProviders]
    public async Task Late_wait_buyer_pay_after_trade_success_leaves_the_order_paid(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        var client = app.CreateClient();

        Assert.Equal("success", await Notifications.PostAsync(client, Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor)));
        Assert.Equal("success", await Notifications.PostAsync(client, Notifications.Form(order, "WAIT_BUYER_PAY").Signed(keys.Processor)));

        Assert.Equal(("TRADE_SUCCESS", 1, 1), await OrderStateAsync(app.Db, orderId));
        Assert.Equal(["Applied", "Stale"], (await KeptAsync(app.Db)).Select(k => k.Verdict));
    }

    [Theory]
    [AllProviders]
    public async Task Closed_after_payment_applies_only_with_a_full_refund(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        var client = app.CreateClient();
        var partlyRefunded = Notifications.Form(order, "TRADE_CLOSED");
        partlyRefunded["refund_fee"] = "10.00";
        var fullyRefunded = Notifications.Form(order, "TRADE_CLOSED");
        fullyRefunded["refund_fee"] = "89.90";

        await Notifications.PostAsync(client, Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor));
        Assert.Equal("success", await Notifications.PostAsync(client, partlyRefunded.Signed(keys.Processor)));
        Assert.Equal("TRADE_SUCCESS", (await OrderStateAsync(app.Db, orderId)).Status);
        Assert.Equal("success", await Notifications.PostAsync(client, fullyRefunded.Signed(keys.Processor)));

        Assert.Equal("TRADE_CLOSED", (await OrderStateAsync(app.Db, orderId)).Status);
        Assert.Equal(["Applied", "Stale", "Applied"], (await KeptAsync(app.Db)).Select(k => k.Verdict));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Both_signing_variants_verify_with_keys_as_pem_or_bare_base64(bool pem, bool includeSignType)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For("Sqlite", keys.Settings(pem));
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);

        var answer = await Notifications.PostAsync(app.CreateClient(), Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor, includeSignType));

        Assert.Equal("success", answer);
        Assert.Equal("TRADE_SUCCESS", (await OrderStateAsync(app.Db, orderId)).Status);
    }
}
