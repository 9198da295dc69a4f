namespace SellerBridge.Web.Features.Orders;

/// <summary>Marker for the orders pages' localised text (<c>Resources/Features/Orders/OrdersText.*.resx</c>); keys are English.</summary>
public sealed class OrdersText;
