using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Orders;

/// <summary>The seller's orders: list, one order with its timeline and the shipment form, CSV export, and the monthly settlement.</summary>
[Authorize(Policy = SellerClaims.SellerPolicy)]
public sealed class OrdersController(OrderList list, OrderDetail detail, OrdersCsv csv, RequestShipment shipment, SettlementStatement settlements, TimeProvider time, IStringLocalizer<OrdersText> l)
    : Controller
{
    [HttpGet("/orders")]
    public async Task<IActionResult> Index([FromServices] SellerScope scope, string? status, string? paymentStatus, DateOnly? from, DateOnly? to, string? q, string? after)
    {
        var filter = new OrderFilter(status, paymentStatus, from, to, q);
        return View("Orders", new OrdersPage(false, filter, await list.ForSellerAsync(scope, filter, after), after));
    }

    [HttpGet("/orders/export.csv")]
    public async Task<IActionResult> Export([FromServices] SellerScope scope, string? status, string? paymentStatus, DateOnly? from, DateOnly? to, string? q)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"orders.csv\"";
        await csv.WriteForSellerAsync(scope, new OrderFilter(status, paymentStatus, from, to, q), Response.Body, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    [HttpGet("/orders/{id:long}")]
    public async Task<IActionResult> Order([FromServices] SellerScope scope, [FromRoute] long id) =>
        await detail.ForSellerAsync(scope, id) is { } view ? View("Order", new OrderPage(false, view, null)) : NotFound();

    [HttpPost("/orders/{id:long}/shipment")]
    public async Task<IActionResult> Ship([FromServices] SellerScope scope, [FromRoute] long id, [FromForm] string? carrier, [FromForm] string? trackingNumber)
    {
        var result = await shipment.RequestAsync(scope, new RequestShipment.Input(id, carrier, trackingNumber), HttpContext.RequestAborted);
        if (result.Status == "NotFound" || await detail.ForSellerAsync(scope, id) is not { } view)
        {
            return NotFound();
        }

        if (result.Status == "Queued")
        {
            TempData["Flash"] = l["The shipment was saved; it is being reported to the marketplace."].Value;
            return Redirect($"/orders/{id}");
        }

        var error = result.Errors is { } errors ? string.Join(" ", errors.Values.Select(e => l[e].Value)) : l[result.Reason!].Value;
        Response.StatusCode = result.Status == "Invalid" ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return View("Order", new OrderPage(false, view, error));
    }

    [HttpGet("/settlements")]
    public async Task<IActionResult> Settlements([FromServices] SellerScope scope, string? month) =>
        View("Settlements", new SettlementsPage(false, await settlements.ForSellerAsync(scope, SettlementStatement.Month(month, time.GetUtcNow()))));
}
