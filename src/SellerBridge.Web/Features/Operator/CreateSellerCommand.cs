using System.Security.Cryptography;
using System.Text.Json;
using SellerBridge.Web.Features.Sellers;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Operator;

/// <summary>
/// <c>create-seller --email E --company C --brn N [--contact NAME] [--approve]</c>: creates a seller
/// with an API key against the configured database and prints one JSON line.
/// </summary>
public static class CreateSellerCommand
{
    public const string Name = "create-seller";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = Parse(args);
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("company", out var company) || !options.TryGetValue("brn", out var brn))
        {
            await Console.Error.WriteLineAsync("usage: create-seller --email E --company C --brn NNNNNNNNNN [--contact NAME] [--approve]");
            return 2;
        }

        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
        var accounts = services.GetRequiredService<SellerAccounts>();
        // The seller signs in to the portal after a password reset by the operator; the key is what the command hands out.
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var result = await accounts.CreateAsync(
            new SellerAccounts.NewSeller(company, brn, options.GetValueOrDefault("contact") ?? company, email, password),
            status: options.ContainsKey("approve") ? "Approved" : "Pending");
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                await Console.Error.WriteLineAsync($"{field}: {message}");
            }

            return 1;
        }

        var key = await services.GetRequiredService<ApiKeys>().CreateForSellerAsync(result.SellerId, "create-seller");
        Console.WriteLine(JsonSerializer.Serialize(new { sellerId = result.SellerId, apiKey = key.Key }));
        return 0;
    }

    /// <summary><c>--key value</c> pairs after the command name; a key without a value reads <c>true</c>.</summary>
    internal static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var key = args[i][2..];
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                result[key] = args[++i];
            }
            else
            {
                result[key] = "true";
            }
        }

        return result;
    }
}
