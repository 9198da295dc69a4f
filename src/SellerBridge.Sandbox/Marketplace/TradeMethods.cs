using System.Text.Json.Nodes;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>The order APIs: incremental pulls, one trade in full, reporting a shipment.</summary>
public sealed class TradeMethods(IMarketplaceStore store)
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 40;

    public JsonObject SoldIncrementGet(TopRequest request)
    {
        var start = TopWire.ParseTime(request.Required("start_modified"))
            ?? throw SandboxError.Invalid("start_modified", "start_modified must be yyyy-MM-dd HH:mm:ss (GMT+8)");
        var end = TopWire.ParseTime(request.Required("end_modified"))
            ?? throw SandboxError.Invalid("end_modified", "end_modified must be yyyy-MM-dd HH:mm:ss (GMT+8)");
        if (end < start)
        {
            throw SandboxError.Invalid("end_modified", "end_modified must not be before start_modified");
        }

        if (end - start > TimeSpan.FromDays(1))
        {
            throw SandboxError.Invalid("end_modified", "the window from start_modified to end_modified must be at most one day");
        }

        if (start < request.Now.AddDays(-90))
        {
            throw SandboxError.Invalid("start_modified", "only the last three months can be pulled");
        }

        var pageNo = request.OptionalInt("page_no") ?? 1;
        var pageSize = request.OptionalInt("page_size") ?? DefaultPageSize;
        if (pageNo < 1)
        {
            throw SandboxError.Invalid("page_no", "page_no starts at 1");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw SandboxError.Invalid("page_size", $"page_size must be 1 to {MaxPageSize}");
        }

        var status = request.Optional("status");
        var matching = store.Trades(request.Shop.Id)
            .Where(t => ToSecond(t.Modified) >= start && ToSecond(t.Modified) <= end && (status is null || t.Status == status))
            .OrderBy(t => t.Modified)
            .ThenBy(t => t.Tid)
            .ToList();
        var page = matching.Skip((pageNo - 1) * pageSize).Take(pageSize).ToList();

        var body = new JsonObject();
        if (page.Count > 0)
        {
            body["trades"] = TopWire.Wrap("trade", page.Select(ToJson));
        }

        if (request.Optional("use_has_next") == "true")
        {
            body["has_next"] = matching.Count > pageNo * pageSize;
        }
        else
        {
            body["total_results"] = matching.Count;
        }

        return body;
    }

    public JsonObject FullinfoGet(TopRequest request) => new() { ["trade"] = ToJson(Find(request)) };

    public JsonObject LogisticsOfflineSend(TopRequest request)
    {
        var trade = Find(request);
        var outSid = request.Required("out_sid");
        var companyCode = request.Required("company_code");
        var refusal = trade.Status switch
        {
            TradeStatus.WaitSellerSendGoods => null,
            TradeStatus.WaitBuyerPay => "isv.logistics-trade-not-paid",
            TradeStatus.TradeClosedByTaobao or TradeStatus.TradeClosed => "isv.logistics-trade-closed",
            _ => "isv.logistics-trade-already-shipped",
        };
        if (refusal is not null)
        {
            throw SandboxError.Isv(refusal, $"trade {trade.Tid} is {trade.Status} and cannot be shipped");
        }

        store.SaveTrade(trade with
        {
            Status = TradeStatus.WaitBuyerConfirmGoods,
            OutSid = outSid,
            CompanyCode = companyCode,
            ConsignTime = request.Now,
            Modified = request.Now,
        });
        return new JsonObject { ["shipping"] = new JsonObject { ["is_success"] = true } };
    }

    private SandboxTrade Find(TopRequest request)
    {
        var tid = request.RequiredLong("tid");
        return store.FindTrade(request.Shop.Id, tid) ?? throw SandboxError.Isv("isv.trade-not-exist", $"trade {tid} does not exist in this shop");
    }

    private static DateTimeOffset ToSecond(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);

    private static JsonNode ToJson(SandboxTrade trade) => new JsonObject
    {
        ["tid"] = trade.Tid,
        ["status"] = trade.Status,
        ["created"] = TopWire.Time(trade.Created),
        ["modified"] = TopWire.Time(trade.Modified),
        ["pay_time"] = trade.PayTime is { } paid ? TopWire.Time(paid) : null,
        ["payment"] = TopWire.Money(trade.Payment),
        ["alipay_no"] = trade.AlipayNo,
        ["receiver_state"] = trade.ReceiverState,
        ["orders"] = TopWire.Wrap("order", trade.Orders.Select(o => (JsonNode)new JsonObject
        {
            ["oid"] = o.Oid,
            ["outer_iid"] = o.OuterIid,
            ["num_iid"] = o.NumIid,
            ["title"] = o.Title,
            ["price"] = TopWire.Money(o.Price),
            ["num"] = o.Num,
            ["total_fee"] = TopWire.Money(o.TotalFee),
            ["status"] = trade.Status,
        })),
    };
}
