using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Listings;

public static class ListingsExtensions
{
    /// <summary>Submissions, the publishing workers, audit checks, pushes of changes, withdraw and relist, and the listings pages and API.</summary>
    public static WebApplicationBuilder AddListings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ListingsOptions>()
            .BindConfiguration(ListingsOptions.Section)
            .Validate(o => o.Problems().Count == 0, "The Listings section is invalid: see Listings:* limits in ListingsOptions.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ListingClaims>();
        builder.Services.AddSingleton<PublishQueue>();
        builder.Services.AddSingleton<SubmitListings>();
        builder.Services.AddSingleton<PublishListing>();
        builder.Services.AddSingleton<PublishListings>();
        builder.Services.AddSingleton<CheckAudits>();
        builder.Services.AddSingleton<PushListingUpdates>();
        builder.Services.AddSingleton<SaleQueue>();
        builder.Services.AddSingleton<RequestSaleChange>();
        builder.Services.AddSingleton<ChangeSales>();
        builder.Services.AddSingleton<ListingQueries>();
        builder.Services.AddRecurringJob<PublishSweepJob>(PublishSweepJob.Name, sp => TimeSpan.FromSeconds(Options(sp).PublishIntervalSeconds), recoversWork: true);
        builder.Services.AddRecurringJob<CheckAuditsJob>(CheckAuditsJob.Name, sp => TimeSpan.FromSeconds(Options(sp).AuditIntervalSeconds));
        builder.Services.AddRecurringJob<PushListingUpdatesJob>(PushListingUpdatesJob.Name, sp => TimeSpan.FromSeconds(Options(sp).UpdateIntervalSeconds));
        builder.Services.AddRecurringJob<SaleSweepJob>(SaleSweepJob.Name, sp => TimeSpan.FromSeconds(Options(sp).PublishIntervalSeconds), recoversWork: true);
        builder.Services.AddOnDemandJob<PublishListingsJob>(PublishSweepJob.Name);
        builder.Services.AddOnDemandJob<ChangeSalesJob>(SaleSweepJob.Name);
        return builder;
    }

    private static ListingsOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<ListingsOptions>>().Value;
}
