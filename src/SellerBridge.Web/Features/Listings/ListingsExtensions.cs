using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Web.Features.Listings;

public static class ListingsExtensions
{
    /// <summary>Submissions, the publishing workers, audit checks, pushes of changes, and the listings pages and API.</summary>
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
        builder.Services.AddSingleton<ListingQueries>();
        builder.Services.AddHostedService<RecurringAtStart>();
        return builder;
    }

    private sealed class RecurringAtStart(JobScheduler scheduler, IOptions<ListingsOptions> options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var o = options.Value;
            await scheduler.EnsureRecurringAsync<PublishSweepJob>(PublishSweepJob.Name, TimeSpan.FromSeconds(o.PublishIntervalSeconds), cancellationToken);
            await scheduler.EnsureRecurringAsync<CheckAuditsJob>(CheckAuditsJob.Name, TimeSpan.FromSeconds(o.AuditIntervalSeconds), cancellationToken);
            await scheduler.EnsureRecurringAsync<PushListingUpdatesJob>(PushListingUpdatesJob.Name, TimeSpan.FromSeconds(o.UpdateIntervalSeconds), cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
