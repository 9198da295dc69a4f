namespace SellerBridge.Tests.Marketplace;

/// <summary>
/// A clock that moves only when told to, or when code waits on it: a timer jumps the clock to its
/// due time and fires at once, so back-off and rate-limit waits cost no real time and leave a record.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now = start;

    public static DateTimeOffset DefaultStart { get; } = new(2025, 3, 14, 1, 30, 0, TimeSpan.Zero);

    public ManualClock() : this(DefaultStart)
    {
    }

    /// <summary>Every wait anybody made on this clock, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_lock)
            {
                return [.. _waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new JumpingTimer(this, callback, state, dueTime);

    private sealed class JumpingTimer : ITimer
    {
        private readonly ManualClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private int _generation;

        public JumpingTimer(ManualClock clock, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            (_clock, _callback, _state) = (clock, callback, state);
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var generation = Interlocked.Increment(ref _generation);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            lock (_clock._lock)
            {
                _clock._waits.Add(dueTime);
            }

            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (Volatile.Read(ref _generation) != generation)
                {
                    return;
                }

                _clock.Advance(dueTime);
                _callback(_state);
            });
            return true;
        }

        public void Dispose() => Interlocked.Increment(ref _generation);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
