using Dapper;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// The operator refunds all or part of one line from the order page. The line must belong to the
/// order in the address; its seller is read from the line, never from the form.
/// </summary>
public sealed class RefundFromOrder(Db db, RefundOrderLine refunds, RefundSettlements settlements)
{
    public sealed record Input(long OrderId, long OrderLineId, decimal AmountCny, long? OperatorUserId);

    public async Task<RefundOrderLine.Output> RefundAsync(Input input, CancellationToken cancellationToken)
    {
        long? sellerId;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            sellerId = await connection.ExecuteScalarAsync<long?>(
                "SELECT seller_id FROM order_lines WHERE id = @OrderLineId AND order_id = @OrderId", new { input.OrderLineId, input.OrderId });
        }

        if (sellerId is null)
        {
            return new RefundOrderLine.Output(null, "NotFound", "No such line of this order with a seller.");
        }

        var result = await refunds.RequestAsync(new RefundOrderLine.Input(sellerId.Value, input.OrderLineId, input.AmountCny, input.OperatorUserId), cancellationToken);
        if (result.Status == "Succeeded")
        {
            await settlements.RecordAsync(cancellationToken);
        }

        return result;
    }
}
