using System.Data.Common;
using System.Text.Json;
using Dapper;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Marketplace;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Orders;

/// <summary>
/// Writes one pulled trade: the order (only when this copy is not older than the stored one), its
/// lines split by seller through <see cref="OuterId"/>, a timeline event for each status change, and
/// the settlement when lines arrive for an order the processor already reported paid. One
/// transaction per trade, so a trade is stored whole or not at all.
/// </summary>
public sealed class StoreTrade(Db db, SettleOrder settle, TimeProvider time)
{
    public enum Outcome
    {
        Created,
        Updated,
        Unchanged,
    }

    private const string FindSql = "SELECT id AS Id, status AS Status, modified AS Modified, payment_status AS PaymentStatus, payment_status_at AS PaymentStatusAt FROM orders WHERE tid = @Tid";

    private const string InsertSql = """
        INSERT INTO orders (shop, tid, status, created, modified, pay_time, payment_cny, alipay_no, receiver_state, raw_json)
        VALUES (@shop, @Tid, @Status, @created, @modified, @PayTime, @Payment, @AlipayNo, @ReceiverState, @raw)
        """;

    private const string UpdateSql = """
        UPDATE orders SET status = @Status, modified = @modified, pay_time = COALESCE(@PayTime, pay_time), payment_cny = @Payment,
               alipay_no = COALESCE(alipay_no, @AlipayNo), receiver_state = @ReceiverState, raw_json = @raw
        WHERE id = @id
        """;

    private const string LineSql = """
        INSERT INTO order_lines (order_id, seller_id, oid, outer_iid, num_iid, product_id, title, price_cny, num, total_fee_cny, status)
        VALUES (@orderId, @sellerId, @Oid, @outerIid, @NumIid, @productId, @Title, @Price, @Num, @TotalFee, @status)
        """;

    // A seller id that parses but is not a seller of ours is as foreign as no id at all.
    private const string ProductSql = """
        SELECT s.id AS SellerId, p.id AS ProductId FROM sellers s
        LEFT JOIN products p ON p.seller_id = s.id AND p.seller_sku = @sku
        WHERE s.id = @sellerId
        """;

    private const string EventSql = "INSERT INTO order_events (order_id, seller_id, at, kind, detail) VALUES (@orderId, @sellerId, @at, @kind, @detail)";

    public async Task<Outcome> StoreAsync(TopTrade trade, string shop, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var modified = trade.Modified ?? trade.Created ?? now;
        var raw = JsonSerializer.Serialize(trade);
        var existing = await connection.QuerySingleOrDefaultAsync<OrderRow>(FindSql, new { trade.Tid }, transaction);
        long orderId;
        Outcome outcome;
        if (existing is null)
        {
            orderId = await connection.ExecuteScalarAsync<long>(db.Dialect.InsertReturningId(InsertSql), new
            {
                shop, trade.Tid, trade.Status, created = trade.Created ?? modified, modified, trade.PayTime, trade.Payment, trade.AlipayNo, trade.ReceiverState, raw,
            }, transaction);
            await connection.ExecuteAsync(EventSql, new { orderId, sellerId = (long?)null, at = now, kind = "MarketplaceStatus", detail = trade.Status }, transaction);
            outcome = Outcome.Created;
        }
        else if (modified < existing.Modified)
        {
            // An older copy, from a window's overlap or a re-read: what we hold is newer.
            orderId = existing.Id;
            outcome = Outcome.Unchanged;
        }
        else
        {
            orderId = existing.Id;
            await connection.ExecuteAsync(UpdateSql, new { id = orderId, trade.Status, modified, trade.PayTime, trade.Payment, trade.AlipayNo, trade.ReceiverState, raw }, transaction);
            if (existing.Status != trade.Status)
            {
                await connection.ExecuteAsync(EventSql, new { orderId, sellerId = (long?)null, at = now, kind = "MarketplaceStatus", detail = $"{existing.Status} → {trade.Status}" }, transaction);
                await connection.ExecuteAsync("UPDATE order_lines SET status = @Status WHERE order_id = @orderId", new { trade.Status, orderId }, transaction);
            }

            outcome = existing.Status != trade.Status || modified > existing.Modified ? Outcome.Updated : Outcome.Unchanged;
        }

        var added = await AddNewLinesAsync(connection, transaction, orderId, trade, now);
        if (added > 0 && existing is not null && PaymentStatusRules.IsPaid(existing.PaymentStatus))
        {
            await settle.SettleAsync(connection, transaction, orderId, trade.PayTime ?? existing.PaymentStatusAt ?? now, now);
        }

        await transaction.CommitAsync(cancellationToken);
        return added > 0 && outcome == Outcome.Unchanged ? Outcome.Updated : outcome;
    }

    private static async Task<int> AddNewLinesAsync(DbConnection connection, DbTransaction transaction, long orderId, TopTrade trade, DateTimeOffset now)
    {
        var known = (await connection.QueryAsync<long>("SELECT oid FROM order_lines WHERE order_id = @orderId", new { orderId }, transaction)).ToHashSet();
        var added = 0;
        foreach (var line in trade.Orders.Where(l => !known.Contains(l.Oid)))
        {
            long? sellerId = null;
            long? productId = null;
            if (OuterId.TryParse(line.OuterIid, out var parsedSeller, out var sku)
                && await connection.QuerySingleOrDefaultAsync<SellerMatch>(ProductSql, new { sellerId = parsedSeller, sku }, transaction) is { } match)
            {
                (sellerId, productId) = (match.SellerId, match.ProductId);
            }

            await connection.ExecuteAsync(LineSql, new
            {
                orderId, sellerId, line.Oid, outerIid = line.OuterIid ?? "", line.NumIid, productId, line.Title, line.Price, line.Num, line.TotalFee, status = trade.Status,
            }, transaction);
            if (sellerId is null)
            {
                // Kept, not dropped: the operator sees it on the orders page and decides whose it is.
                await connection.ExecuteAsync(EventSql, new { orderId, sellerId = (long?)null, at = now, kind = "UnmatchedLine", detail = $"oid {line.Oid}: outer_iid '{line.OuterIid}' is not one of ours" }, transaction);
            }

            added++;
        }

        return added;
    }

    private sealed class SellerMatch
    {
        public long SellerId { get; init; }

        public long? ProductId { get; init; }
    }

    private sealed class OrderRow
    {
        public long Id { get; init; }

        public string Status { get; init; } = "";

        public DateTimeOffset Modified { get; init; }

        public string? PaymentStatus { get; init; }

        public DateTimeOffset? PaymentStatusAt { get; init; }
    }
}
