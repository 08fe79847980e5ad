"""The shipped unit directory, its look-ups, and search by Chinese text and pinyin."""

from __future__ import annotations

import pytest

from seatclient.dispatch import UnitDirectory, UnitKind, UnitLevel, load_default_units
from seatclient.dispatch.pinyin_match import (
    PinyinFit,
    match_pinyin,
    normalise_pinyin_query,
    pinyin_key,
)

DISTRICTS = [
    "上城区",
    "拱墅区",
    "西湖区",
    "滨江区",
    "萧山区",
    "余杭区",
    "临平区",
    "钱塘区",
    "富阳区",
    "临安区",
    "桐庐县",
    "淳安县",
    "建德市",
]


@pytest.fixture(scope="module")
def directory() -> UnitDirectory:
    return load_default_units()


def ids(hits: list) -> list[str]:
    return [hit.unit.id for hit in hits]


def test_directory_covers_the_13_divisions_with_offices_bureaus_and_streets(directory: UnitDirectory) -> None:
    assert [district.name for district in directory.districts] == DISTRICTS
    for name in DISTRICTS:
        units = directory.units_in(name)
        names = {unit.name for unit in units}
        assert f"{name}人民政府办公室" in names
        assert f"{name}综合行政执法局" in names
        assert f"{name}人力资源和社会保障局" in names
        assert f"{name}住房和城乡建设局" in names
        assert f"{name}教育局" in names
        assert f"{name}卫生健康局" in names
        streets = directory.streets(name)
        assert len(streets) >= 3, name
        assert all(unit.kind is UnitKind.TERRITORIAL for unit in streets)
    assert directory.get("binjiang-market").name == "杭州高新开发区（滨江）市场监督管理局"
    assert directory.by_name("滨江区市场监督管理局") == directory.get("binjiang-market")


def test_municipal_departments_and_utilities(directory: UnitDirectory) -> None:
    expected = {
        "hz-housing": "杭州市住房和城乡建设局",
        "hz-market": "杭州市市场监督管理局",
        "hz-hrss": "杭州市人力资源和社会保障局",
        "hz-medical-insurance": "杭州市医疗保障局",
        "hz-provident-fund": "杭州住房公积金管理中心",
        "hz-traffic-police": "杭州市公安局交通警察支队",
        "hz-exit-entry": "杭州市公安局出入境管理局",
        "hz-bus": "杭州市公共交通集团有限公司",
        "hz-metro": "杭州市地铁集团有限责任公司",
    }
    for unit_id, name in expected.items():
        assert directory.get(unit_id).name == name
    assert directory.get("hz-traffic-police").parent == "hz-police"
    assert directory.get("hz-provident-fund").phone == "12329"
    assert directory.get("hz-gas").kind is UnitKind.PUBLIC_UTILITY
    assert directory.get("hz-gas").level is UnitLevel.ENTERPRISE
    assert directory.find("no-such-unit") is None
    with pytest.raises(KeyError):
        directory.get("no-such-unit")


def test_street_office_lookup(directory: UnitDirectory) -> None:
    assert directory.street_office("西湖区", "北山街道") == directory.get("xihu-beishan")
    assert directory.street_office("西湖", "北山") == directory.get("xihu-beishan")
    assert directory.street_office(None, "千岛湖镇") == directory.get("chunan-qiandaohu")
    assert directory.street_office("西湖区", "下沙街道") is None
    assert directory.street_office("江干区", "下沙街道") is None
    assert directory.street_office("西湖区", "  ") is None


def test_search_by_exact_chinese_name_ranks_it_first(directory: UnitDirectory) -> None:
    hits = directory.search("杭州住房公积金管理中心")
    assert ids(hits) == ["hz-provident-fund"]
    assert hits[0].score == 100


def test_search_by_chinese_substring(directory: UnitDirectory) -> None:
    assert ids(directory.search("公积金")) == ["hz-provident-fund"]
    hits = directory.search("执法局", limit=50)
    # The city bureau is found by its alias 杭州市综合行政执法局.
    assert len(hits) == 14
    assert {hit.unit.district for hit in hits} == {*DISTRICTS, None}
    assert "hz-urban-management" in ids(hits)


def test_search_with_two_chinese_terms_needs_both(directory: UnitDirectory) -> None:
    assert ids(directory.search("西湖 执法")) == ["xihu-law-enforcement"]
    assert ids(directory.search("钱塘 人社")) == ["qiantang-hrss"]


