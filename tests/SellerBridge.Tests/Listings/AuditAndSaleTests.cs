using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Listings;

namespace SellerBridge.Tests.Listings;

/// <summary>
/// The audit as TOP reports it (<c>approve_status</c>, <c>violation</c>) and withdraw / relist, through
/// the real handlers, API and portal against the sandbox over HTTP.
/// </summary>
public sealed class AuditAndSaleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [AllProviders]
    public async Task An_item_on_sale_is_Live_and_one_taken_down_for_an_absolute_claim_is_Rejected_with_the_reason_shown(string provider)
    {
        await using var sandbox = await ListingsSandbox.StartAsync();
        await using var app = AppFactory.For(provider, sandbox.AppSettings());
        var seller = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, seller.Id, 2);
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE product_drafts SET title_zh = title_zh || '最佳' WHERE product_id IN (SELECT id FROM products WHERE seller_id = @Id AND seller_sku = @sku)",
                new { seller.Id, sku = skus[1] });
        }

        await ListingBuilders.SubmitAsync(app, seller, new { skus });
        await ListingBuilders.SettleAsync(app);

        var listings = await ListingBuilders.ListingsAsync(app, seller.Id);
        Assert.Equal(("Live", "Live"), (listings[0].Status, listings[0].ProductStatus));
        Assert.Equal(("Rejected", ListingReasons.AbsoluteClaim), (listings[1].Status, listings[1].ReasonCode));
        var taken = sandbox.Items.Single(i => i.NumIid == listings[1].NumIid);
        Assert.Equal(("instock", true), (taken.ApproveStatus, taken.Violation));

        var portal = await Mapping.ProductRows.SellerAsync(app, seller);
        var page = await portal.GetPageAsync($"/listings/{await ListingIdAsync(app, seller.Id, skus[1])}");
        var reason = Between(page, "data-testid=\"listing-reason\">", "</dd>");
        Assert.Contains("절대적 표현", reason);
        // What the mapper flagged in what we sent, since TOP says only that a rule was broken.
        Assert.Contains("最佳", reason);
        Assert.DoesNotContain("data-testid=\"delist\"", page);
    }

    [Theory]
    [AllProviders]
    public async Task A_live_product_withdrawn_through_the_api_is_Delisted_and_relisted_in_the_portal_is_Live_again(string provider)
    {
        await using var sandbox = await ListingsSandbox.StartAsync();
        await using var app = AppFactory.For(provider, sandbox.AppSettings());
        var seller = await Accounts.CreateAsync(app);
        var sku = (await ListingBuilders.ReadyProductsAsync(app, seller.Id, 1))[0];
        await ListingBuilders.SubmitAsync(app, seller, new { skus = new[] { sku } });
        await ListingBuilders.SettleAsync(app);
        var id = await ListingIdAsync(app, seller.Id, sku);

        using var api = app.Api(seller.ApiKey);
        var withdrawn = await api.PostAsync($"/api/v1/listings/{sku}/delisting", null, Token);
        Assert.True(withdrawn.StatusCode == HttpStatusCode.Accepted, $"{withdrawn.StatusCode}: {await withdrawn.Content.ReadAsStringAsync(Token)}\n{string.Join("\n", app.Log.Errors)}");
        Assert.Equal("off", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("listing").GetProperty("saleWanted").GetString());
        await app.Get<ChangeSales>().RunAsync("test", Token);

        var off = (await ListingBuilders.ListingsAsync(app, seller.Id)).Single();
        Assert.Equal(("Delisted", ListingReasons.Withdrawn, "Delisted"), (off.Status, off.ReasonCode, off.ProductStatus));
        Assert.Equal("instock", sandbox.Items.Single().ApproveStatus);

        var portal = await Mapping.ProductRows.SellerAsync(app, seller);
        var listPage = await portal.GetPageAsync("/listings");
        Assert.Contains("다시 판매", listPage);
        Assert.Contains("data-confirm=", listPage);
        var relisted = await portal.PostFormAsync($"/listings/{id}", $"/listings/{id}/listing");
        Assert.Equal(HttpStatusCode.Redirect, relisted.StatusCode);
        await app.Get<ChangeSales>().RunAsync("test", Token);
        await ListingBuilders.SettleAsync(app);

        Assert.Equal("Live", (await ListingBuilders.ListingsAsync(app, seller.Id)).Single().Status);
        Assert.Equal(("onsale", 10), (sandbox.Items.Single().ApproveStatus, sandbox.Items.Single().Num));
        await using var connection = await app.Db.OpenAsync();
        var methods = (await connection.QueryAsync<string>("SELECT method FROM listing_attempts WHERE listing_id = @id ORDER BY id", new { id })).ToList();
        Assert.Contains("taobao.item.update.delisting", methods);
        Assert.Contains("taobao.item.update.listing", methods);
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT sale_wanted FROM listings WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Stock_pushed_as_zero_shows_sold_out_not_an_error_and_cannot_be_relisted_until_restocked()
    {
        await using var sandbox = await ListingsSandbox.StartAsync();
        await using var app = AppFactory.For("Sqlite", sandbox.AppSettings());
        var seller = await Accounts.CreateAsync(app);
        var sku = (await ListingBuilders.ReadyProductsAsync(app, seller.Id, 1))[0];
        await ListingBuilders.SubmitAsync(app, seller, new { skus = new[] { sku } });
        await ListingBuilders.SettleAsync(app);
        await SetStockAsync(app, seller.Id, sku, 0);

        await app.Get<PushListingUpdates>().RunAsync("test", Token);

        var listing = (await ListingBuilders.ListingsAsync(app, seller.Id)).Single();
        Assert.Equal(("Delisted", ListingReasons.SoldOut), (listing.Status, listing.ReasonCode));
        var id = await ListingIdAsync(app, seller.Id, sku);
        var portal = await Mapping.ProductRows.SellerAsync(app, seller);
        var page = await portal.GetPageAsync($"/listings/{id}");
        Assert.Equal("품절", Between(page, "data-testid=\"listing-status\">", "</span>"));
        Assert.DoesNotContain("alert-danger", page);
        using var api = app.Api(seller.ApiKey);
        Assert.True((await api.GetFromJsonAsync<JsonElement>($"/api/v1/listings/{id}", Token)).GetProperty("listing").GetProperty("soldOut").GetBoolean());

        var refused = await api.PostAsync($"/api/v1/listings/{sku}/listing", null, Token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ListingReasons.NoStock, (await refused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("code").GetString());

        await SetStockAsync(app, seller.Id, sku, 5);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/listings/{sku}/listing", null, Token)).StatusCode);
        await app.Get<ChangeSales>().RunAsync("test", Token);
        await ListingBuilders.SettleAsync(app);
        Assert.Equal("Live", (await ListingBuilders.ListingsAsync(app, seller.Id)).Single().Status);
        Assert.Equal(5, sandbox.Items.Single().Num);
    }

    [Fact]
    public async Task A_live_item_found_in_the_warehouse_without_a_violation_is_off_sale_and_a_late_take_down_is_Rejected()
    {
        await using var sandbox = await ListingsSandbox.StartAsync();
        var settings = sandbox.AppSettings();
        settings["Listings:LiveCheckSeconds"] = "0";
        await using var app = AppFactory.For("Sqlite", settings);
        var seller = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, seller.Id, 2);
        await ListingBuilders.SubmitAsync(app, seller, new { skus });
        await ListingBuilders.SettleAsync(app);
        var items = sandbox.Items;
        // Withdrawn in the marketplace's own seller centre, and taken down after the fact.
        sandbox.Store.SaveItem(items[0] with { ApproveStatus = "instock" });
        sandbox.Store.SaveItem(items[1] with { ApproveStatus = "instock", Violation = true });

        await app.Get<CheckAudits>().RunAsync("test", Token);

        var listings = await ListingBuilders.ListingsAsync(app, seller.Id);
        Assert.Equal(("Delisted", ListingReasons.OffSale), (listings.Single(l => l.NumIid == items[0].NumIid).Status, listings.Single(l => l.NumIid == items[0].NumIid).ReasonCode));
        Assert.Equal(("Rejected", ListingReasons.Violation), (listings.Single(l => l.NumIid == items[1].NumIid).Status, listings.Single(l => l.NumIid == items[1].NumIid).ReasonCode));
    }

    [Theory]
    [AllProviders]
    public async Task Another_sellers_listing_cannot_be_withdrawn_or_relisted_by_sku_or_id_and_a_wrong_state_is_a_problem(string provider)
    {
        await using var sandbox = await ListingsSandbox.StartAsync();
        await using var app = AppFactory.For(provider, sandbox.AppSettings());
        var a = await Accounts.CreateAsync(app);
        var b = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, a.Id, 1, prefix: "A");
        await ListingBuilders.SubmitAsync(app, a, new { skus });
        await ListingBuilders.SettleAsync(app);
        var id = await ListingIdAsync(app, a.Id, skus[0]);

        using var apiB = app.Api(b.ApiKey);
        foreach (var action in (string[])["delisting", "listing"])
        {
            var response = await apiB.PostAsync($"/api/v1/listings/{skus[0]}/{action}", null, Token);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            // The listing id as a SKU finds nothing either.
            Assert.Equal(HttpStatusCode.NotFound, (await apiB.PostAsync($"/api/v1/listings/{id}/{action}", null, Token)).StatusCode);
        }

        var portalB = await Mapping.ProductRows.SellerAsync(app, b);
        foreach (var action in (string[])["delisting", "listing"])
        {
            Assert.Equal(HttpStatusCode.NotFound, (await portalB.PostFormAsync("/listings", $"/listings/{id}/{action}")).StatusCode);
        }

        await using (var connection = await app.Db.OpenAsync())
        {
            Assert.Equal(("Live", (string?)null), await connection.QuerySingleAsync<(string, string?)>("SELECT status, sale_wanted FROM listings WHERE id = @id", new { id }));
        }

        Assert.Equal("onsale", sandbox.Items.Single().ApproveStatus);

        // A's own listing in the wrong state: relisting a live one is a 409 problem in the seller's language.
        using var apiA = app.Api(a.ApiKey);
        var wrong = await apiA.PostAsync($"/api/v1/listings/{skus[0]}/listing", null, Token);
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(ListingReasons.NotOffSale, problem.GetProperty("code").GetString());
        Assert.Contains("다시 판매", problem.GetProperty("detail").GetString());
        var portalA = await Mapping.ProductRows.SellerAsync(app, a);
        var page = await portalA.PostFormAsync($"/listings/{id}", $"/listings/{id}/listing");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("data-testid=\"sale-error\"", await page.Content.ReadAsStringAsync(Token));
    }

    private static async Task<long> ListingIdAsync(AppFactory app, long sellerId, string sku)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT l.id FROM listings l JOIN products p ON p.id = l.product_id WHERE l.seller_id = @sellerId AND p.seller_sku = @sku", new { sellerId, sku });
    }

    private static async Task SetStockAsync(AppFactory app, long sellerId, string sku, int stock)
    {
        await using var connection = await app.Db.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE products SET stock = @stock, version = version + 1 WHERE seller_id = @sellerId AND seller_sku = @sku", new { stock, sellerId, sku });
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start} in the page");
        from += start.Length;
        return System.Net.WebUtility.HtmlDecode(text[from..text.IndexOf(end, from, StringComparison.Ordinal)]).Trim();
    }
}
