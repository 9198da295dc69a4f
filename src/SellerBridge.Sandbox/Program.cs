namespace SellerBridge.Sandbox;

/// <summary>Runs the sandbox marketplace and payment processor on their own (filled by the marketplace work).</summary>
public static class SandboxProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "SellerBridge sandbox");
        await app.RunAsync();
    }
}
