using System.Security.Cryptography;
using System.Text;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Sellers;

/// <summary>A seller's API keys: made once and shown once, kept only as a SHA-256 hash, revocable.</summary>
public sealed class ApiKeys(Db db, TimeProvider clock)
{
    public sealed record KeyRow(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

    public sealed record Created(long Id, string Key);

    /// <summary>Who a presented key belongs to, when it is valid and its seller may use it.</summary>
    public sealed record Holder(long SellerId, string SellerStatus, string CompanyName);

    public async Task<IReadOnlyList<KeyRow>> ListAsync(SellerScope scope)
    {
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<KeyRow>(
            """
            SELECT id AS Id, name AS Name, prefix AS Prefix, created_at AS CreatedAt,
                   revoked_at AS RevokedAt, last_used_at AS LastUsedAt
            FROM api_keys WHERE seller_id = @SellerId ORDER BY id DESC
            """,
            new { scope.SellerId });
        return rows.ToList();
    }

    public async Task<Created> CreateAsync(SellerScope scope, string name) => await CreateForSellerAsync(scope.SellerId, name);

    /// <summary>Used by the portal (through a scope) and by the operator command.</summary>
    internal async Task<Created> CreateForSellerAsync(long sellerId, string name)
    {
        var key = "sbk_" + Base64Url(RandomNumberGenerator.GetBytes(30));
        await using var connection = await db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId(
                "INSERT INTO api_keys (seller_id, name, prefix, key_hash, created_at) VALUES (@sellerId, @name, @prefix, @hash, @now)"),
            new { sellerId, name = Trim(name), prefix = key[..12], hash = Hash(key), now = clock.GetUtcNow() });
        return new Created(id, key);
    }

    /// <summary>Revokes one of the scope's keys; false when the key is not this seller's (or does not exist).</summary>
    public async Task<bool> RevokeAsync(SellerScope scope, long keyId)
    {
        await using var connection = await db.OpenAsync();
        var changed = await connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @keyId AND seller_id = @SellerId AND revoked_at IS NULL",
            new { keyId, scope.SellerId, now = clock.GetUtcNow() });
        if (changed == 0)
        {
            return await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM api_keys WHERE id = @keyId AND seller_id = @SellerId", new { keyId, scope.SellerId }) > 0;
        }

        return true;
    }

    public async Task<Holder?> AuthenticateAsync(string presentedKey)
    {
        if (string.IsNullOrWhiteSpace(presentedKey) || presentedKey.Length > 200)
        {
            return null;
        }

        var hash = Hash(presentedKey.Trim());
        await using var connection = await db.OpenAsync();
        var holder = await connection.QuerySingleOrDefaultAsync<(long Id, long SellerId, string Status, string CompanyName, DateTimeOffset? LastUsedAt)>(
            """
            SELECT k.id, k.seller_id, s.status, s.company_name, k.last_used_at
            FROM api_keys k JOIN sellers s ON s.id = k.seller_id
            WHERE k.key_hash = @hash AND k.revoked_at IS NULL
            """,
            new { hash });
        if (holder.Id == 0 || holder.Status == "Suspended")
        {
            return null;
        }

        var now = clock.GetUtcNow();
        // Written at most once a minute so a busy integrator does not turn every read into a write.
        if (holder.LastUsedAt is null || now - holder.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await connection.ExecuteAsync("UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { now, id = holder.Id });
        }

        return new Holder(holder.SellerId, holder.Status, holder.CompanyName);
    }

    private static string Trim(string name)
    {
        name = (name ?? "").Trim();
        return name.Length == 0 ? "API key" : name.Length > 100 ? name[..100] : name;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
