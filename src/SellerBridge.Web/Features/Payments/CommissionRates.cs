using System.Data.Common;
using Dapper;

namespace SellerBridge.Web.Features.Payments;

/// <summary>
/// The one place that reads the marketplace commission. Today it is the <c>commissions</c> table
/// (longest category-path prefix wins); when the mapping branch's <c>commission_rates (cid,
/// commission_percent)</c> lands, only this query and the key it matches on change.
/// </summary>
public static class CommissionRates
{
    private const string Sql = "SELECT category_prefix AS Prefix, percent AS Percent FROM commissions";

    /// <summary>Loads the rates once and returns the lookup from a product's category to its percent.</summary>
    public static async Task<Func<string?, decimal>> LoadAsync(DbConnection connection, DbTransaction? transaction, decimal fallback)
    {
        var rates = (await connection.QueryAsync<Rate>(Sql, transaction: transaction)).ToList();
        return category => category is null
            ? fallback
            : rates
                .Where(c => category.StartsWith(c.Prefix, StringComparison.Ordinal))
                .OrderByDescending(c => c.Prefix.Length)
                .Select(c => (decimal?)c.Percent)
                .FirstOrDefault() ?? fallback;
    }

    // A class, not a positional record: Dapper then converts SQLite's REAL through the decimal handler.
    private sealed class Rate
    {
        public string Prefix { get; init; } = "";

        public decimal Percent { get; init; }
    }
}
