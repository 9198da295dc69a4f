using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Sellers;

/// <summary>Operators invite operators on the 운영자 page; the one-time password is shown once, to the inviter.</summary>
public sealed partial class OperatorInvitationTests
{
    [Theory]
    [AllProviders]
    public async Task An_operator_invites_another_who_signs_in_with_the_password_shown_once(string provider)
    {
        await using var app = AppFactory.For(provider);
        var inviterEmail = await Accounts.CreateOperatorAsync(app);
        using var op = app.Portal();
        using var opSignIn = await op.SignInAsync(inviterEmail, Accounts.Password);
        var authCookie = opSignIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sb.auth=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Contains("href=\"/operator/operators\"", await op.GetPageAsync("/operator"));

        using var invite = await InviteAsync(op, "Park.Ops@Kmall24.kr", "박운영");

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.Equal("/operator/operators/invited", invite.Headers.Location?.ToString());
        var tempData = invite.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider=", StringComparison.Ordinal)).Split(';')[0];
        using var shown = await op.GetAsync("/operator/operators/invited");
        var page = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("no-store", shown.Headers.CacheControl?.ToString());
        var oneTimePassword = OneTimePassword().Match(page).Groups[1].Value;
        Assert.True(oneTimePassword.Length >= 10, page);

        // A reload, and a replay of the cookie that carried it, both go back to the list without it.
        using var reload = await op.GetAsync("/operator/operators/invited");
        Assert.Equal("/operator/operators", reload.Headers.Location?.ToString());
        Assert.DoesNotContain(oneTimePassword, await op.GetPageAsync("/operator/operators"));
        using var replay = await ReplayAsync(app, authCookie, tempData);
        Assert.Equal("/operator/operators", replay.Headers.Location?.ToString());
        Assert.DoesNotContain(oneTimePassword, await replay.Content.ReadAsStringAsync());

        var list = await op.GetPageAsync("/operator/operators");
        Assert.Contains("park.ops@kmall24.kr", list);
        Assert.Contains(inviterEmail, list);
        await using var connection = await app.Db.OpenAsync();
        var invited = await connection.QuerySingleAsync<(long Id, string Hash, string Name, long? InvitedBy, string InviterEmail)>(
            """
            SELECT u.id, u.password_hash, u.display_name, u.invited_by_user_id, i.email
            FROM users u JOIN users i ON i.id = u.invited_by_user_id
            WHERE u.email = 'park.ops@kmall24.kr' AND u.role = 'Operator' AND u.must_change_password_since IS NOT NULL AND u.one_time_password_shown_at IS NOT NULL
            """);
        Assert.Equal("박운영", invited.Name);
        Assert.Equal(inviterEmail, invited.InviterEmail);
        Assert.DoesNotContain(oneTimePassword, invited.Hash);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'OperatorCreated' AND actor_user_id = @InvitedBy", new { invited.InvitedBy }));

        using var newcomer = app.Portal();
        using var signIn = await newcomer.SignInAsync("park.ops@kmall24.kr", oneTimePassword);
        Assert.Equal("/account/change-password", signIn.Headers.Location?.ToString());
    }

    [Theory]
    [AllProviders]
    public async Task A_duplicate_email_is_a_form_error_and_creates_nothing(string provider)
    {
        await using var app = AppFactory.For(provider);
        var inviterEmail = await Accounts.CreateOperatorAsync(app);
        var seller = await Accounts.CreateAsync(app);
        using var op = app.Portal();
        await op.SignInAsync(inviterEmail, Accounts.Password);
        await using var connection = await app.Db.OpenAsync();
        var users = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users");

        foreach (var taken in new[] { inviterEmail, seller.Email.ToUpperInvariant() })
        {
            using var invite = await InviteAsync(op, taken, "누군가");

            Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
            Assert.Contains("이 이메일로 등록된 계정이 이미 있습니다.", await invite.Content.ReadAsStringAsync());
        }

        using var invalid = await InviteAsync(op, "not-an-email", "누군가");
        Assert.Contains("올바른 이메일 주소를 입력하세요.", await invalid.Content.ReadAsStringAsync());
        Assert.Equal(users, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users"));
        Assert.Equal("Seller", await connection.ExecuteScalarAsync<string>("SELECT role FROM users WHERE email = @Email", new { seller.Email }));
        using var nothingToShow = await op.GetAsync("/operator/operators/invited");
        Assert.Equal("/operator/operators", nothingToShow.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Sellers_and_anonymous_visitors_can_neither_see_the_page_nor_invite()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var sellerPortal = app.Portal();
        await sellerPortal.SignInAsync(seller.Email, Accounts.Password);
        using var anonymous = app.Portal();

        using var sellerPage = await sellerPortal.GetAsync("/operator/operators");
        Assert.Contains("/account/denied", sellerPage.Headers.Location?.ToString());
        Assert.DoesNotContain("href=\"/operator/operators\"", await sellerPortal.GetPageAsync("/dashboard"));
        var token = PortalClient.AntiforgeryToken(await sellerPortal.GetPageAsync("/dashboard"));
        using var sellerInvite = await sellerPortal.Http.PostAsync(
            "/operator/operators", new FormUrlEncodedContent([new("Email", "by-seller@kmall24.kr"), new("__RequestVerificationToken", token)]));
        Assert.Contains("/account/denied", sellerInvite.Headers.Location?.ToString());
        using var sellerShown = await sellerPortal.GetAsync("/operator/operators/invited");
        Assert.Contains("/account/denied", sellerShown.Headers.Location?.ToString());

        using var anonymousPage = await anonymous.GetAsync("/operator/operators");
        Assert.StartsWith("http://localhost/account/login", anonymousPage.Headers.Location?.ToString());
        var anonymousToken = PortalClient.AntiforgeryToken(await anonymous.GetPageAsync("/account/login"));
        using var anonymousInvite = await anonymous.Http.PostAsync(
            "/operator/operators", new FormUrlEncodedContent([new("Email", "by-anonymous@kmall24.kr"), new("__RequestVerificationToken", anonymousToken)]));
        Assert.NotEqual(HttpStatusCode.OK, anonymousInvite.StatusCode);
        Assert.DoesNotContain("/operator/operators/invited", anonymousInvite.Headers.Location?.ToString() ?? "");

        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE role = 'Operator'"));
    }

    private static Task<HttpResponseMessage> InviteAsync(PortalClient op, string email, string name) =>
        op.PostFormAsync("/operator/operators", "/operator/operators", ("Email", email), ("Name", name));

    /// <summary>The inviter's sign-in cookie with a TempData cookie saved before it was read.</summary>
    private static async Task<HttpResponseMessage> ReplayAsync(AppFactory app, string authCookie, string tempDataCookie)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/operator/operators/invited");
        request.Headers.Add("Cookie", $"{authCookie}; {tempDataCookie}");
        return await client.SendAsync(request);
    }

    [GeneratedRegex("data-testid=\"one-time-password\">([^<]+)<")]
    private static partial Regex OneTimePassword();
}
