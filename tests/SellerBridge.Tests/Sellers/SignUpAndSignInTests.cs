using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Sellers;

public sealed class SignUpAndSignInTests
{
    private static (string, string)[] SignUpFields(string email, string brn, string password = Accounts.Password) =>
    [
        ("CompanyName", "한빛식품 주식회사"), ("Brn", brn), ("ContactName", "이순신"),
        ("Email", email), ("Password", password), ("ConfirmPassword", password),
    ];

    [Theory]
    [AllProviders]
    public async Task Sign_up_creates_a_pending_seller_who_sees_the_review_banner(string provider)
    {
        await using var app = AppFactory.For(provider);
        using var portal = app.Portal();
        var brn = Accounts.RandomBrn();

        var response = await portal.PostFormAsync("/account/signup", "/account/signup", SignUpFields("new@hanbit.kr", $"{brn[..3]}-{brn[3..5]}-{brn[5..]}"));

        // Signed in by the seller, not by the sign-up: the sign-up answers alike for a registered email.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        Assert.Contains("신청이 접수되었습니다", await portal.GetPageAsync("/account/login"));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.SignInAsync("new@hanbit.kr", Accounts.Password)).StatusCode);
        var dashboard = await portal.GetPageAsync("/dashboard");
        Assert.Contains("운영자가 회사 정보를 심사하고 있습니다", dashboard);
        await using var connection = await app.Db.OpenAsync();
        var seller = await connection.QuerySingleAsync<(string Status, string Brn)>("SELECT status, brn FROM sellers WHERE email = 'new@hanbit.kr'");
        Assert.Equal(("Pending", brn), seller);
    }

    [Theory]
    [AllProviders]
    public async Task Sign_up_with_a_wrong_check_digit_explains_it_in_korean_and_creates_nothing(string provider)
    {
        await using var app = AppFactory.For(provider);
        using var portal = app.Portal();
        var brn = Accounts.RandomBrn();
        var wrong = brn[..9] + (char)('0' + ((brn[9] - '0' + 1) % 10));

        var response = await portal.PostFormAsync("/account/signup", "/account/signup", SignUpFields("bad@hanbit.kr", wrong));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("사업자등록번호는 검증번호가 맞는 10자리 숫자여야 합니다", await response.Content.ReadAsStringAsync());
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sellers"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users"));
    }

    [Theory]
    [AllProviders]
    public async Task A_sign_up_with_a_registered_email_answers_as_a_new_one_would_and_tells_the_owner(string provider)
    {
        await using var app = AppFactory.For(provider);
        var existing = await Accounts.CreateAsync(app);
        using var fresh = app.Portal();
        using var probe = app.Portal();

        var forNew = await fresh.PostFormAsync("/account/signup", "/account/signup", SignUpFields("fresh@hanbit.kr", Accounts.RandomBrn(), "another-password-1"));
        var forExisting = await probe.PostFormAsync("/account/signup", "/account/signup", SignUpFields(existing.Email.ToUpperInvariant(), Accounts.RandomBrn(), "another-password-1"));

        Assert.Equal((forNew.StatusCode, forNew.Headers.Location), (forExisting.StatusCode, forExisting.Headers.Location));
        var newPage = await fresh.GetPageAsync("/account/login");
        var existingPage = await probe.GetPageAsync("/account/login");
        Assert.Contains("신청이 접수되었습니다", existingPage);
        Assert.DoesNotContain("이미 있습니다", existingPage);
        Assert.Equal(Flash(newPage), Flash(existingPage));

        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sellers"));
        var notice = await connection.QuerySingleAsync<(string Kind, string Email)>(
            "SELECT n.kind, u.email FROM notices n JOIN users u ON u.id = n.user_id WHERE n.sent_at IS NULL");
        Assert.Equal(("SignUpWithRegisteredEmail", existing.Email), notice);
        Assert.Equal(HttpStatusCode.OK, (await probe.SignInAsync(existing.Email, "another-password-1")).StatusCode);
    }

    [Fact]
    public async Task A_sign_up_with_a_registered_business_number_answers_the_same_and_tells_that_sellers_user()
    {
        await using var app = AppFactory.For("Sqlite");
        var existing = await Accounts.CreateAsync(app);
        using var portal = app.Portal();

        var response = await portal.PostFormAsync("/account/signup", "/account/signup", SignUpFields("colleague@hanbit.kr", existing.Brn));

        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain("이미 등록된 사업자등록번호", await portal.GetPageAsync("/account/login"));
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = 'colleague@hanbit.kr'"));
        Assert.Equal(
            ("SignUpWithRegisteredBrn", existing.Email),
            await connection.QuerySingleAsync<(string, string)>("SELECT n.kind, u.email FROM notices n JOIN users u ON u.id = n.user_id"));
    }

    private static string Flash(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "role=\"status\">([^<]*)<").Groups[1].Value.Trim();

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_message()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();

        var wrongPassword = await (await portal.SignInAsync(seller.Email, "not-the-password")).Content.ReadAsStringAsync();
        var unknownEmail = await (await portal.SignInAsync("nobody@example.kr", "not-the-password")).Content.ReadAsStringAsync();

        Assert.Contains("이메일 또는 비밀번호가 올바르지 않습니다", wrongPassword);
        Assert.Contains("이메일 또는 비밀번호가 올바르지 않습니다", unknownEmail);
    }

    [Theory]
    [AllProviders]
    public async Task Repeated_failures_lock_the_email_even_for_the_right_password(string provider)
    {
        await using var app = AppFactory.For(provider, new Dictionary<string, string?> { ["Security:DelayPerFailureMilliseconds"] = "1" });
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();

        for (var i = 0; i < 5; i++)
        {
            await portal.SignInAsync(seller.Email, "wrong-password-" + i);
        }

        var locked = await portal.SignInAsync(seller.Email, Accounts.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("로그인 실패가 너무 많습니다", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await portal.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_locks_the_same_way_so_lockout_reveals_nothing()
    {
        await using var app = AppFactory.For("Sqlite", new Dictionary<string, string?> { ["Security:DelayPerFailureMilliseconds"] = "1" });
        using var portal = app.Portal();

        for (var i = 0; i < 5; i++)
        {
            await portal.SignInAsync("ghost@example.kr", "whatever-" + i);
        }

        var sixth = await portal.SignInAsync("ghost@example.kr", "whatever");
        Assert.Contains("로그인 실패가 너무 많습니다", await sixth.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_in_sends_a_seller_to_the_korean_dashboard_and_signing_out_ends_the_session()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();

        var signIn = await portal.SignInAsync(seller.Email, Accounts.Password);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        var home = await portal.GetAsync("/");
        Assert.Equal("/dashboard", home.Headers.Location?.OriginalString);
        var dashboard = await portal.GetPageAsync("/dashboard");
        Assert.Contains("대시보드", dashboard);
        Assert.Contains("승인됨", dashboard);

        await portal.PostFormAsync("/dashboard", "/account/logout");
        var after = await portal.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/account/login", after.Headers.Location?.ToString());
    }
}
