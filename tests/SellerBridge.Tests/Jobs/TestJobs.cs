using System.Collections.Concurrent;
using Dapper;
using Quartz;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Jobs;

/// <summary>Remembers the data each run saw, by the run's "token", so a test can check its own run.</summary>
public sealed class RecordingJob : IJob
{
    public static readonly ConcurrentDictionary<string, string?> Seen = new();

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        Seen[context.MergedJobDataMap.GetString("token")!] = context.MergedJobDataMap.GetString("value");
        return ValueTask.CompletedTask;
    }
}

/// <summary>Fails with the message it is given.</summary>
public sealed class FailingJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(context.MergedJobDataMap.GetString("message"));
}

/// <summary>Waiting for background work with a generous limit; never a timing assertion.</summary>
public static class JobWait
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public sealed record Run(string JobName, string JobGroup, string Outcome, string? Message, string Node);

    /// <summary>The finished runs of a job, waiting until there are at least <paramref name="count"/>.</summary>
    public static async Task<IReadOnlyList<Run>> FinishedRunsAsync(AppFactory app, string jobName, int count = 1)
    {
        var until = DateTime.UtcNow + Limit;
        while (true)
        {
            await using (var connection = await app.Db.OpenAsync())
            {
                var runs = (await connection.QueryAsync<Run>(
                    """
                    SELECT job_name AS JobName, job_group AS JobGroup, outcome AS Outcome, message AS Message, node AS Node
                    FROM job_runs WHERE job_name = @jobName AND outcome <> 'Running' ORDER BY id
                    """,
                    new { jobName })).ToList();
                if (runs.Count >= count)
                {
                    return runs;
                }
            }

            Assert.True(DateTime.UtcNow < until, $"{jobName} did not finish {count} run(s) within {Limit.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    public static Dictionary<string, string?> Enabled(bool enabled = true) => new() { ["Jobs:Enabled"] = enabled ? "true" : "false" };
}
