using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Mapping;

public static class MappingExtensions
{
    /// <summary>Listing drafts kept current, the operator's rule pages and the seller's product pages.</summary>
    public static WebApplicationBuilder AddMapping(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<RulesInForce>();
        services.AddSingleton<DraftWriter>();
        services.AddSingleton<DraftRecomputer>();
        services.AddSingleton<DraftRecomputeQueue>();
        services.AddSingleton<DraftRecomputes>();
        services.AddSingleton<RuleChanges>();
        services.AddSingleton<MappingRulesAdmin>();
        services.AddSingleton<ExchangeRatesAdmin>();
        services.AddSingleton<PricingRulesAdmin>();
        services.AddSingleton<CommissionsAdmin>();
        services.AddSingleton<SellerProducts>();
        services.AddSingleton<ProductPreview>();
        services.AddSingleton<EditProduct>();
        services.AddHostedService<DraftsFreshnessAtStart>();
        return builder;
    }

    /// <summary>Every 10 minutes, drafts are checked against the rules in force (a rate dated for today, a missed run).</summary>
    private sealed class DraftsFreshnessAtStart(JobScheduler scheduler) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            scheduler.EnsureRecurringAsync<RecomputeDraftsJob>(RecomputeDraftsJob.RecurringName, TimeSpan.FromMinutes(10), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
