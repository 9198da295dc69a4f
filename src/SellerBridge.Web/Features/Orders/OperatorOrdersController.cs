using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Orders;

/// <summary>The operator's orders across sellers, refunds from the order page, settlements across sellers and the reconciliation list.</summary>
[Authorize(Policy = SellerClaims.OperatorPolicy)]
[Route("operator")]
public sealed class OperatorOrdersController(
    OrderList list, OrderDetail detail, OrdersCsv csv, RefundFromOrder refund, SettlementStatement settlements, Db db, TimeProvider time, IStringLocalizer<OrdersText> l)
    : Controller
{
    [HttpGet("orders")]
    public async Task<IActionResult> Index(string? status, string? paymentStatus, DateOnly? from, DateOnly? to, string? q, bool unmatched, string? after)
    {
        var filter = new OrderFilter(status, paymentStatus, from, to, q, unmatched);
        return View("Orders", new OrdersPage(true, filter, await list.ForOperatorAsync(filter, after), after));
    }

    [HttpGet("orders/export.csv")]
    public async Task<IActionResult> Export(string? status, string? paymentStatus, DateOnly? from, DateOnly? to, string? q, bool unmatched)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"orders-all-sellers.csv\"";
        await csv.WriteForOperatorAsync(new OrderFilter(status, paymentStatus, from, to, q, unmatched), Response.Body, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        return new EmptyResult();
    }

    [HttpGet("orders/{id:long}")]
    public async Task<IActionResult> Order([FromRoute] long id) =>
        await detail.ForOperatorAsync(id) is { } view ? View("Order", new OrderPage(true, view, null)) : NotFound();

    [HttpPost("orders/{id:long}/refunds")]
    public async Task<IActionResult> Refund([FromRoute] long id, [FromForm] long lineId, [FromForm] string? amount)
    {
        if (await detail.ForOperatorAsync(id) is not { } view)
        {
            return NotFound();
        }

        if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Order", new OrderPage(true, view, l["Enter the amount in yuan, e.g. 12.50."].Value));
        }

        var result = await refund.RefundAsync(new RefundFromOrder.Input(id, lineId, yuan, User.FindUserId()), HttpContext.RequestAborted);
        if (result.Status == "NotFound")
        {
            return NotFound();
        }

        if (result.Status is "Invalid" or "Failed")
        {
            Response.StatusCode = result.Status == "Invalid" ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return View("Order", new OrderPage(true, (await detail.ForOperatorAsync(id))!, result.Message));
        }

        TempData["Flash"] = result.Status == "Succeeded" ? l["The refund was paid."].Value : l["The refund was requested; it is completed in the background."].Value;
        return Redirect($"/operator/orders/{id}");
    }

    [HttpGet("settlements")]
    public async Task<IActionResult> Settlements(string? month) =>
        View("Settlements", new SettlementsPage(true, await settlements.ForOperatorAsync(SettlementStatement.Month(month, time.GetUtcNow()))));

    [HttpGet("reconciliation")]
    public async Task<IActionResult> Reconciliation()
    {
        await using var connection = await db.OpenAsync(HttpContext.RequestAborted);
        var items = (await connection.QueryAsync<ReconciliationItem>("""
            SELECT r.id AS Id, r.order_id AS OrderId, o.tid AS Tid, r.kind AS Kind, r.outcome AS Outcome, r.verified_status AS VerifiedStatus,
                   r.detail AS Detail, r.created_at AS CreatedAt
            FROM reconciliation_items r JOIN orders o ON o.id = r.order_id
            ORDER BY r.id DESC
            """ + db.Dialect.Limit("limit"), new { limit = 500 })).ToList();
        return View("Reconciliation", items);
    }
}

public sealed class ReconciliationItem
{
    public long Id { get; init; }

    public long OrderId { get; init; }

    public long Tid { get; init; }

    public string Kind { get; init; } = "";

    public string Outcome { get; init; } = "";

    public string VerifiedStatus { get; init; } = "";

    public string? Detail { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
