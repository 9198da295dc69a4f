using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Payments;
using SellerBridge.Web.Features.Payments;

namespace SellerBridge.Tests.Dashboard;

/// <summary>Each dashboard figure, for a seeded seller, checked against what the database holds.</summary>
public sealed partial class SellerDashboardTests
{
    [Theory]
    [AllProviders]
    public async Task Every_figure_matches_the_database_and_another_sellers_data_is_not_counted(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        var other = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        await Imports.ImportAsync(app, api, Imports.Sample("catalogue-utf8.csv"), "생활용품.csv");
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE products SET listing_status = 'Live' WHERE seller_id = @Id AND id IN (SELECT id FROM products WHERE seller_id = @Id ORDER BY id" + app.Db.Dialect.Limit("three") + ")",
                new { seller.Id, three = 3 });
        }

        var paid = await new OrderBuilder().Line(seller.Id, "HF-0001", 123.45m, 2).Line(other.Id, "X-1", 99m).InsertAsync(app.Db);
        await new OrderBuilder().Line(seller.Id, "HF-0002", 50m).InsertAsync(app.Db); // unpaid
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE orders SET payment_status = 'TRADE_SUCCESS', status = 'WAIT_SELLER_SEND_GOODS', pay_time = @now WHERE id = @paid",
                new { paid, now = DateTimeOffset.UtcNow });
            await using var tx = await connection.BeginTransactionAsync();
            await app.Get<SettleOrder>().SettleAsync(connection, tx, paid, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            await tx.CommitAsync();
        }

        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);
        var html = await portal.GetPageAsync("/dashboard");

        await using var check = await app.Db.OpenAsync();
        var live = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products WHERE seller_id = @Id AND listing_status = 'Live'", new { seller.Id });
        var krwNet = await check.ExecuteScalarAsync<long>("SELECT SUM(krw_net) FROM settlements WHERE seller_id = @Id", new { seller.Id });
        var ko = CultureInfo.GetCultureInfo("ko-KR");
        Assert.Equal(3, live);
        Assert.Equal(live.ToString("N0", ko), Figure(html, "figure-live"));
        Assert.Equal("¥246.90", Figure(html, "figure-sales-cny"));
        Assert.True(krwNet > 0);
        Assert.Contains(krwNet.ToString("N0", ko) + "원", Figure(html, "figure-sales-krw"));
        Assert.Equal("1", Figure(html, "figure-awaited"));
        Assert.Equal("1", Figure(html, "figure-due"));
        Assert.Contains("생활용품.csv", Figure(html, "last-import"));
        Assert.Contains("id=\"sales-chart\"", html);
        Assert.Contains("/lib/chart.js/chart.umd.min.js", html);
    }

    private static string Figure(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"{testId} is not on the page");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }
}
