using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Orders;

public static class OrdersExtensions
{
    /// <summary>The orders pull, shipping, refunds, reconciliation, the orders and settlement pages and API.</summary>
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OrdersOptions>()
            .BindConfiguration(OrdersOptions.Section)
            .Validate(o => o.PullIntervalSeconds >= 5, "Orders:PullIntervalSeconds must be at least 5.")
            .Validate(o => o.WindowMinutes is >= 1 and <= 1440, "Orders:WindowMinutes must be between 1 and 1440 (the marketplace allows one day).")
            .Validate(o => o.OverlapMinutes >= 0 && o.OverlapMinutes < o.WindowMinutes, "Orders:OverlapMinutes must be at least 0 and less than Orders:WindowMinutes.")
            .Validate(o => o.PageSize is >= 1 and <= 100, "Orders:PageSize must be between 1 and 100.")
            .Validate(o => o.FirstPullLookbackMinutes is >= 1 and <= 89 * 24 * 60, "Orders:FirstPullLookbackMinutes must be between 1 and 89 days.")
            .Validate(o => o.ShipmentIntervalSeconds >= 5 && o.RefundIntervalSeconds >= 5 && o.ReconcileIntervalSeconds >= 5 && o.TotalsFoldIntervalSeconds >= 1, "Orders:*IntervalSeconds must be at least 5 (TotalsFoldIntervalSeconds at least 1).")
            .ValidateOnStart();
        builder.Services.AddSingleton<StoreTrade>();
        builder.Services.AddSingleton<PullOrders>();
        builder.Services.AddSingleton<RequestShipment>();
        builder.Services.AddSingleton<SendShipments>();
        builder.Services.AddSingleton<RefundSettlements>();
        builder.Services.AddSingleton<RefundFromOrder>();
        builder.Services.AddSingleton<ReconcilePayments>();
        builder.Services.AddSingleton<OrderList>();
        builder.Services.AddSingleton<OrderTotals>();
        builder.Services.AddSingleton<OrderDetail>();
        builder.Services.AddSingleton<OrdersCsv>();
        builder.Services.AddSingleton<SettlementStatement>();
        builder.Services.AddRecurringJob<PullOrdersJob>(PullOrdersJob.Name, sp => TimeSpan.FromSeconds(Options(sp).PullIntervalSeconds));
        builder.Services.AddRecurringJob<SendShipmentsJob>(SendShipmentsJob.Name, sp => TimeSpan.FromSeconds(Options(sp).ShipmentIntervalSeconds));
        builder.Services.AddRecurringJob<RefundsJob>(RefundsJob.Name, sp => TimeSpan.FromSeconds(Options(sp).RefundIntervalSeconds));
        builder.Services.AddRecurringJob<ReconcilePaymentsJob>(ReconcilePaymentsJob.Name, sp => TimeSpan.FromSeconds(Options(sp).ReconcileIntervalSeconds));
        builder.Services.AddRecurringJob<FoldOrderTotalsJob>(
            FoldOrderTotalsJob.Name,
            sp => TimeSpan.FromSeconds(Options(sp).TotalsFoldIntervalSeconds),
            applies: sp => sp.GetRequiredService<Infrastructure.Persistence.Db>().Dialect.KeepsOrderTotals);
        builder.Services.AddOnDemandJob<SendShipmentsJob>(SendShipmentsJob.Name);
        return builder;
    }

    private static OrdersOptions Options(IServiceProvider services) => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OrdersOptions>>().Value;
}
