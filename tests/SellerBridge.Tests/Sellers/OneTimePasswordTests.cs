using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Operator;

namespace SellerBridge.Tests.Sellers;

/// <summary>A one-time password opens the change-password page and nothing else, until the user has chosen their own.</summary>
public sealed class OneTimePasswordTests
{
    private const string NewPassword = "my-own-password-2025";

    [Theory]
    [AllProviders]
    public async Task A_one_time_password_leads_to_the_change_password_page_and_nowhere_else(string provider)
    {
        await using var app = AppFactory.For(provider);
        var (email, oneTimePassword) = await NewOperatorAsync(app);
        using var portal = app.Portal();

        using var signIn = await portal.SignInAsync(email, oneTimePassword);

        Assert.Equal("/account/change-password", signIn.Headers.Location?.ToString());
        Assert.Contains("data-testid=\"must-change\"", await portal.GetPageAsync("/account/change-password"));
        foreach (var page in new[] { "/", "/operator", "/operator/sellers", "/operator/operators", "/operator/jobs", "/operator/hangfire", "/dashboard", "/account/login" })
        {
            using var response = await portal.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode}");
            Assert.Equal("/account/change-password", response.Headers.Location?.ToString());
        }

        using var api = await portal.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        var token = PortalClient.AntiforgeryToken(await portal.GetPageAsync("/account/change-password"));
        using var invite = await portal.Http.PostAsync(
            "/operator/operators", new FormUrlEncodedContent([new("Email", "sneaky@kmall24.kr"), new("__RequestVerificationToken", token)]));
        Assert.Equal("/account/change-password", invite.Headers.Location?.ToString());
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = 'sneaky@kmall24.kr'"));
    }

    [Theory]
    [AllProviders]
    public async Task Changing_it_clears_the_flag_opens_the_portal_and_ends_every_other_session(string provider)
    {
        await using var app = AppFactory.For(provider);
        var (email, oneTimePassword) = await NewOperatorAsync(app);
        using var portal = app.Portal();
        using var otherBrowser = app.Portal();
        await portal.SignInAsync(email, oneTimePassword);
        await otherBrowser.SignInAsync(email, oneTimePassword);

        using var change = await ChangeAsync(portal, oneTimePassword, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal("/", change.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/operator/sellers")).StatusCode);
        using var ended = await otherBrowser.GetAsync("/account/change-password");
        Assert.StartsWith("http://localhost/account/login", ended.Headers.Location?.ToString());
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = @email AND must_change_password_since IS NOT NULL", new { email }));

        using var again = app.Portal();
        using var withOld = await again.SignInAsync(email, oneTimePassword);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        using var withNew = await again.SignInAsync(email, NewPassword);
        Assert.Equal("/", withNew.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/operator")).StatusCode);
    }

    [Theory]
    [InlineData("current", NewPassword, NewPassword, "현재 비밀번호가 올바르지 않습니다.")]
    [InlineData("", "", "", "새 비밀번호는 현재 비밀번호와 달라야 합니다.")]
    [InlineData("", "short-pw", "short-pw", "비밀번호는 10자 이상이어야 합니다.")]
    [InlineData("", NewPassword, NewPassword + "x", "두 비밀번호가 일치하지 않습니다.")]
    public async Task A_new_password_that_breaks_a_rule_is_refused_and_nothing_changes(string current, string next, string confirm, string message)
    {
        await using var app = AppFactory.For("Sqlite");
        var (email, oneTimePassword) = await NewOperatorAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(email, oneTimePassword);
        // "" stands for the one-time password itself, which the test data cannot know.
        current = current == "" ? oneTimePassword : "not-the-" + oneTimePassword;
        next = next == "" ? oneTimePassword : next;
        confirm = confirm == "" ? oneTimePassword : confirm;

        using var change = await ChangeAsync(portal, current, next, confirm);

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains(message, await change.Content.ReadAsStringAsync());
        Assert.Equal("/account/change-password", (await portal.GetAsync("/operator")).Headers.Location?.ToString());
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = @email AND must_change_password_since IS NOT NULL", new { email }));
    }

    [Fact]
    public async Task The_change_password_page_is_in_english_on_request()
    {
        await using var app = AppFactory.For("Sqlite");
        var (email, oneTimePassword) = await NewOperatorAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(email, oneTimePassword);

        var korean = await portal.GetPageAsync("/account/change-password");
        var english = await portal.GetPageAsync("/account/change-password?culture=en-US");

        Assert.Contains("일회용 비밀번호로 로그인했습니다", korean);
        Assert.Contains("You signed in with a one-time password", english);
    }

    [Fact]
    public async Task A_user_with_a_password_of_their_own_signs_in_as_before()
    {
        await using var app = AppFactory.For("Sqlite");
        var email = await Accounts.CreateOperatorAsync(app);
        using var portal = app.Portal();

        using var signIn = await portal.SignInAsync(email, Accounts.Password);

        Assert.Equal("/", signIn.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/operator/sellers")).StatusCode);
    }

    private static async Task<(string Email, string OneTimePassword)> NewOperatorAsync(AppFactory app)
    {
        var email = $"op-{Guid.NewGuid():N}"[..12] + "@kmall24.kr";
        var result = await app.Get<OperatorAccounts>().CreateAsync(email, "새 운영자", invitedBy: null, shownNow: true, TestContext.Current.CancellationToken);
        Assert.NotNull(result.Operator);
        return (email, result.Operator.OneTimePassword);
    }

    private static Task<HttpResponseMessage> ChangeAsync(PortalClient portal, string current, string next, string confirm) =>
        portal.PostFormAsync("/account/change-password", "/account/change-password", ("CurrentPassword", current), ("NewPassword", next), ("ConfirmPassword", confirm));
}
