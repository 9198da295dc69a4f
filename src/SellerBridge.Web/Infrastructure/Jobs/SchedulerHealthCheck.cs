using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// The <c>scheduler</c> entry of <c>/health</c>: healthy when this node runs jobs and its scheduler is
/// started, or when this node is configured not to run jobs at all.
/// </summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory schedulers, IOptions<JobsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return HealthCheckResult.Healthy(
                "Jobs are not run on this node (Jobs__Enabled=false).",
                new Dictionary<string, object> { ["enabled"] = false });
        }

        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var meta = await scheduler.GetMetadata(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["enabled"] = true,
                ["running"] = meta.Status == SchedulerStatus.Running,
                ["standby"] = meta.Status == SchedulerStatus.Standby,
                ["clustered"] = meta.JobStoreClustered,
                ["instanceId"] = meta.SchedulerInstanceId,
                ["jobsExecuted"] = meta.JobsExecuted,
            };
            return meta.Status switch
            {
                SchedulerStatus.Running => HealthCheckResult.Healthy("Scheduler running.", data),
                SchedulerStatus.Standby => HealthCheckResult.Degraded("Scheduler in standby: no jobs start on this node.", data: data),
                _ => HealthCheckResult.Unhealthy($"Scheduler is {meta.Status}.", data: data),
            };
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"Scheduler not available: {ex.GetType().Name}", ex);
        }
    }
}