def test_search_by_duty_keyword_ranks_below_names(directory: UnitDirectory) -> None:
    hits = directory.search("食品安全", limit=30)
    assert hits[0].unit.id == "hz-market"
    assert {hit.score for hit in hits} == {30}
    assert all(hit.unit.id.endswith("market") for hit in hits)
    assert len(hits) == 14


def test_search_by_pinyin_initials(directory: UnitDirectory) -> None:
    assert ids(directory.search("gjj", limit=2)) == ["hz-provident-fund", "hz-bus"]
    assert ids(directory.search("sjqjd")) == ["shangcheng-sijiqing"]
    assert ids(directory.search("xsgdgs"))[0] == "xiaoshan-power"
    assert ids(directory.search("dtjt")) == ["hz-metro"]


def test_search_by_initials_that_skip_characters(directory: UnitDirectory) -> None:
    hits = directory.search("xhzfj", limit=3)
    assert hits[0].unit.id == "xihu-law-enforcement"
    # 萧山区综合… only starts with one of the letters in a row, so it ranks lower.
    all_hits = directory.search("xhzfj", limit=100)
    xihu = next(hit for hit in all_hits if hit.unit.id == "xihu-law-enforcement")
    xiaoshan = next(hit for hit in all_hits if hit.unit.id == "xiaoshan-law-enforcement")
    assert xihu.score > xiaoshan.score


def test_search_by_full_and_mixed_pinyin(directory: UnitDirectory) -> None:
    assert ids(directory.search("changhe")) == ["binjiang-changhe"]
    assert ids(directory.search("gongjijin")) == ["hz-provident-fund"]
    assert ids(directory.search("xh zfj")) == ["xihu-law-enforcement"]
    assert directory.search("XH ZFJ") == directory.search("xh zfj")


def test_search_by_phone_and_id(directory: UnitDirectory) -> None:
    assert ids(directory.search("12329")) == ["hz-provident-fund"]
    assert ids(directory.search("95598")) == ["hz-power"]
    assert ids(directory.search("hz-metro")) == ["hz-metro"]


def test_search_edge_cases(directory: UnitDirectory) -> None:
    assert directory.search("") == []
    assert directory.search("   ") == []
    assert directory.search("公积金", limit=0) == []
    assert directory.search("火星局") == []
    assert directory.search("qqqqq") == []


def test_pinyin_key_reads_polyphones_in_context() -> None:
    assert pinyin_key("长河街道").readings == ("chang", "he", "jie", "dao")
    assert pinyin_key("余杭区").readings == ("yu", "hang", "qu")
    assert pinyin_key("杭州高新开发区（滨江）").readings[-2:] == ("bin", "jiang")
    assert pinyin_key("１２３４５热线").readings == ("1", "2", "3", "4", "5", "re", "xian")


def test_pinyin_fits() -> None:
    key = pinyin_key("西湖区综合行政执法局")
    prefix = match_pinyin("xhq", key)
    assert prefix is not None and prefix.fit is PinyinFit.PREFIX
    inner = match_pinyin("zfj", key)
    assert inner is not None and inner.fit is PinyinFit.INNER
    loose = match_pinyin("xhzfj", key)
    assert loose is not None and loose.fit is PinyinFit.LOOSE and loose.leading == 2
    assert match_pinyin("xihuq", key) is not None
    assert match_pinyin("zhifa", key) is not None
    assert match_pinyin("zhf", key) is not None
    assert match_pinyin("xihqu", key) is not None
    # A syllable prefix is only allowed on the last character typed.
    assert match_pinyin("xihuquzonhe", key) is None
    # Skipping characters is for initials only.
    assert match_pinyin("xihuzhifa", key) is None
    # Two letters never match loosely.
    assert match_pinyin("xf", key) is None
    assert match_pinyin("xfj", key) is not None
    assert match_pinyin("123", key) is None
    assert match_pinyin("", key) is None


def test_normalise_pinyin_query() -> None:
    assert normalise_pinyin_query(" Xi'an ") == "xian"
    assert normalise_pinyin_query("ＧＪＪ") == "gjj"
    assert normalise_pinyin_query("公积金") == ""
    assert normalise_pinyin_query("") == ""
