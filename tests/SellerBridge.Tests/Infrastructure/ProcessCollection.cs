namespace SellerBridge.Tests.Infrastructure;

/// <summary>
/// Tests that run the app as separate processes and measure timing-sensitive behaviour (call rates,
/// kills mid-job, a browser) run on their own, not beside the rest of the suite on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "Processes";
}
