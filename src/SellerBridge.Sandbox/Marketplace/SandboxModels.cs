namespace SellerBridge.Sandbox.Marketplace;

/// <summary>A shop and the session that authorises an app to act for it.</summary>
public sealed record SandboxShop(string Id, string Nick, string SessionKey);

/// <summary>Where an item stands in the sandbox's after-the-fact listing audit.</summary>
public static class AuditStatus
{
    public const string Pending = "PENDING";
    public const string Passed = "PASSED";
    public const string Rejected = "REJECTED";
}

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
    string AuditStatus,
    string? AuditReason,
    DateTimeOffset AuditDueAt,
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
