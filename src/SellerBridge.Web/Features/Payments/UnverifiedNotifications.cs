using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// What a notification whose signature does not verify may cost us. Anyone can post one, so:
/// each source gets a few a minute (more are refused unread with 429), only a sample is kept for
/// inspection (a few an hour per node, their fields cut short), and kept ones are deleted after
/// two weeks. A verified notification never passes through here: it is recorded in full.
/// </summary>
public sealed class UnverifiedNotifications : IDisposable
{
    public const string Reason = "signature does not verify";

    /// <summary>The processor resends a refused notification 8 times in 25 hours; ten a minute is far above any honest mistake.</summary>
    public const int PerSourcePerMinute = 10;

    public const int KeptPerHour = 20;

    /// <summary>A real notification's form is about 1 KB; the first kilobyte shows what was tried.</summary>
    public const int MaxRawChars = 1024;

    public const int MaxFieldChars = 64;

    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(14);

    private readonly PartitionedRateLimiter<string> _perSource = PartitionedRateLimiter.Create<string, string>(source =>
        RateLimitPartition.GetFixedWindowLimiter(source, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerSourcePerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    private readonly FixedWindowRateLimiter _kept = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = KeptPerHour,
        Window = TimeSpan.FromHours(1),
        QueueLimit = 0,
    });

    public enum Decision
    {
        /// <summary>Record it, cut short.</summary>
        Keep,

        /// <summary>Answer it, record nothing: enough of them were kept this hour.</summary>
        Skip,

        /// <summary>Its source sent too many: refuse it.</summary>
        Throttle,
    }

    public Decision Admit(IPAddress? source)
    {
        using var fromSource = _perSource.AttemptAcquire(SourceKey(source));
        if (!fromSource.IsAcquired)
        {
            return Decision.Throttle;
        }

        using var kept = _kept.AttemptAcquire();
        return kept.IsAcquired ? Decision.Keep : Decision.Skip;
    }

    public static string? Cut(string? text, int max) => text is { } t && t.Length > max ? t[..max] : text;

    /// <summary>An IPv6 sender usually holds a whole /64, so that is one source.</summary>
    public static string SourceKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    public void Dispose()
    {
        _perSource.Dispose();
        _kept.Dispose();
    }
}
