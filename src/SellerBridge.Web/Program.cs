using SellerBridge.Web.Features.Operator;
using SellerBridge.Web.Infrastructure;

// The operator command runs against the same configuration as the app, without serving requests.
var isCommand = args.Length > 0 && args[0] == CreateSellerCommand.Name;
var builder = WebApplication.CreateBuilder(AppExtensions.HostArgs(isCommand ? [] : args));
if (isCommand)
{
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
}

builder.AddSellerBridge();

var app = builder.Build();
if (isCommand)
{
    return await CreateSellerCommand.RunAsync(app.Services, args);
}

app.UseSellerBridge();
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
