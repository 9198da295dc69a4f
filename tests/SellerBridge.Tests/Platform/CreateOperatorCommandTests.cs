using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Tests.Platform;

public sealed class CreateOperatorCommandTests
{
    [Theory]
    [AllProviders]
    public async Task The_command_prints_one_json_line_whose_one_time_password_signs_in_to_the_change_password_page(string provider)
    {
        using var database = TestDatabase.Create(provider);

        var (exitCode, stdout, stderr) = await RunAsync(database, "create-operator", "--email", "Kim.Ops@Kmall24.kr", "--name", "김운영");

        Assert.True(exitCode == 0, stderr);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var operatorId = json.RootElement.GetProperty("operatorId").GetInt64();
        Assert.Equal("kim.ops@kmall24.kr", json.RootElement.GetProperty("email").GetString());
        var oneTimePassword = json.RootElement.GetProperty("oneTimePassword").GetString()!;
        Assert.True(oneTimePassword.Length >= 10, oneTimePassword);
        Assert.DoesNotContain(oneTimePassword, stderr);

        await using var app = new AppFactory(database, ownsDatabase: false);
        await using (var connection = await app.Db.OpenAsync())
        {
            var row = await connection.QuerySingleAsync<(string Role, string DisplayName, string PasswordHash, int MustChange, long? SellerId)>(
                "SELECT role, display_name, password_hash, CASE WHEN must_change_password_since IS NULL THEN 0 ELSE 1 END, seller_id FROM users WHERE id = @operatorId",
                new { operatorId });
            Assert.Equal("Operator", row.Role);
            Assert.Equal("김운영", row.DisplayName);
            Assert.Null(row.SellerId);
            Assert.Equal(1, row.MustChange);
            Assert.DoesNotContain(oneTimePassword, row.PasswordHash);
            Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, app.Get<Passwords>().Verify(row.PasswordHash, oneTimePassword));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'OperatorCreated'"));
        }

        using var portal = app.Portal();
        using var signIn = await portal.SignInAsync("kim.ops@kmall24.kr", oneTimePassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(PasswordChangeGate.ChangePasswordPath, signIn.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Without_an_email_it_prints_the_usage_and_creates_nothing()
    {
        using var database = TestDatabase.Create("Sqlite");

        var (exitCode, stdout, stderr) = await RunAsync(database, "create-operator", "--name", "김운영");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout.Trim());
        Assert.Contains("usage: create-operator --email", stderr);
        // It stops before touching the database at all.
        await using var connection = await database.Open().OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'users'"));
    }

    [Fact]
    public async Task An_invalid_email_fails_with_a_message_and_creates_nothing()
    {
        using var database = TestDatabase.Create("Sqlite");

        var (exitCode, stdout, stderr) = await RunAsync(database, "create-operator", "--email", "not-an-email");

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout.Trim());
        Assert.Contains("email: Enter a valid email address.", stderr);
        Assert.Equal(0, await OperatorCountAsync(database));
    }

    [Theory]
    [AllProviders]
    public async Task An_email_already_used_fails_with_a_message_and_changes_nothing(string provider)
    {
        using var database = TestDatabase.Create(provider);
        var first = await RunAsync(database, "create-operator", "--email", "ops@kmall24.kr");
        Assert.True(first.ExitCode == 0, first.Stderr);
        await using var before = await database.Open().OpenAsync(TestContext.Current.CancellationToken);
        var hash = await before.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE email = 'ops@kmall24.kr'");

        var (exitCode, stdout, stderr) = await RunAsync(database, "create-operator", "--email", "OPS@kmall24.kr", "--name", "다른 사람");

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout.Trim());
        Assert.Contains("email: An account with this email already exists.", stderr);
        Assert.Equal(1, await OperatorCountAsync(database));
        Assert.Equal(hash, await before.ExecuteScalarAsync<string>("SELECT password_hash FROM users WHERE email = 'ops@kmall24.kr'"));
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TestDatabase database, params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider.ToString(),
            ["ConnectionStrings__SellerBridge"] = database.ConnectionString,
            ["Jobs__Enabled"] = "false",
        };
        using Process process = Repo.StartApp(env, args);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<int> OperatorCountAsync(TestDatabase database)
    {
        await using var connection = await database.Open().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE role = 'Operator'");
    }
}
