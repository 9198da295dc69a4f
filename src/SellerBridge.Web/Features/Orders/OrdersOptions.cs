namespace SellerBridge.Web.Features.Orders;

/// <summary>The orders pull and the order jobs (section <c>Orders</c>).</summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    /// <summary>How often the orders pull runs.</summary>
    public int PullIntervalSeconds { get; set; } = 60;

    /// <summary>Where the very first pull starts, back from now.</summary>
    public int FirstPullLookbackMinutes { get; set; } = 24 * 60;

    /// <summary>The widest window asked for at once; the marketplace recommends 30 minutes or less.</summary>
    public int WindowMinutes { get; set; } = 30;

    /// <summary>How far each window reaches back into the previous one, for trades stamped late.</summary>
    public int OverlapMinutes { get; set; } = 5;

    /// <summary>Trades per page (the marketplace allows at most 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The longest marketplace ban the pull waits out inside one run; a longer one fails the run.</summary>
    public int MaxBanWaitSeconds { get; set; } = 120;

    /// <summary>The shop the trades belong to (the operator's pavilion); a value, not a constant, for sellers with their own shop later.</summary>
    public string Shop { get; set; } = "kmall24";

    /// <summary>How often queued shipments, requested refunds and unconfirmed payments are looked at.</summary>
    public int ShipmentIntervalSeconds { get; set; } = 60;

    public int RefundIntervalSeconds { get; set; } = 120;

    public int ReconcileIntervalSeconds { get; set; } = 300;

    /// <summary>How often sellers' order totals fold their recent changes in (PostgreSQL); the totals are exact in between.</summary>
    public int TotalsFoldIntervalSeconds { get; set; } = 30;

    /// <summary>Sends of one shipment before it is marked Failed.</summary>
    public int MaxShipmentAttempts { get; set; } = 8;
}
