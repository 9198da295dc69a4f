using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using SellerBridge.Web.Infrastructure.Marketplace;

namespace SellerBridge.Web.Features.Listings;

/// <summary>
/// A listing with its product and draft, as one worker step reads it, and the marketplace item built
/// from the draft: what <c>taobao.item.add</c> and <c>taobao.item.update</c> send.
/// </summary>
public sealed class ListingWork
{
    public long ListingId { get; init; }
    public long SellerId { get; init; }
    public long ProductId { get; init; }
    public string OuterId { get; init; } = "";
    public string Status { get; init; } = "";
    public long? NumIid { get; init; }
    public string? PayloadHash { get; init; }
    public string? SentContentHash { get; init; }
    public decimal? SentPriceCny { get; init; }
    public int? SentNum { get; init; }
    public int Attempts { get; init; }
    public string? Description { get; init; }
    public int Stock { get; init; }
    public string ImageUrls { get; init; } = "";
    public int ProductVersion { get; init; }
    public string? Readiness { get; init; }
    public long? Cid { get; init; }
    public string? TitleZh { get; init; }
    public decimal? PriceCny { get; init; }
    public string? AttributesJson { get; init; }

    public bool DraftReady => Readiness == ListingStatus.Ready && Cid is not null && TitleZh is not null && PriceCny is not null;

    public static async Task<ListingWork?> LoadAsync(DbConnection connection, long listingId) =>
        await connection.QuerySingleOrDefaultAsync<ListingWork>(
            """
            SELECT l.id AS ListingId, l.seller_id AS SellerId, l.product_id AS ProductId, l.outer_id AS OuterId, l.status AS Status,
                   l.num_iid AS NumIid, l.payload_hash AS PayloadHash, l.sent_content_hash AS SentContentHash,
                   l.sent_price_cny AS SentPriceCny, l.sent_num AS SentNum, l.attempts AS Attempts,
                   p.description AS Description, p.stock AS Stock, p.image_urls AS ImageUrls, p.version AS ProductVersion,
                   d.readiness AS Readiness, d.cid AS Cid, d.title_zh AS TitleZh, d.price_cny AS PriceCny, d.attributes_json AS AttributesJson
            FROM listings l
            JOIN products p ON p.id = l.product_id AND p.seller_id = l.seller_id
            LEFT JOIN product_drafts d ON d.product_id = l.product_id
            WHERE l.id = @listingId
            """,
            new { listingId });
}

/// <summary>The item to send for a listing, with two fingerprints: all of it, and all but stock and price.</summary>
public sealed record ListingPayload(TopNewItem Item, string PayloadHash, string ContentHash)
{
    public static ListingPayload Build(ListingWork work, ListingsOptions options)
    {
        var images = work.ImageUrls.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var item = new TopNewItem(
            work.Cid!.Value,
            work.TitleZh!,
            // The audit refuses an item without a description: the title stands in for a missing one.
            string.IsNullOrWhiteSpace(work.Description) ? work.TitleZh! : work.Description,
            Math.Clamp(work.Stock, 0, 999_999),
            decimal.Round(work.PriceCny!.Value, 2),
            work.OuterId,
            options.LocationState,
            options.LocationCity,
            Props(work.AttributesJson),
            images.FirstOrDefault());
        var content = Hash(
            item.Cid.ToString(CultureInfo.InvariantCulture), item.Title, item.Desc, item.LocationState, item.LocationCity, item.Props ?? "", item.PicPath ?? "");
        var whole = Hash(content, item.Num.ToString(CultureInfo.InvariantCulture), TopItemCalls.Money(item.Price));
        return new ListingPayload(item, whole, content);
    }

    /// <summary>Every field of the item, for <c>taobao.item.update</c> (TOP parameter names).</summary>
    public IReadOnlyDictionary<string, string?> UpdateFields() => new Dictionary<string, string?>
    {
        ["cid"] = Item.Cid.ToString(CultureInfo.InvariantCulture),
        ["title"] = Item.Title,
        ["desc"] = Item.Desc,
        ["num"] = Item.Num.ToString(CultureInfo.InvariantCulture),
        ["price"] = TopItemCalls.Money(Item.Price),
        ["location.state"] = Item.LocationState,
        ["location.city"] = Item.LocationCity,
        ["props"] = Item.Props,
        ["pic_path"] = Item.PicPath,
    };

    /// <summary>TOP props, <c>pid:value;pid:value</c>, from the draft's attributes that have a value.</summary>
    private static string? Props(string? attributesJson)
    {
        if (string.IsNullOrWhiteSpace(attributesJson))
        {
            return null;
        }

        using var document = JsonDocument.Parse(attributesJson);
        var pairs = new List<string>();
        foreach (var attribute in document.RootElement.EnumerateArray())
        {
            if (attribute.TryGetProperty("pid", out var pid) && attribute.TryGetProperty("value", out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                // ';' and ':' separate props; inside a value they would split it.
                pairs.Add($"{pid.GetRawText()}:{text.Replace(';', ',').Replace(':', ' ')}");
            }
        }

        return pairs.Count == 0 ? null : string.Join(';', pairs);
    }

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));
}
