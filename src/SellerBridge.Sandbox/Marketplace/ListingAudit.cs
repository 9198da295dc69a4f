using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>
/// The after-the-fact listing audit. It decides lazily, the first time an item is looked at after
/// its due time, so it follows the injected clock exactly and needs no timer of its own. Like the
/// real platform it reports its verdict only through the item's own fields: a refused item turns
/// <c>instock</c> with <c>violation=true</c>; a passed one goes <c>onsale</c> (or stays <c>instock</c>
/// when it has no stock to sell). There is no audit field and no reason field to read.
/// </summary>
public sealed class ListingAudit(IOptions<SandboxOptions> options)
{
    /// <summary>Absolute claims China's advertising law forbids (最 also covers 最佳, 最好 …).</summary>
    public static readonly IReadOnlyList<string> ForbiddenClaims =
        ["最", "第一", "国家级", "世界级", "顶级", "极品", "唯一", "万能", "首选", "绝对", "100%"];

    public DateTimeOffset DueAfter(DateTimeOffset changedAt) => changedAt.AddSeconds(options.Value.AuditDelaySeconds);

    /// <summary>The item with its audit decided if it is due; the same item otherwise.</summary>
    public SandboxItem Settle(SandboxItem item, DateTimeOffset now) =>
        item.AuditDueAt is { } due && now >= due ? Decide(item, now) : item;

    /// <summary>The item with its pending audit decided now, whatever its due time (a delisting does not wait for it).</summary>
    public static SandboxItem Decide(SandboxItem item, DateTimeOffset now)
    {
        if (item.AuditDueAt is null)
        {
            return item;
        }

        return Reject(item) is null
            ? item with { AuditDueAt = null, Violation = false, ApproveStatus = item.Num > 0 ? "onsale" : "instock", Modified = now }
            : item with { AuditDueAt = null, Violation = true, ApproveStatus = "instock", Modified = now };
    }

    /// <summary>Why the item is refused (for the sandbox's own tests and logs, never answered), or null when it may go on sale.</summary>
    public static string? Reject(SandboxItem item)
    {
        foreach (var claim in ForbiddenClaims)
        {
            if (item.Title.Contains(claim, StringComparison.Ordinal))
            {
                return $"absolute-claim:title:{claim}";
            }

            if (item.Desc.Contains(claim, StringComparison.Ordinal))
            {
                return $"absolute-claim:desc:{claim}";
            }
        }

        if (string.IsNullOrWhiteSpace(item.Desc))
        {
            return "missing-data:desc";
        }

        if (string.IsNullOrWhiteSpace(item.PicPath))
        {
            return "missing-data:pic_path";
        }

        return null;
    }
}
