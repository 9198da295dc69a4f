using System.Collections.Frozen;
using System.Text;

namespace SellerBridge.Web.Features.Mapping;

/// <summary>An absolute claim found in a listing: the term and the field (<see cref="ComplianceChecker.Title"/> or <see cref="ComplianceChecker.Description"/>).</summary>
public sealed record ForbiddenClaim(string Term, string Field);

/// <summary>
/// Finds the absolute claims (极限词) that China's advertising law (广告法 art. 9(3)) forbids, so a seller
/// rewords them before the marketplace's audit rejects the listing.
/// <para>
/// 最 is flagged wherever it appears, also inside words (最新, 最近, 最后): the audit matches characters,
/// not words, and nearly every 最X word is itself on the lists; a false alarm costs the seller a
/// rewording, a miss costs a rejected listing. Longer terms are listed too so that the seller is told
/// the exact word (最佳, not just 最): at each position the longest term is reported, and the text
/// inside it is not searched again (全网第一 is reported once, not also as 第一).
/// </para>
/// Text is compared after Unicode compatibility folding and lower-casing, so ＮＯ．１ and １００％ count.
/// </summary>
public static class ComplianceChecker
{
    public const string Title = "title";
    public const string Description = "description";

    /// <summary>The common 广告法 极限词 lists, without everyday words they sometimes add (一天, 正品, 国家).</summary>
    public static IReadOnlyList<string> Terms { get; } =
    [
        // 最 and its usual compounds.
        "最", "最佳", "最好", "最高", "最低", "最大", "最优", "最优秀", "最强", "最新", "最先进", "最先",
        "最具", "最爱", "最赚", "最便宜", "最低价", "最高级", "最高端", "最奢侈", "最流行", "最受欢迎",
        "最时尚", "最舒适", "最符合", "最后一波", "最大程度",
        // 一 / 第一.
        "第一", "全网第一", "全国第一", "中国第一", "销量第一", "排名第一", "第一品牌", "唯一", "独一无二",
        "NO.1", "TOP1", "仅此一次", "一流",
        // 级 / 极.
        "国家级", "世界级", "全球级", "宇宙级", "顶级", "顶尖", "尖端", "极品", "极佳", "极致", "绝佳", "终极",
        "高级", "绝对",
        // 首 / 家 / 国.
        "首个", "首选", "首家", "首发", "首款", "首次", "全网首发", "全国首发", "独家", "国家免检", "免检",
        "填补国内空白", "中国驰名商标", "驰名商标", "国际品质", "国家领导人", "特供", "专供",
        // Brand and authority claims.
        "金牌", "王牌", "领袖品牌", "世界领先", "遥遥领先", "领导品牌", "领先", "缔造者", "至尊", "巅峰",
        "之王", "王者", "冠军", "销量冠军", "史无前例", "前无古人", "万能", "永久", "无敌", "特效", "祖传",
        "100%", "百分之百", "纯天然", "零风险", "无副作用", "药用", "根治",
        // Urgency.
        "随时涨价", "马上降价", "随时结束",
    ];

    // Terms grouped by their first character, longest first, so one pass over the text finds them.
    private static readonly FrozenDictionary<char, string[]> _byFirstChar = Terms
        .Select(Fold)
        .Distinct()
        .GroupBy(t => t[0])
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(t => t.Length).ToArray());

    // Folded term → the term as listed, to report what the list says.
    private static readonly FrozenDictionary<string, string> _listed = Terms
        .DistinctBy(Fold)
        .ToFrozenDictionary(Fold, t => t);

    /// <summary>Every distinct forbidden term in the title, then in the description, each once per field.</summary>
    public static IReadOnlyList<ForbiddenClaim> Check(string? title, string? description) =>
        FindTerms(title).Select(t => new ForbiddenClaim(t, Title))
            .Concat(FindTerms(description).Select(t => new ForbiddenClaim(t, Description)))
            .ToArray();

    /// <summary>The distinct forbidden terms in <paramref name="text"/>, in the order they first appear.</summary>
    public static IReadOnlyList<string> FindTerms(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var folded = Fold(text);
        var found = new List<string>();
        for (var i = 0; i < folded.Length;)
        {
            var term = _byFirstChar.TryGetValue(folded[i], out var candidates)
                ? candidates.FirstOrDefault(t => string.CompareOrdinal(folded, i, t, 0, t.Length) == 0)
                : null;
            if (term is null)
            {
                i++;
                continue;
            }

            var listed = _listed[term];
            if (!found.Contains(listed))
            {
                found.Add(listed);
            }

            i += term.Length;
        }

        return found;
    }

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
}
