using System.Data.Common;
using Dapper;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// The writes every listing step shares: a status change mirrored onto <c>products.listing_status</c>
/// (which the catalogue and mapping pages read), and the record of one marketplace call.
/// </summary>
public static class ListingStore
{
    /// <summary>One call made for a listing, as the attempts table keeps it.</summary>
    public sealed record Attempt(string Method, string Outcome, int? Code, string? SubCode, string? Message)
    {
        public static Attempt From<T>(string method, TopResult<T> result, string? successMessage = null) =>
            result.Error is { } e
                ? new Attempt(method, result.Kind?.ToString() ?? "Permanent", e.Code, e.SubCode, Truncate(e.SubMsg ?? e.Msg))
                : new Attempt(method, "Success", null, null, successMessage);
    }

    /// <param name="worker">Which node and run made the call (the claim owner), for the operator.</param>
    public static async Task RecordAsync(DbConnection connection, long listingId, long sellerId, Attempt attempt, DateTimeOffset at, string? worker = null) =>
        await connection.ExecuteAsync(
            """
            INSERT INTO listing_attempts (listing_id, seller_id, at, method, outcome, code, sub_code, message, worker)
            VALUES (@listingId, @sellerId, @at, @Method, @Outcome, @Code, @SubCode, @Message, @worker)
            """,
            new { listingId, sellerId, at, attempt.Method, attempt.Outcome, attempt.Code, attempt.SubCode, attempt.Message, worker });

    /// <summary>
    /// Moves a listing (and its product) to <paramref name="status"/>, releasing the claim. Guarded by
    /// <paramref name="worker"/>: a worker whose claim was taken over changes nothing.
    /// </summary>
    public static async Task<bool> MoveAsync(
        DbConnection connection, long listingId, string worker, string status, DateTimeOffset now,
        DateTimeOffset? nextAttemptAt = null, string? reasonCode = null, string? reasonMessage = null, bool keepReason = false)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var moved = await connection.ExecuteAsync(
            $"""
            UPDATE listings SET status = @status, next_attempt_at = @next, claimed_until = NULL, updated_at = @now,
                   {(keepReason ? "" : "reason_code = @reasonCode, reason_message = @reasonMessage,")}
                   live_at = CASE WHEN @status = 'Live' AND live_at IS NULL THEN @now ELSE live_at END
            WHERE id = @listingId AND claimed_by = @worker
            """,
            new { listingId, worker, status, now, next = nextAttemptAt ?? now, reasonCode, reasonMessage = Truncate(reasonMessage) },
            tx);
        if (moved == 1)
        {
            await connection.ExecuteAsync(
                "UPDATE products SET listing_status = @status WHERE id = (SELECT product_id FROM listings WHERE id = @listingId)",
                new { listingId, status },
                tx);
        }

        await tx.CommitAsync();
        return moved == 1;
    }

    /// <summary>Gives a claimed listing back unchanged, to be taken again no earlier than <paramref name="notBefore"/>.</summary>
    public static async Task ReleaseAsync(DbConnection connection, long listingId, string worker, DateTimeOffset notBefore) =>
        await connection.ExecuteAsync(
            "UPDATE listings SET claimed_until = NULL, next_attempt_at = @notBefore WHERE id = @listingId AND claimed_by = @worker",
            new { listingId, worker, notBefore });

    internal static string? Truncate(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
