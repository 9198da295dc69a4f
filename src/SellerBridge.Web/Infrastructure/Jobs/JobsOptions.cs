using System.ComponentModel.DataAnnotations;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> section: whether this process runs background jobs, and how.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// When false the scheduler is built but never started: this node can still queue jobs into the
    /// store for a worker node to run.
    /// </summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 64)]
    public int ThreadCount { get; set; } = 4;

    /// <summary>The scheduler name every node of one deployment shares; it keys the rows in the store.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,100}$")]
    public string InstanceName { get; set; } = "SellerBridge";

    /// <summary>How often a clustered node reports itself alive; a node silent for longer is recovered by the others.</summary>
    [Range(1, 3600)]
    public int CheckinIntervalSeconds { get; set; } = 15;

    [Range(1, 7 * 24 * 60)]
    public int CleanupIntervalMinutes { get; set; } = 60;
}
