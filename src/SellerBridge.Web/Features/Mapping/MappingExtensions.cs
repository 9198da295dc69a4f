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
        // Every 10 minutes, drafts are checked against the rules in force (a rate dated for today, a missed run).
        services.AddRecurringJob<RecomputeDraftsJob>(RecomputeDraftsJob.RecurringName, _ => TimeSpan.FromMinutes(10), recoversWork: true);
        services.AddOnDemandJob<RecomputeDraftsJob>(RecomputeDraftsJob.RecurringName);
        return builder;
    }
}
