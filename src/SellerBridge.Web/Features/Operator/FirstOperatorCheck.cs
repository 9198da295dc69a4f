using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Features.Operator;

/// <summary>
/// In Live mode nobody but an operator can admit sellers, map categories or set rates, and only
/// the sandbox seed makes one by itself: a Live start without any says how to make the first.
/// Runs after the migrations (registered after them), so the users table is there.
/// </summary>
public sealed class FirstOperatorCheck(OperatorAccounts operators, IOptions<MarketplaceOptions> marketplace, ILogger<FirstOperatorCheck> logger) : IHostedService
{
    public const string HowTo =
        "dotnet run --project src/SellerBridge.Web -- create-operator --email you@example.com --name \"Your name\" " +
        "(a published app: dotnet SellerBridge.Web.dll create-operator --email you@example.com)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (marketplace.Value.Mode != MarketplaceMode.Live || await operators.AnyAsync(cancellationToken))
        {
            return;
        }

        logger.LogWarning(
            "No operator exists yet, so nobody can admit sellers, map categories or set rates. Create the first one with the same configuration as this app: {Command}. It prints a one-time password to change at first sign-in.",
            HowTo);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
