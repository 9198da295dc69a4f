using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Marketplace;

public enum SandboxFault
{
    None,
    IspError,
    Http502,
    Http503,
    Timeout,
}

/// <summary>
/// Decides which calls fail: queued faults first (tests script them), then the configured rates,
/// drawn from a seeded generator when <c>Seed</c> is set so that a run can be repeated.
/// </summary>
public sealed class SandboxFaults(IOptions<SandboxOptions> options)
{
    private readonly ConcurrentQueue<SandboxFault> _scripted = new();
    private readonly Lock _lock = new();
    private readonly Random _random = options.Value.Seed is { } seed ? new Random(seed) : new Random();

    /// <summary>The next calls fail like this, in order, whatever the rates say.</summary>
    public void Enqueue(params SandboxFault[] faults)
    {
        foreach (var fault in faults)
        {
            _scripted.Enqueue(fault);
        }
    }

    public SandboxFault Next()
    {
        if (_scripted.TryDequeue(out var scripted))
        {
            return scripted;
        }

        var o = options.Value;
        if (o.IspFaultRate <= 0 && o.HttpFaultRate <= 0 && o.TimeoutFaultRate <= 0)
        {
            return SandboxFault.None;
        }

        double roll;
        lock (_lock)
        {
            roll = _random.NextDouble();
        }

        return roll switch
        {
            _ when roll < o.IspFaultRate => SandboxFault.IspError,
            _ when roll < o.IspFaultRate + o.HttpFaultRate / 2 => SandboxFault.Http502,
            _ when roll < o.IspFaultRate + o.HttpFaultRate => SandboxFault.Http503,
            _ when roll < o.IspFaultRate + o.HttpFaultRate + o.TimeoutFaultRate => SandboxFault.Timeout,
            _ => SandboxFault.None,
        };
    }
}
