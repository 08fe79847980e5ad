"""Hangzhou's districts and streets: the shipped data, search and validation."""

from __future__ import annotations

import pytest

from seatclient.forms.places import (
    PlaceRef,
    Places,
    load_default,
    load_places,
    street_short_name,
    validate_places,
)
from seatclient.rules import RuleError
from seatclient.rules.rulebook import parse_rule_text


@pytest.fixture(scope="module")
def places() -> Places:
    return load_default()


def test_thirteen_divisions_after_the_2021_reorganisation(places: Places) -> None:
    assert places.city == "杭州市"
    assert [(d.name, d.kind) for d in places.districts] == [
        ("上城区", "district"),
        ("拱墅区", "district"),
        ("西湖区", "district"),
        ("滨江区", "district"),
        ("萧山区", "district"),
        ("余杭区", "district"),
        ("临平区", "district"),
        ("钱塘区", "district"),
        ("富阳区", "district"),
        ("临安区", "district"),
        ("桐庐县", "county"),
        ("淳安县", "county"),
        ("建德市", "county_city"),
    ]
    assert places.district("江干区") is None
    assert places.district("下城区") is None


def test_street_level_totals(places: Places) -> None:
    streets = [s for d in places.districts for s in d.streets]
    assert sum(s.endswith("街道") for s in streets) == 93
    assert sum(s.endswith("镇") for s in streets) == 75
    assert sum(s.endswith("乡") for s in streets) == 23
    assert len(set(streets)) == len(streets) == 191


@pytest.mark.parametrize(
    ("street", "district"),
    [
        ("九堡街道", "上城区"),  # from the former 江干区
        ("笕桥街道", "上城区"),
        ("湖滨街道", "上城区"),
        ("武林街道", "拱墅区"),  # from the former 下城区
        ("石桥街道", "拱墅区"),
        ("康桥街道", "拱墅区"),
        ("下沙街道", "钱塘区"),  # from the former 江干区
        ("义蓬街道", "钱塘区"),  # from 萧山区
        ("前进街道", "钱塘区"),
        ("临平街道", "临平区"),  # split from 余杭区
        ("塘栖镇", "临平区"),
        ("良渚街道", "余杭区"),
        ("瓶窑镇", "余杭区"),
        ("盈丰街道", "萧山区"),
        ("北山街道", "西湖区"),
        ("三墩镇", "西湖区"),
        ("於潜镇", "临安区"),
        ("莪山畲族乡", "桐庐县"),
        ("千岛湖镇", "淳安县"),
        ("钦堂乡", "建德市"),
    ],
)
def test_streets_belong_to_their_district(places: Places, street: str, district: str) -> None:
    assert places.district_of(street) == [district]
    assert places.is_valid(district, street)


def test_is_valid(places: Places) -> None:
    assert places.is_valid("西湖区")
    assert not places.is_valid("西湖区", "九堡街道")
    assert not places.is_valid("江干区", "九堡街道")


def test_search_districts(places: Places) -> None:
    assert places.search_districts("西湖")[0].name == "西湖区"
    assert places.search_districts("xihu")[0].name == "西湖区"
    assert places.search_districts("qt")[0].name == "钱塘区"
    assert [d.name for d in places.search_districts("lin")] == ["临平区", "临安区"]
    assert places.search_districts("jiande")[0].name == "建德市"
    assert places.search_districts("江干") == []


def test_search_streets_within_a_district(places: Places) -> None:
    assert places.search_streets("bs", district="西湖区")[0] == PlaceRef("西湖区", "北山街道")
    assert places.search_streets("北山", district="西湖区") == [PlaceRef("西湖区", "北山街道")]
    assert places.search_streets("jiubao", district="西湖区") == []
    assert places.search_streets("jiubao", district="上城区") == [PlaceRef("上城区", "九堡街道")]
    assert places.search_streets("bs", district="江干区") == []


def test_search_streets_across_the_city(places: Places) -> None:
    assert places.search_streets("九堡") == [PlaceRef("上城区", "九堡街道")]
    assert places.search_streets("xiasha")[0] == PlaceRef("钱塘区", "下沙街道")
    assert places.search_streets("qdhz")[0] == PlaceRef("淳安县", "千岛湖镇")
    # Short names without the suffix match exactly.
    assert places.search_streets("塘栖")[0] == PlaceRef("临平区", "塘栖镇")


def test_street_short_name() -> None:
    assert street_short_name("北山街道") == "北山"
    assert street_short_name("塘栖镇") == "塘栖"
    assert street_short_name("钦堂乡") == "钦堂"
    assert street_short_name("镇") == "镇"


BROKEN = """{
  "city": "杭州市",
  "districts": [
    {
      "name": "西湖区",
      "kind": "district",
      "streets": [
        "北山街道",
        "北山街道",
        "灵隐"
      ]
    },
    {"name": "桐庐县", "kind": "town", "streets": ["旧县街道"]},
    {"name": "建德", "kind": "county_city", "streets": []},
    {"name": "西湖区", "kind": "district", "streets": ["西溪街道"], "note": "x"}
  ]
}
"""


def test_validation_names_pointer_and_line() -> None:
    errors = validate_places(parse_rule_text("places", BROKEN, "hall/places.json"))
    found = [(e.pointer, e.line) for e in errors]
    assert found == [
        ("districts/0/streets/1", 9),  # duplicate street
        ("districts/0/streets/2", 10),  # no 街道/镇/乡 suffix
        ("districts/1/kind", 13),  # unknown kind
        ("districts/2/name", 14),  # 县级市 name must end with 市
        ("districts/2/streets", 14),  # empty list
        ("districts/3/note", 15),  # unknown key
        ("districts/3/name", 15),  # duplicate district
    ]
    assert errors[0].describe().startswith("hall/places.json:9: districts/0/streets/1: ")


def test_load_raises_first_problem() -> None:
    with pytest.raises(RuleError) as raised:
        load_places(parse_rule_text("places", BROKEN, "hall/places.json"))
    assert raised.value.pointer == "districts/0/streets/1"


def test_a_minimal_valid_file_loads() -> None:
    text = (
        '{"city": "杭州市", "districts": [{"name": "滨江区", "kind": "district", "streets": ["西兴街道"]}]}'
    )
    loaded = load_places(parse_rule_text("places", text, "p.json"))
    assert loaded.search_streets("xx") == [PlaceRef("滨江区", "西兴街道")]
