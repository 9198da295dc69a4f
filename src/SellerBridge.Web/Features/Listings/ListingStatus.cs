namespace SellerBridge.Web.Features.Listings;

/// <summary>The listing statuses of PRODUCT.md, as code, API and database name them.</summary>
public static class ListingStatus
{
    public const string Draft = "Draft";
    public const string NeedsAttention = "NeedsAttention";
    public const string Ready = "Ready";
    public const string Queued = "Queued";
    public const string Submitting = "Submitting";
    public const string PendingAudit = "PendingAudit";
    public const string Live = "Live";
    public const string Rejected = "Rejected";
    public const string Failed = "Failed";
    public const string Delisted = "Delisted";

    /// <summary>Every status in the order a listing moves through them (the order pages show them in).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Draft, NeedsAttention, Ready, Queued, Submitting, PendingAudit, Live, Rejected, Failed, Delisted];

    /// <summary>Where a submission ends: the seller needs to do nothing more, or something else.</summary>
    public static bool IsSettled(string status) => status is Live or Rejected or Failed or Delisted;
}
