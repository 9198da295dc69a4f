using System.Text;
using SellerBridge.Web.Features.Mapping;

namespace SellerBridge.Tests.Mapping;

public sealed class MarketplaceCategoriesTests
{
    private static readonly MarketplaceCategories _tree = MarketplaceCategories.Embedded;

    [Fact]
    public void Embedded_tree_has_at_least_250_leaves_each_with_a_required_prop()
    {
        Assert.True(_tree.Leaves.Count >= 250, $"{_tree.Leaves.Count} leaves");
        Assert.All(_tree.Leaves, leaf =>
        {
            Assert.InRange(leaf.Props.Count, 2, 6);
            Assert.InRange(_tree.RequiredProps(leaf.Cid).Count, 1, 4);
            Assert.InRange(leaf.Cid, 10_000_000, 99_999_999);
        });
    }

    [Fact]
    public void Tree_covers_the_seller_trades()
    {
        string[] tops =
        [
            "美容护肤/美体/精油", "彩妆/香水/美妆工具", "零食/坚果/特产", "粮油米面/南北干货/调味品", "咖啡/麦片/冲饮", "茶",
            "保健食品/膳食营养补充食品", "传统滋补营养品", "厨房/烹饪用具", "收纳整理", "家庭/个人清洁工具",
            "洗护清洁剂/卫生巾/纸/香薰", "女装/女士精品", "男装", "服饰配件/皮带/帽子/围巾",
        ];

        Assert.All(tops, top => Assert.Contains(_tree.ChildrenOf(0), c => c.Name == top));
    }

    [Fact]
    public void Red_ginseng_leaf_has_its_path_and_the_food_props_required()
    {
        var cid = MappingBuilders.LeafCid("传统滋补营养品>人参/西洋参>红参");

        Assert.Equal(["传统滋补营养品", "人参/西洋参", "红参"], _tree.PathOf(cid));
        Assert.Equal(["品牌", "产地", "净含量", "保质期"], _tree.RequiredProps(cid).Select(p => p.Name));
        Assert.Contains("韩国", _tree.Leaf(cid)!.Props.Single(p => p.Name == "产地").Values);
    }

    [Fact]
    public void A_parent_or_unknown_cid_is_not_a_leaf()
    {
        var parent = _tree.ChildrenOf(0).First();

        Assert.Null(_tree.Leaf(parent.Cid));
        Assert.Null(_tree.Leaf(1));
        Assert.Empty(_tree.PathOf(1));
    }

    [Fact]
    public void A_tree_with_a_repeated_cid_is_refused()
    {
        const string json = """{ "categories": [ { "cid": 50000001, "parent_cid": 0, "name": "A", "is_parent": false, "props": [] }, { "cid": 50000001, "parent_cid": 0, "name": "B", "is_parent": false, "props": [] } ] }""";

        var error = Assert.Throws<InvalidDataException>(() => MarketplaceCategories.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains("50000001", error.Message);
    }

    [Fact]
    public void A_tree_naming_a_missing_parent_is_refused()
    {
        const string json = """{ "categories": [ { "cid": 50000002, "parent_cid": 50000009, "name": "A", "is_parent": false, "props": [] } ] }""";

        Assert.Throws<InvalidDataException>(() => MarketplaceCategories.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }
}
