using System.Globalization;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>
/// The buyers' side of trades: ordering live items, paying, lapsing, confirming receipt. The
/// simulated buyers' loop drives it; tests call it directly to make orders deterministically.
/// </summary>
public sealed class SandboxTrades(IMarketplaceStore store, ListingAudit audit, TimeProvider time)
{
    private static readonly string[] s_provinces = ["上海", "北京市", "浙江省", "广东省", "江苏省", "四川省"];

    /// <summary>Raised after a trade is paid, e.g. for a payment sandbox to send its notification.</summary>
    public event Action<SandboxTrade>? Paid;

    /// <summary>Orders <paramref name="num"/> of a live (audited, in stock) item; the stock is taken at once.</summary>
    public SandboxTrade PlaceOrder(string shopId, long numIid, int num = 1, string receiverState = "上海")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(num, 1);
        var now = time.GetUtcNow();
        var item = store.FindItem(shopId, numIid) ?? throw new InvalidOperationException($"No item {numIid} in shop {shopId}.");
        item = audit.Settle(item, now);
        if (item.ApproveStatus != "onsale" || item.Num < num)
        {
            throw new InvalidOperationException($"Item {numIid} is not on sale with {num} in stock.");
        }

        // Sold out goes to the warehouse, as on the real platform: the seller relists it with new stock.
        store.SaveItem(item with { Num = item.Num - num, ApproveStatus = item.Num == num ? "instock" : item.ApproveStatus, Modified = now });
        var trade = new SandboxTrade(
            shopId, store.NextId(), TradeStatus.WaitBuyerPay, now, now, null, null, receiverState,
            [new SandboxOrderLine(store.NextId(), item.OuterId, item.NumIid, item.Title, item.Price, num)]);
        store.SaveTrade(trade);
        return trade;
    }

    /// <summary>The buyer pays: the trade waits for the seller to ship and gets its payment number.</summary>
    public SandboxTrade Pay(string shopId, long tid)
    {
        var trade = Find(shopId, tid);
        if (trade.Status != TradeStatus.WaitBuyerPay)
        {
            throw new InvalidOperationException($"Trade {tid} is {trade.Status}, not waiting for payment.");
        }

        var now = time.GetUtcNow();
        var alipayNo = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + "2200" + tid.ToString(CultureInfo.InvariantCulture).PadLeft(16, '0');
        trade = trade with { Status = TradeStatus.WaitSellerSendGoods, PayTime = now, AlipayNo = alipayNo, Modified = now };
        store.SaveTrade(trade);
        Paid?.Invoke(trade);
        return trade;
    }

    /// <summary>The buyer never paid: the marketplace closes the trade and the stock returns.</summary>
    public SandboxTrade CloseUnpaid(string shopId, long tid)
    {
        var trade = Find(shopId, tid);
        if (trade.Status != TradeStatus.WaitBuyerPay)
        {
            throw new InvalidOperationException($"Trade {tid} is {trade.Status}; only unpaid trades close this way.");
        }

        var now = time.GetUtcNow();
        foreach (var line in trade.Orders)
        {
            if (store.FindItem(shopId, line.NumIid) is { } item)
            {
                store.SaveItem(item with { Num = item.Num + line.Num, Modified = now });
            }
        }

        trade = trade with { Status = TradeStatus.TradeClosedByTaobao, Modified = now };
        store.SaveTrade(trade);
        return trade;
    }

    /// <summary>The buyer confirms receipt of a shipped trade.</summary>
    public SandboxTrade Finish(string shopId, long tid)
    {
        var trade = Find(shopId, tid);
        if (trade.Status != TradeStatus.WaitBuyerConfirmGoods)
        {
            throw new InvalidOperationException($"Trade {tid} is {trade.Status}, not shipped.");
        }

        trade = trade with { Status = TradeStatus.TradeFinished, Modified = time.GetUtcNow() };
        store.SaveTrade(trade);
        return trade;
    }

    /// <summary>One step of the simulated buyers: maybe a new order per shop, then due payments, lapses and receipts.</summary>
    public void Tick(Random random, SandboxBuyerOptions options, TimeSpan elapsed)
    {
        var now = time.GetUtcNow();
        foreach (var shop in store.Shops())
        {
            var chance = options.OrdersPerMinute * elapsed.TotalMinutes;
            var live = store.Items(shop.Id).Select(i => audit.Settle(i, now)).Where(i => i.ApproveStatus == "onsale" && i.Num > 0).ToList();
            if (live.Count > 0 && random.NextDouble() < chance)
            {
                var item = live[random.Next(live.Count)];
                PlaceOrder(shop.Id, item.NumIid, Math.Min(item.Num, 1 + random.Next(3)), s_provinces[random.Next(s_provinces.Length)]);
            }

            foreach (var trade in store.Trades(shop.Id))
            {
                if (trade.Status == TradeStatus.WaitBuyerPay && now - trade.Created >= TimeSpan.FromSeconds(options.PayAfterSeconds))
                {
                    _ = random.NextDouble() < options.UnpaidRate ? CloseUnpaid(shop.Id, trade.Tid) : Pay(shop.Id, trade.Tid);
                }
                else if (trade.Status == TradeStatus.WaitBuyerConfirmGoods && trade.ConsignTime is { } shipped
                         && now - shipped >= TimeSpan.FromSeconds(options.FinishAfterSeconds))
                {
                    Finish(shop.Id, trade.Tid);
                }
            }
        }
    }

    private SandboxTrade Find(string shopId, long tid) =>
        store.FindTrade(shopId, tid) ?? throw new InvalidOperationException($"No trade {tid} in shop {shopId}.");
}
