using SellerBridge.Web.Features.Sellers;

namespace SellerBridge.Tests.Infrastructure;

/// <summary>Builders for accounts: each test makes its own sellers and operators.</summary>
public static class Accounts
{
    public const string Password = "correct-horse-battery";

    public sealed record Seller(long Id, string Email, string Brn, string ApiKey);

    /// <summary>A valid, random 사업자등록번호 (ten digits with its check digit).</summary>
    public static string RandomBrn()
    {
        int[] weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
        var d = new int[10];
        for (var i = 0; i < 9; i++)
        {
            d[i] = Random.Shared.Next(i == 0 ? 1 : 0, 10);
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += d[i] * weights[i];
        }

        sum += d[8] * 5 / 10;
        d[9] = (10 - (sum % 10)) % 10;
        return string.Concat(d);
    }

    public static async Task<Seller> CreateAsync(AppFactory app, string status = "Approved", string? email = null)
    {
        email ??= $"seller-{Guid.NewGuid():N}"[..19] + "@example.kr";
        var brn = RandomBrn();
        var created = await app.Get<SellerAccounts>().CreateAsync(
            new SellerAccounts.NewSeller("테스트상사 " + brn[..4], brn, "홍길동", email, Password), status);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        var key = await app.Get<ApiKeys>().CreateForSellerAsync(created.SellerId, "test");
        return new Seller(created.SellerId, email, brn, key.Key);
    }

    public static async Task<string> CreateOperatorAsync(AppFactory app)
    {
        var email = $"op-{Guid.NewGuid():N}"[..12] + "@sellerbridge.test";
        await app.Get<SellerAccounts>().EnsureOperatorAsync(email, Password, "운영자");
        return email;
    }

    /// <summary><c>/health</c> with its details, which only a signed-in operator is shown.</summary>
    public static async Task<string> OperatorHealthAsync(AppFactory app)
    {
        using var portal = app.Portal();
        var signIn = await portal.SignInAsync(await CreateOperatorAsync(app), Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        return await portal.Http.GetStringAsync("/health");
    }
}
