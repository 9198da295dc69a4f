namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// At most one run of this job at a time across every node. A recurring job that finds the previous
/// run still going skips its turn (the next turn comes soon); <see cref="Wait"/> makes a run wait for
/// the lock instead, for work that must not be lost (a recompute an operator asked for).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OneAtATimeAttribute : Attribute
{
    /// <summary>Wait for the running one to end (up to <see cref="JobMutex.MaxWait"/>) instead of skipping.</summary>
    public bool Wait { get; init; }
}
