using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public class TopSignerTests
{
    private const string Secret = "sandbox-secret-Ω";

    private static Dictionary<string, string?> Parameters(string signMethod) => new()
    {
        ["method"] = "taobao.item.add",
        ["app_key"] = "12345678",
        ["session"] = "test-session",
        ["timestamp"] = "2024-05-01 12:00:00",
        ["v"] = "2.0",
        ["format"] = "json",
        ["sign_method"] = signMethod,
        ["title"] = "韩国面膜",
        ["desc"] = "한국 화장품",
        ["location.state"] = "浙江省",
        ["outer_id"] = "SKU-1",
        ["partner_id"] = "",
        ["pic_path"] = null,
        ["sign"] = "NOT-SIGNED",
    };

    [Fact]
    public void Signed_content_sorts_keys_ordinally_drops_empty_values_and_sign()
    {
        Assert.Equal(
            "app_key12345678desc한국 화장품formatjsonlocation.state浙江省methodtaobao.item.addouter_idSKU-1sessiontest-session"
            + "sign_methodmd5timestamp2024-05-01 12:00:00title韩国面膜v2.0",
            TopSigner.Canonicalize(Parameters("md5")));
    }

    // Expected digests computed independently with python3 hashlib/hmac over the UTF-8 content above.
    [Theory]
    [InlineData("md5", "7D43A2D7FD45FA965510A1AFB0119FE0")]
    [InlineData("hmac", "B54CC177218AC86E789A5014D8BE77F1")]
    [InlineData("hmac-sha256", "D6AC21DECF921DC7C1D6B459DC16EB19C1DC0407FF295473921621496BA86993")]
    public void Signature_matches_the_hand_computed_vector(string signMethod, string expected)
    {
        Assert.Equal(expected, TopSigner.Sign(Parameters(signMethod), Secret, signMethod));
    }

    [Fact]
    public void Uppercase_keys_sort_before_lowercase_as_bytes_do()
    {
        var content = TopSigner.Canonicalize(new Dictionary<string, string?> { ["b"] = "2", ["a"] = "1", ["Z"] = "0" });

        Assert.Equal("Z0a1b2", content);
    }

    [Fact]
    public void Timestamp_is_written_in_GMT_plus_8_whatever_the_offset_given()
    {
        var utc = new DateTimeOffset(2024, 12, 31, 17, 5, 9, TimeSpan.Zero);

        Assert.Equal("2025-01-01 01:05:09", TopSigner.FormatTime(utc));
        Assert.Equal("2025-01-01 01:05:09", TopSigner.FormatTime(utc.ToOffset(TimeSpan.FromHours(9))));
        Assert.Equal(utc, TopSigner.ParseTime("2025-01-01 01:05:09"));
    }

    [Theory]
    [InlineData("taobao.item.add", "item_add_response")]
    [InlineData("taobao.trades.sold.increment.get", "trades_sold_increment_get_response")]
    [InlineData("tmall.item.schema.add", "tmall_item_schema_add_response")]
    public void The_answer_element_is_named_after_the_method_without_its_taobao_prefix(string method, string expected)
    {
        Assert.Equal(expected, TopClient.ResponseName(method));
    }
}
