using System.Net;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

public sealed class DataProtectionTests
{
    [Theory]
    [AllProviders]
    public async Task A_cookie_issued_by_one_node_is_accepted_by_another_on_the_same_database(string provider)
    {
        using var database = TestDatabase.Create(provider);
        await using var nodeA = new AppFactory(database, ownsDatabase: false);
        var seller = await Accounts.CreateAsync(nodeA);
        using var portalA = nodeA.Portal();
        var signIn = await portalA.SignInAsync(seller.Email, Accounts.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sb.auth=", StringComparison.Ordinal)).Split(';')[0];

        await using var nodeB = new AppFactory(database, ownsDatabase: false);
        using var clientB = nodeB.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", cookie);

        var response = await clientB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("대시보드", await response.Content.ReadAsStringAsync());
    }
}
