using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SellerBridge.Sandbox.Marketplace;

namespace SellerBridge.Sandbox.Payments;

/// <summary>Hosts the simulated payment processor in any ASP.NET Core app, like the sandbox marketplace.</summary>
public static class SandboxPaymentsExtensions
{
    /// <summary>
    /// Registers the processor (options from <c>Sandbox:Payments</c>, then <paramref name="configure"/>).
    /// The merchant comes from options unless the host registered its own <see cref="ISandboxMerchant"/> first.
    /// </summary>
    public static IServiceCollection AddSandboxPayments(this IServiceCollection services, Action<SandboxPaymentOptions>? configure = null)
    {
        var options = services.AddOptions<SandboxPaymentOptions>().BindConfiguration(SandboxPaymentOptions.Section);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.TimeCompression >= 1, "Sandbox:Payments:TimeCompression must be 1 or more.")
            .Validate(o => o.DuplicateRate is >= 0 and <= 1 && o.OutOfOrderRate is >= 0 and <= 1 && o.IspFaultRate is >= 0 and <= 1 && o.LateSettlementRate is >= 0 and <= 1,
                "Sandbox:Payments:DuplicateRate, OutOfOrderRate, IspFaultRate and LateSettlementRate must be between 0 and 1.")
            .Validate(o => o.KrwPerCny > 1 && o.SettleAfterMinutes >= 0, "Sandbox:Payments:KrwPerCny must be above 1 and Sandbox:Payments:SettleAfterMinutes 0 or more.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISandboxMerchant, ConfiguredMerchant>();
        services.TryAddSingleton<ProcessorLedger>();
        services.TryAddSingleton<SandboxProcessor>();
        services.TryAddSingleton<PaymentNotifier>();
        services.AddHttpClient(PaymentNotifier.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddHostedService(sp => sp.GetRequiredService<PaymentNotifier>());
        services.AddHostedService<PaidTradesToProcessor>();
        return services;
    }

    /// <summary>Maps the gateway at <c>{prefix}/gateway.do</c> (POST form, or GET with the query string).</summary>
    public static IEndpointConventionBuilder MapSandboxPayments(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var gateway = endpoints.ServiceProvider.GetRequiredService<SandboxProcessor>();
        return endpoints.MapMethods(prefix.TrimEnd('/') + "/gateway.do", ["GET", "POST"], gateway.HandleAsync)
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }
}

/// <summary>
/// When the sandbox marketplace is here too, each paid trade becomes a processor trade and its
/// notifications are queued: TRADE_SUCCESS at once, sometimes twice, and sometimes a
/// WAIT_BUYER_PAY that arrives after it.
/// </summary>
internal sealed class PaidTradesToProcessor(
    IServiceProvider services,
    ProcessorLedger ledger,
    PaymentNotifier notifier,
    ISandboxMerchant merchant,
    IOptions<SandboxPaymentOptions> options,
    ILogger<PaidTradesToProcessor> logger) : IHostedService
{
    private readonly Random _random = options.Value.Seed is { } seed ? new Random(seed) : new Random();
    private SandboxTrades? _trades;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _trades = services.GetService<SandboxTrades>();
        if (_trades is not null)
        {
            _trades.Paid += OnPaid;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_trades is not null)
        {
            _trades.Paid -= OnPaid;
        }

        return Task.CompletedTask;
    }

    private void OnPaid(SandboxTrade paid) => _ = OnPaidAsync(paid);

    private async Task OnPaidAsync(SandboxTrade paid)
    {
        try
        {
            var m = await merchant.GetAsync(CancellationToken.None);
            var trade = ledger.Save(new ProcessorTrade(
                paid.Tid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                paid.AlipayNo ?? paid.Tid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                paid.Payment,
                "TRADE_SUCCESS",
                paid.Orders.FirstOrDefault()?.Title ?? "Tmall order",
                paid.Created,
                paid.PayTime));
            var o = options.Value;
            var success = PaymentNotifier.Fields(m, trade, "TRADE_SUCCESS");
            notifier.Enqueue(success, TimeSpan.Zero);
            var step = TimeSpan.FromSeconds(60 / o.TimeCompression);
            if (_random.NextDouble() < o.DuplicateRate)
            {
                notifier.Enqueue(success, step);
            }

            if (_random.NextDouble() < o.OutOfOrderRate)
            {
                notifier.Enqueue(PaymentNotifier.Fields(m, trade with { GmtPayment = null }, "WAIT_BUYER_PAY"), step * 2);
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Sandbox processor could not open a trade for {Tid}", paid.Tid);
        }
    }
}
