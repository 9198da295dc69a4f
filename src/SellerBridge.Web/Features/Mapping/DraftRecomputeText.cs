using System.Globalization;
using Microsoft.Extensions.Localization;
using SellerBridge.Web.Infrastructure.Localisation;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>The recompute's state in one sentence of the operator's language, for the page and its live updates alike.</summary>
public static class DraftRecomputeText
{
    public static string Describe(DraftRecomputes.Status status, IStringLocalizer<MappingText> m)
    {
        var n = CultureInfo.CurrentCulture;
        var latest = status.Latest;
        if (latest?.Outcome == "Running")
        {
            return m["Bringing drafts up to date: {0} of {1} products checked.", latest.ProductsDone.ToString("N0", n), latest.ProductsTotal.ToString("N0", n)].Value;
        }

        if (status.Queued)
        {
            return m["Waiting for a free worker to bring the drafts up to date…"].Value;
        }

        return latest switch
        {
            null => m["Drafts follow every rule change in the background; no recompute has run yet."].Value,
            { Outcome: "Failed" } => m["The recompute started {0} stopped before the end; it runs again automatically. See the job history for the cause.", latest.StartedAt.ToKoreaTime()].Value,
            _ => m["Drafts are up to date. The last recompute ({0}) checked {1} products: {2} drafts changed, {3} live listings queued for an update.",
                (latest.FinishedAt ?? latest.StartedAt).ToKoreaTime(), latest.ProductsDone.ToString("N0", n), latest.DraftsWritten.ToString("N0", n), latest.UpdatesQueued.ToString("N0", n)].Value,
        };
    }
}
