namespace SellerBridge.Web.Features.Listings;

/// <summary>How listings are published and kept in sync (section <c>Listings</c>).</summary>
public sealed class ListingsOptions
{
    public const string Section = "Listings";

    /// <summary>Publishing jobs started per submission; in a cluster they spread over the nodes.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>Listings one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Listings a worker sends at once; the rate limiter, not this, sets the pace.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a claim holds before another worker may take the listing over (a worker that died).</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Publishing attempts (each already retried by the client) before a listing is <c>Failed</c>.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before a listing whose attempt failed for a passing reason is tried again; doubles each time.</summary>
    public int RetryDelaySeconds { get; set; } = 10;

    /// <summary>How often the publishing sweep runs (besides being started by each submission).</summary>
    public int PublishIntervalSeconds { get; set; } = 30;

    /// <summary>How often audit results are fetched for listings awaiting them.</summary>
    public int AuditIntervalSeconds { get; set; } = 60;

    /// <summary>How long after publishing (or the last look) a listing's audit result is asked for again.</summary>
    public int AuditCheckDelaySeconds { get; set; } = 30;

    /// <summary>
    /// How long a live listing goes between looks at its state on the marketplace (a take-down for a
    /// violation, a sell-out, a withdrawal made in the marketplace's own seller centre).
    /// </summary>
    public int LiveCheckSeconds { get; set; } = 3600;

    /// <summary>How often stock and price changes of live listings are pushed.</summary>
    public int UpdateIntervalSeconds { get; set; } = 60;

    /// <summary>Where items ship from (<c>location.state</c>, <c>location.city</c>).</summary>
    public string LocationState { get; set; } = "韩国";

    public string LocationCity { get; set; } = "首尔";

    /// <summary>What is wrong with the section, one message per problem naming its key.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check(Workers is >= 1 and <= 16, "Listings:Workers must be between 1 and 16.");
        Check(BatchSize is >= 1 and <= 1000, "Listings:BatchSize must be between 1 and 1000.");
        Check(Concurrency is >= 1 and <= 64, "Listings:Concurrency must be between 1 and 64.");
        Check(LeaseSeconds is >= 10 and <= 3600, "Listings:LeaseSeconds must be between 10 and 3600.");
        Check(MaxAttempts is >= 1 and <= 50, "Listings:MaxAttempts must be between 1 and 50.");
        Check(RetryDelaySeconds is >= 0 and <= 3600, "Listings:RetryDelaySeconds must be between 0 and 3600.");
        Check(PublishIntervalSeconds >= 1, "Listings:PublishIntervalSeconds must be at least 1.");
        Check(AuditIntervalSeconds >= 1, "Listings:AuditIntervalSeconds must be at least 1.");
        Check(UpdateIntervalSeconds >= 1, "Listings:UpdateIntervalSeconds must be at least 1.");
        Check(AuditCheckDelaySeconds >= 0, "Listings:AuditCheckDelaySeconds must not be negative.");
        Check(LiveCheckSeconds >= 0, "Listings:LiveCheckSeconds must not be negative.");
        return problems;

        void Check(bool ok, string message)
        {
            if (!ok)
            {
                problems.Add(message);
            }
        }
    }
}
