using System.Text.Json;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Operator;

/// <summary>
/// <c>create-operator --email E [--name N]</c>: creates an operator with a one-time password
/// against the configured database and prints one JSON line; the first operator of a Live
/// deployment is made this way, the others are invited in the portal.
/// </summary>
public static class CreateOperatorCommand
{
    public const string Name = "create-operator";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = CreateSellerCommand.Parse(args);
        if (!options.TryGetValue("email", out var email) || email == "true")
        {
            await Console.Error.WriteLineAsync("usage: create-operator --email E [--name N]");
            return 2;
        }

        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
        // Printed below and nowhere else, so it counts as shown now: the portal never shows it.
        var result = await services.GetRequiredService<OperatorAccounts>().CreateAsync(email, options.GetValueOrDefault("name"), invitedBy: null, shownNow: true);
        if (result.Operator is not { } created)
        {
            foreach (var (field, message) in result.Errors)
            {
                await Console.Error.WriteLineAsync($"{field.ToLowerInvariant()}: {message}");
            }

            return 1;
        }

        Console.WriteLine(JsonSerializer.Serialize(new { operatorId = created.UserId, email = created.Email, oneTimePassword = created.OneTimePassword }));
        return 0;
    }
}
