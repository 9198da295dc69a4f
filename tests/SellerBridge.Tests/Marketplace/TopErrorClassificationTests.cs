using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public class TopErrorClassificationTests
{
    // One row per case in PROTOCOLS.md "Which errors are retried" (transport faults are in TopClientTests).
    [Theory]
    [InlineData(15, "isp.top-remote-connection-timeout", TopErrorKind.Transient)]
    [InlineData(15, "isp.remote-service-error", TopErrorKind.Transient)]
    [InlineData(7, "accesscontrol.limited-by-app-access-count", TopErrorKind.Throttled)]
    [InlineData(7, "accesscontrol.limited-by-api-access-count", TopErrorKind.Throttled)]
    [InlineData(7, "accesscontrol.limited-by-app-api-access-count", TopErrorKind.Throttled)]
    [InlineData(7, null, TopErrorKind.Throttled)]
    [InlineData(15, "isv.invalid-parameter", TopErrorKind.Permanent)]
    [InlineData(41, "isv.invalid-parameter:price", TopErrorKind.Permanent)]
    [InlineData(15, "isv.item-outer-id-duplicate", TopErrorKind.Permanent)]
    [InlineData(25, null, TopErrorKind.Permanent)]
    [InlineData(27, null, TopErrorKind.Permanent)]
    public void Errors_are_classified_as_the_protocol_says(int code, string? subCode, TopErrorKind expected)
    {
        Assert.Equal(expected, TopErrorClassifier.Classify(new TopError(code, "msg", subCode, "sub msg", "req")));
    }

    [Fact]
    public void Ban_length_is_the_announced_seconds_plus_one()
    {
        var error = new TopError(7, "App Call Limited", "accesscontrol.limited-by-app-access-count", "This ban will last for 71 more seconds", "req");

        Assert.Equal(71, TopErrorClassifier.BanSeconds(error));
        Assert.Equal(TimeSpan.FromSeconds(72), TopErrorClassifier.BanLength(error));
    }

    [Fact]
    public void A_ban_without_a_length_is_still_a_long_pause()
    {
        var error = new TopError(7, "App Call Limited", "accesscontrol.limited-by-app-access-count", "too many calls", "req");

        Assert.Null(TopErrorClassifier.BanSeconds(error));
        Assert.Equal(TopErrorClassifier.UnknownBanLength, TopErrorClassifier.BanLength(error));
    }
}
