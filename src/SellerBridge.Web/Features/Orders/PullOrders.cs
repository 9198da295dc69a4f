using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// Pulls the trades changed since the last run with <c>taobao.trades.sold.increment.get</c>, in
/// windows of at most <see cref="OrdersOptions.WindowMinutes"/> that reach back
/// <see cref="OrdersOptions.OverlapMinutes"/> into the previous one, and stores them. The checkpoint
/// moves only after a window is stored, so a run that fails pulls the same window again.
/// </summary>
public sealed class PullOrders(Db db, ITopClient top, StoreTrade store, IOptions<OrdersOptions> options, TimeProvider time, ILogger<PullOrders> logger)
{
    public const string CheckpointName = "orders.pull";

    // A window read over several pages is read again until a pass finds nothing new; this bounds it.
    private const int MaxPasses = 5;

    public sealed record Output(int Windows, int Trades, DateTimeOffset CheckedUpTo);

    public async Task<Output> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        DateTimeOffset? last;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            last = await SyncCheckpoints.GetAsync(connection, CheckpointName);
        }

        var start = last is { } l ? l - TimeSpan.FromMinutes(o.OverlapMinutes) : now - TimeSpan.FromMinutes(o.FirstPullLookbackMinutes);
        // The marketplace serves only the last three months.
        start = Max(start, now.AddDays(-89));
        var windows = 0;
        var stored = 0;
        var end = last ?? start;
        while (start < now)
        {
            end = Min(start + TimeSpan.FromMinutes(o.WindowMinutes), now);
            var trades = await PullWindowAsync(start, end, cancellationToken);
            foreach (var trade in trades)
            {
                await store.StoreAsync(await CompleteAsync(trade, cancellationToken), o.Shop, cancellationToken);
            }

            await using (var connection = await db.OpenAsync(cancellationToken))
            {
                await SyncCheckpoints.SetAsync(connection, CheckpointName, end, time.GetUtcNow());
            }

            windows++;
            stored += trades.Count;
            logger.LogInformation("Orders pull stored {Trades} trades modified {Start:u} to {End:u}", trades.Count, start, end);
            if (end >= now)
            {
                break;
            }

            start = end - TimeSpan.FromMinutes(o.OverlapMinutes);
        }

        return new Output(windows, stored, end);
    }

    /// <summary>
    /// Every trade in the window, once each (the newest copy seen). Paging forward is not enough on
    /// its own: a trade modified while we page leaves the window, the later ones move one place
    /// forward, and one could slip past between two pages. So a window that took more than one page
    /// is read again until a pass adds nothing; the trade that left is caught by the next window.
    /// </summary>
    private async Task<IReadOnlyList<TopTrade>> PullWindowAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<long, TopTrade>();
        for (var pass = 1; ; pass++)
        {
            var added = 0;
            var pages = 0;
            for (var page = 1; ; page++)
            {
                var pageNo = page;
                var result = await CallAsync("taobao.trades.sold.increment.get",
                    () => top.TradesSoldIncrementGetAsync(start, end, pageNo, cancellationToken, options.Value.PageSize), cancellationToken);
                pages++;
                foreach (var trade in result.Trades)
                {
                    if (!seen.TryGetValue(trade.Tid, out var known) || (trade.Modified ?? default) > (known.Modified ?? default))
                    {
                        seen[trade.Tid] = trade;
                        added++;
                    }
                }

                if (!result.HasNext)
                {
                    break;
                }
            }

            if (pages == 1 || (pass > 1 && added == 0))
            {
                return seen.Values.OrderBy(t => t.Modified).ThenBy(t => t.Tid).ToList();
            }

            if (pass == MaxPasses)
            {
                throw new OrdersPullException($"Trades modified {start:u} to {end:u} kept changing over {MaxPasses} reads; the next run reads the window again.");
            }
        }
    }

    /// <summary>The increment call may leave out a trade's lines; then the trade is fetched in full.</summary>
    private async Task<TopTrade> CompleteAsync(TopTrade trade, CancellationToken cancellationToken) =>
        trade.Orders.Count > 0 && trade.Orders.All(l => l.Oid > 0)
            ? trade
            : await CallAsync("taobao.trade.fullinfo.get", () => top.TradeFullinfoGetAsync(trade.Tid, cancellationToken), cancellationToken);

    /// <summary>
    /// Transient faults (already retried by the client) fail the run and the next one retries the
    /// same window; a ban is waited out, up to <see cref="OrdersOptions.MaxBanWaitSeconds"/>; a
    /// permanent error fails the run with the marketplace's reason, which the Jobs page shows.
    /// </summary>
    private async Task<T> CallAsync<T>(string method, Func<Task<TopResult<T>>> call, CancellationToken cancellationToken)
    {
        for (var waits = 0; ; waits++)
        {
            var result = await call();
            if (result.IsSuccess)
            {
                return result.Value!;
            }

            var wait = (result.RetryAt ?? time.GetUtcNow()) - time.GetUtcNow();
            if (result.Kind == TopErrorKind.Throttled && waits < 3 && wait <= TimeSpan.FromSeconds(options.Value.MaxBanWaitSeconds))
            {
                logger.LogWarning("Orders pull: {Method} banned for {Wait}; waiting", method, wait);
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1), time, cancellationToken);
                continue;
            }

            throw result.Kind switch
            {
                TopErrorKind.Permanent => new OrdersPullException(
                    $"The marketplace refused {method}: {result.Error}. Check the shop's authorisation (Marketplace:SessionKey) and app credentials; the pull resumes from the same window once fixed."),
                TopErrorKind.Throttled => new OrdersPullException($"The marketplace banned {method} until {result.RetryAt:u}: {result.Error}. The next run after that resumes the same window."),
                _ => new OrdersPullException($"The marketplace did not answer {method} ({result.Error}); the next run retries the same window."),
            };
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A pull that stopped; the message says why and what happens next, for the Jobs page.</summary>
public sealed class OrdersPullException(string message) : Exception(message);
