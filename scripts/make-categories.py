#!/usr/bin/env python3
"""Writes src/SellerBridge.Sandbox/Data/categories.json: the sandbox marketplace's category tree.

A Tmall-style tree (top category > group > leaf) for what Korean SMEs sell: cosmetics, food, health
food, household goods and fashion. The tree below is the source of truth; this script only gives
every category a stable cid and every leaf the props its family requires, so the JSON is
reproducible: run `python3 scripts/make-categories.py` after editing the tree and commit both.

cids are 8-digit numbers derived from the category's path (CRC-32), so adding a category never
renumbers the others; the rare collision is resolved by stepping to the next free number.
"""
import json
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/SellerBridge.Sandbox/Data/categories.json"

ORIGINS = ["韩国", "中国大陆", "日本", "美国", "法国", "意大利", "澳大利亚", "新西兰", "其他"]


def prop(pid, name, required, values=None):
    p = {"pid": pid, "name": name, "required": required}
    if values:
        p["values"] = values
    return p


BRAND = prop(20000, "品牌", True)
ORIGIN = prop(122216347, "产地", True, ORIGINS)
ORIGIN_OPT = prop(122216347, "产地", False, ORIGINS)
NET = prop(122216515, "净含量", True)
NET_OPT = prop(122216515, "净含量", False)
SHELF = prop(122216608, "保质期", True)
SHELF_OPT = prop(122216608, "保质期", False)
STORAGE = prop(122216906, "储藏方法", False)
INGREDIENTS = prop(122216562, "配料表", False)
SKIN = prop(122216589, "适用肤质", False, ["任何肤质", "干性", "油性", "混合性", "中性", "敏感性"])
EFFECT = prop(122216591, "功效", False)
SHADE = prop(122276125, "色号", False)
SCENT = prop(122216720, "香调", False)
FRAGRANCE = prop(122216723, "香味", False)
MATERIAL = prop(20021, "材质", False)
SPEC = prop(122216742, "规格", False)
SPEC_REQ = prop(122216742, "规格", True)
PEOPLE = prop(122216883, "适用人群", False)
ROOT_AGE = prop(122217501, "参龄", False, ["4年根", "5年根", "6年根"])
HAIR = prop(122216601, "适用发质", False, ["任何发质", "干性", "油性", "受损发质", "细软发质"])
SIZE = prop(20509, "尺码", True, ["XS", "S", "M", "L", "XL", "XXL", "均码"])
COLOR = prop(1627207, "颜色", True)
COLOR_OPT = prop(1627207, "颜色", False)
SEASON = prop(122217608, "适用季节", False, ["春", "夏", "秋", "冬", "四季通用"])

# Each family: the props of its leaves (2-6 props, 1-4 of them required).
FAMILIES = {
    "skincare": [BRAND, ORIGIN, NET, SKIN, EFFECT, SHELF_OPT],
    "bodycare": [BRAND, ORIGIN, NET, EFFECT, SHELF_OPT],
    "oil": [BRAND, ORIGIN, NET, SCENT],
    "makeup": [BRAND, ORIGIN, NET_OPT, SHADE, SKIN],
    "perfume": [BRAND, ORIGIN, NET, SCENT],
    "beauty_tool": [BRAND, ORIGIN_OPT, MATERIAL],
    "hair": [BRAND, ORIGIN, NET, HAIR],
    "food": [BRAND, ORIGIN, NET, SHELF, STORAGE, INGREDIENTS],
    "health": [BRAND, ORIGIN, NET, SHELF, PEOPLE, SPEC],
    "tonic": [BRAND, ORIGIN, NET, SHELF, ROOT_AGE, SPEC],
    "kitchen": [BRAND, ORIGIN_OPT, MATERIAL, SPEC],
    "storage": [BRAND, MATERIAL, SPEC, ORIGIN_OPT],
    "cleaning_tool": [BRAND, MATERIAL, ORIGIN_OPT],
    "detergent": [BRAND, ORIGIN, NET, FRAGRANCE, SHELF_OPT],
    "paper": [BRAND, ORIGIN, SPEC_REQ, SHELF_OPT],
    "apparel": [BRAND, SIZE, COLOR, MATERIAL, SEASON, ORIGIN_OPT],
    "accessory": [BRAND, COLOR_OPT, MATERIAL, ORIGIN_OPT],
}

