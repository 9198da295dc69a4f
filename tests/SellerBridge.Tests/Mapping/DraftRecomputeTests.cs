using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Jobs;

namespace SellerBridge.Tests.Mapping;

/// <summary>Drafts follow every kind of change without the seller doing anything: a product edit, a rate, a pricing rule, a mapping rule.</summary>
public sealed class DraftRecomputeTests
{
    [Theory]
    [AllProviders]
    public async Task Editing_the_chinese_title_and_weight_makes_the_product_ready_and_is_kept_in_its_history(string provider)
    {
        await using var app = AppFactory.For(provider);
        var seller = await Accounts.CreateAsync(app);
        var id = await ProductRows.InsertAsync(app, seller.Id, nameZh: null, weightG: null);
        await ProductRows.ComputeAsync(app, seller.Id, id);
        using var portal = await ProductRows.SellerAsync(app, seller);
        var before = await portal.GetPageAsync($"/catalogue/products/{id}");
        Assert.Contains("data-code=\"name_zh.missing\"", before);
        Assert.Contains("data-code=\"weight.missing\"", before);
        Assert.Equal("NeedsAttention", await ProductRows.StatusAsync(app, id));

        var response = await portal.PostFormAsync($"/catalogue/products/{id}", $"/catalogue/products/{id}", ("nameZh", "韩国人参精华液 50ml"), ("weightG", "480"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await portal.GetPageAsync($"/catalogue/products/{id}");
        Assert.DoesNotContain("data-testid=\"problem\"", after);
        Assert.Contains("¥108.90", after);
        Assert.Equal("Ready", await ProductRows.StatusAsync(app, id));
        await using var connection = await app.Db.OpenAsync();
        var history = (await connection.QueryAsync<(string Source, string Changes)>(
            "SELECT source, changes_json FROM product_history WHERE product_id = @id", new { id })).Single();
        Assert.Equal("portal", history.Source);
        Assert.Contains("韩国人参精华液 50ml", history.Changes);
        Assert.Contains("weight_g", history.Changes);
    }

    [Theory]
    [AllProviders]
    public async Task A_new_rate_reprices_every_draft_and_the_preview_names_it(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var seller = await Accounts.CreateAsync(app);
        var id = await ProductRows.InsertAsync(app, seller.Id);
        await ProductRows.ComputeAsync(app, seller.Id, id);
        Assert.Equal(108.90m, (await ProductRows.DraftAsync(app, id))!.PriceCny);
        using var op = await ProductRows.OperatorAsync(app);

        await ProductRows.PostAndWaitForRecomputeAsync(app, op, "/operator/rates", ("krwPerCny", "200.00"), ("effectiveFrom", ProductRows.KoreaToday()));

        // 18,835 won ÷ 200 = 94.175 yuan, + 9.1% tax = 102.74, rounded up to .90.
        var draft = await ProductRows.DraftAsync(app, id);
        Assert.Equal(102.90m, draft!.PriceCny);
        using var portal = await ProductRows.SellerAsync(app, seller);
        var page = await portal.GetPageAsync($"/catalogue/products/{id}");
        Assert.Contains("¥102.90", page);
        Assert.Contains($"#{draft.RateId}", page);
        Assert.Contains("200.00", page);
    }

    [Theory]
    [AllProviders]
    public async Task The_rule_pages_follow_the_recompute_and_end_with_its_result(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var seller = await Accounts.CreateAsync(app);
        var ids = new[] { await ProductRows.InsertAsync(app, seller.Id, "RC-1"), await ProductRows.InsertAsync(app, seller.Id, "RC-2") };
        await ProductRows.ComputeAsync(app, seller.Id, ids);
        using var op = await ProductRows.OperatorAsync(app);
        Assert.Contains("아직 갱신 작업이 실행된 적이 없습니다", await op.GetPageAsync("/operator/rates"));
        // A run cut short by a process that died is left marked Running; the next run says so.
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO draft_recomputes (scope, started_at, outcome, products_total, products_done, drafts_written, statuses_changed, updates_queued) VALUES ('all', @at, 'Running', 2, 1, 0, 0, 0)",
                new { at = DateTimeOffset.UtcNow.AddHours(-1) });
        }

        await ProductRows.PostAndWaitForRecomputeAsync(app, op, "/operator/rates", ("krwPerCny", "200.00"), ("effectiveFrom", ProductRows.KoreaToday()));

        await using var check = await app.Db.OpenAsync();
        var runs = (await check.QueryAsync<(string Outcome, long Done, long Written)>(
            "SELECT outcome, products_done, drafts_written FROM draft_recomputes ORDER BY id")).ToList();
        Assert.Equal([("Failed", 1L, 0L), ("Completed", 2L, 2L)], runs);
        var status = System.Text.Json.JsonDocument.Parse(await op.Http.GetStringAsync("/operator/drafts/status", TestContext.Current.CancellationToken)).RootElement;
        Assert.False(status.GetProperty("working").GetBoolean());
        Assert.Equal(100, status.GetProperty("percent").GetInt32());
        Assert.Contains("상품 2개를 확인해 초안 2개가 바뀌었고", status.GetProperty("text").GetString());
        Assert.Contains("상품 2개를 확인해 초안 2개가 바뀌었고", await op.GetPageAsync("/operator/pricing"));

        using var portal = await ProductRows.SellerAsync(app, seller);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await portal.GetAsync("/operator/drafts/status")).StatusCode);
    }

    [Theory]
    [AllProviders]
    public async Task A_rate_dated_for_a_later_day_changes_nothing_yet(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var seller = await Accounts.CreateAsync(app);
        var id = await ProductRows.InsertAsync(app, seller.Id);
        await ProductRows.ComputeAsync(app, seller.Id, id);
        using var op = await ProductRows.OperatorAsync(app);

        await ProductRows.PostAndWaitForRecomputeAsync(app, op, "/operator/rates", ("krwPerCny", "250.00"), ("effectiveFrom", "2099-01-01"));

        Assert.Equal(108.90m, (await ProductRows.DraftAsync(app, id))!.PriceCny);
    }

    [Theory]
    [AllProviders]
    public async Task A_new_pricing_rule_reprices_drafts_and_names_its_version(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var seller = await Accounts.CreateAsync(app);
        var id = await ProductRows.InsertAsync(app, seller.Id);
        await ProductRows.ComputeAsync(app, seller.Id, id);
        using var op = await ProductRows.OperatorAsync(app);

        await ProductRows.PostAndWaitForRecomputeAsync(
            app, op, "/operator/pricing",
            ("marginPercent", "20"), ("crossBorderTaxPercent", "9.1"), ("rounding", "To90"), ("shippingBands", "500=4000\n1000=6000\n2000=9000"));

        // 12,900 + 20% = 15,480 won, + 4,000 shipping = 19,480 ÷ 190 = 102.53 yuan, + 9.1% = 111.86 → 111.90.
        Assert.Equal(111.90m, (await ProductRows.DraftAsync(app, id))!.PriceCny);
        using var portal = await ProductRows.SellerAsync(app, seller);
        var page = await portal.GetPageAsync($"/catalogue/products/{id}");
        Assert.Contains("v2", page);
    }

    [Theory]
    [AllProviders]
    public async Task A_mapping_rule_maps_the_products_under_its_path_and_leaves_other_drafts_untouched(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var seller = await Accounts.CreateAsync(app);
        var shirt = await ProductRows.InsertAsync(app, seller.Id, sku: "TEE-M", nameZh: "纯棉T恤", weightG: 200, category: "패션>여성의류>티셔츠", extraJson: """{"사이즈":"M","색상":"黑色"}""");
        var serum = await ProductRows.InsertAsync(app, seller.Id);
        await ProductRows.ComputeAsync(app, seller.Id, shirt, serum);
        Assert.Contains("category.unmapped", (await ProductRows.DraftAsync(app, shirt))!.ProblemsJson);
        var serumBefore = await ProductRows.DraftAsync(app, serum);
        using var op = await ProductRows.OperatorAsync(app);
        Assert.Contains("data-path=\"패션&gt;여성의류&gt;티셔츠\"", await op.GetPageAsync("/operator/mapping"));

        await ProductRows.PostAndWaitForRecomputeAsync(app, op, "/operator/mapping", ("kmallPrefix", " 패션 > 여성의류 "), ("cid", "54675795"));

        var mapped = await ProductRows.DraftAsync(app, shirt);
        Assert.Equal(54675795, mapped!.Cid);
        Assert.Equal("Ready", mapped.Readiness);
        Assert.Equal("Ready", await ProductRows.StatusAsync(app, shirt));
        Assert.Equal(serumBefore!.ComputedAt, (await ProductRows.DraftAsync(app, serum))!.ComputedAt);
        var page = await op.GetPageAsync("/operator/mapping");
        Assert.DoesNotContain("data-path=\"패션&gt;여성의류&gt;티셔츠\"", page);
        Assert.Contains("data-prefix=\"패션&gt;여성의류\"", page);
    }

    [Theory]
    [AllProviders]
    public async Task A_live_listing_keeps_its_status_and_gets_a_price_update_queued(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        var seller = await Accounts.CreateAsync(app);
        var live = await ProductRows.InsertAsync(app, seller.Id, listingStatus: "Live");
        var queued = await ProductRows.InsertAsync(app, seller.Id, sku: "SERUM-Q", listingStatus: "Queued");
        await ProductRows.ComputeAsync(app, seller.Id, live, queued);
        using var op = await ProductRows.OperatorAsync(app);

        await ProductRows.PostAndWaitForRecomputeAsync(app, op, "/operator/rates", ("krwPerCny", "200"), ("effectiveFrom", ProductRows.KoreaToday()));

        Assert.Equal("Live", await ProductRows.StatusAsync(app, live));
        Assert.Equal("Queued", await ProductRows.StatusAsync(app, queued));
        await using var connection = await app.Db.OpenAsync();
        var updates = (await connection.QueryAsync<(long ProductId, decimal PriceCny)>("SELECT product_id, price_cny FROM listing_updates")).ToList();
        Assert.Equal([(live, 102.90m)], updates);
    }
}
