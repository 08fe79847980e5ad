"""The shipped dispatch catalogue on realistic Hangzhou matters, with hand-checked units and reasons."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from seatclient.dispatch import Responsibility, Topic, UnitLevel, suggest
from seatclient.dispatch.catalogue import DispatchCatalogue, default_catalogue

FUNCTIONAL_NOTE = "按职能交办"


@pytest.fixture(scope="module")
def catalogue() -> DispatchCatalogue:
    return default_catalogue()


@dataclass(frozen=True)
class Matter:
    """One call as a call-taker records it, and what a dispatcher would choose."""

    label: str
    topic: Topic | None
    district: str | None
    street: str | None
    text: str
    unit_id: str
    reason: str


MATTERS = [
    Matter(
        "illegal construction, district only",
        Topic("城乡建设", "城市建设和管理"),
        "西湖区",
        None,
        "小区一楼住户在院子里违建阳光房",
        "xihu-law-enforcement",
        "城乡建设/违章搭建，属地西湖区 → 西湖区综合行政执法局（关键词：违建、阳光房）",
    ),
    Matter(
        "illegal construction stays with the district bureau when a street is given",
        Topic("城乡建设", "城市建设和管理"),
        "西湖区",
        "北山街道",
        "隔壁楼顶私搭乱建",
        "xihu-law-enforcement",
        "城乡建设/违章搭建，属地西湖区北山街道 → 西湖区综合行政执法局（关键词：私搭乱建）",
    ),
    Matter(
        "street light",
        Topic("城乡建设", "城市建设和管理"),
        "拱墅区",
        "米市巷街道",
        "路灯坏了好几天晚上不亮",
        "gongshu-law-enforcement",
        "城乡建设/路灯，属地拱墅区米市巷街道 → 拱墅区综合行政执法局（关键词：路灯）",
    ),
    Matter(
        "road damage filed under transport",
        Topic("交通运输", "建设管理"),
        "余杭区",
        None,
        "文一西路人行道路面破损，有个大坑洼",
        "yuhang-law-enforcement",
        "交通运输/道路破损，属地余杭区 → 余杭区综合行政执法局（关键词：路面破损、坑洼、人行道）",
    ),
    Matter(
        "garbage not collected",
        Topic("城乡建设", "城市建设和管理"),
        "上城区",
        "九堡街道",
        "小区门口垃圾桶满了三天没人清运",
        "shangcheng-law-enforcement",
        "城乡建设/生活垃圾，属地上城区九堡街道 → 上城区综合行政执法局（关键词：垃圾、垃圾桶、清运）",
    ),
    Matter(
        "construction noise at night",
        Topic("生态环境", "环境污染与生态破坏"),
        "滨江区",
        None,
        "旁边工地夜间施工，施工噪音吵得睡不着",
        "binjiang-law-enforcement",
        "生态环境/建筑施工噪声，属地滨江区 → 滨江区综合行政执法局（关键词：夜间施工、施工噪音、工地）",
    ),
    Matter(
        "square dancing noise goes to the street office",
        Topic("生态环境", "环境污染与生态破坏"),
        "西湖区",
        "文新街道",
        "楼下广场舞音响声音太大，噪音扰民",
        "xihu-wenxin",
        "生态环境/社会生活噪声，属地西湖区文新街道 → 西湖区文新街道办事处（关键词：广场舞、音响、噪音扰民、噪音）",
    ),
    Matter(
        "water cut in Xiaoshan goes to its own water company",
        Topic("城乡建设", "城市建设和管理"),
        "萧山区",
        "城厢街道",
        "家里突然停水了，水压也很低",
        "xiaoshan-water",
        "城乡建设/供水，按职能交办（萧山区城厢街道），不下派乡镇（街道） → 杭州萧山水务有限公司（关键词：停水、水压）",
    ),
    Matter(
        "water cut in the old city goes to the city water group",
        Topic("城乡建设", "城市建设和管理"),
        "拱墅区",
        None,
        "整栋楼停水",
        "hz-water",
        "城乡建设/供水，按职能交办（拱墅区），不下派乡镇（街道） → 杭州市水务集团有限公司（关键词：停水）",
    ),
    Matter(
        "power cut in a county",
        Topic("经济管理", "能源管理"),
        "桐庐县",
        "城南街道",
        "晚上七点开始停电到现在",
        "tonglu-power",
        "经济管理/供电，按职能交办（桐庐县城南街道），不下派乡镇（街道） → 国网桐庐县供电公司（关键词：停电）",
    ),
    Matter(
        "food safety",
        Topic("市场监管", "食品药品"),
        "拱墅区",
        "武林街道",
        "在一家饭店吃饭后拉肚子，怀疑食物变质",
        "gongshu-market",
        "市场监管/食品安全，按职能交办（拱墅区武林街道），不下派乡镇（街道） → 拱墅区市场监督管理局（关键词：变质、拉肚子、饭店）",
    ),
    Matter(
        "prepaid card in Binjiang resolves through the bureau's alias",
        Topic("市场监管", "市场秩序"),
        "滨江区",
        None,
        "健身房预付卡老板跑路了，要求退款",
        "binjiang-market",
        "市场监管/消费投诉，按职能交办（滨江区），不下派乡镇（街道） → 杭州高新开发区（滨江）市场监督管理局（关键词：退款、预付卡）",
    ),
    Matter(
        "wage arrears go to labour inspection, with the rule's own reason",
        Topic("劳动和社会保障", "工资福利"),
        "萧山区",
        "宁围街道",
        "工地老板拖欠农民工工资半年",
        "xiaoshan-hrss",
        "劳动和社会保障/欠薪与劳动关系，劳动保障监察按职能交办（萧山区宁围街道），不下派乡镇（街道） → 萧山区人力资源和社会保障局（关键词：工资、农民工）",
    ),
    Matter(
        "social insurance in Qiantang",
        Topic("劳动和社会保障", "城镇职工社会保险"),
        "钱塘区",
        "下沙街道",
        "换工作后社保断缴怎么补缴",
        "qiantang-hrss",
        "劳动和社会保障/社会保险，按职能交办（钱塘区下沙街道），不下派乡镇（街道） → 钱塘区人力资源和社会保障局（关键词：社保）",
    ),
    Matter(
        "housing provident fund is municipal whatever the place",
        Topic("城乡建设", "住房保障与房地产"),
        "临平区",
        "南苑街道",
        "想提取住房公积金付首付",
        "hz-provident-fund",
        "城乡建设/住房公积金，按职能交办（临平区南苑街道），不下派乡镇（街道） → 杭州住房公积金管理中心（关键词：公积金、住房公积金）",
    ),
    Matter(
        "school catchment, matched by the whole education class",
        Topic("教育", "考试招生"),
        "富阳区",
        None,
        "孩子明年上小学，学区怎么划分",
        "fuyang-education",
        "教育/学校与教育，按职能交办（富阳区），不下派乡镇（街道） → 富阳区教育局（关键词：学区）",
    ),
    Matter(
        "a city hospital goes to the city health commission",
        Topic("卫生健康", "医患纠纷"),
        "上城区",
        None,
        "在杭州市第一人民医院手术后出现并发症，对医生处理不满",
        "hz-health",
        "卫生健康/市属医院，按职能交办（上城区），不下派乡镇（街道） → 杭州市卫生健康委员会（关键词：市第一人民医院）",
    ),
    Matter(
        "traffic signal timing",
        Topic("政法", "交通管理"),
        "西湖区",
        None,
        "文三路学院路口红绿灯配时太短",
        "hz-traffic-police",
        "政法/交通信号灯与标志标线，按职能交办（西湖区），不下派乡镇（街道） → 杭州市公安局交通警察支队（关键词：红绿灯、配时）",
    ),
    Matter(
        "bus driver, no place given",
        Topic("交通运输", "客货运输"),
        None,
        None,
        "193路公交车司机开车打电话",
        "hz-bus",
        "交通运输/公交，按职能交办（未填写区县），不下派乡镇（街道） → 杭州市公共交通集团有限公司（关键词：公交、公交车）",
    ),
    Matter(
        "metro escalator",
        Topic("交通运输", "客货运输"),
        "钱塘区",
        None,
        "地铁1号线下沙西站扶梯坏了",
        "hz-metro",
        "交通运输/地铁，按职能交办（钱塘区），不下派乡镇（街道） → 杭州市地铁集团有限责任公司（关键词：地铁、号线）",
    ),
    Matter(
        "property management",
        Topic("城乡建设", "住房保障与房地产"),
        "余杭区",
        "五常街道",
        "物业公司不作为，小区绿化没人管",
        "yuhang-housing",
        "城乡建设/物业管理，按职能交办（余杭区五常街道），不下派乡镇（街道） → 余杭区住房和城乡建设局（关键词：物业、物业公司、小区）",
    ),
    Matter(
        "factory discharging waste water",
        Topic("生态环境", "环境污染与生态破坏"),
        "临安区",
        "青山湖街道",
        "附近工厂晚上偷排废水，河里发臭",
        "linan-ecology",
        "生态环境/环境污染，按职能交办（临安区青山湖街道），不下派乡镇（街道） → 杭州市生态环境局临安分局（关键词：废水、偷排、工厂）",
    ),
    Matter(
        "village affairs go to the town government",
        Topic("农业农村", "村务管理"),
        "淳安县",
        "千岛湖镇",
        "村里集体经济收入没有公开",
        "chunan-qiandaohu",
        "农业农村/村务管理，属地淳安县千岛湖镇 → 淳安县千岛湖镇人民政府（关键词：集体经济）",
    ),
    Matter(
        "neighbour dispute goes to the street office",
        Topic("政法", "仲裁与调解"),
        "富阳区",
        "东洲街道",
        "和邻居因为漏水问题产生纠纷",
        "fuyang-dongzhou",
        "政法/邻里纠纷调解，属地富阳区东洲街道 → 富阳区东洲街道办事处（关键词：邻居、纠纷）",
    ),
    Matter(
        "household registration in a county-level city",
        Topic("政法", "户籍证件"),
        "建德市",
        None,
        "孩子出生后怎么落户",
        "jiande-police",
        "政法/户籍证件，按职能交办（建德市），不下派乡镇（街道） → 建德市公安局（关键词：落户）",
    ),
]


@pytest.mark.parametrize("matter", MATTERS, ids=[matter.label for matter in MATTERS])
def test_first_suggestion_is_the_hand_checked_unit_and_reason(
    catalogue: DispatchCatalogue, matter: Matter
) -> None:
    suggestions = catalogue.suggest(matter.topic, matter.district, matter.street, matter.text)
    first = suggestions[0]
    assert first.unit.id == matter.unit_id
    assert first.reason == matter.reason
    assert not first.is_fallback


def test_reason_reads_like_the_brief_for_illegal_construction(catalogue: DispatchCatalogue) -> None:
    first = catalogue.suggest(Topic("城乡建设", "城市建设和管理"), "西湖区", None, "违章搭建")[0]
    assert first.reason.startswith("城乡建设/违章搭建，属地西湖区 → 西湖区综合行政执法局")
    assert first.responsibility is Responsibility.TERRITORIAL
    assert first.rule_id == "illegal-construction"
    assert first.keywords == ("违章搭建", "搭建")


def test_scores_add_topic_keywords_and_priority(catalogue: DispatchCatalogue) -> None:
    # topic item 50 + three keywords capped at 3 × 15 + priority 10 of living-noise.
    first = catalogue.suggest(
        Topic("生态环境", "环境污染与生态破坏"), "西湖区", "文新街道", "楼下广场舞音响声音太大，噪音扰民"
    )[0]
    assert first.score == 50 + 3 * 15 + 10
    assert len(first.keywords) == 4


def test_ranking_keeps_lower_rules_as_alternatives(catalogue: DispatchCatalogue) -> None:
    suggestions = catalogue.suggest(
        Topic("生态环境", "环境污染与生态破坏"), "滨江区", None, "旁边工地夜间施工，施工噪音吵得睡不着"
    )
    assert [s.unit.id for s in suggestions] == [
        "binjiang-law-enforcement",
        "binjiang-police",
        "binjiang-ecology",
    ]
    assert [s.score for s in suggestions] == [50 + 45 + 20, 50 + 15 + 10, 50 + 5]


def test_a_city_hospital_outranks_the_district_health_bureau(catalogue: DispatchCatalogue) -> None:
    suggestions = catalogue.suggest(
        Topic("卫生健康", "医患纠纷"), "上城区", None, "在杭州市第一人民医院手术后出现并发症，对医生处理不满"
    )
    assert [s.unit.id for s in suggestions[:2]] == ["hz-health", "shangcheng-health"]


def test_each_unit_is_suggested_once_with_its_best_rule(catalogue: DispatchCatalogue) -> None:
    # Both traffic-signals and illegal-parking lead to the traffic police.
    suggestions = catalogue.suggest(Topic("政法", "交通管理"), "西湖区", None, "路口红绿灯坏了，还有车违停")
    traffic = [s for s in suggestions if s.unit.id == "hz-traffic-police"]
    assert len(traffic) == 1
    assert traffic[0].rule_id == "traffic-signals"
    assert len({s.unit.id for s in suggestions}) == len(suggestions)


def test_limit_caps_the_list(catalogue: DispatchCatalogue) -> None:
    text = "物业不管，小区垃圾没人清运，楼道堆物，经常停水停电，还有人违建"
    topic = Topic("城乡建设", "城市建设和管理")
    five = catalogue.suggest(topic, "西湖区", "北山街道", text, limit=5)
    assert {s.unit.id for s in five} == {
        "xihu-law-enforcement",
        "xihu-beishan",
        "xihu-housing",
        "hz-water",
        "hz-power",
    }
    assert catalogue.suggest(topic, "西湖区", "北山街道", text) == five[:3]
    assert [s.score for s in five] == sorted((s.score for s in five), reverse=True)
    assert catalogue.suggest(topic, "西湖区", "北山街道", text, limit=1) == five[:1]
    assert catalogue.suggest(topic, "西湖区", "北山街道", text, limit=0) == []


def test_keywords_alone_find_a_rule_without_a_topic(catalogue: DispatchCatalogue) -> None:
    first = catalogue.suggest(None, "西湖区", None, "我要举报隔壁违章搭建")[0]
    assert first.unit.id == "xihu-law-enforcement"
    assert first.score == 2 * 15 + 20


def test_a_topic_without_keywords_skips_rules_that_require_them(catalogue: DispatchCatalogue) -> None:
    suggestions = catalogue.suggest(Topic("城乡建设", "城市建设和管理"), "西湖区", None, "反映一个问题")
    assert len(suggestions) == 1
    assert suggestions[0].is_fallback


def test_territorial_rule_uses_the_street_when_known_and_the_district_otherwise(
    catalogue: DispatchCatalogue,
) -> None:
    topic = Topic("生态环境", "环境污染与生态破坏")
    text = "楼上装修噪音，噪音扰民"
    with_street = catalogue.suggest(topic, "萧山区", "北干街道", text)[0]
    district_only = catalogue.suggest(topic, "萧山区", None, text)[0]
    county = catalogue.suggest(topic, "淳安县", None, text)[0]
    assert with_street.unit.id == "xiaoshan-beigan"
    assert district_only.unit.id == "xiaoshan-police"
    assert county.unit.name == "淳安县公安局"


def test_a_district_without_an_agriculture_bureau_goes_to_its_government_office(
    catalogue: DispatchCatalogue,
) -> None:
    first = catalogue.suggest(Topic("农业农村", "村务管理"), "拱墅区", None, "村务公开不及时")[0]
    assert first.unit.id == "gongshu-government-office"
    assert first.reason == "农业农村/村务管理，属地拱墅区 → 拱墅区人民政府办公室（关键词：村务公开）"


def test_a_street_alone_finds_its_district(catalogue: DispatchCatalogue) -> None:
    first = catalogue.suggest(Topic("城乡建设", "城市建设和管理"), None, "长河街道", "违建")[0]
    assert first.unit.id == "binjiang-law-enforcement"
    assert "属地滨江区长河街道" in first.reason


def test_a_street_may_be_given_without_its_suffix(catalogue: DispatchCatalogue) -> None:
    place = catalogue.place("西湖", "北山")
    assert place.district is not None and place.district.name == "西湖区"
    assert place.street == "北山街道"
    assert place.street_unit is not None and place.street_unit.id == "xihu-beishan"


def test_an_unknown_street_is_kept_as_text_and_territorial_rules_use_the_district(
    catalogue: DispatchCatalogue,
) -> None:
    first = catalogue.suggest(Topic("政法", "仲裁与调解"), "西湖区", "不存在街道", "邻里纠纷")[0]
    assert first.unit.id == "xihu-justice"
    assert "属地西湖区不存在街道" in first.reason


def test_a_street_of_another_district_is_not_used(catalogue: DispatchCatalogue) -> None:
    place = catalogue.place("西湖区", "下沙街道")
    assert place.district is not None and place.district.name == "西湖区"
    assert place.street_unit is None


def test_unknown_district_is_refused(catalogue: DispatchCatalogue) -> None:
    with pytest.raises(ValueError, match="未知的区县“江干区”"):
        catalogue.suggest(None, "江干区", None, "违建")


def test_fallback_to_the_district_government_office(catalogue: DispatchCatalogue) -> None:
    suggestions = catalogue.suggest(Topic("党务政务", "政务服务"), "建德市", None, "办事大厅窗口太少")
    assert len(suggestions) == 1
    fallback = suggestions[0]
    assert fallback.is_fallback
    assert fallback.unit.id == "jiande-government-office"
    assert fallback.score == 0
    assert fallback.rule_id is None and fallback.responsibility is None
    assert fallback.reason == (
        "派单目录无匹配规则，按属地建德市兜底，由区县政府办公室协调确定承办单位 → 建德市人民政府办公室"
    )


def test_fallback_with_a_street_still_goes_to_the_district_level(catalogue: DispatchCatalogue) -> None:
    fallback = catalogue.suggest(Topic("其他", "表达感情"), "西湖区", "北山街道", "感谢热线")[0]
    assert fallback.unit.id == "xihu-government-office"
    assert fallback.unit.level is UnitLevel.DISTRICT
    assert "按属地西湖区北山街道兜底" in fallback.reason


def test_fallback_without_a_place_goes_to_the_hotline_authority(catalogue: DispatchCatalogue) -> None:
    fallback = catalogue.suggest(None, None, None, "随便说说")[0]
    assert fallback.is_fallback
    assert fallback.unit.id == "hz-petition"
    assert "第十四条" in fallback.reason


def test_module_level_suggest_uses_the_shipped_catalogue() -> None:
    first = suggest(Topic("政法", "移民和出入境管理"), None, None, "护照过期了怎么换")[0]
    assert first.unit.id == "hz-exit-entry"
    assert FUNCTIONAL_NOTE in first.reason


def test_full_width_and_spaced_text_still_matches(catalogue: DispatchCatalogue) -> None:
    first = catalogue.suggest(None, "西湖区", None, "有人 违 建")[0]
    assert first.rule_id == "illegal-construction"
