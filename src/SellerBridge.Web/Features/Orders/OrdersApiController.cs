using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Web;

namespace SellerBridge.Web.Features.Orders;

/// <summary><c>/api/v1/orders</c> as PRODUCT.md's contract gives it: the seller's order lines with both statuses and the won settlement, and shipments.</summary>
public sealed class OrdersApiController(OrderList list, OrderDetail detail, RequestShipment shipment, IStringLocalizer<OrdersText> l) : ApiControllerBase
{
    public sealed record ShipmentBody(string? Carrier, string? TrackingNumber);

    [HttpGet("orders")]
    public async Task<IActionResult> List(string? status, string? paymentStatus, string? after, int? limit)
    {
        var page = await list.ForSellerAsync(Scope, new OrderFilter(status, paymentStatus), after, limit ?? OrderList.PageSize, withTotals: false);
        var items = new List<object>();
        foreach (var row in page.Rows)
        {
            // A page is at most 500 orders; each is read as its page shows it, so list and detail agree.
            items.Add(ToApi((await detail.ForSellerAsync(Scope, row.Id))!));
        }

        return Ok(new { items, next = page.Next });
    }

    [HttpGet("orders/{id:long}")]
    public async Task<IActionResult> Get([FromRoute] long id) =>
        await detail.ForSellerAsync(Scope, id) is { } view ? Ok(ToApi(view)) : NotFoundProblem($"This seller has no order {id}.");

    [HttpPost("orders/{id:long}/shipment")]
    public async Task<IActionResult> Ship([FromRoute] long id, [FromBody] ShipmentBody? body)
    {
        var result = await shipment.RequestAsync(Scope, new RequestShipment.Input(id, body?.Carrier, body?.TrackingNumber), HttpContext.RequestAborted);
        return result.Status switch
        {
            "Queued" => Accepted($"/api/v1/orders/{id}", new { id = result.ShipmentId, orderId = id, status = "Queued" }),
            "NotFound" => NotFoundProblem($"This seller has no order {id}."),
            "Invalid" => ValidationProblem(new ValidationProblemDetails(result.Errors!.ToDictionary(e => e.Key, e => new[] { l[e.Value].Value }))
            {
                Title = l["The shipment is not valid."].Value,
                Status = StatusCodes.Status400BadRequest,
            }),
            _ => Problem(statusCode: StatusCodes.Status409Conflict, title: l["The order cannot be shipped."].Value, detail: l[result.Reason!].Value),
        };
    }

    private static object ToApi(OrderDetail.View v) => new
    {
        id = v.Order.Id,
        tid = v.Order.Tid,
        status = v.Order.Status,
        paymentStatus = v.Order.PaymentStatus,
        created = v.Order.Created,
        modified = v.Order.Modified,
        payTime = v.Order.PayTime,
        yuanAmount = v.Lines.Sum(x => x.TotalFeeCny),
        wonNet = v.Lines.All(x => x.KrwNet is null) ? (long?)null : v.Lines.Sum(x => x.KrwNet ?? 0),
        wonNetSource = v.Lines.Any(x => x.RateSource == "estimate") ? "estimate" : v.Lines.Any(x => x.RateSource is not null) ? "processor" : null,
        lines = v.Lines.Select(x => new
        {
            id = x.Id,
            oid = x.Oid,
            sku = x.Sku,
            title = x.Title,
            price = x.PriceCny,
            num = x.Num,
            yuanAmount = x.TotalFeeCny,
            refundedYuan = x.RefundedCny,
            status = x.Status,
            rate = x.Rate,
            wonGross = x.KrwGross,
            processorFeeWon = x.ProcessorFeeKrw,
            commissionWon = x.CommissionKrw,
            wonSettlement = x.KrwNet,
            settlementDate = x.SettlementDate,
            // Added, not changed: "estimate" until the processor's settle_amount replaces the figures above, then "processor".
            rateSource = x.RateSource,
            estimateWonSettlement = x.EstimateKrwNet,
        }),
        shipment = v.Shipments.Select(s => new { carrier = s.CompanyCode, trackingNumber = s.TrackingNumber, status = s.Status, sentAt = s.SentAt }).FirstOrDefault(),
    };
}
