using System.Net;
using System.Text.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Platform;

public sealed class CreateSellerCommandTests
{
    [Theory]
    [AllProviders]
    public async Task The_command_prints_one_json_line_whose_key_works_against_the_same_database(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var brn = Accounts.RandomBrn();
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["ConnectionStrings__SellerBridge"] = database.ConnectionString,
            ["Jobs__Enabled"] = "false",
        };

        using var process = Repo.StartApp(env, "create-seller", "--email", "ceo@jeju-tea.kr", "--company", "제주녹차 농업회사법인", "--brn", brn, "--approve");
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var sellerId = json.RootElement.GetProperty("sellerId").GetInt64();
        var apiKey = json.RootElement.GetProperty("apiKey").GetString()!;

        await using var app = new AppFactory(database, ownsDatabase: false);
        using var api = app.Api(apiKey);
        var me = await api.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains($"\"sellerId\":{sellerId}", await me.Content.ReadAsStringAsync());
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal("Approved", await connection.ExecuteScalarAsync<string>("SELECT status FROM sellers WHERE id = @sellerId", new { sellerId }));
    }

    [Fact]
    public async Task A_bad_registration_number_fails_with_a_message_and_creates_nothing()
    {
        using var database = TestDatabase.Create("Sqlite");
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__SellerBridge"] = database.ConnectionString,
        };

        using var process = Repo.StartApp(env, "create-seller", "--email", "a@b.kr", "--company", "X", "--brn", "1234567890");
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", stdout.Trim());
        Assert.Contains("check digit", stderr);
        await using var connection = await database.Open().OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sellers"));
    }
}
