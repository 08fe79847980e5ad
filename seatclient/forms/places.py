"""Hangzhou's county-level divisions and their streets, towns and townships, for the order's place.

Dispatch follows the place ("属地管理", ZJ art. 13): the form asks for the district (区、县、市) and
the street-level unit (街道、镇、乡) where the matter happened. The list is rule data, because
divisions change (the 2021 reorganisation merged 江干 into 上城 and 下城 into 拱墅, and split
临平 from 余杭 and 钱塘 from 江干 and 萧山)::

    {"city": "杭州市", "districts": [
        {"name": "西湖区", "kind": "district", "streets": ["北山街道", ...]}, ...]}

``kind`` is ``district`` (市辖区), ``county`` (县) or ``county_city`` (县级市).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from seatclient.forms.pinyin_search import PinyinMatcher
from seatclient.forms.taxonomy import RuleChecker, child_pointer
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

RULE_SET_NAME = "places"

DISTRICT_KINDS = ("district", "county", "county_city")
DISTRICT_SUFFIXES = {"district": "区", "county": "县", "county_city": "市"}
STREET_SUFFIXES = ("街道", "镇", "乡")


@dataclass(frozen=True)
class District:
    """A county-level division and its street-level units.

    Attributes:
        name: the full name, e.g. ``西湖区``.
        kind: ``district``, ``county`` or ``county_city``.
        streets: its 街道, 镇 and 乡, in the data's order.
    """

    name: str
    kind: str
    streets: tuple[str, ...]

    @property
    def short_name(self) -> str:
        """The name without its 区/县/市 suffix (``西湖``), as people often say it."""
        return _strip_suffix(self.name, (DISTRICT_SUFFIXES.get(self.kind, ""),))


class PlaceRef(NamedTuple):
    """A street-level place: the district and the street, town or township in it.

    Attributes:
        district: e.g. ``西湖区``.
        street: e.g. ``北山街道``.
    """

    district: str
    street: str


def _strip_suffix(name: str, suffixes: Sequence[str]) -> str:
    for suffix in suffixes:
        if suffix and name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def street_short_name(street: str) -> str:
    """Return a street's name without 街道/镇/乡 (``北山`` for ``北山街道``)."""
    return _strip_suffix(street, STREET_SUFFIXES)


class Places:
    """The city's divisions, searchable by Chinese, full pinyin or initials.

    Args:
        city: the city name, ``杭州市``.
        districts: the county-level divisions in order.
        version: the data version.
    """

    def __init__(self, city: str, districts: Sequence[District], version: str = "") -> None:
        self.city = city
        self.version = version
        self.districts: tuple[District, ...] = tuple(districts)
        self._by_name = {district.name: district for district in self.districts}

    def district(self, name: str) -> District | None:
        """Return the district called ``name`` (full name), or ``None``."""
        return self._by_name.get(name)

    def is_valid(self, district: str, street: str | None = None) -> bool:
        """Return whether ``district`` exists and, when given, ``street`` belongs to it."""
        found = self._by_name.get(district)
        if found is None:
            return False
        return street is None or street in found.streets

    def district_of(self, street: str) -> list[str]:
        """Return the districts having a street-level unit called ``street`` (usually one)."""
        return [district.name for district in self.districts if street in district.streets]

    @cached_property
    def _district_matcher(self) -> PinyinMatcher[District]:
        return PinyinMatcher((district, (district.name, district.short_name)) for district in self.districts)

    @cached_property
    def _street_matchers(self) -> dict[str | None, PinyinMatcher[PlaceRef]]:
        per_district: dict[str | None, PinyinMatcher[PlaceRef]] = {}
        everywhere: list[tuple[PlaceRef, tuple[str, ...]]] = []
        for district in self.districts:
            entries = [
                (PlaceRef(district.name, street), (street, street_short_name(street)))
                for street in district.streets
            ]
            per_district[district.name] = PinyinMatcher(entries)
            everywhere.extend(entries)
        per_district[None] = PinyinMatcher(everywhere)
        return per_district

    def search_districts(self, query: str, limit: int | None = 20) -> list[District]:
        """Find districts by name or short name (``西湖``, ``xihu``, ``xh``), best first."""
        return self._district_matcher.search(query, limit)

    def search_streets(
        self, query: str, district: str | None = None, limit: int | None = 20
    ) -> list[PlaceRef]:
        """Find streets, towns and townships, best first.

        Args:
            query: Chinese, full pinyin or initials, with or without the 街道/镇/乡 suffix.
            district: search only in this district (full name); ``None`` searches the whole city.
            limit: the most results; ``None`` for all.

        Returns:
            Matching (district, street) pairs; empty when ``district`` is unknown.
        """
        matcher = self._street_matchers.get(district)
        if matcher is None:
            return []
        return matcher.search(query, limit)


