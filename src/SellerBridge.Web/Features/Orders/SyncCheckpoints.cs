using System.Data.Common;
using System.Globalization;
using Dapper;

namespace SellerBridge.Web.Features.Orders;

/// <summary>Where an incremental pull stopped, in <c>sync_checkpoints</c>, stored as an ISO UTC time.</summary>
public static class SyncCheckpoints
{
    public static async Task<DateTimeOffset?> GetAsync(DbConnection connection, string name, DbTransaction? transaction = null)
    {
        var value = await connection.ExecuteScalarAsync<string?>("SELECT value FROM sync_checkpoints WHERE name = @name", new { name }, transaction);
        return value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public static async Task SetAsync(DbConnection connection, string name, DateTimeOffset value, DateTimeOffset now, DbTransaction? transaction = null)
    {
        var text = value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        // One node pulls at a time (the job disallows concurrent runs), so update-then-insert cannot race.
        if (await connection.ExecuteAsync("UPDATE sync_checkpoints SET value = @text, updated_at = @now WHERE name = @name", new { name, text, now }, transaction) == 0)
        {
            await connection.ExecuteAsync("INSERT INTO sync_checkpoints (name, value, updated_at) VALUES (@name, @text, @now)", new { name, text, now }, transaction);
        }
    }
}
