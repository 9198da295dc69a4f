using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// A seller asks to take a live product off sale, or to put an off-sale one back. The wish is written
/// to the listing (<c>sale_wanted</c>) before anything is sent, then the sale job is queued: the
/// database, not the job engine, is the record of what is owed, so a killed process loses nothing.
/// Only the signed-in seller's own listings are found, whatever id or SKU is sent.
/// </summary>
public sealed class RequestSaleChange(Db db, SaleQueue queue, TimeProvider clock)
{
    public const string Off = "off";
    public const string On = "on";

    /// <summary>Which listing: by its id (portal) or by the seller's SKU (API).</summary>
    public sealed record Input(long? ListingId, string? Sku, bool OnSale);

    /// <summary><see cref="Found"/> false: no such listing for this seller. <see cref="Problem"/>: refused, a <see cref="ListingReasons"/> code.</summary>
    public sealed record Result(bool Found, long? ListingId, string? Problem)
    {
        public bool Accepted => Found && Problem is null;
    }

    // A class with setters, not a positional record: providers return the numbers in different widths.
    private sealed class Row
    {
        public long Id { get; init; }
        public string Status { get; init; } = "";
        public long? NumIid { get; init; }
        public string? ReasonCode { get; init; }
        public string? SaleWanted { get; init; }
        public int Stock { get; init; }
    }

    public async Task<Result> RequestAsync(SellerScope scope, Input input, CancellationToken cancellationToken = default)
    {
        if (input.ListingId is null && string.IsNullOrWhiteSpace(input.Sku))
        {
            return new Result(false, null, null);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var where = input.ListingId is not null ? "l.id = @ListingId" : "p.seller_sku = @Sku";
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            $"""
            SELECT l.id AS Id, l.status AS Status, l.num_iid AS NumIid, l.reason_code AS ReasonCode, l.sale_wanted AS SaleWanted, p.stock AS Stock
            FROM listings l JOIN products p ON p.id = l.product_id AND p.seller_id = l.seller_id
            WHERE l.seller_id = @SellerId AND {where}
            """,
            new { scope.SellerId, input.ListingId, input.Sku });
        if (row is null)
        {
            return new Result(false, null, null);
        }

        var wanted = input.OnSale ? On : Off;
        if (row.SaleWanted == wanted)
        {
            // Asked twice: the first request is still owed, and asking again changes nothing.
            return new Result(true, row.Id, null);
        }

        if (Refusal(row, input.OnSale) is { } problem)
        {
            return new Result(true, row.Id, problem);
        }

        var now = clock.GetUtcNow();
        // Guarded by the status just read: a listing that moved meanwhile is refused, not changed blindly.
        var marked = await connection.ExecuteAsync(
            """
            UPDATE listings SET sale_wanted = @wanted, next_attempt_at = @now, updated_at = @now
            WHERE id = @Id AND seller_id = @SellerId AND status = @Status
            """,
            new { wanted, now, row.Id, scope.SellerId, row.Status });
        if (marked == 0)
        {
            return new Result(true, row.Id, input.OnSale ? ListingReasons.NotOffSale : ListingReasons.NotLive);
        }

        await queue.StartAsync(cancellationToken);
        return new Result(true, row.Id, null);
    }

    private static string? Refusal(Row row, bool onSale)
    {
        if (row.NumIid is null)
        {
            return onSale ? ListingReasons.NotOffSale : ListingReasons.NotLive;
        }

        if (!onSale)
        {
            return row.Status == ListingStatus.Live ? null : ListingReasons.NotLive;
        }

        // A take-down (Rejected) is fixed by changing the product and submitting it again, and an
        // item the marketplace no longer has is published afresh: neither is relisted.
        if (row.Status != ListingStatus.Delisted || row.ReasonCode == ListingReasons.ItemGone)
        {
            return ListingReasons.NotOffSale;
        }

        return row.Stock > 0 ? null : ListingReasons.NoStock;
    }
}
