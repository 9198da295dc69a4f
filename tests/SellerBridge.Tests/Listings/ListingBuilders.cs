using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Mapping;
using SellerBridge.Web.Features.Listings;
using SellerBridge.Web.Features.Orders;

namespace SellerBridge.Tests.Listings;

/// <summary>Ready products, submissions through the API, and the publishing loop run by hand (no scheduler).</summary>
internal static class ListingBuilders
{
    /// <summary><paramref name="count"/> complete products with Ready drafts; their SKUs.</summary>
    public static async Task<IReadOnlyList<string>> ReadyProductsAsync(AppFactory app, long sellerId, int count, string prefix = "SKU")
    {
        var ids = new List<long>();
        var skus = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sku = $"{prefix}-{i:0000}";
            ids.Add(await ProductRows.InsertAsync(app, sellerId, sku));
            skus.Add(sku);
        }

        await ProductRows.ComputeAsync(app, sellerId, [.. ids]);
        await using var connection = await app.Db.OpenAsync();
        var ready = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM products WHERE seller_id = @sellerId AND listing_status = 'Ready'", new { sellerId });
        Assert.Equal(count, ready);
        return skus;
    }

    public static async Task<JsonElement> SubmitAsync(AppFactory app, Accounts.Seller seller, object body, HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        using var api = app.Api(seller.ApiKey);
        var response = await api.PostAsJsonAsync("/api/v1/listings/submissions", body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Runs the publishing and audit handlers until every listing has settled (or the time is up).</summary>
    public static async Task SettleAsync(AppFactory app, string worker = "test", int seconds = 90)
    {
        var publish = app.Get<PublishListings>();
        var audits = app.Get<CheckAudits>();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            await publish.RunAsync(worker, TestContext.Current.CancellationToken);
            await audits.RunAsync(worker, TestContext.Current.CancellationToken);
            if (await UnsettledAsync(app) == 0)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"{await UnsettledAsync(app)} listings still unsettled");
    }

    public static async Task<long> UnsettledAsync(AppFactory app)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listings WHERE status NOT IN ('Live', 'Rejected', 'Failed', 'Delisted')");
    }

    public sealed record ListingState(string Sku, string Status, long? NumIid, string? ReasonCode, string ProductStatus);

    public static async Task<IReadOnlyList<ListingState>> ListingsAsync(AppFactory app, long sellerId)
    {
        await using var connection = await app.Db.OpenAsync();
        var rows = await connection.QueryAsync<(string Sku, string Status, long? NumIid, string? ReasonCode, string ProductStatus)>(
            """
            SELECT p.seller_sku, l.status, l.num_iid, l.reason_code, p.listing_status FROM listings l JOIN products p ON p.id = l.product_id
            WHERE l.seller_id = @sellerId ORDER BY p.seller_sku
            """,
            new { sellerId });
        return rows.Select(r => new ListingState(r.Sku, r.Status, r.NumIid, r.ReasonCode, r.ProductStatus)).ToList();
    }

    /// <summary>
    /// Asserts that the sandbox holds at most one item per SKU, only for these SKUs, and that every
    /// listing that says it has an item names that one.
    /// </summary>
    public static async Task AssertNoDuplicatesAsync(AppFactory app, ListingsSandbox sandbox, long sellerId, IEnumerable<string> skus)
    {
        var items = sandbox.Items.Where(i => OuterId.TryParse(i.OuterId, out var s, out _) && s == sellerId).ToList();
        var duplicates = items.GroupBy(i => i.OuterId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        var expected = skus.Select(s => OuterId.Format(sellerId, s)).ToHashSet(StringComparer.Ordinal);
        Assert.All(items, i => Assert.Contains(i.OuterId, expected));
        var byOuterId = items.ToDictionary(i => i.OuterId, i => i.NumIid, StringComparer.Ordinal);
        foreach (var listing in await ListingsAsync(app, sellerId))
        {
            if (listing.NumIid is { } numIid)
            {
                Assert.Equal(numIid, byOuterId[OuterId.Format(sellerId, listing.Sku)]);
            }
            else
            {
                Assert.False(byOuterId.ContainsKey(OuterId.Format(sellerId, listing.Sku)), $"{listing.Sku} has an item but no num_iid");
            }
        }
    }
}
