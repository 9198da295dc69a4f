using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>The background loop of simulated buyers ordering live items (off with <c>Sandbox:Marketplace:Buyers:Enabled=false</c>).</summary>
public sealed class SimulatedBuyers(SandboxTrades trades, IOptions<SandboxOptions> options, TimeProvider time, ILogger<SimulatedBuyers> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var buyers = options.Value.Buyers;
        if (!buyers.Enabled)
        {
            return;
        }

        var random = options.Value.Seed is { } seed ? new Random(seed) : new Random();
        using var timer = new PeriodicTimer(s_tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                trades.Tick(random, buyers, s_tick);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A simulator hiccup must not stop the buyers for the rest of the run.
                logger.LogWarning(exception, "Simulated buyers' tick failed");
            }
        }
    }
}
