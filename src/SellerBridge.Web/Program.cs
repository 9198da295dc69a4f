using SellerBridge.Web.Features.Operator;
using SellerBridge.Web.Infrastructure;

// The operator commands run against the same configuration as the app, without serving requests.
var command = args.Length > 0 && args[0] is CreateSellerCommand.Name or CreateOperatorCommand.Name ? args[0] : null;
var builder = WebApplication.CreateBuilder(AppExtensions.HostArgs(command is null ? args : []));
if (command is not null)
{
    // Logs go to stderr, so that stdout holds the command's one JSON line only.
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
}

builder.AddSellerBridge();

var app = builder.Build();
switch (command)
{
    case CreateSellerCommand.Name:
        return await CreateSellerCommand.RunAsync(app.Services, args);
    case CreateOperatorCommand.Name:
        return await CreateOperatorCommand.RunAsync(app.Services, args);
}

app.UseSellerBridge();
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
