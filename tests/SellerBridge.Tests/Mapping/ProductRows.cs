using System.Net;
using Dapper;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Tests.Jobs;
using SellerBridge.Web.Features.Mapping;

namespace SellerBridge.Tests.Mapping;

/// <summary>Products written straight into <c>products</c>, as an import would leave them, and small helpers around drafts.</summary>
internal static class ProductRows
{
    /// <summary>A complete serum that the seeded rules map (화장품&gt;스킨케어) and price: 12,900 won, 480 g.</summary>
    public static async Task<long> InsertAsync(
        AppFactory app,
        long sellerId,
        string sku = "SERUM-50",
        string? nameZh = "韩国人参精华液 50ml",
        int? weightG = 480,
        long priceKrw = 12_900,
        string category = "화장품>스킨케어>에센스",
        string extraJson = """{"용량":"50ml"}""",
        string listingStatus = "Draft")
    {
        await using var connection = await app.Db.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        return await connection.ExecuteScalarAsync<long>(
            app.Db.Dialect.InsertReturningId(
                """
                INSERT INTO products (seller_id, seller_sku, name_ko, price_krw, stock, category, name_zh, brand, weight_g, origin, hs_code, barcode,
                    image_urls, description, extra_json, content_hash, listing_status, version, created_at, updated_at)
                VALUES (@sellerId, @sku, '설화 인삼 에센스 50ml', @priceKrw, 10, @category, @nameZh, '설화', @weightG, 'KR', NULL, NULL,
                    'https://img.example.kr/serum-1.jpg', '补水保湿，温和不刺激。', @extraJson, 'test', @listingStatus, 1, @now, @now)
                """),
            new { sellerId, sku, priceKrw, category, nameZh, weightG, extraJson, listingStatus, now });
    }

    public sealed record Draft(string Readiness, decimal? PriceCny, long? Cid, long? RateId, string ProblemsJson, DateTimeOffset ComputedAt);

    public static async Task<Draft?> DraftAsync(AppFactory app, long productId)
    {
        await using var connection = await app.Db.OpenAsync();
        var rows = await connection.QueryAsync<(string Readiness, decimal? PriceCny, long? Cid, long? RateId, string ProblemsJson, DateTimeOffset ComputedAt)>(
            "SELECT readiness, price_cny, cid, rate_id, problems_json, computed_at FROM product_drafts WHERE product_id = @productId",
            new { productId });
        return rows.Select(r => new Draft(r.Readiness, r.PriceCny, r.Cid, r.RateId, r.ProblemsJson, r.ComputedAt)).FirstOrDefault();
    }

    public static async Task<string> StatusAsync(AppFactory app, long productId)
    {
        await using var connection = await app.Db.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT listing_status FROM products WHERE id = @productId", new { productId }) ?? "";
    }

    /// <summary>Drafts for the seller's products, as an import's completion computes them.</summary>
    public static Task ComputeAsync(AppFactory app, long sellerId, params long[] productIds) =>
        app.Get<DraftRecomputer>().ForProductsAsync(sellerId, productIds);

    public static async Task<PortalClient> OperatorAsync(AppFactory app)
    {
        var portal = app.Portal();
        var email = await Accounts.CreateOperatorAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.SignInAsync(email, Accounts.Password)).StatusCode);
        return portal;
    }

    public static async Task<PortalClient> SellerAsync(AppFactory app, Accounts.Seller seller)
    {
        var portal = app.Portal();
        Assert.Equal(HttpStatusCode.Redirect, (await portal.SignInAsync(seller.Email, Accounts.Password)).StatusCode);
        return portal;
    }

    /// <summary>Posts an operator form and waits for the background recompute it queues to finish.</summary>
    public static async Task PostAndWaitForRecomputeAsync(AppFactory app, PortalClient portal, string page, params (string Key, string Value)[] fields)
    {
        await using var connection = await app.Db.OpenAsync();
        var before = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM job_runs WHERE job_name = @name AND outcome <> 'Running'", new { name = nameof(RecomputeDraftsJob) });
        var response = await portal.PostFormAsync(page, page, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runs = await JobWait.FinishedRunsAsync(app, nameof(RecomputeDraftsJob), before + 1);
        Assert.All(runs, r => Assert.Equal("Succeeded", r.Outcome));
    }

    public static string KoreaToday() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Web.Infrastructure.Localisation.LocalisationExtensions.KoreaTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
