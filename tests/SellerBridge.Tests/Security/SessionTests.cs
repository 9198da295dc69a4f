using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Security;

/// <summary>A session ends when the server says so: sign-out and suspension end every copy of the cookie.</summary>
public sealed class SessionTests
{
    [Theory]
    [AllProviders]
    public async Task A_copied_cookie_stops_working_once_its_user_signs_out(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        var cookie = await SignInCookieAsync(portal, seller.Email);
        using var thief = CookieClient(app, cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/dashboard")).StatusCode);

        await portal.PostFormAsync("/dashboard", "/account/logout");

        using var after = await thief.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/account/login", after.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Signing_out_in_one_browser_ends_the_users_other_sessions_but_not_other_users()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        var colleague = await Accounts.CreateAsync(app);
        using var laptop = app.Portal();
        using var phone = app.Portal();
        using var other = app.Portal();
        await SignInCookieAsync(laptop, seller.Email);
        await SignInCookieAsync(phone, seller.Email);
        await SignInCookieAsync(other, colleague.Email);

        await laptop.PostFormAsync("/dashboard", "/account/logout");

        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/dashboard")).StatusCode);
        using var again = app.Portal();
        await SignInCookieAsync(again, seller.Email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/dashboard")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task A_suspension_ends_the_sellers_sessions_for_good_even_after_reinstatement(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        var cookie = await SignInCookieAsync(portal, seller.Email);
        using var op = app.Portal();
        await op.SignInAsync(await Accounts.CreateOperatorAsync(app), Accounts.Password);

        await op.PostFormAsync("/operator/sellers", $"/operator/sellers/{seller.Id}/suspend");
        await op.PostFormAsync("/operator/sellers", $"/operator/sellers/{seller.Id}/approve");

        // Approved again, but the cookie from before the suspension does not come back to life.
        using var old = CookieClient(app, cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await old.GetAsync("/dashboard")).StatusCode);
        using var fresh = app.Portal();
        await SignInCookieAsync(fresh, seller.Email);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/dashboard")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task Every_user_has_a_stamp_of_its_own_and_signing_out_changes_it(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        await Accounts.CreateOperatorAsync(app);
        await using var connection = await app.Db.OpenAsync();
        var stamps = (await connection.QueryAsync<string>("SELECT security_stamp FROM users")).ToList();
        Assert.Equal(2, stamps.Distinct().Count(s => s.Length == 32));

        using var portal = app.Portal();
        await SignInCookieAsync(portal, seller.Email);
        var before = await connection.ExecuteScalarAsync<string>("SELECT security_stamp FROM users WHERE email = @Email", new { seller.Email });
        await portal.PostFormAsync("/dashboard", "/account/logout");

        Assert.NotEqual(before, await connection.ExecuteScalarAsync<string>("SELECT security_stamp FROM users WHERE email = @Email", new { seller.Email }));
    }

    private static async Task<string> SignInCookieAsync(PortalClient portal, string email)
    {
        using var response = await portal.SignInAsync(email, Accounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sb.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static HttpClient CookieClient(AppFactory app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