def _parse_places(rule_file: RuleFile) -> tuple[Places | None, RuleChecker]:
    check = RuleChecker(rule_file)
    root = check.mapping(
        rule_file.data, "", required=("city", "districts"), optional=("version", "source", "description")
    )
    if root is None:
        return None, check
    city = check.text(root, "city", "")
    version = check.text(root, "version", "") or ""
    check.text(root, "source", "")
    check.text(root, "description", "")
    districts: list[District] = []
    names: dict[str, str] = {}
    for index, raw in enumerate(check.array(root, "districts", "") or ()):
        pointer = child_pointer("districts", index)
        mapping = check.mapping(raw, pointer, required=("name", "kind", "streets"))
        if mapping is None:
            continue
        name = check.text(mapping, "name", pointer)
        kind = check.text(mapping, "kind", pointer)
        if kind is not None and kind not in DISTRICT_KINDS:
            check.fail(
                child_pointer(pointer, "kind"),
                tr(
                    "Places",
                    "“{kind}”不是允许的类型，允许：district（区）、county（县）、county_city（县级市）",
                ).format(kind=kind),
            )
            kind = None
        if name is not None:
            check.unique(names, name, child_pointer(pointer, "name"), tr("Places", "区县（市）名称"))
            if kind is not None and not name.endswith(DISTRICT_SUFFIXES[kind]):
                check.fail(
                    child_pointer(pointer, "name"),
                    tr("Places", "类型为 {kind} 的名称应以“{suffix}”结尾：“{name}”").format(
                        kind=kind, suffix=DISTRICT_SUFFIXES[kind], name=name
                    ),
                )
        streets = _parse_streets(check, mapping, pointer)
        if name is not None and kind is not None and streets is not None:
            districts.append(District(name=name, kind=kind, streets=streets))
    if check.errors or city is None:
        return None, check
    return Places(city=city, districts=districts, version=version), check


def _parse_streets(check: RuleChecker, mapping: Mapping[str, Any], pointer: str) -> tuple[str, ...] | None:
    raw_streets = check.array(mapping, "streets", pointer)
    if raw_streets is None:
        return None
    streets: list[str] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(raw_streets):
        at = child_pointer(child_pointer(pointer, "streets"), index)
        if not isinstance(raw, str) or not raw.strip() or raw != raw.strip():
            check.fail(at, tr("Places", "应为不带首尾空格的街道、镇或乡名称"))
            continue
        if not raw.endswith(STREET_SUFFIXES) or raw in STREET_SUFFIXES:
            check.fail(at, tr("Places", "“{name}”应以“街道”“镇”或“乡”结尾").format(name=raw))
            continue
        if check.unique(seen, raw, at, tr("Places", "街道（镇、乡）名称")):
            streets.append(raw)
    return tuple(streets)


def validate_places(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem in a places rule file (empty when it is usable)."""
    return _parse_places(rule_file)[1].errors


def load_places(rule_file: RuleFile) -> Places:
    """Build the place list from a rule file; raises the first ``RuleError`` when it is not valid."""
    places, check = _parse_places(rule_file)
    check.raise_first()
    assert places is not None  # no errors means every part was built
    return places


def load_default(rule_book: RuleBook | None = None) -> Places:
    """Load the places in force from ``rule_book`` (the shipped files when ``None``)."""
    return load_places((rule_book or RuleBook()).get(RULE_SET_NAME))
