using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SellerBridge.Sandbox.Payments;
using SellerBridge.Web.Features.Payments;
using SellerBridge.Web.Infrastructure.Jobs;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Infrastructure.Payments;

/// <summary>Registers the processor client, the notification handling and, in Sandbox mode, the simulated processor in this process.</summary>
public static class PaymentsExtensions
{
    /// <summary>Where the in-process sandbox processor is mapped in Sandbox mode.</summary>
    public const string SandboxPrefix = "/sandbox/alipay";

    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddPaymentsClient();
        builder.Services.AddSingleton<SettleOrder>();
        builder.Services.AddSingleton<HandlePaymentNotification>();
        builder.Services.AddSingleton<UnverifiedNotifications>();
        builder.Services.AddSingleton<RefundOrderLine>();
        builder.Services.AddSingleton<SettleFromProcessor>();
        builder.Services.AddRecurringJob<SettleFromProcessorJob>(
            SettleFromProcessorJob.Name,
            sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.SettlementCheckIntervalSeconds),
            recoversWork: true);

        var mode = builder.Configuration.GetSection(MarketplaceOptions.Section).Get<MarketplaceOptions>()?.Mode ?? MarketplaceMode.Sandbox;
        if (mode == MarketplaceMode.Sandbox)
        {
            // Registered before AddSandboxPayments so that the sandbox serves this app, with its keys and notify URL.
            builder.Services.AddSingleton<ISandboxMerchant, ThisAppAsMerchant>();
            builder.Services.AddSandboxPayments();
        }

        return builder;
    }

    /// <summary>Options, credentials and the typed client; also used by tests.</summary>
    public static IServiceCollection AddPaymentsClient(this IServiceCollection services)
    {
        services.AddOptions<MarketplaceOptions>();
        services.AddOptions<PaymentsOptions>().BindConfiguration(PaymentsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentsOptions>, PaymentsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PaymentCredentials>();
        services.TryAddSingleton<PaymentsGatewayAddress>();
        services.AddHttpClient<IPaymentProcessor, AlipayClient>((sp, http) =>
            http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.TimeoutSeconds));
        return services;
    }

    /// <summary>In Sandbox mode, maps the simulated processor at <c>/sandbox/alipay/gateway.do</c>.</summary>
    public static WebApplication MapPaymentsSandbox(this WebApplication app)
    {
        if (app.Services.GetRequiredService<PaymentCredentials>().IsSandbox)
        {
            app.MapSandboxPayments(SandboxPrefix);
        }

        return app;
    }

    /// <summary>The in-process sandbox processor serves this app: our ids, our public key, its generated key, our notify URL.</summary>
    private sealed class ThisAppAsMerchant(PaymentCredentials credentials, PaymentsGatewayAddress address) : ISandboxMerchant
    {
        public async ValueTask<SandboxMerchant> GetAsync(CancellationToken cancellationToken)
        {
            var keys = await credentials.GetAsync(cancellationToken);
            return new SandboxMerchant(keys.AppId, keys.SellerId, keys.SandboxProcessorPrivateKeyBase64!, keys.AppPublicKeyBase64, address.NotifyUrl());
        }
    }
}
