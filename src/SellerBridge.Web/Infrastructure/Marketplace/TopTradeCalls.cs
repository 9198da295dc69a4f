using System.Text.Json;

namespace SellerBridge.Web.Infrastructure.Marketplace;

/// <summary>A marketplace order; <see cref="Tid"/> is what payment notifications carry as <c>out_trade_no</c>.</summary>
public sealed record TopTrade(
    long Tid,
    string Status,
    DateTimeOffset? Created,
    DateTimeOffset? Modified,
    DateTimeOffset? PayTime,
    decimal Payment,
    string? AlipayNo,
    string? ReceiverState,
    IReadOnlyList<TopOrderLine> Orders);

/// <summary>One line of a trade; <see cref="OuterIid"/> is our <c>outer_id</c>.</summary>
public sealed record TopOrderLine(long Oid, string? OuterIid, long NumIid, string Title, decimal Price, int Num, decimal TotalFee);

public sealed record TopTradePage(IReadOnlyList<TopTrade> Trades, bool HasNext);

/// <summary>Typed wrappers for the order methods we use.</summary>
public static class TopTradeCalls
{
    public const int MaxPageSize = 100;

    private const string TradeFields =
        "tid,status,created,modified,pay_time,payment,alipay_no,receiver_state,orders.oid,orders.outer_iid,orders.num_iid,orders.title,orders.price,orders.num,orders.total_fee";

    /// <summary>
    /// One page of trades modified in [<paramref name="start"/>, <paramref name="end"/>] (at most one day),
    /// asking for <c>has_next</c> instead of a total so that pages stay cheap.
    /// </summary>
    public static async Task<TopResult<TopTradePage>> TradesSoldIncrementGetAsync(
        this ITopClient client, DateTimeOffset start, DateTimeOffset end, int pageNo, CancellationToken cancellationToken, int pageSize = MaxPageSize) =>
        (await client.CallAsync("taobao.trades.sold.increment.get", new Dictionary<string, string?>
        {
            ["fields"] = TradeFields,
            ["start_modified"] = TopSigner.FormatTime(start),
            ["end_modified"] = TopSigner.FormatTime(end),
            ["page_no"] = TopItemCalls.Invariant(pageNo),
            ["page_size"] = TopItemCalls.Invariant(pageSize),
            ["use_has_next"] = "true",
        }, cancellationToken)).Map(b => new TopTradePage(b.Wrapped("trades", "trade").Select(ReadTrade).ToList(), b.Bool("has_next")));

    public static async Task<TopResult<TopTrade>> TradeFullinfoGetAsync(this ITopClient client, long tid, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.trade.fullinfo.get", new Dictionary<string, string?>
        {
            ["tid"] = TopItemCalls.Invariant(tid),
            ["fields"] = TradeFields,
        }, cancellationToken)).Map(b => ReadTrade(b.Child("trade")));

    /// <summary>Reports the shipment of a paid trade; true when the marketplace accepted it.</summary>
    public static async Task<TopResult<bool>> LogisticsOfflineSendAsync(
        this ITopClient client, long tid, string trackingNumber, string companyCode, CancellationToken cancellationToken) =>
        (await client.CallAsync("taobao.logistics.offline.send", new Dictionary<string, string?>
        {
            ["tid"] = TopItemCalls.Invariant(tid),
            ["out_sid"] = trackingNumber,
            ["company_code"] = companyCode,
        }, cancellationToken)).Map(b => b.Child("shipping").Bool("is_success"));

    private static TopTrade ReadTrade(JsonElement e) => new(
        e.Long("tid"),
        e.Str("status") ?? "",
        e.Time("created"),
        e.Time("modified"),
        e.Time("pay_time"),
        e.Dec("payment") ?? 0m,
        e.Str("alipay_no"),
        e.Str("receiver_state"),
        e.Wrapped("orders", "order").Select(o => new TopOrderLine(
            o.Long("oid"),
            o.Str("outer_iid"),
            o.Long("num_iid"),
            o.Str("title") ?? "",
            o.Dec("price") ?? 0m,
            o.Int("num") ?? 0,
            o.Dec("total_fee") ?? 0m)).ToList());
}
