using System.Net;
using System.Text.Json;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Mapping;

namespace SellerBridge.Tests.Security;

/// <summary>What an anonymous caller learns about the installation: that it is up, and nothing more.</summary>
[Collection(ProcessCollection.Name)]
public sealed class AnonymousInformationTests
{
    [Theory]
    [AllProviders]
    public async Task Health_tells_anyone_the_status_only_and_an_operator_the_details(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        using var anonymous = app.CreateClient();
        using var asSeller = await ProductRows.SellerAsync(app, seller);
        using var asOperator = await ProductRows.OperatorAsync(app);

        foreach (var client in new[] { anonymous, asSeller.Http })
        {
            using var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
        }

        using var detailed = await asOperator.Http.GetAsync("/health");
        var body = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(provider, body.GetProperty("checks").GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself_in_a_server_header()
    {
        using var database = TestDatabase.Create("Sqlite");
        await using var app = await RunningApp.StartAsync(database, new Dictionary<string, string> { ["Jobs__Enabled"] = "false" });
        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };

        using var page = await http.GetAsync("/account/login");
        using var health = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Server"), string.Join(", ", page.Headers.Server));
        Assert.False(health.Headers.Contains("Server"));
    }
}
