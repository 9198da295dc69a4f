using System.Globalization;
using System.Text.Json;
using Dapper;
using SellerBridge.Web.Infrastructure.Persistence;
using SellerBridge.Web.Infrastructure.Security;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>
/// The seller's inline fix on the product page: the Chinese title and the weight. The change is kept in
/// <c>product_history</c> (source <c>portal</c>) and the draft is recomputed before the page is shown again.
/// </summary>
public sealed class EditProduct(Db db, DraftRecomputer recomputer, TimeProvider clock, ILogger<EditProduct> logger)
{
    public sealed record Input(string? NameZh, string? WeightG);

    public enum Outcome
    {
        Saved,
        Unchanged,
        Invalid,
        NotFound,
    }

    /// <summary>Validation problems as message keys by field.</summary>
    public sealed record Result(Outcome Outcome, IReadOnlyDictionary<string, string> Errors);

    public async Task<Result> RunAsync(SellerScope scope, long productId, Input input)
    {
        var errors = new Dictionary<string, string>();
        var nameZh = string.IsNullOrWhiteSpace(input.NameZh) ? null : input.NameZh.Trim();
        if (nameZh is not null && new StringInfo(nameZh).LengthInTextElements > ReadinessEvaluator.MaxTitleLength)
        {
            errors["NameZh"] = "The Chinese name can have at most 60 characters.";
        }

        int? weight = null;
        if (!string.IsNullOrWhiteSpace(input.WeightG))
        {
            if (int.TryParse(input.WeightG.Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var grams) && grams > 0)
            {
                weight = grams;
            }
            else
            {
                errors["WeightG"] = "Enter the weight as whole grams above 0.";
            }
        }

        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var current = (await connection.QueryAsync<(string? NameZh, int? WeightG)>(
            "SELECT name_zh, weight_g FROM products WHERE id = @productId AND seller_id = @sellerId",
            new { productId, sellerId = scope.SellerId }, tx)).AsList();
        if (current.Count == 0)
        {
            return new Result(Outcome.NotFound, errors);
        }

        if (errors.Count > 0)
        {
            return new Result(Outcome.Invalid, errors);
        }

        var (oldName, oldWeight) = current[0];
        var changes = new Dictionary<string, object?>();
        if (oldName != nameZh)
        {
            changes["name_zh"] = new { old = oldName, @new = nameZh };
        }

        if (oldWeight != weight)
        {
            changes["weight_g"] = new { old = oldWeight, @new = weight };
        }

        if (changes.Count == 0)
        {
            return new Result(Outcome.Unchanged, errors);
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            UPDATE products SET name_zh = @nameZh, weight_g = @weight, version = version + 1, updated_at = @now
            WHERE id = @productId AND seller_id = @sellerId
            """,
            new { nameZh, weight, now, productId, sellerId = scope.SellerId }, tx);
        await connection.ExecuteAsync(
            """
            INSERT INTO product_history (product_id, seller_id, import_id, source, at, changes_json)
            VALUES (@productId, @sellerId, NULL, 'portal', @now, @json)
            """,
            new { productId, sellerId = scope.SellerId, now, json = JsonSerializer.Serialize(changes, RulesInForce.Json) }, tx);
        await tx.CommitAsync();
        logger.LogInformation("Product {ProductId} of seller {SellerId} edited in the portal: {Fields}", productId, scope.SellerId, string.Join(", ", changes.Keys));

        await recomputer.ForProductsAsync(scope.SellerId, [productId]);
        return new Result(Outcome.Saved, errors);
    }
}
