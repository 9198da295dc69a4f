using System.Net;
using System.Net.Http.Json;
using Dapper;
using SellerBridge.Sandbox.Marketplace;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Features.Listings;
using SellerBridge.Web.Features.Orders;

namespace SellerBridge.Tests.Listings;

public sealed class SubmissionTests
{
    [Theory]
    [AllProviders]
    public async Task Submission_with_a_fifth_of_calls_failing_settles_every_listing_with_one_item_per_sku(string provider)
    {
        await using var sandbox = await ListingsSandbox.StartAsync(o =>
        {
            o.IspFaultRate = 0.10;
            o.HttpFaultRate = 0.08;
            o.TimeoutFaultRate = 0.02;
            o.TimeoutDelaySeconds = 3;
            o.Seed = 7;
        });
        await using var app = AppFactory.For(provider, sandbox.AppSettings());
        var seller = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, seller.Id, 250);
        // Ten titles the mapper passed but the marketplace's audit refuses.
        await using (var connection = await app.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE product_drafts SET title_zh = title_zh || '最好' WHERE product_id IN (SELECT id FROM products WHERE seller_id = @Id AND seller_sku LIKE 'SKU-000%')",
                new { seller.Id });
        }

        var submitted = await ListingBuilders.SubmitAsync(app, seller, new { allReady = true });
        Assert.Equal(250, submitted.GetProperty("accepted").GetInt32());
        await ListingBuilders.SettleAsync(app);

        var listings = await ListingBuilders.ListingsAsync(app, seller.Id);
        Assert.Equal(250, listings.Count);
        Assert.All(listings, l => Assert.Contains(l.Status, (string[])["Live", "Rejected", "Failed"]));
        Assert.All(listings.Where(l => l.Status != "Live"), l => Assert.NotNull(l.ReasonCode));
        Assert.All(listings, l => Assert.Equal(l.Status, l.ProductStatus));
        Assert.All(listings.Where(l => l.Sku.StartsWith("SKU-000", StringComparison.Ordinal)), l => Assert.Equal(("Rejected", ListingReasons.AbsoluteClaim), (l.Status, l.ReasonCode)));
        Assert.True(listings.Count(l => l.Status == "Live") >= 230, string.Join(", ", listings.GroupBy(l => l.Status + ":" + l.ReasonCode).Select(g => $"{g.Key}={g.Count()}")));
        await ListingBuilders.AssertNoDuplicatesAsync(app, sandbox, seller.Id, skus);

        await using (var connection = await app.Db.OpenAsync())
        {
            // Every call is on record, failures included.
            var outcomes = (await connection.QueryAsync<string>("SELECT DISTINCT outcome FROM listing_attempts WHERE seller_id = @Id", new { seller.Id })).ToList();
            Assert.Contains("Success", outcomes);
        }

        using var api = app.Api(seller.ApiKey);
        var status = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/listings/submissions/{submitted.GetProperty("id").GetInt64()}", TestContext.Current.CancellationToken);
        Assert.True(status.GetProperty("finished").GetBoolean());
        Assert.Equal(250, status.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt32()));
    }

    [Theory]
    [AllProviders]
    public async Task An_item_published_by_a_worker_that_died_before_recording_it_is_found_not_added_again(string provider)
    {
        await using var sandbox = await ListingsSandbox.StartAsync();
        await using var app = AppFactory.For(provider, sandbox.AppSettings());
        var seller = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, seller.Id, 3);
        await ListingBuilders.SubmitAsync(app, seller, new { skus });

        // A first worker claims the listings, writes what it will send, publishes SKU-0000 and dies.
        var claims = app.Get<ListingClaims>();
        await using (var connection = await app.Db.OpenAsync())
        {
            var claimed = await claims.ClaimAsync(connection, ["Queued"], "dead-worker", DateTimeOffset.UtcNow, TimeSpan.Zero, 10);
            Assert.Equal(3, claimed.Count);
            var work = (await ListingWork.LoadAsync(connection, claimed[0]))!;
            var payload = ListingPayload.Build(work, new ListingsOptions());
            await connection.ExecuteAsync("UPDATE listings SET status = 'Submitting', payload_hash = @PayloadHash WHERE id = @id", new { payload.PayloadHash, id = claimed[0] });
            var client = app.Get<SellerBridge.Web.Infrastructure.Marketplace.ITopClient>();
            var added = await SellerBridge.Web.Infrastructure.Marketplace.TopItemCalls.ItemAddAsync(client, payload.Item, TestContext.Current.CancellationToken);
            Assert.True(added.IsSuccess, added.Error?.ToString());
        }

        var addsBefore = sandbox.Gateway.CallsTo("taobao.item.add");
        await ListingBuilders.SettleAsync(app);

        Assert.Equal(addsBefore + 2, sandbox.Gateway.CallsTo("taobao.item.add"));
        Assert.All(await ListingBuilders.ListingsAsync(app, seller.Id), l => Assert.Equal("Live", l.Status));
        await ListingBuilders.AssertNoDuplicatesAsync(app, sandbox, seller.Id, skus);
    }

    [Fact]
    public async Task A_pending_seller_cannot_submit_gets_a_problem_in_korean_or_english_and_nothing_is_queued()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, seller.Id, 2);
        await SetStatusAsync(app, seller.Id, "Pending");

        var problem = await ListingBuilders.SubmitAsync(app, seller, new { skus }, HttpStatusCode.Forbidden);
        Assert.Equal("seller.pending", problem.GetProperty("code").GetString());
        Assert.Contains("승인", problem.GetProperty("detail").GetString());

        using var english = app.Api(seller.ApiKey);
        var response = await english.PostAsJsonAsync("/api/v1/listings/submissions?culture=en-US", new { allReady = true }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("approved", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await ListingBuilders.ListingsAsync(app, seller.Id));

        var portal = await SellerBridge.Tests.Mapping.ProductRows.SellerAsync(app, seller);
        var page = await portal.PostFormAsync("/listings", "/listings/submissions", ("allReady", "true"));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Empty(await ListingBuilders.ListingsAsync(app, seller.Id));
    }

    [Fact]
    public async Task A_suspended_seller_cannot_submit()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, seller.Id, 2);
        await SetStatusAsync(app, seller.Id, "Suspended");

        // The API refuses a suspended seller's key outright; the handler refuses too, whoever calls it.
        using var api = app.Api(seller.ApiKey);
        var response = await api.PostAsJsonAsync("/api/v1/listings/submissions", new { skus }, TestContext.Current.CancellationToken);
        Assert.Contains(response.StatusCode, (HttpStatusCode[])[HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden]);
        var result = await app.Get<SubmitListings>().SubmitAsync(new SellerBridge.Web.Infrastructure.Security.SellerScope(seller.Id), new SubmitListings.Input(skus, false, "test"));
        Assert.Equal("seller.suspended", result.SellerProblem);
        Assert.Empty(await ListingBuilders.ListingsAsync(app, seller.Id));
    }

    private static async Task SetStatusAsync(AppFactory app, long sellerId, string status)
    {
        await using var connection = await app.Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE sellers SET status = @status WHERE id = @sellerId", new { status, sellerId });
    }

    [Fact]
    public async Task Skus_that_cannot_be_submitted_are_reported_one_by_one_with_the_reason()
    {
        await using var app = AppFactory.For("Sqlite");
        var seller = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, seller.Id, 2);
        var notReady = await SellerBridge.Tests.Mapping.ProductRows.InsertAsync(app, seller.Id, "NO-TITLE", nameZh: null);
        await SellerBridge.Tests.Mapping.ProductRows.ComputeAsync(app, seller.Id, notReady);
        await ListingBuilders.SubmitAsync(app, seller, new { skus = new[] { skus[0] } });

        var result = await ListingBuilders.SubmitAsync(app, seller, new { skus = new[] { skus[0], skus[1], "NO-TITLE", "NOPE" } });

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        var refused = result.GetProperty("refused").EnumerateArray().ToDictionary(r => r.GetProperty("sku").GetString()!, r => r.GetProperty("code").GetString());
        Assert.Equal(ListingReasons.AlreadySubmitted, refused[skus[0]]);
        Assert.Equal(ListingReasons.DraftNotReady, refused["NO-TITLE"]);
        Assert.Equal(ListingReasons.SkuNotFound, refused["NOPE"]);
        Assert.False(refused.ContainsKey(skus[1]));
    }

    [Fact]
    public async Task Another_sellers_submissions_listings_and_skus_are_out_of_reach()
    {
        await using var sandbox = await ListingsSandbox.StartAsync();
        await using var app = AppFactory.For("Sqlite", sandbox.AppSettings());
        var a = await Accounts.CreateAsync(app);
        var b = await Accounts.CreateAsync(app);
        var skus = await ListingBuilders.ReadyProductsAsync(app, a.Id, 2);
        var submitted = await ListingBuilders.SubmitAsync(app, a, new { skus });
        await ListingBuilders.SettleAsync(app);
        long listingId;
        await using (var connection = await app.Db.OpenAsync())
        {
            listingId = await connection.ExecuteScalarAsync<long>("SELECT MIN(id) FROM listings WHERE seller_id = @Id", new { a.Id });
        }

        using var apiB = app.Api(b.ApiKey);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.GetAsync($"/api/v1/listings/submissions/{submitted.GetProperty("id").GetInt64()}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.GetAsync($"/api/v1/listings/{listingId}", ct)).StatusCode);
        using var apiA = app.Api(a.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await apiA.GetAsync($"/api/v1/listings/{listingId}", ct)).StatusCode);

        // B names A's SKUs: they are not B's products.
        var result = await ListingBuilders.SubmitAsync(app, b, new { skus });
        Assert.Equal(0, result.GetProperty("accepted").GetInt32());
        Assert.All(result.GetProperty("refused").EnumerateArray(), r => Assert.Equal(ListingReasons.SkuNotFound, r.GetProperty("code").GetString()));
        Assert.Empty(await ListingBuilders.ListingsAsync(app, b.Id));

        var portalB = await SellerBridge.Tests.Mapping.ProductRows.SellerAsync(app, b);
        Assert.Equal(HttpStatusCode.NotFound, (await portalB.GetAsync($"/listings/{listingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await portalB.GetAsync($"/listings/submissions/{submitted.GetProperty("id").GetInt64()}/progress")).StatusCode);
    }
}
