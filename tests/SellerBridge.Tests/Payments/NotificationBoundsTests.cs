using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Payments;

namespace SellerBridge.Tests.Payments;

/// <summary>Anyone can post to /payments/notify: what forged posts cost is bounded, and a verified notification among them is still recorded in full.</summary>
public sealed class NotificationBoundsTests
{
    [Theory]
    [AllProviders]
    public async Task Forged_posts_leave_a_bounded_record_and_a_verified_one_among_them_is_recorded_and_applied(string provider)
    {
        var keys = new TestKeys();
        await using var app = AppFactory.For(provider, keys.Settings());
        var seller = await Accounts.CreateAsync(app);
        var order = new OrderBuilder().Line(seller.Id, "RG-100", 89.90m);
        var orderId = await order.InsertAsync(app.Db);
        using var forger = System.Security.Cryptography.RSA.Create(2048);
        var client = app.CreateClient();

        // As in the attack: a hundred 60 KB forgeries (a Chinese character is 9 bytes URL-encoded). Refused unread.
        for (var i = 0; i < 100; i++)
        {
            var huge = Notifications.Form(order, "TRADE_SUCCESS");
            huge["subject"] = new string('假', 6_600);
            using var response = await client.PostAsync("/payments/notify", new FormUrlEncodedContent(huge.Signed(forger)));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        // A hundred more that fit the limit, with the processor's real notification in the middle.
        var answers = new List<(HttpStatusCode Status, string Body)>();
        string? verifiedRaw = null;
        for (var i = 0; i < 100; i++)
        {
            if (i == 50)
            {
                var real = new FormUrlEncodedContent(Notifications.Form(order, "TRADE_SUCCESS").Signed(keys.Processor));
                verifiedRaw = await real.ReadAsStringAsync();
                using var accepted = await client.PostAsync("/payments/notify", real);
                Assert.Equal((HttpStatusCode.OK, "success"), (accepted.StatusCode, await accepted.Content.ReadAsStringAsync()));
            }

            var forged = Notifications.Form(order, "TRADE_SUCCESS", notifyId: new string('9', 3000));
            forged["subject"] = new string('假', 1000);
            using var response = await client.PostAsync("/payments/notify", new FormUrlEncodedContent(forged.Signed(forger)));
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal("fail", a.Body));
        Assert.Equal(UnverifiedNotifications.PerSourcePerMinute, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(100 - UnverifiedNotifications.PerSourcePerMinute, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));

        await using var connection = await app.Db.OpenAsync();
        var rows = (await connection.QueryAsync<(string Verdict, string? Reason, string RawForm, string? NotifyId)>(
            "SELECT verdict, reason, raw_form, notify_id FROM payment_notifications ORDER BY id")).ToList();
        var unverified = rows.Where(r => r.Reason == UnverifiedNotifications.Reason).ToList();
        Assert.Equal(UnverifiedNotifications.PerSourcePerMinute, unverified.Count);
        Assert.All(unverified, r => Assert.True(r.RawForm.Length <= UnverifiedNotifications.MaxRawChars && r.NotifyId!.Length <= UnverifiedNotifications.MaxFieldChars));
        Assert.True(unverified.Sum(r => r.RawForm.Length) <= 16 * 1024);

        var verified = Assert.Single(rows, r => r.Verdict == HandlePaymentNotification.Applied);
        Assert.Equal(verifiedRaw, verified.RawForm);
        Assert.Equal("TRADE_SUCCESS", await connection.ExecuteScalarAsync<string>("SELECT payment_status FROM orders WHERE id = @orderId", new { orderId }));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void An_ipv6_sender_is_one_source_per_64_block(string address, string source) =>
        Assert.Equal(source, UnverifiedNotifications.SourceKey(IPAddress.Parse(address)));
}
