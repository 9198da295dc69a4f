namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>
/// Our ceiling on calls to the marketplace (<c>Marketplace:CallsPerSecond</c>). In-process now; a
/// deployment-wide limiter on the database plugs in here later, which is why it sees the method name
/// and why waiting is asynchronous.
/// </summary>
public interface ICallRateLimiter
{
    /// <summary>Completes when one call to <paramref name="method"/> may be sent.</summary>
    ValueTask WaitAsync(string method, CancellationToken cancellationToken);
}

/// <summary>A token bucket shared by every call in this process: bursts up to one second's worth, then steady.</summary>
public sealed class TokenBucketCallRateLimiter : ICallRateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private double _tokens;
    private DateTimeOffset _refilledAt;

    public TokenBucketCallRateLimiter(int callsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerSecond, 1);
        _time = time;
        _perSecond = callsPerSecond;
        _tokens = callsPerSecond;
        _refilledAt = time.GetUtcNow();
    }

    public async ValueTask WaitAsync(string method, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                _tokens = Math.Min(_perSecond, _tokens + (now - _refilledAt).TotalSeconds * _perSecond);
                _refilledAt = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }
}
