using System.Data.Common;
using Dapper;
using SellerBridge.Web.Features.Mapping;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// The one place that reads the marketplace commission for a settled line: the operator's rate for
/// the listing's marketplace category (<c>commission_rates</c>: the leaf's own, else the nearest
/// ancestor's, else the default row), else a Kmall24 path rule in <c>commissions</c>, else the
/// configured default.
/// </summary>
public static class CommissionRates
{
    /// <summary>The two queries <see cref="Read"/> expects, to send in one batch with others.</summary>
    public const string Sql = """
        SELECT cid AS Cid, commission_percent AS Percent FROM commission_rates;
        SELECT category_prefix AS Prefix, percent AS Percent FROM commissions;
        """;

    /// <summary>Reads the results of <see cref="Sql"/> and returns the lookup from a line's (leaf cid, Kmall24 category) to its percent.</summary>
    public static async Task<Func<long?, string?, decimal>> ReadAsync(SqlMapper.GridReader grid, decimal fallback)
    {
        var byCid = (await grid.ReadAsync<CidRate>()).ToDictionary(r => r.Cid, r => r.Percent);
        var byPath = (await grid.ReadAsync<PathRate>()).ToList();
        return (cid, category) =>
        {
            if (cid is { } leaf)
            {
                foreach (var candidate in CommissionsAdmin.Ancestors(leaf, MarketplaceCategories.Embedded).Append(CommissionsAdmin.DefaultCid))
                {
                    if (byCid.TryGetValue(candidate, out var percent))
                    {
                        return percent;
                    }
                }
            }

            var path = category is null ? null : byPath
                .Where(c => category.StartsWith(c.Prefix, StringComparison.Ordinal))
                .OrderByDescending(c => c.Prefix.Length)
                .Select(c => (decimal?)c.Percent)
                .FirstOrDefault();
            return path ?? (byCid.TryGetValue(CommissionsAdmin.DefaultCid, out var d) ? d : fallback);
        };
    }

    // Classes, not positional records: Dapper then converts SQLite's REAL through the decimal handler.
    private sealed class CidRate
    {
        public long Cid { get; init; }

        public decimal Percent { get; init; }
    }

    private sealed class PathRate
    {
        public string Prefix { get; init; } = "";

        public decimal Percent { get; init; }
    }
}
