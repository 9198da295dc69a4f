using System.Collections.Concurrent;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Jobs;

/// <summary>Remembers the value each run saw, by the run's token, so a test can check its own run.</summary>
public sealed class RecordingJob
{
    public static readonly ConcurrentDictionary<string, string?> Seen = new();

    public Task RunAsync(string token, string? value, CancellationToken cancellationToken)
    {
        Seen[token] = value;
        return Task.CompletedTask;
    }
}

/// <summary>Fails with the message it is given.</summary>
public sealed class FailingJob
{
    public Task RunAsync(string message, CancellationToken cancellationToken) => throw new InvalidOperationException(message);
}

/// <summary>Holds its run open until the test lets it go, counting how many runs are inside at once.</summary>
[SellerBridge.Web.Infrastructure.Jobs.OneAtATime]
public sealed class SlowRecurringJob : SellerBridge.Web.Infrastructure.Jobs.IRecurringJob
{
    public static readonly SemaphoreSlim Release = new(0);
    public static int Inside;
    public static int MostInside;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inside = Interlocked.Increment(ref Inside);
        MostInside = Math.Max(MostInside, inside);
        try
        {
            await Release.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref Inside);
        }
    }
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
