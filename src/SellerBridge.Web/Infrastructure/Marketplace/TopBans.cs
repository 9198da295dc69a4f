using System.Collections.Concurrent;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>
/// The bans the gateway announced (code 7), per API method. While one runs, the client does not send
/// that method at all: the platform lengthens bans for apps that keep calling.
/// </summary>
public sealed class TopBans(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, TopError Error)> _bans = new(StringComparer.Ordinal);

    public void Record(string method, DateTimeOffset until, TopError error) =>
        _bans.AddOrUpdate(method, (until, error), (_, existing) => existing.Until >= until ? existing : (until, error));

    /// <summary>The running ban on <paramref name="method"/>, if any.</summary>
    public bool TryGetActive(string method, out DateTimeOffset until, out TopError? error)
    {
        if (_bans.TryGetValue(method, out var ban) && ban.Until > time.GetUtcNow())
        {
            (until, error) = ban;
            return true;
        }

        (until, error) = (default, null);
        return false;
    }
}
