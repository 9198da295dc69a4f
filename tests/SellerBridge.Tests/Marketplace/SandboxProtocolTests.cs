using System.Text.Json;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public class SandboxProtocolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<TopResponse> CallCategories(ITopClient client) =>
        client.CallAsync("taobao.itemcats.get", new Dictionary<string, string?> { ["parent_cid"] = "0" }, Token);

    [Theory]
    [InlineData("md5")]
    [InlineData("hmac")]
    [InlineData("hmac-sha256")]
    public async Task Every_sign_method_is_accepted(string signMethod)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient(new Dictionary<string, string?> { ["Marketplace:SignMethod"] = signMethod });

        var response = await CallCategories(client);

        Assert.True(response.IsSuccess, response.Error?.ToString());
    }

    [Fact]
    public async Task A_timestamp_more_than_ten_minutes_off_is_refused_with_code_31()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var fast = new ManualClock(sandbox.Clock.GetUtcNow().AddMinutes(11));
        var slightlyFast = new ManualClock(sandbox.Clock.GetUtcNow().AddMinutes(9));

        var refused = await CallCategories(sandbox.CreateClient(clock: fast));
        var accepted = await CallCategories(sandbox.CreateClient(clock: slightlyFast));

        Assert.Equal(31, refused.Error?.Code);
        Assert.Equal(TopErrorKind.Permanent, refused.Kind);
        Assert.True(accepted.IsSuccess, accepted.Error?.ToString());
    }

    [Fact]
    public async Task An_unknown_session_is_code_27_and_not_retried()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var client = sandbox.CreateClient(new Dictionary<string, string?> { ["Marketplace:SessionKey"] = "6100revoked" });

        var result = await client.ItemsCustomGetAsync("SKU-1", Token);

        Assert.Equal(27, result.Error?.Code);
        Assert.Equal("Invalid session", result.Error?.Msg);
        Assert.Equal(1, sandbox.Gateway.CallsTo("taobao.items.custom.get"));
    }

    [Fact]
    public async Task An_unknown_app_key_is_code_29_and_an_unknown_method_code_22()
    {
        await using var sandbox = await SandboxServer.StartAsync();

        var badKey = await CallCategories(sandbox.CreateClient(new Dictionary<string, string?> { ["Marketplace:AppKey"] = "99999999" }));
        var badMethod = await sandbox.CreateClient().CallAsync("taobao.item.teleport", new Dictionary<string, string?>(), Token);

        Assert.Equal((29, "Invalid app Key"), (badKey.Error?.Code, badKey.Error?.Msg));
        Assert.Equal((22, "Invalid method"), (badMethod.Error?.Code, badMethod.Error?.Msg));
    }

    [Fact]
    public async Task System_parameters_may_travel_in_the_form_body_as_well_as_the_query_string()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var form = new Dictionary<string, string?>
        {
            ["method"] = "taobao.itemcats.get",
            ["app_key"] = SandboxServer.AppKey,
            ["timestamp"] = TopSigner.FormatTime(sandbox.Clock.GetUtcNow()),
            ["v"] = "2.0",
            ["format"] = "json",
            ["sign_method"] = "md5",
            ["cids"] = $"{SandboxServer.LeafCid}",
        };
        form["sign"] = TopSigner.Sign(form, SandboxServer.AppSecret, "md5");
        using var http = new HttpClient();

        using var answer = await http.PostAsync(sandbox.GatewayUrl, new FormUrlEncodedContent(form!), Token);
        var text = await answer.Content.ReadAsStringAsync(Token);
        using var json = JsonDocument.Parse(text);
        Assert.True(json.RootElement.TryGetProperty("itemcats_get_response", out _), text);

        var category = json.RootElement.GetProperty("itemcats_get_response").GetProperty("item_cats").GetProperty("item_cat")[0];
        Assert.Equal(SandboxServer.LeafCid, category.GetProperty("cid").GetInt64());
        Assert.Equal("面膜", category.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Itemcats_lists_the_children_of_a_parent()
    {
        await using var sandbox = await SandboxServer.StartAsync();

        var result = await sandbox.CreateClient().ItemcatsGetAsync(SandboxServer.ParentCid, null, Token);

        Assert.Equal([50010815L, 50013794L], result.Value!.Select(c => c.Cid));
        Assert.All(result.Value!, c => Assert.False(c.IsParent));
    }
}
