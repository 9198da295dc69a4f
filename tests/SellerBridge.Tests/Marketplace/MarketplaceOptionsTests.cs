using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Tests.Marketplace;

public class MarketplaceOptionsTests
{
    private static OptionsValidationException? Validate(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddMarketplaceClient();
        using var provider = services.BuildServiceProvider();
        return Record.Exception(() => provider.GetRequiredService<IOptions<MarketplaceOptions>>().Value) as OptionsValidationException;
    }

    [Fact]
    public void Live_mode_without_credentials_fails_naming_each_missing_key()
    {
        var failure = Validate(new() { ["Marketplace:Mode"] = "Live" });

        Assert.NotNull(failure);
        Assert.Contains("Marketplace:GatewayUrl is required in Live mode.", failure.Failures);
        Assert.Contains("Marketplace:AppKey is required in Live mode.", failure.Failures);
        Assert.Contains("Marketplace:AppSecret is required in Live mode.", failure.Failures);
        Assert.Contains("Marketplace:SessionKey is required in Live mode.", failure.Failures);
    }

    [Fact]
    public void An_unknown_sign_method_and_a_zero_rate_are_refused()
    {
        var failure = Validate(new() { ["Marketplace:SignMethod"] = "sha1", ["Marketplace:CallsPerSecond"] = "0" });

        Assert.NotNull(failure);
        Assert.Contains(failure.Failures, f => f.StartsWith("Marketplace:SignMethod", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Marketplace:CallsPerSecond", StringComparison.Ordinal));
    }

    [Fact]
    public void Sandbox_mode_needs_no_credentials()
    {
        Assert.Null(Validate(new() { ["Marketplace:Mode"] = "Sandbox" }));
    }
}
