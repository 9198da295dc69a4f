using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SellerBridge.Web.Infrastructure.Jobs;

/// <summary>
/// The <c>scheduler</c> entry of <c>/health</c>: healthy when this node's job server is alive in the
/// store, or when this node is configured not to run jobs at all.
/// </summary>
public sealed class SchedulerHealthCheck(JobStorage storage, JobServerIdentity identity, IOptions<JobsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var statistics = monitoring.GetStatistics();
            var data = new Dictionary<string, object>
            {
                ["enabled"] = options.Value.Enabled,
                ["storage"] = identity.StorageName,
                ["clustered"] = identity.Shared,
                ["servers"] = statistics.Servers,
                ["enqueued"] = statistics.Enqueued,
                ["processing"] = statistics.Processing,
                ["failed"] = statistics.Failed,
                ["jobsExecuted"] = statistics.Succeeded,
            };
            if (!options.Value.Enabled)
            {
                return Task.FromResult(HealthCheckResult.Healthy("Jobs are not run on this node (Jobs__Enabled=false).", data));
            }

            var server = monitoring.Servers().FirstOrDefault(s => s.Name.StartsWith(identity.Name + ":", StringComparison.Ordinal) || s.Name == identity.Name);
            data["running"] = server is not null;
            data["standby"] = false;
            data["instanceId"] = identity.Name;
            data["workers"] = server?.WorkersCount ?? 0;
            return Task.FromResult(server is not null
                ? HealthCheckResult.Healthy("Job server running.", data)
                : HealthCheckResult.Degraded("The job server has not reported itself yet.", data: data));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Job storage not available: {ex.GetType().Name}", ex));
        }
    }
}

/// <summary>This node's job server name (what <c>job_runs.node</c> shows) and what its storage is.</summary>
public sealed class JobServerIdentity(string name, string storageName, bool shared)
{
    public string Name { get; } = name;

    public string StorageName { get; } = storageName;

    /// <summary>Whether the store is shared by every process on the database (false: this process's memory).</summary>
    public bool Shared { get; } = shared;
}
