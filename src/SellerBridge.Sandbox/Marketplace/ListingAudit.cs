using Microsoft.Extensions.Options;

namespace SellerBridge.Sandbox.Marketplace;

/// <summary>
/// The after-the-fact listing audit. It decides lazily, the first time an item is looked at after
/// its due time, so it follows the injected clock exactly and needs no timer of its own.
/// </summary>
public sealed class ListingAudit(IOptions<SandboxOptions> options)
{
    /// <summary>Absolute claims China's advertising law forbids (最 also covers 最佳, 最好 …).</summary>
    public static readonly IReadOnlyList<string> ForbiddenClaims =
        ["最", "第一", "国家级", "世界级", "顶级", "极品", "唯一", "万能", "首选", "绝对", "100%"];

    public DateTimeOffset DueAfter(DateTimeOffset changedAt) => changedAt.AddSeconds(options.Value.AuditDelaySeconds);

    /// <summary>The item with its audit decided if it is due; the same item otherwise.</summary>
    public SandboxItem Settle(SandboxItem item, DateTimeOffset now)
    {
        if (item.AuditStatus != AuditStatus.Pending || now < item.AuditDueAt)
        {
            return item;
        }

        var reason = Reject(item);
        return reason is null
            ? item with { AuditStatus = AuditStatus.Passed, AuditReason = null, ApproveStatus = "onsale", Modified = now }
            : item with { AuditStatus = AuditStatus.Rejected, AuditReason = reason, ApproveStatus = "instock", Modified = now };
    }

    /// <summary>Why the item is refused, or null when it may go on sale.</summary>
    public static string? Reject(SandboxItem item)
    {
        foreach (var claim in ForbiddenClaims)
        {
            if (item.Title.Contains(claim, StringComparison.Ordinal))
            {
                return $"absolute-claim:title:{claim} 标题含有广告法禁用的绝对化用语「{claim}」";
            }

            if (item.Desc.Contains(claim, StringComparison.Ordinal))
            {
                return $"absolute-claim:desc:{claim} 描述含有广告法禁用的绝对化用语「{claim}」";
            }
        }

        if (string.IsNullOrWhiteSpace(item.Desc))
        {
            return "missing-data:desc 缺少商品描述";
        }

        if (string.IsNullOrWhiteSpace(item.PicPath))
        {
            return "missing-data:pic_path 缺少商品主图";
        }

        return null;
    }
}
