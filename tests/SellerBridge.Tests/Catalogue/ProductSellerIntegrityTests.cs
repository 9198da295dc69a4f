using System.Data.Common;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Tests.Catalogue;

/// <summary>
/// Every product belongs to a seller that exists and stays with that seller, whatever writes it:
/// a foreign key on SQLite, statement-level checks on PostgreSQL (migration 0013).
/// </summary>
public sealed class ProductSellerIntegrityTests
{
    private const string Columns =
        "seller_id, seller_sku, name_ko, price_krw, stock, category, origin, image_urls, extra_json, content_hash, listing_status, version, created_at, updated_at";

    /// <summary>A seller row and nothing else (no login, no API key), so only products can hold it.</summary>
    private static async Task<long> BareSellerAsync(DbConnection connection)
    {
        var brn = Accounts.RandomBrn();
        await connection.ExecuteAsync(
            "INSERT INTO sellers (company_name, brn, contact_name, email, status, created_at) VALUES ('한빛상회', @brn, '김민지', @email, 'Approved', @now)",
            new { brn, email = $"{brn}@example.kr", now = DateTimeOffset.UtcNow });
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM sellers WHERE brn = @brn", new { brn });
    }

    private static string Values(string seller, string sku) =>
        $"({seller}, '{sku}', '햇살 수분크림 50ml', 24000, 10, '뷰티>스킨케어>크림', 'KR', '', '{{}}', 'h', 'Draft', 1, @now, @now)";

    [Theory]
    [AllProviders]
    public async Task A_product_of_a_seller_that_does_not_exist_is_refused_and_nothing_of_its_statement_is_written(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        await using var connection = await app.Db.OpenAsync(TestContext.Current.CancellationToken);

        // One statement, one good row and one whose seller is missing: the whole statement is refused.
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(
            $"INSERT INTO products ({Columns}) VALUES {Values(seller.Id.ToString(), "GOOD-1")}, {Values("987654321", "ORPHAN-1")}",
            new { now = DateTimeOffset.UtcNow }));

        Assert.Contains("foreign key", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM products"));

        await connection.ExecuteAsync($"INSERT INTO products ({Columns}) VALUES {Values(seller.Id.ToString(), "GOOD-1")}", new { now = DateTimeOffset.UtcNow });
        Assert.Equal(["GOOD-1"], await connection.QueryAsync<string>("SELECT seller_sku FROM products WHERE seller_id = @id", new { id = seller.Id }));
    }

    [Theory]
    [AllProviders]
    public async Task A_product_never_moves_to_another_seller_and_a_seller_with_products_is_never_deleted(string provider)
    {
        await using var app = AppFactory.For(provider);
        await Accounts.CreateAsync(app);
        await using var connection = await app.Db.OpenAsync(TestContext.Current.CancellationToken);
        var owner = await BareSellerAsync(connection);
        var other = await BareSellerAsync(connection);
        var unused = await BareSellerAsync(connection);
        await connection.ExecuteAsync($"INSERT INTO products ({Columns}) VALUES {Values(owner.ToString(), "KEEP-1")}", new { now = DateTimeOffset.UtcNow });

        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(
            "UPDATE products SET seller_id = @other WHERE seller_sku = 'KEEP-1'", new { other }));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM sellers WHERE id = @owner", new { owner }));

        Assert.Equal(owner, await connection.ExecuteScalarAsync<long>("SELECT seller_id FROM products WHERE seller_sku = 'KEEP-1'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sellers WHERE id = @owner", new { owner }));

        // A seller that nothing refers to can be deleted: it was the product that held the other one.
        Assert.Equal(1, await connection.ExecuteAsync("DELETE FROM sellers WHERE id = @unused", new { unused }));

        // Other updates of the product go through as before.
        await connection.ExecuteAsync("UPDATE products SET seller_id = seller_id, stock = 3 WHERE seller_sku = 'KEEP-1'");
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT stock FROM products WHERE seller_sku = 'KEEP-1'"));
    }

    [Fact]
    public async Task On_postgres_a_seller_cannot_be_deleted_while_an_uncommitted_insert_holds_its_products()
    {
        await using var app = AppFactory.For(DatabaseProvider.Postgres.ToString());
        await Accounts.CreateAsync(app);
        await using var importing = await app.Db.OpenAsync(TestContext.Current.CancellationToken);
        var seller = await BareSellerAsync(importing);
        await using var tx = await importing.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await importing.ExecuteAsync($"INSERT INTO products ({Columns}) VALUES {Values(seller.ToString(), "HELD-1")}", new { now = DateTimeOffset.UtcNow }, tx);

        await using var deleting = await app.Db.OpenAsync(TestContext.Current.CancellationToken);
        await deleting.ExecuteAsync("SET lock_timeout = '300ms'");

        // The insert holds the seller as a foreign key would (FOR KEY SHARE): the delete cannot take it.
        var waiting = await Assert.ThrowsAnyAsync<DbException>(() => deleting.ExecuteAsync("DELETE FROM sellers WHERE id = @id", new { id = seller }));
        Assert.Equal("55P03", ((Npgsql.PostgresException)waiting).SqlState);

        // Once the insert commits, the delete meets the products and is refused as a foreign key refuses it.
        await tx.CommitAsync(TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => deleting.ExecuteAsync("DELETE FROM sellers WHERE id = @id", new { id = seller }));
        Assert.Equal("23503", ((Npgsql.PostgresException)refused).SqlState);
        Assert.Contains("products", refused.Message, StringComparison.Ordinal);
    }
}
