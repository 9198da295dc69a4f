using System.Collections.Concurrent;
using SellerBridge.Web.Infrastructure.Telemetry;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>
/// The bans the gateway announced (code 7), per API method. While one runs, the client does not send
/// that method at all: the platform lengthens bans for apps that keep calling. With a shared book
/// (the app's database), a ban one process meets holds for every process, and after a restart: each
/// process reads the book at most once a second, so the others stop within about a second.
/// </summary>
public sealed class TopBans(TimeProvider time, ISharedBans? shared = null, ILogger<TopBans>? logger = null)
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, TopError Error)> _bans = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>Notes a ban here and in the shared book; a failure to share it is logged, never thrown (the ban holds here regardless).</summary>
    public async Task RecordAsync(string method, DateTimeOffset until, TopError error, CancellationToken cancellationToken)
    {
        Remember(method, until, error);
        SellerBridgeTelemetry.MarketplaceBans.Add(1, new KeyValuePair<string, object?>("method", method));
        if (shared is null)
        {
            return;
        }

        try
        {
            await shared.RecordAsync(method, until, error, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger?.LogWarning(exception, "The ban on {Method} could not be shared with the other nodes", method);
        }
    }

    /// <summary>The running ban on <paramref name="method"/>, if any, here or (read at most once a second) in the shared book.</summary>
    public async ValueTask<(DateTimeOffset Until, TopError Error)?> ActiveAsync(string method, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (shared is not null && now - _readAt >= ReadEvery && await _reading.WaitAsync(0, cancellationToken))
        {
            // One caller reads while the others go on with what is known.
            try
            {
                foreach (var (name, until, error) in await shared.ActiveAsync(now, cancellationToken))
                {
                    Remember(name, until, error);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger?.LogWarning(exception, "The shared ban book could not be read; going on with this node's bans");
            }
            finally
            {
                _readAt = now;
                _reading.Release();
            }
        }

        return _bans.TryGetValue(method, out var ban) && ban.Until > now ? ban : null;
    }

    private void Remember(string method, DateTimeOffset until, TopError error) =>
        _bans.AddOrUpdate(method, (until, error), (_, existing) => existing.Until >= until ? existing : (until, error));
}
