using SellerBridge.Web.Infrastructure.Localisation;

namespace SellerBridge.Web.Features.Orders;

/// <summary>The orders list page: whose view it is (seller or operator), the filter and one page.</summary>
public sealed record OrdersPage(bool Operator, OrderFilter Filter, OrderList.Page Page, string? After)
{
    public string BasePath => Operator ? "/operator/orders" : "/orders";

    /// <summary>The filter as a query string, for the next page and the export links.</summary>
    public string Query(string? after = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("status", Filter.Status);
        Add("paymentStatus", Filter.PaymentStatus);
        Add("from", Filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", Filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Add("q", Filter.Search);
        Add("unmatched", Filter.UnmatchedOnly ? "true" : null);
        Add("after", after);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static readonly IReadOnlyList<string> MarketplaceStatuses =
    [
        "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED",
        "TRADE_FINISHED", "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO", "TRADE_NO_CREATE_PAY", "PAY_PENDING",
    ];
}

/// <summary>One order's page, with the forms the viewer may use.</summary>
public sealed record OrderPage(bool Operator, OrderDetail.View View, string? Error)
{
    public bool CanShip => !Operator && !RequestShipment.Unpaid.Contains(View.Order.Status) && !RequestShipment.Closed.Contains(View.Order.Status)
        && View.Shipments.All(s => s.Status != "Sent");

    /// <summary>Why the seller cannot enter a tracking number yet, when there is no shipment to show instead.</summary>
    public string? CannotShipReason => Operator || CanShip || View.Shipments.Count > 0 ? null
        : RequestShipment.Closed.Contains(View.Order.Status) ? "The marketplace closed this order: do not ship it."
        : View.Order.PaymentStatus is "TRADE_SUCCESS" or "TRADE_FINISHED" ? "The payment is confirmed; the tracking number form appears as soon as the marketplace marks the order paid (usually within a minute)."
        : RequestShipment.Unpaid.Contains(View.Order.Status) ? "The buyer has not paid yet. Ship only after payment: the form appears then."
        : null;
}

public sealed record SettlementsPage(bool Operator, SettlementStatement.Statement Statement)
{
    public string Previous => DateOnly.ParseExact(Statement.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public string Next => DateOnly.ParseExact(Statement.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static string Won(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Kst(DateTimeOffset value) => value.ToKoreaTime();
}
