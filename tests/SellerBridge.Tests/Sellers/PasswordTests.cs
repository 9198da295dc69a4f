using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Tests.Sellers;

public sealed class PasswordTests
{
    [Fact]
    public void New_hashes_use_pbkdf2_hmac_sha512_with_owasp_iterations()
    {
        var hash = new Passwords().Hash("s3cret-password");
        var (prf, iterations) = Passwords.Describe(hash);
        Assert.Equal(2, prf); // KeyDerivationPrf.HMACSHA512
        Assert.True(iterations >= 210_000, $"iterations = {iterations}");
    }

    [Theory]
    [AllProviders]
    public async Task An_older_weaker_hash_still_signs_in_and_is_rehashed(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        var weak = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }))
            .HashPassword(new object(), "an-old-password-1");
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE users SET password_hash = @weak WHERE email = @Email", new { weak, seller.Email });
        }

        using var portal = app.Portal();
        var response = await portal.SignInAsync(seller.Email, "an-old-password-1");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        await using var check = await app.Db.OpenAsync();
        var stored = await check.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE email = @Email", new { seller.Email });
        Assert.NotEqual(weak, stored);
        Assert.Equal(Passwords.Iterations, Passwords.Describe(stored!).Iterations);
    }
}
