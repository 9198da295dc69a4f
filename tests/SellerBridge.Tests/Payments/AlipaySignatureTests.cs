using System.Security.Cryptography;
using SellerBridge.Web.Features.Orders;
using SellerBridge.Web.Infrastructure.Payments;

namespace SellerBridge.Tests.Payments;

public sealed class AlipaySignatureTests
{
    [Fact]
    public void Content_sorts_keys_ordinally_skips_empty_values_and_encodes_nothing()
    {
        var content = AlipaySignature.Content(
            [new("sign", "x"), new("b", "2"), new("a_b", "1 & 2=3"), new("B", "upper"), new("empty", ""), new("none", null), new("subject", "红参")],
            "sign");

        Assert.Equal("B=upper&a_b=1 & 2=3&b=2&subject=红参", content);
    }

    [Fact]
    public void Keys_load_as_pem_or_bare_base64_and_sign_and_verify_across_forms()
    {
        using var rsa = RSA.Create(2048);
        using var privatePem = AlipayKeys.LoadPrivate(rsa.ExportPkcs8PrivateKeyPem());
        // The console shows the Base64 body, sometimes wrapped across lines.
        using var privateBare = AlipayKeys.LoadPrivate(string.Join('\n', Convert.ToBase64String(rsa.ExportPkcs8PrivateKey()).Chunk(64).Select(c => new string(c))));
        using var publicPem = AlipayKeys.LoadPublic(rsa.ExportSubjectPublicKeyInfoPem());
        using var publicBare = AlipayKeys.LoadPublic(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));

        Assert.True(AlipaySignature.Verify("a=1", AlipaySignature.Sign("a=1", privatePem), publicBare));
        Assert.True(AlipaySignature.Verify("a=1", AlipaySignature.Sign("a=1", privateBare), publicPem));
        Assert.False(AlipaySignature.Verify("a=2", AlipaySignature.Sign("a=1", privateBare), publicPem));
    }

    [Fact]
    public void A_public_key_where_the_private_belongs_or_a_short_key_is_refused_with_a_reason()
    {
        using var rsa = RSA.Create(2048);
        using var small = RSA.Create(1024);

        Assert.False(AlipayKeys.TryLoad(rsa.ExportSubjectPublicKeyInfoPem(), isPrivate: true, out var notPrivate));
        Assert.False(AlipayKeys.TryLoad(small.ExportPkcs8PrivateKeyPem(), isPrivate: true, out var tooShort));
        Assert.Contains("private key", notPrivate, StringComparison.Ordinal);
        Assert.Contains("1024-bit", tooShort, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_response_text_is_taken_exactly_as_received()
    {
        const string body = "{\"alipay_trade_query_response\":{\"code\":\"10000\", \"subject\":\"\\u7ea2参\",\"n\":1.50},\"sign\":\"c2ln\"}";

        Assert.True(AlipaySignature.TryExtractSigned(body, "alipay_trade_query_response", out var text, out var sign));
        Assert.Equal("{\"code\":\"10000\", \"subject\":\"\\u7ea2参\",\"n\":1.50}", text);
        Assert.Equal("c2ln", sign);
    }

    [Theory]
    [InlineData("42-RG-100", true, 42, "RG-100")]
    [InlineData("7-A", true, 7, "A")]
    [InlineData("RG-100", false, 0, "")]
    [InlineData("42-", false, 0, "")]
    [InlineData("-42", false, 0, "")]
    public void Outer_id_is_seller_id_dash_sku_and_splits_at_the_first_dash(string outerId, bool parses, long sellerId, string sku)
    {
        Assert.Equal((parses, sellerId, sku), (OuterId.TryParse(outerId, out var s, out var k), s, k));
        if (parses)
        {
            Assert.Equal(outerId, OuterId.Format(sellerId, sku));
        }
    }
}