# (top cid, top name, family, { group: [leaves] }); a group with no leaves is itself a leaf.
TREE = [
    (50001801, "美容护肤/美体/精油", "skincare", {
        "面部护理": ["洁面", "卸妆", "化妆水/爽肤水", "乳液/面霜", "面部精华", "眼霜", "面膜", "防晒",
                  "精华水", "安瓶/原液", "去角质/磨砂", "唇部护理", "面部喷雾", "颈霜", "面部精华油",
                  "面部护理套装", "男士洁面", "男士乳液/面霜", "男士护肤套装"],
        "身体护理": ["身体乳/霜", "沐浴露", "身体磨砂", "护手霜", "足部护理", "身体防晒", "纤体紧致",
                  "脱毛膏", "止汗露/香体", "身体护理套装"],
        "精油芳疗": ["单方精油", "复方精油", "基础油", "纯露/花水", "按摩油"],
    }),
    (50010788, "彩妆/香水/美妆工具", "makeup", {
        "底妆": ["粉底液/膏", "气垫BB/CC", "妆前乳", "遮瑕", "散粉", "粉饼", "隔离霜", "BB霜", "CC霜"],
        "眼妆": ["眼影", "眼线笔/液", "睫毛膏", "眉笔/眉粉", "染眉膏", "假睫毛"],
        "唇妆": ["口红", "唇釉/唇彩", "唇线笔", "染唇液"],
        "颊彩": ["腮红", "高光", "修容"],
        "香水": ["女士香水", "男士香水", "中性香水", "香水礼盒", "固体香膏"],
        "美妆工具": ["化妆刷", "粉扑/美妆蛋", "化妆棉", "睫毛夹", "修眉刀", "化妆镜", "美妆工具套装"],
        "美甲": ["指甲油", "甲油胶", "美甲贴"],
        "彩妆套装": [],
    }),
    (50002766, "零食/坚果/特产", "food", {
        "饼干/膨化": ["饼干", "薯片", "膨化食品", "米饼", "海苔", "虾条"],
        "糖果/巧克力": ["巧克力", "硬糖", "软糖", "口香糖", "棒棒糖", "牛轧糖"],
        "坚果炒货": ["杏仁", "核桃", "腰果", "开心果", "每日坚果", "花生", "瓜子"],
        "肉类零食": ["牛肉干", "猪肉脯", "鸡肉零食", "鱿鱼丝", "鱼干/鱼片"],
        "蜜饯果干": ["果干", "蜜饯", "冻干水果"],
        "糕点": ["蛋糕", "面包", "传统糕点", "打糕", "药果/油蜜果"],
        "果冻/布丁": ["果冻", "布丁"],
    }),
    (50016422, "粮油米面/南北干货/调味品", "food", {
        "米/杂粮": ["大米", "糙米", "杂粮"],
        "面条/粉丝": ["方便面", "挂面", "冷面", "意大利面", "粉丝/粉条", "年糕条"],
        "食用油": ["橄榄油", "芝麻油/香油", "紫苏籽油", "调和油", "花生油"],
        "调味品": ["酱油", "醋", "辣椒酱", "大酱/黄豆酱", "包饭酱", "鱼露/虾酱", "料酒", "糖/代糖",
                "盐", "调味料包", "烧烤酱", "沙拉酱", "芝麻酱", "辣椒粉", "香辛料"],
        "南北干货": ["海带/紫菜", "干海产", "香菇/菌菇", "红枣", "干辣椒"],
        "方便速食": ["自热火锅", "速食汤", "即食米饭", "罐头", "泡菜"],
    }),
    (50026316, "咖啡/麦片/冲饮", "food", {
        "咖啡": ["速溶咖啡", "咖啡豆", "咖啡粉", "挂耳咖啡", "即饮咖啡", "咖啡胶囊"],
        "麦片/谷物": ["燕麦片", "早餐谷物", "谷物冲饮", "代餐粉"],
        "冲饮": ["柚子茶/果酱茶", "奶茶", "可可/巧克力饮品", "果汁粉", "豆奶粉", "麦芽饮品"],
        "饮料": ["果汁", "碳酸饮料", "功能饮料", "矿泉水", "米露/甜米露", "乳酸菌饮品"],
        "乳品": ["牛奶", "成人奶粉", "奶酪"],
    }),
    (50050359, "茶", "food", {
        "传统茶": ["绿茶", "红茶", "乌龙茶", "普洱", "白茶"],
        "代用/花草茶": ["花草茶", "花果茶", "大麦茶", "玉米须茶", "人参茶", "养生茶", "决明子茶",
                    "牛蒡茶", "艾草茶", "生姜茶"],
        "袋泡茶": [],
        "茶礼盒": [],
    }),
    (50026800, "保健食品/膳食营养补充食品", "health", {
        "维生素/矿物质": ["复合维生素", "维生素C", "维生素D", "B族维生素", "钙", "铁", "锌", "镁"],
        "营养成分": ["益生菌", "胶原蛋白", "鱼油/深海鱼油", "叶黄素", "辅酶Q10", "氨基葡萄糖", "蛋白粉",
                  "膳食纤维", "葡萄籽", "大豆异黄酮", "蜂胶", "螺旋藻", "玛咖", "奶蓟草", "酵素",
                  "卵磷脂", "左旋肉碱", "透明质酸"],
    }),
    (50020275, "传统滋补营养品", "tonic", {
        "人参/西洋参": ["人参", "红参", "红参精/红参膏", "红参液/红参饮", "红参片", "人参切片", "西洋参",
                    "人参礼盒", "红参礼盒"],
        "滋补食材": ["燕窝", "阿胶", "蜂蜜", "蜂王浆", "枸杞", "灵芝", "黑蒜", "石斛", "鹿茸", "滋补红枣",
                  "桂圆", "药食同源粉", "黑糖姜茶"],
    }),
    (50016349, "厨房/烹饪用具", "kitchen", {
        "锅具": ["炒锅", "煎锅/平底锅", "汤锅", "奶锅", "砂锅", "压力锅", "蒸锅", "石锅", "烤盘"],
        "刀剪砧板": ["菜刀", "厨房剪刀", "砧板", "刀具套装", "磨刀器"],
        "厨房小工具": ["锅铲", "汤勺", "削皮器", "开瓶器", "打蛋器", "量杯/量勺", "漏勺", "厨房计时器",
                    "油壶", "调料瓶"],
        "餐具": ["碗", "盘/碟", "筷子", "勺子", "餐具套装", "不锈钢餐具", "马克杯", "保温杯"],
        "保鲜": ["保鲜盒", "保鲜膜", "保鲜袋", "密封罐", "泡菜桶"],
        "烘焙工具": ["烘焙模具", "烘焙纸", "裱花工具"],
    }),
    (50016348, "收纳整理", "storage", {
        "收纳容器": ["收纳箱", "收纳盒", "收纳袋", "收纳篮", "真空压缩袋", "抽屉整理盒"],
        "衣物收纳": ["衣架", "鞋架/鞋盒", "衣柜收纳", "内衣收纳"],
        "置物架": ["落地置物架", "厨房置物架", "浴室置物架", "挂钩"],
        "小件收纳": ["桌面收纳", "化妆品收纳", "旅行收纳袋", "首饰盒", "洗漱包"],
    }),
    (50016351, "家庭/个人清洁工具", "cleaning_tool", {
        "地面清洁": ["拖把", "扫把/簸箕", "除尘掸"],
        "清洁用具": ["清洁刷", "抹布/清洁布", "海绵擦", "清洁手套", "粘毛器", "马桶刷", "玻璃擦"],
        "垃圾处理": ["垃圾桶", "垃圾袋"],
        "个人清洁": ["搓澡巾", "牙刷", "牙线", "舌苔刷", "洗脸巾", "浴球/沐浴花"],
        "晾晒": ["晾衣架", "晾衣夹"],
    }),
    (50025705, "洗护清洁剂/卫生巾/纸/香薰", "detergent", {
        "衣物清洁": ["洗衣液", "洗衣粉", "洗衣凝珠", "柔顺剂", "衣物除菌液", "漂白剂", "衣领净"],
        "家居清洁": ["洗洁精", "厨房清洁剂", "浴室清洁剂", "马桶清洁剂", "地板清洁剂", "玻璃清洁剂",
                  "除菌喷雾", "管道疏通剂", "果蔬清洗剂"],
        "纸品/湿巾": ["抽纸", "卷纸", "湿巾", "厨房用纸", "手帕纸"],
        "女性护理": ["卫生巾", "护垫", "卫生棉条", "私处护理"],
        "香薰/除味": ["香薰蜡烛", "无火香薰", "车载香薰", "衣物香氛", "除臭剂/除味剂", "干燥剂/防潮剂"],
    }),
    (50023282, "美发护发/假发", "hair", {
        "洗护发": ["洗发水", "护发素", "发膜", "护发精油", "头皮护理", "洗护套装"],
        "造型": ["发蜡/发泥", "定型喷雾", "染发剂"],
    }),
    (50000016, "女装/女士精品", "apparel", {
        "上装": ["T恤", "衬衫", "针织衫", "毛衣", "卫衣", "背心/吊带", "雪纺衫"],
        "下装": ["半身裙", "休闲裤", "牛仔裤", "短裤", "阔腿裤", "打底裤"],
        "连衣裙/套装": ["连衣裙", "时尚套装", "职业套装"],
        "外套": ["短外套", "风衣", "毛呢大衣", "羽绒服", "棉服", "西装", "马甲", "皮草"],
        "其他女装": ["睡衣/家居服", "韩服/民族服装", "大码女装", "中老年女装"],
    }),
    (50000030, "男装", "apparel", {
        "上装": ["T恤", "衬衫", "Polo衫", "卫衣", "毛衣", "针织衫"],
        "外套": ["夹克", "西服", "风衣", "大衣", "羽绒服", "棉衣", "马甲"],
        "裤装": ["休闲裤", "牛仔裤", "运动裤", "短裤", "西裤"],
        "其他男装": ["套装", "家居服", "中老年男装"],
    }),
    (50010404, "服饰配件/皮带/帽子/围巾", "accessory", {
        "围巾/丝巾": ["围巾", "丝巾", "披肩"],
        "帽子": ["棒球帽", "渔夫帽", "毛线帽", "贝雷帽", "遮阳帽"],
        "其他配件": ["腰带/皮带", "手套", "袜子", "领带", "领结", "袖扣", "发饰", "口罩", "耳罩"],
    }),
]


