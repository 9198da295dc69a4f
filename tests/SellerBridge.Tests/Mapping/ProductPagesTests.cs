using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;

namespace SellerBridge.Tests.Mapping;

/// <summary>The seller's product pages: the list by readiness with counts, the preview, and another seller's products out of reach.</summary>
public sealed class ProductPagesTests
{
    [Theory]
    [AllProviders]
    public async Task The_list_counts_products_by_readiness_and_filters_on_it(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        var ready = await ProductRows.InsertAsync(app, seller.Id, sku: "READY-1");
        var missing = await ProductRows.InsertAsync(app, seller.Id, sku: "NOZH-1", nameZh: null);
        var claims = await ProductRows.InsertAsync(app, seller.Id, sku: "CLAIM-1", nameZh: "最好的人参精华");
        await ProductRows.ComputeAsync(app, seller.Id, ready, missing, claims);
        using var portal = await ProductRows.SellerAsync(app, seller);

        var all = await portal.GetPageAsync("/catalogue/products");
        var attention = await portal.GetPageAsync("/catalogue/products?status=NeedsAttention");

        Assert.Contains("data-testid=\"count-Ready\">준비 완료 (1)", all);
        Assert.Contains("data-testid=\"count-NeedsAttention\">확인 필요 (2)", all);
        Assert.Contains("data-sku=\"NOZH-1\"", attention);
        Assert.Contains("data-sku=\"CLAIM-1\"", attention);
        Assert.DoesNotContain("data-sku=\"READY-1\"", attention);
    }

    [Theory]
    [AllProviders]
    public async Task The_preview_shows_what_would_be_sent_the_price_steps_and_every_problem_in_korean(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        var id = await ProductRows.InsertAsync(app, seller.Id, nameZh: "最好的人参精华", extraJson: "{}");
        using var portal = await ProductRows.SellerAsync(app, seller);

        // No draft yet (as after an import that has not asked): the page makes it.
        var page = await portal.GetPageAsync($"/catalogue/products/{id}");

        Assert.Contains("面部精华", page);
        Assert.Contains("¥108.90", page);
        Assert.Contains("data-step=\"cross_border_tax\"", page);
        Assert.Contains("data-code=\"claims.forbidden\"", page);
        Assert.Contains("data-code=\"attribute.missing\"", page);
        Assert.Contains("용량", page);
        Assert.Contains("환율", page);
        Assert.Equal("NeedsAttention", await ProductRows.StatusAsync(app, id));
    }

    [Theory]
    [AllProviders]
    public async Task Another_sellers_product_id_or_sku_is_not_found_and_their_product_is_not_changed(string provider)
    {
        await using var app = AppFactory.For(provider);
        var owner = await Accounts.CreateAsync(app);
        var intruder = await Accounts.CreateAsync(app);
        var ownersProduct = await ProductRows.InsertAsync(app, owner.Id, sku: "OWNER-SKU", nameZh: null);
        var intrudersProduct = await ProductRows.InsertAsync(app, intruder.Id, sku: "MINE-1");
        await ProductRows.ComputeAsync(app, owner.Id, ownersProduct);
        using var portal = await ProductRows.SellerAsync(app, intruder);

        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/catalogue/products/{ownersProduct}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync("/catalogue/products/sku/OWNER-SKU")).StatusCode);
        var post = await portal.PostFormAsync($"/catalogue/products/{intrudersProduct}", $"/catalogue/products/{ownersProduct}", ("nameZh", "入侵者"), ("weightG", "1"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("OWNER-SKU", await portal.GetPageAsync("/catalogue/products"));

        await using var connection = await app.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string? NameZh, int? WeightG, int Version)>(
            "SELECT name_zh, weight_g, version FROM products WHERE id = @ownersProduct", new { ownersProduct });
        Assert.Equal((null, 480, 1), row);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM product_history WHERE product_id = @ownersProduct", new { ownersProduct }));
        Assert.Contains("name_zh.missing", (await ProductRows.DraftAsync(app, ownersProduct))!.ProblemsJson);
    }

    [Fact]
    public async Task An_invalid_edit_is_refused_with_a_message_and_changes_nothing()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        var id = await ProductRows.InsertAsync(app, seller.Id);
        using var portal = await ProductRows.SellerAsync(app, seller);

        var response = await portal.PostFormAsync($"/catalogue/products/{id}", $"/catalogue/products/{id}", ("nameZh", new string('参', 61)), ("weightG", "-5"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"error-nameZh\"", page);
        Assert.Contains("data-testid=\"error-weightG\"", page);
        await using var connection = await app.Db.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT version FROM products WHERE id = @id", new { id }));
    }
}
