namespace SellerBridge.Sandbox.Marketplace;

/// <summary>
/// The sandbox marketplace's state. In memory now; a store on a database can replace it, which is
/// why records go in and out whole and every id comes from <see cref="NextId"/>.
/// </summary>
public interface IMarketplaceStore
{
    long NextId();

    void AddShop(SandboxShop shop);

    SandboxShop? FindShopBySession(string sessionKey);

    IReadOnlyList<SandboxShop> Shops();

    /// <summary>Adds the item unless the shop already has one with its <c>outer_id</c>; false then.</summary>
    bool TryAddItem(SandboxItem item);

    SandboxItem? FindItem(string shopId, long numIid);

    IReadOnlyList<SandboxItem> FindItemsByOuterId(string shopId, string outerId);

    IReadOnlyList<SandboxItem> Items(string shopId);

    void SaveItem(SandboxItem item);

    void SaveTrade(SandboxTrade trade);

    SandboxTrade? FindTrade(string shopId, long tid);

    IReadOnlyList<SandboxTrade> Trades(string shopId);
}

/// <summary>The process-local store: one lock, good enough for a simulator.</summary>
public sealed class InMemoryMarketplaceStore : IMarketplaceStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SandboxShop> _shopsBySession = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Shop, long NumIid), SandboxItem> _items = [];
    private readonly Dictionary<(string Shop, long Tid), SandboxTrade> _trades = [];
    private long _lastId = 1_000_000_000;

    public long NextId() => Interlocked.Increment(ref _lastId);

    public void AddShop(SandboxShop shop)
    {
        lock (_lock)
        {
            _shopsBySession[shop.SessionKey] = shop;
        }
    }

    public SandboxShop? FindShopBySession(string sessionKey)
    {
        lock (_lock)
        {
            return _shopsBySession.GetValueOrDefault(sessionKey);
        }
    }

    public IReadOnlyList<SandboxShop> Shops()
    {
        lock (_lock)
        {
            return [.. _shopsBySession.Values];
        }
    }

    public bool TryAddItem(SandboxItem item)
    {
        lock (_lock)
        {
            if (_items.Values.Any(i => i.ShopId == item.ShopId && i.OuterId == item.OuterId))
            {
                return false;
            }

            _items[(item.ShopId, item.NumIid)] = item;
            return true;
        }
    }

    public SandboxItem? FindItem(string shopId, long numIid)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault((shopId, numIid));
        }
    }

    public IReadOnlyList<SandboxItem> FindItemsByOuterId(string shopId, string outerId)
    {
        lock (_lock)
        {
            return [.. _items.Values.Where(i => i.ShopId == shopId && i.OuterId == outerId)];
        }
    }

    public IReadOnlyList<SandboxItem> Items(string shopId)
    {
        lock (_lock)
        {
            return [.. _items.Values.Where(i => i.ShopId == shopId).OrderBy(i => i.NumIid)];
        }
    }

    public void SaveItem(SandboxItem item)
    {
        lock (_lock)
        {
            _items[(item.ShopId, item.NumIid)] = item;
        }
    }

    public void SaveTrade(SandboxTrade trade)
    {
        lock (_lock)
        {
            _trades[(trade.ShopId, trade.Tid)] = trade;
        }
    }

    public SandboxTrade? FindTrade(string shopId, long tid)
    {
        lock (_lock)
        {
            return _trades.GetValueOrDefault((shopId, tid));
        }
    }

    public IReadOnlyList<SandboxTrade> Trades(string shopId)
    {
        lock (_lock)
        {
            return [.. _trades.Values.Where(t => t.ShopId == shopId)];
        }
    }
}