def make():
    used = set()
    categories = []

    def cid_for(path):
        cid = 50000000 + zlib.crc32(path.encode("utf-8")) % 10000000
        while cid in used:
            cid += 1
        used.add(cid)
        return cid

    for top_cid, top_name, family, groups in TREE:
        used.add(top_cid)
        categories.append({"cid": top_cid, "parent_cid": 0, "name": top_name, "is_parent": True, "props": []})
        for group, leaves in groups.items():
            group_cid = cid_for(f"{top_name}>{group}")
            is_parent = bool(leaves)
            categories.append({"cid": group_cid, "parent_cid": top_cid, "name": group, "is_parent": is_parent,
                               "props": [] if is_parent else FAMILIES[family]})
            for leaf in leaves:
                categories.append({"cid": cid_for(f"{top_name}>{group}>{leaf}"), "parent_cid": group_cid,
                                   "name": leaf, "is_parent": False, "props": FAMILIES[family]})
    return categories


def check(categories):
    leaves = [c for c in categories if not c["is_parent"]]
    assert len(leaves) >= 250, len(leaves)
    assert len({c["cid"] for c in categories}) == len(categories)
    assert all(10_000_000 <= c["cid"] <= 99_999_999 for c in categories)
    for c in leaves:
        required = sum(p["required"] for p in c["props"])
        assert 2 <= len(c["props"]) <= 6 and 1 <= required <= 4, c["name"]
    return len(leaves)


def main():
    categories = make()
    leaves = check(categories)
    # One category per line: a reviewer reads the diff of a tree change line by line.
    lines = ",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in categories)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text('{\n  "categories": [\n' + lines + "\n  ]\n}\n", encoding="utf-8")
    print(f"{OUT.name}: {len(categories)} categories, {leaves} leaves")


if __name__ == "__main__":
    main()
