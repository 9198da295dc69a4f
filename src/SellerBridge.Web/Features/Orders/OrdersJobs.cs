using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Orders;

/// <summary>Pulls changed orders from the marketplace; one run at a time, since runs share the checkpoint.</summary>
[OneAtATime]
[System.ComponentModel.Description("Pulls new and changed orders from the marketplace.")]
public sealed class PullOrdersJob(PullOrders pull, ILogger<PullOrdersJob> logger) : IRecurringJob
{
    public const string Name = "orders-pull";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await pull.RunAsync(cancellationToken);
        logger.LogInformation("Orders pull: {Trades} trades in {Windows} windows, up to {Until:u}", result.Trades, result.Windows, result.CheckedUpTo);
    }
}

/// <summary>Reports queued shipments to the marketplace.</summary>
[OneAtATime]
[System.ComponentModel.Description("Reports sellers' shipments to the marketplace.")]
public sealed class SendShipmentsJob(SendShipments send) : IRecurringJob
{
    public const string Name = "orders-shipments";

    public async Task RunAsync(CancellationToken cancellationToken) => await send.RunAsync(cancellationToken);
}

/// <summary>Completes refunds left requested and records refunds in settlements.</summary>
[OneAtATime]
[System.ComponentModel.Description("Completes requested refunds and takes them out of settlements.")]
public sealed class RefundsJob(RefundSettlements refunds) : IRecurringJob
{
    public const string Name = "orders-refunds";

    public async Task RunAsync(CancellationToken cancellationToken) =>
        await refunds.RunAsync(TimeSpan.FromMinutes(1), cancellationToken);
}

/// <summary>Asks the processor about unpaid trades and rejected notifications.</summary>
[OneAtATime]
[System.ComponentModel.Description("Checks unconfirmed payments with the processor.")]
public sealed class ReconcilePaymentsJob(ReconcilePayments reconcile) : IRecurringJob
{
    public const string Name = "payments-reconcile";

    public async Task RunAsync(CancellationToken cancellationToken) => await reconcile.RunAsync(cancellationToken);
}

/// <summary>Folds the order totals' recent changes into each seller's summary (PostgreSQL).</summary>
[OneAtATime]
[System.ComponentModel.Description("Brings sellers' order totals up to date.")]
public sealed class FoldOrderTotalsJob(OrderTotals totals) : IRecurringJob
{
    public const string Name = "orders-totals";

    public async Task RunAsync(CancellationToken cancellationToken) => await totals.FoldAsync(cancellationToken);
}
