namespace SellerBridge.Sandbox.Marketplace;

/// <summary>A shop and the session that authorises an app to act for it.</summary>
public sealed record SandboxShop(string Id, string Nick, string SessionKey);

/// <summary>
/// An item as the marketplace keeps it. Its state is only what TOP reports: <see cref="ApproveStatus"/>
/// (<c>onsale</c> / <c>instock</c>) and <see cref="Violation"/>; <see cref="AuditDueAt"/> is the
/// sandbox's own bookkeeping (when its audit decides) and is never answered.
/// </summary>
public sealed record SandboxItem(
    string ShopId,
    long NumIid,
    string OuterId,
    long Cid,
    string Title,
    string Desc,
    int Num,
    decimal Price,
    string LocationState,
    string LocationCity,
    string Props,
    string? PicPath,
    string ApproveStatus,
    bool Violation,
    DateTimeOffset? AuditDueAt,
    DateTimeOffset Created,
    DateTimeOffset Modified);

public sealed record SandboxOrderLine(long Oid, string OuterIid, long NumIid, string Title, decimal Price, int Num)
{
    public decimal TotalFee => Price * Num;
}

public sealed record SandboxTrade(
    string ShopId,
    long Tid,
    string Status,
    DateTimeOffset Created,
    DateTimeOffset Modified,
    DateTimeOffset? PayTime,
    string? AlipayNo,
    string ReceiverState,
    IReadOnlyList<SandboxOrderLine> Orders,
    string? OutSid = null,
    string? CompanyCode = null,
    DateTimeOffset? ConsignTime = null)
{
    public decimal Payment => Orders.Sum(o => o.TotalFee);
}

/// <summary>Trade statuses as the marketplace names them.</summary>
public static class TradeStatus
{
    public const string WaitBuyerPay = "WAIT_BUYER_PAY";
    public const string WaitSellerSendGoods = "WAIT_SELLER_SEND_GOODS";
    public const string WaitBuyerConfirmGoods = "WAIT_BUYER_CONFIRM_GOODS";
    public const string TradeFinished = "TRADE_FINISHED";
    public const string TradeClosed = "TRADE_CLOSED";
    public const string TradeClosedByTaobao = "TRADE_CLOSED_BY_TAOBAO";
}
