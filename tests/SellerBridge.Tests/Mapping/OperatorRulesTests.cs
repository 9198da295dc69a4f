using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Mapping;

/// <summary>The operator's rule pages: only operators reach them, and every change is recorded with who made it.</summary>
public sealed class OperatorRulesTests
{
    public static readonly TheoryData<string> Pages = new() { "/operator/mapping", "/operator/rates", "/operator/pricing", "/operator/commissions" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_seller_cannot_open_an_operator_page(string page)
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = await ProductRows.SellerAsync(app, seller);

        var response = await portal.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task A_seller_posting_to_operator_forms_changes_no_rule(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var portal = await ProductRows.SellerAsync(app, seller);
        await using var connection = await app.Db.OpenAsync();
        var before = await CountRulesAsync(connection);

        var token = PortalClient.AntiforgeryToken(await portal.GetPageAsync("/apikeys"));
        foreach (var (action, fields) in new[]
        {
            ("/operator/rates", new Dictionary<string, string> { ["krwPerCny"] = "1", ["effectiveFrom"] = "2026-01-02" }),
            ("/operator/mapping", new Dictionary<string, string> { ["kmallPrefix"] = "식품", ["cid"] = "54675795" }),
            ("/operator/pricing", new Dictionary<string, string> { ["marginPercent"] = "90", ["crossBorderTaxPercent"] = "0", ["rounding"] = "To00", ["shippingBands"] = "500=1" }),
            ("/operator/commissions", new Dictionary<string, string> { ["cid"] = "0", ["percent"] = "99" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await portal.Http.PostAsync(action, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(before, await CountRulesAsync(connection));
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        await using var app = AppFactory.For("Sqlite");
        using var portal = app.Portal();

        var response = await portal.GetAsync("/operator/rates");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [AllProviders]
    public async Task Every_rule_change_is_recorded_with_the_operator_and_shown_in_the_history(string provider)
    {
        await using var app = AppFactory.For(provider);
        using var op = await ProductRows.OperatorAsync(app);

        await op.PostFormAsync("/operator/rates", "/operator/rates", ("krwPerCny", "195.5"), ("effectiveFrom", "2030-05-01"));
        await op.PostFormAsync("/operator/commissions", "/operator/commissions", ("cid", "50016349"), ("percent", "3.5"));
        await op.PostFormAsync("/operator/mapping", "/operator/mapping", ("kmallPrefix", "패션"), ("cid", "54675795"));
        await op.PostFormAsync("/operator/pricing", "/operator/pricing", ("marginPercent", "18"), ("crossBorderTaxPercent", "9.1"), ("rounding", "To00"), ("shippingBands", "1000=5000"));

        await using var connection = await app.Db.OpenAsync();
        var changes = (await connection.QueryAsync<(string Kind, string? Email, string? After)>(
            "SELECT c.kind, u.email, c.after_text FROM rule_changes c LEFT JOIN users u ON u.id = c.actor_user_id ORDER BY c.id")).ToList();
        Assert.Equal(["rate", "commission", "mapping", "pricing"], changes.Select(c => c.Kind));
        Assert.All(changes, c => Assert.EndsWith("@sellerbridge.test", c.Email));
        Assert.Contains("195.50", changes[0].After);
        var ratesPage = await op.GetPageAsync("/operator/rates");
        Assert.Contains("2030-05-01", ratesPage);
        Assert.Contains(changes[0].Email!, ratesPage);
        Assert.Contains("3.5%", await op.GetPageAsync("/operator/commissions"));
        Assert.Contains("v2", await op.GetPageAsync("/operator/pricing"));
    }

    [Fact]
    public async Task A_rate_that_is_not_a_positive_number_is_refused_and_nothing_is_recorded()
    {
        await using var app = AppFactory.For("Sqlite");
        using var op = await ProductRows.OperatorAsync(app);

        await op.PostFormAsync("/operator/rates", "/operator/rates", ("krwPerCny", "-3"), ("effectiveFrom", "2030-05-01"));

        var page = await op.GetPageAsync("/operator/rates");
        Assert.Contains("data-testid=\"error\"", page);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM rule_changes"));
    }

    private static async Task<string> CountRulesAsync(System.Data.Common.DbConnection connection) => string.Join(",",
        await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM exchange_rates"),
        await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM mapping_rules"),
        await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM pricing_rules"),
        await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM commission_rates"),
        await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM rule_changes"));
}
