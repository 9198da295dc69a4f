using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Listings;

namespace SellerBridge.Tests.Dashboard;

public sealed partial class OperatorDashboardTests
{
    [Theory]
    [AllProviders]
    public async Task The_operator_sees_sellers_listings_and_job_health_as_the_database_holds_them(string provider)
    {
        await using var app = AppFactory.For(provider);
        await Accounts.CreateAsync(app, status: "Pending");
        await Accounts.CreateAsync(app, status: "Pending");
        var seller = await Accounts.CreateAsync(app);
        using var api = app.Api(seller.ApiKey);
        await Imports.ImportAsync(app, api, Imports.Sample("catalogue-utf8.csv"));
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO job_runs (job_name, job_group, fire_instance_id, node, started_at, finished_at, outcome, message) VALUES ('orders-pull', 'recurring', 'f1', 'n1', @now, @now, 'Failed', 'gateway unreachable')",
                new { now = DateTimeOffset.UtcNow });
        }

        using var portal = app.Portal();
        await portal.SignInAsync(await Accounts.CreateOperatorAsync(app), Accounts.Password);
        var html = await portal.GetPageAsync("/operator");

        await using var check = await app.Db.OpenAsync();
        Assert.Equal("2", Figure(html, "op-pending"));
        Assert.Equal("1", Figure(html, "op-approved"));
        var needsAttention = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products WHERE listing_status = 'NeedsAttention'");
        Assert.Equal(needsAttention.ToString(System.Globalization.CultureInfo.GetCultureInfo("ko-KR")), Figure(html, "op-listing-NeedsAttention"));
        Assert.Equal("1", Figure(html, "op-jobs-failed"));
        Assert.Contains("gateway unreachable", html);

        using var sellerPortal = app.Portal();
        await sellerPortal.SignInAsync(seller.Email, Accounts.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await sellerPortal.GetAsync("/operator")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task The_operator_sees_todays_submissions_and_the_share_of_marketplace_calls_that_failed(string provider)
    {
        await using var sandbox = await ListingsSandbox.StartAsync(o =>
        {
            o.IspFaultRate = 0.1;
            o.Seed = 11;
        });
        await using var app = AppFactory.For(provider, sandbox.AppSettings());
        var seller = await Accounts.CreateAsync(app);
        await ListingBuilders.ReadyProductsAsync(app, seller.Id, 20);
        // Three drafts lose their title after the check, so the marketplace refuses them.
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE product_drafts SET title_zh = '' WHERE product_id IN (SELECT id FROM products WHERE seller_id = @Id AND seller_sku IN ('SKU-0000', 'SKU-0001', 'SKU-0002'))",
                new { seller.Id });
        }

        await ListingBuilders.SubmitAsync(app, seller, new { allReady = true });
        await ListingBuilders.SettleAsync(app);

        using var portal = app.Portal();
        await portal.SignInAsync(await Accounts.CreateOperatorAsync(app), Accounts.Password);
        var html = await portal.GetPageAsync("/operator");

        await using var check = await app.Db.OpenAsync();
        var calls = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listing_attempts");
        var failed = await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listing_attempts WHERE outcome <> 'Success'");
        Assert.True(failed > 0, "the sandbox's injected faults show up as failed calls");
        var ko = System.Globalization.CultureInfo.GetCultureInfo("ko-KR");
        Assert.Equal("1", Figure(html, "op-submissions"));
        Assert.Equal("20", Figure(html, "op-submitted"));
        Assert.Equal(calls.ToString("N0", ko), Figure(html, "op-calls"));
        Assert.Equal(Math.Round(100m * failed / calls, 1).ToString("N1", ko) + "%", Figure(html, "op-error-rate"));
        Assert.Contains("isv.", html);
    }

    private static string Figure(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"{testId} is not on the page");
        return match.Groups[1].Value.Trim();
    }
}
