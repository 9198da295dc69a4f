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
/// generated passwords, and at every start prints the URL and those logins to the console (not
/// to the log). Never runs in Live mode.
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (marketplace.Value.Mode != MarketplaceMode.Sandbox || !configuration.GetValue("Sandbox:SeedDemoAccounts", true))
        {
            return;
        }

        var operatorPassword = await SettingAsync("sandbox.demo.operator_password", cancellationToken);
        var sellerPassword = await SettingAsync("sandbox.demo.seller_password", cancellationToken);
        await accounts.EnsureOperatorAsync(OperatorEmail, operatorPassword, "SellerBridge 운영자");
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
                }
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

            Console.WriteLine($"  Operator: {OperatorEmail} / {operatorPassword}");
            Console.WriteLine($"  Seller:   {SellerEmail} / {sellerPassword}");
            Console.WriteLine();
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads a generated sandbox value, creating it on first use; several nodes agree on the first one written.</summary>
    private async Task<string> SettingAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var value = await connection.ExecuteScalarAsync<string?>("SELECT value FROM app_settings WHERE name = @name", new { name });
        if (value is not null)
        {
            return value;
        }

        var generated = "demo-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        await connection.ExecuteAsync(
            db.Dialect.InsertIgnoreDuplicates("app_settings", "name, value", "@name, @generated", "name"),
            new { name, generated });
        return await connection.ExecuteScalarAsync<string>("SELECT value FROM app_settings WHERE name = @name", new { name }) ?? generated;
    }
}
