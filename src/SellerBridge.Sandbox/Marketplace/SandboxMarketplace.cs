using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>
/// The simulated TOP gateway: checks the system parameters the way the real one does (app key,
/// timestamp, signature, session, method, call limit), injects the configured faults, and hands
/// the call to the item or trade methods.
/// </summary>
public sealed class SandboxMarketplace
{
    private readonly IOptions<SandboxOptions> _options;
    private readonly IMarketplaceStore _store;
    private readonly SandboxFaults _faults;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (bool NeedsSession, Func<TopRequest, JsonObject> Handle)> _methods;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly Lock _limitLock = new();
    private long _windowSecond;
    private int _windowCount;
    private DateTimeOffset _bannedUntil;

    public SandboxMarketplace(IOptions<SandboxOptions> options, IMarketplaceStore store, ItemMethods items, TradeMethods trades, SandboxFaults faults, TimeProvider time)
    {
        _options = options;
        _store = store;
        _faults = faults;
        _time = time;
        _methods = new(StringComparer.Ordinal)
        {
            ["taobao.itemcats.get"] = (false, items.ItemcatsGet),
            ["taobao.item.add"] = (true, items.Add),
            ["taobao.items.custom.get"] = (true, items.CustomGet),
            ["taobao.item.update"] = (true, items.Update),
            ["taobao.item.quantity.update"] = (true, items.QuantityUpdate),
            ["taobao.item.price.update"] = (true, items.PriceUpdate),
            ["taobao.item.seller.get"] = (true, items.SellerGet),
            ["taobao.item.update.delisting"] = (true, items.Delisting),
            ["taobao.item.update.listing"] = (true, items.Listing),
            ["taobao.trades.sold.increment.get"] = (true, trades.SoldIncrementGet),
            ["taobao.trade.fullinfo.get"] = (true, trades.FullinfoGet),
            ["taobao.logistics.offline.send"] = (true, trades.LogisticsOfflineSend),
        };
    }

    /// <summary>How many requests named <paramref name="method"/> reached the gateway (for tests and the console).</summary>
    public int CallsTo(string method) => _calls.GetValueOrDefault(method);

    public async Task HandleAsync(HttpContext context)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                parameters[key] = value.ToString();
            }
        }

        var method = parameters.GetValueOrDefault("method") ?? "";
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        var requestId = Guid.NewGuid().ToString("N")[..13];
        var options = _options.Value;
        if (options.LatencyMilliseconds > 0)
        {
            await Task.Delay(options.LatencyMilliseconds, context.RequestAborted);
        }

        JsonObject answer;
        var fault = _faults.Next();
        switch (fault)
        {
            case SandboxFault.Http502 or SandboxFault.Http503:
                context.Response.StatusCode = fault == SandboxFault.Http502 ? 502 : 503;
                await context.Response.WriteAsync("<html><body>Bad gateway</body></html>", context.RequestAborted);
                return;
            case SandboxFault.Timeout:
                // Held past any sensible client timeout; the client gives up first.
                await Task.Delay(TimeSpan.FromSeconds(options.TimeoutDelaySeconds), context.RequestAborted);
                answer = TopWire.Error(new SandboxError(15, "Remote service error", "isp.top-remote-connection-timeout", "remote service timed out"), requestId);
                break;
            case SandboxFault.IspError:
                answer = TopWire.Error(new SandboxError(15, "Remote service error", "isp.top-remote-connection-timeout", "remote service timed out"), requestId);
                break;
            default:
                answer = Answer(method, parameters, requestId);
                break;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private JsonObject Answer(string method, Dictionary<string, string> parameters, string requestId)
    {
        try
        {
            var now = _time.GetUtcNow();
            var shop = Authenticate(method, parameters, now, out var handler);
            Limit(now);
            return TopWire.Success(method, handler(new TopRequest(parameters, shop, now)), requestId);
        }
        catch (SandboxError error)
        {
            return TopWire.Error(error, requestId);
        }
    }

    private SandboxShop? Authenticate(string method, Dictionary<string, string> p, DateTimeOffset now, out Func<TopRequest, JsonObject> handler)
    {
        var o = _options.Value;
        if (method.Length == 0)
        {
            throw new SandboxError(21, "Missing method");
        }

        var appKey = p.GetValueOrDefault("app_key");
        if (string.IsNullOrEmpty(appKey))
        {
            throw new SandboxError(28, "Missing app key");
        }

        if (appKey != o.AppKey)
        {
            throw new SandboxError(29, "Invalid app Key");
        }

        var timestamp = p.GetValueOrDefault("timestamp");
        if (string.IsNullOrEmpty(timestamp))
        {
            throw new SandboxError(30, "Missing timestamp");
        }

        if (TopWire.ParseTime(timestamp) is not { } sent || (sent - now).Duration() > TimeSpan.FromMinutes(o.TimestampSkewMinutes))
        {
            throw new SandboxError(31, "Invalid timestamp", "isv.invalid-timestamp", $"timestamp must be GMT+8 within {o.TimestampSkewMinutes} minutes of {TopWire.Time(now)}");
        }

        if (p.GetValueOrDefault("format") is { Length: > 0 } format && format != "json")
        {
            throw new SandboxError(23, "Invalid format", null, "this gateway answers format=json only");
        }

        if (p.GetValueOrDefault("v") is { Length: > 0 } version && version != "2.0")
        {
            throw new SandboxError(33, "Invalid version");
        }

        var sign = p.GetValueOrDefault("sign");
        if (string.IsNullOrEmpty(sign))
        {
            throw new SandboxError(24, "Missing signature");
        }

        var expected = TopWire.ExpectedSign(p, o.AppSecret, p.GetValueOrDefault("sign_method"));
        if (expected is null || !string.Equals(expected, sign, StringComparison.OrdinalIgnoreCase))
        {
            throw new SandboxError(25, "Invalid signature");
        }

        if (!_methods.TryGetValue(method, out var entry))
        {
            throw new SandboxError(22, "Invalid method");
        }

        handler = entry.Handle;
        if (!entry.NeedsSession)
        {
            return null;
        }

        var session = p.GetValueOrDefault("session");
        if (string.IsNullOrEmpty(session))
        {
            throw new SandboxError(26, "Missing session");
        }

        return _store.FindShopBySession(session) ?? throw new SandboxError(27, "Invalid session", null, "the session is unknown or expired; authorise the shop again");
    }

    /// <summary>The platform's own per-app ceiling: above it, a ban of <c>BanSeconds</c> answered with code 7.</summary>
    private void Limit(DateTimeOffset now)
    {
        var o = _options.Value;
        lock (_limitLock)
        {
            if (now < _bannedUntil)
            {
                throw Banned(now);
            }

            var second = now.ToUnixTimeSeconds();
            if (second != _windowSecond)
            {
                (_windowSecond, _windowCount) = (second, 0);
            }

            if (++_windowCount > o.CallsPerSecond)
            {
                _bannedUntil = now.AddSeconds(o.BanSeconds);
                throw Banned(now);
            }
        }
    }

    private SandboxError Banned(DateTimeOffset now) => new(
        7,
        "App Call Limited",
        "accesscontrol.limited-by-app-access-count",
        $"This ban will last for {Math.Max(1, (int)Math.Ceiling((_bannedUntil - now).TotalSeconds))} more seconds");
}
