using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Features.Sellers;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Infrastructure.Sandbox;

/// <summary>
/// In Sandbox mode only: on first start creates a demo operator and a demo approved seller with
/// generated passwords, and prints the URL and those logins to the console (not to the log). A
/// password is printed once, when it is made, and stored only as its hash; later starts print the
/// logins without it. <c>Sandbox:ResetDemoPasswords=true</c> makes new ones (ending the demo
/// users' sessions) and prints them. Never runs in Live mode.
/// </summary>
public sealed class SandboxSeed(
    Db db,
    SellerAccounts accounts,
    IOptions<MarketplaceOptions> marketplace,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<SandboxSeed> logger) : IHostedService
{
    public const string OperatorEmail = "operator@sellerbridge.local";
    public const string SellerEmail = "demo-seller@sellerbridge.local";
    public const string DemoBrn = "2208112341";
    public const string ResetSetting = "Sandbox:ResetDemoPasswords";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (marketplace.Value.Mode != MarketplaceMode.Sandbox || !configuration.GetValue("Sandbox:SeedDemoAccounts", true))
        {
            return;
        }

        var reset = configuration.GetValue(ResetSetting, false);
        string? operatorPassword = NewPassword();
        if (!await accounts.EnsureOperatorAsync(OperatorEmail, operatorPassword, "SellerBridge 운영자"))
        {
            operatorPassword = reset && await accounts.SetPasswordAsync(OperatorEmail, operatorPassword) ? operatorPassword : null;
        }

        string? sellerPassword = NewPassword();
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM users WHERE email = @SellerEmail", new { SellerEmail }) == 0)
            {
                var created = await accounts.CreateAsync(
                    new SellerAccounts.NewSeller("코리아뷰티 주식회사 (데모)", DemoBrn, "김데모", SellerEmail, sellerPassword),
                    status: "Approved");
                if (!created.Succeeded)
                {
                    logger.LogWarning("The demo seller was not created: {Errors}", string.Join("; ", created.Errors.Values));
                    sellerPassword = null;
                }
            }
            else
            {
                sellerPassword = reset && await accounts.SetPasswordAsync(SellerEmail, sellerPassword) ? sellerPassword : null;
            }
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine("SellerBridge is running (Sandbox mode: marketplace and payments are simulated).");
            foreach (var address in addresses)
            {
                Console.WriteLine($"  Open:     {address}");
            }

            Console.WriteLine(Login("Operator:", OperatorEmail, operatorPassword));
            Console.WriteLine(Login("Seller:  ", SellerEmail, sellerPassword));
            if (operatorPassword is not null || sellerPassword is not null)
            {
                Console.WriteLine("  These passwords are shown only now: SellerBridge keeps only their hashes.");
            }

            if (operatorPassword is null || sellerPassword is null)
            {
                Console.WriteLine($"  Passwords are shown only at the start that makes them (the first); for new ones, start once with --{ResetSetting}=true.");
            }

            Console.WriteLine();
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Login(string label, string email, string? password) =>
        password is null ? $"  {label} {email}" : $"  {label} {email} / {password}";

    private static string NewPassword() => "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
