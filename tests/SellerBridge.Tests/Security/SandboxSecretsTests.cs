using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Security;

/// <summary>The demo logins as the README's first command starts the app: a password is printed once, when made, and stored only hashed.</summary>
[Collection(ProcessCollection.Name)]
public sealed class SandboxSecretsTests
{
    [Fact]
    public async Task Demo_passwords_are_printed_once_stored_only_as_hashes_and_can_be_made_anew()
    {
        using var database = TestDatabase.Create("Sqlite");
        var environment = new Dictionary<string, string> { ["Jobs__Enabled"] = "false" };
        string operatorPassword, sellerPassword;
        await using (var first = await RunningApp.StartAsync(database, environment))
        {
            (operatorPassword, sellerPassword) = (first.OperatorPassword, first.SellerPassword);
            Assert.StartsWith("demo-", operatorPassword);
            Assert.StartsWith("demo-", sellerPassword);
        }

        await using (var connection = await database.Open().OpenAsync())
        {
            var settings = string.Join("\n", await connection.QueryAsync<string>("SELECT name || '=' || value FROM app_settings"));
            var users = string.Join("\n", await connection.QueryAsync<string>("SELECT email || ' ' || password_hash FROM users"));
            foreach (var password in new[] { operatorPassword, sellerPassword })
            {
                Assert.DoesNotContain(password, settings);
                Assert.DoesNotContain(password, users);
            }
        }

        await using (var second = await RunningApp.StartAsync(database, environment))
        {
            Assert.DoesNotContain(operatorPassword, second.Output);
            Assert.DoesNotContain(sellerPassword, second.Output);
            Assert.Contains("operator@sellerbridge.local", second.Output);
            Assert.Contains("Sandbox:ResetDemoPasswords=true", second.Output);
            Assert.Equal("", second.OperatorPassword);
        }

        environment["Sandbox__ResetDemoPasswords"] = "true";
        await using var reset = await RunningApp.StartAsync(database, environment);
        Assert.StartsWith("demo-", reset.OperatorPassword);
        Assert.NotEqual(operatorPassword, reset.OperatorPassword);
        Assert.NotEqual(sellerPassword, reset.SellerPassword);
    }
}
