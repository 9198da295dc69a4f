using Microsoft.Extensions.Options;
using SellerBridge.Web.Infrastructure.Persistence;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// Drains the listings waiting to be published: claims a batch, publishes its listings a few at a
/// time (the call-rate limiter sets the pace), and claims the next until none is due. Any number of
/// these may run at once, in one process or several: claims keep them off each other's listings.
/// </summary>
public sealed class PublishListings(Db db, ListingClaims claims, PublishListing publish, IOptions<ListingsOptions> options, TimeProvider clock, ILogger<PublishListings> logger)
{
    private static readonly string[] Publishable = [ListingStatus.Queued, ListingStatus.Submitting];

    /// <summary>Runs until no listing is due; returns how many listings were worked on.</summary>
    public async Task<int> RunAsync(string worker, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<long> batch;
            await using (var connection = await db.OpenAsync(cancellationToken))
            {
                batch = await claims.ClaimAsync(connection, Publishable, worker, clock.GetUtcNow(), TimeSpan.FromSeconds(o.LeaseSeconds), o.BatchSize);
            }

            if (batch.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = cancellationToken },
                async (listingId, token) =>
                {
                    await using var connection = await db.OpenAsync(token);
                    try
                    {
                        await publish.RunAsync(connection, listingId, worker, token);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // One listing's surprise must not stop the others; its claim runs out and it is tried again.
                        logger.LogError(exception, "Publishing listing {ListingId} failed unexpectedly", listingId);
                    }
                });
            total += batch.Count;
        }

        if (total > 0)
        {
            logger.LogInformation("Worker {Worker} worked on {Count} listings", worker, total);
        }

        return total;
    }
}
