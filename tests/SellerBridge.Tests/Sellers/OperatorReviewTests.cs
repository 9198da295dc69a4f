using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Sellers;

public sealed class OperatorReviewTests
{
    [Theory]
    [AllProviders]
    public async Task Operator_approves_a_pending_seller_and_the_seller_sees_it(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app, status: "Pending");
        var operatorEmail = await Accounts.CreateOperatorAsync(app);
        using var op = app.Portal();
        await op.SignInAsync(operatorEmail, Accounts.Password);

        var list = await op.GetPageAsync("/operator/sellers?status=Pending");
        Assert.Contains(seller.Email, list);
        var approve = await op.PostFormAsync("/operator/sellers", $"/operator/sellers/{seller.Id}/approve");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);

        using var sellerPortal = app.Portal();
        await sellerPortal.SignInAsync(seller.Email, Accounts.Password);
        Assert.Contains("승인됨", await sellerPortal.GetPageAsync("/dashboard"));
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM audit_log WHERE seller_id = @Id AND action = 'SellerStatusChanged'", new { seller.Id }));
    }

    [Fact]
    public async Task A_seller_cannot_open_the_operator_pages_or_approve_itself()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app, status: "Pending");
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);

        var page = await portal.GetAsync("/operator/sellers");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/denied", page.Headers.Location?.ToString());

        var token = PortalClient.AntiforgeryToken(await portal.GetPageAsync("/dashboard"));
        var approve = await portal.Http.PostAsync($"/operator/sellers/{seller.Id}/approve", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.NotEqual(HttpStatusCode.OK, approve.StatusCode);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal("Pending", await connection.ExecuteScalarAsync<string>("SELECT status FROM sellers WHERE id = @Id", new { seller.Id }));
    }

    [Theory]
    [AllProviders]
    public async Task A_suspended_seller_is_signed_out_cannot_sign_in_and_its_api_keys_stop(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var sellerPortal = app.Portal();
        await sellerPortal.SignInAsync(seller.Email, Accounts.Password);
        using var api = app.Api(seller.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var operatorEmail = await Accounts.CreateOperatorAsync(app);
        using var op = app.Portal();
        await op.SignInAsync(operatorEmail, Accounts.Password);
        await op.PostFormAsync("/operator/sellers", $"/operator/sellers/{seller.Id}/suspend");

        Assert.Equal(HttpStatusCode.Redirect, (await sellerPortal.GetAsync("/dashboard")).StatusCode);
        using var again = app.Portal();
        var signIn = await again.SignInAsync(seller.Email, Accounts.Password);
        Assert.Contains("정지된 판매자 계정입니다", await signIn.Content.ReadAsStringAsync());
        var apiAfter = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, apiAfter.StatusCode);
        Assert.Equal("application/problem+json", apiAfter.Content.Headers.ContentType?.MediaType);
    }
}
