using System.Security.Cryptography;
using SellerBridge.Sandbox.Marketplace;

namespace SellerBridge.Sandbox;

/// <summary>
/// Runs the sandbox on its own: <c>dotnet run --project src/SellerBridge.Sandbox</c>. Credentials not
/// given in Sandbox:Marketplace are generated for this run and printed, since the state lives in memory.
/// (A named entry point rather than top-level statements, so that the Web app's <c>Program</c> stays unambiguous.)
/// </summary>
public static class SandboxProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var section = builder.Configuration.GetSection(SandboxOptions.Section);
        var appKey = section["AppKey"] is { Length: > 0 } k ? k : RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var appSecret = section["AppSecret"] is { Length: > 0 } s ? s : Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var sessionKey = section["SessionKey"] is { Length: > 0 } t ? t : "6100" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
        builder.Services.AddSandboxMarketplace(o =>
        {
            o.AppKey = appKey;
            o.AppSecret = appSecret;
            o.SessionKey = sessionKey;
        });

        var app = builder.Build();
        app.MapSandboxMarketplace();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // Printed to the console, not logged: these are credentials.
            foreach (var address in app.Urls)
            {
                Console.WriteLine($"Sandbox marketplace: {address.TrimEnd('/')}/router/rest");
            }

            Console.WriteLine($"  Marketplace__AppKey={appKey}");
            Console.WriteLine($"  Marketplace__AppSecret={appSecret}");
            Console.WriteLine($"  Marketplace__SessionKey={sessionKey}");
        });
        await app.RunAsync();
    }
}
