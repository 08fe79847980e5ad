"""The directory of handling units (承办单位) that orders are dispatched to, and its search.

The directory is the rule file ``units.json``: the city's districts and counties, then every unit
with a stable id, its names, its level (municipal, district, street, enterprise) and kind
(functional department, territorial government, public utility). The dispatch catalogue refers to
units by id, by name pattern or by duty; the seat window searches the directory by Chinese text or
pinyin so a call-taker can pick a unit by hand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from seatclient.dispatch._checks import Checker, child
from seatclient.dispatch.pinyin_match import (
    PinyinFit,
    PinyinKey,
    PinyinMatch,
    match_pinyin,
    normalise_pinyin_query,
    pinyin_key,
)
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

UNITS_RULE_NAME = "units"

_PHONE_PATTERN = re.compile(r"^[0-9][0-9-]{2,19}$")
_STREET_SUFFIXES = ("街道", "镇", "乡")


class UnitLevel(StrEnum):
    """The administrative level a unit works at."""

    MUNICIPAL = "municipal"
    DISTRICT = "district"
    STREET = "street"
    """乡镇（街道）: the grass-roots level of ZJ art. 13 (streets, towns and townships)."""
    ENTERPRISE = "enterprise"


class UnitKind(StrEnum):
    """What a unit is, which decides what it may be dispatched."""

    FUNCTIONAL = "functional"
    """A functional department (职能部门) that owns a field by its duties list."""
    TERRITORIAL = "territorial"
    """A government of a place (district government office, street office, town government)."""
    PUBLIC_UTILITY = "public_utility"
    """A company providing a public service: water, power, gas, buses, metro."""


@dataclass(frozen=True)
class District:
    """A county-level division of the city (区、县、县级市).

    Attributes:
        name: the full name, e.g. ``西湖区``, ``建德市``.
        short_name: the name without its suffix, e.g. ``西湖``, used in branch names such as
            ``杭州市生态环境局西湖分局``.
    """

    name: str
    short_name: str


@dataclass(frozen=True)
class Unit:
    """One handling unit.

    Attributes:
        id: stable identifier (``xihu-law-enforcement``); orders and rules refer to it.
        name: the full official name shown on the order.
        short_name: the name call-takers say.
        level: administrative level.
        kind: functional, territorial or public utility.
        district: the district it serves, for district and street units (and local companies).
        street: the street, town or township, for street units.
        duties: keywords of its duties list (权责清单), searched and used by duty targets.
        aliases: other names the unit is known by (old names, names with a development zone).
        phone: a number for the three-way call of an extra-urgent order, when known.
        parent: the id of the unit it is a branch of, e.g. a district branch of a city bureau.
    """

    id: str
    name: str
    short_name: str
    level: UnitLevel
    kind: UnitKind
    district: str | None = None
    street: str | None = None
    duties: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    phone: str | None = None
    parent: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name, the short name and the aliases, without repeats."""
        return tuple(dict.fromkeys((self.name, self.short_name, *self.aliases)))


@dataclass(frozen=True)
class UnitHit:
    """One result of a directory search.

    Attributes:
        unit: the unit found.
        score: higher is better; exact names score highest, duty keywords lowest.
    """

    unit: Unit
    score: int


@dataclass
class _SearchEntry:
    unit: Unit
    order: int
    folded_names: tuple[str, ...]
    folded_duties: tuple[str, ...]
    pinyin_keys: tuple[PinyinKey, ...] = field(default_factory=tuple)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().strip()


_PINYIN_BEST = 50


def _pinyin_score(match: PinyinMatch) -> int:
    """Score a pinyin match below any Chinese substring match (60).

    Prefix 50, inner 40; a loose match 20 plus the letters that spell the name's start without a
    gap, so ``xhzfj`` ranks 西湖区… above 萧山区….
    """
    if match.fit is PinyinFit.PREFIX:
        return _PINYIN_BEST
    if match.fit is PinyinFit.INNER:
        return 40
    return 20 + min(match.leading, 9)


class UnitDirectory:
    """The units of one city, with look-ups by id, name, place and duty, and a search.

    Build it with ``load_units`` (validated) rather than directly.
    """

    def __init__(self, city: str, districts: Iterable[District], units: Iterable[Unit]) -> None:
        self.city = city
        self._districts = tuple(districts)
        self._units = tuple(units)
        self._by_id = {unit.id: unit for unit in self._units}
        self._by_name = {name: unit for unit in self._units for name in unit.names}
        self._by_duty: dict[str, list[Unit]] = {}
        for unit in self._units:
            for duty in unit.duties:
                self._by_duty.setdefault(duty, []).append(unit)
        self._district_by_name: dict[str, District] = {}
        for district in self._districts:
            self._district_by_name[district.name] = district
            self._district_by_name[district.short_name] = district
        self._search_entries: list[_SearchEntry] | None = None

    @property
    def units(self) -> tuple[Unit, ...]:
        """Every unit, in file order."""
        return self._units

    @property
    def districts(self) -> tuple[District, ...]:
        """The county-level divisions, in file order."""
        return self._districts

    def get(self, unit_id: str) -> Unit:
        """Return the unit with ``unit_id``; raises ``KeyError`` if there is none."""
        return self._by_id[unit_id]

    def find(self, unit_id: str) -> Unit | None:
        """Return the unit with ``unit_id``, or ``None``."""
        return self._by_id.get(unit_id)

    def by_name(self, name: str) -> Unit | None:
        """Return the unit whose name, short name or alias is exactly ``name``."""
        return self._by_name.get(name.strip())

    def district(self, name: str) -> District | None:
        """Return the district called ``name`` (``西湖区`` or ``西湖``), or ``None``."""
        return self._district_by_name.get(name.strip())

    def units_in(self, district: str) -> list[Unit]:
        """Return the units of ``district`` (district-level, street-level and local companies)."""
        found = self.district(district)
        if found is None:
            return []
        return [unit for unit in self._units if unit.district == found.name]

    def streets(self, district: str | None = None) -> list[Unit]:
        """Return the street-level units, of one district when ``district`` is given."""
        found = self.district(district) if district else None
        return [
            unit
            for unit in self._units
            if unit.level is UnitLevel.STREET and (found is None or unit.district == found.name)
        ]

    def street_office(self, district: str | None, street: str) -> Unit | None:
        """Return the street office (or town government) of ``street``, or ``None``.

        ``street`` may omit its suffix (``北山`` for ``北山街道``). Without ``district`` the street is
        looked up across the city and found only when its name is unique.
        """
        wanted = street.strip()
        if not wanted or (district is not None and self.district(district) is None):
            return None
        candidates = [
            unit
            for unit in self.streets(district)
            if unit.street is not None
            and (unit.street == wanted or any(unit.street == wanted + suffix for suffix in _STREET_SUFFIXES))
        ]
        return candidates[0] if len(candidates) == 1 else None

    def with_duty(self, duty: str) -> list[Unit]:
        """Return the units whose duties list contains ``duty`` (exact keyword), in file order."""
        return list(self._by_duty.get(duty, ()))

    def search(self, query: str, limit: int = 20) -> list[UnitHit]:
        """Find units by Chinese text, pinyin (initials, full or mixed), id or phone number.

        Whitespace separates terms, and a unit must match every term (``西湖 执法`` or ``xh zfj``).
        A term matches a name, short name or alias as a whole, at the start or inside; pinyin
        terms match the same names by reading; Chinese terms also match duty keywords, more weakly.

        Args:
            query: what the call-taker typed.
            limit: the most results to return.

        Returns:
            The best hits first; ties go to the shorter name, then to file order.
        """
        terms = [(_fold(term), normalise_pinyin_query(term)) for term in query.split() if term.strip()]
        if not terms or limit <= 0:
            return []
        hits: list[tuple[int, int, int, Unit]] = []
        for entry in self._entries():
            total = 0
            for term, pinyin_query in terms:
                score = self._term_score(term, pinyin_query, entry)
                if score == 0:
                    break
                total += score
            else:
                hits.append((-total, len(entry.unit.name), entry.order, entry.unit))
        hits.sort(key=lambda hit: hit[:3])
        return [UnitHit(unit=unit, score=-negative) for negative, _, _, unit in hits[:limit]]

    def _entries(self) -> list[_SearchEntry]:
        # Pinyin keys cost about a millisecond per unit: build them on the first search only.
        if self._search_entries is None:
            self._search_entries = [
                _SearchEntry(
                    unit=unit,
                    order=order,
                    folded_names=tuple(_fold(name) for name in unit.names),
                    folded_duties=tuple(_fold(duty) for duty in unit.duties),
                    pinyin_keys=tuple(pinyin_key(name) for name in unit.names),
                )
                for order, unit in enumerate(self._units)
            ]
        return self._search_entries

    @staticmethod
    def _term_score(term: str, pinyin_query: str, entry: _SearchEntry) -> int:
        """Score one term against one unit; 0 means no match. ``pinyin_query`` is "" for Chinese."""
        unit = entry.unit
        best = 0
        for name in entry.folded_names:
            if name == term:
                best = max(best, 100)
            elif name.startswith(term):
                best = max(best, 80)
            elif term in name:
                best = max(best, 60)
        if unit.phone is not None and unit.phone == term:
            best = max(best, 90)
        if term in unit.id:
            best = max(best, 35)
        if pinyin_query:
            for key in entry.pinyin_keys:
                if best >= _PINYIN_BEST:
                    break
                match = match_pinyin(pinyin_query, key)
                if match is not None:
                    best = max(best, _pinyin_score(match))
        elif any(term in duty for duty in entry.folded_duties):
            best = max(best, 30)
        return best


_UNIT_REQUIRED = ("id", "name", "short_name", "level", "kind")
_UNIT_OPTIONAL = ("district", "street", "duties", "aliases", "phone", "parent")


def validate_units(rule_file: RuleFile) -> tuple[UnitDirectory | None, list[RuleError]]:
    """Check a units rule file and build its directory.

    Returns:
        The directory (``None`` when the file has problems) and every problem found, each with
        its pointer and line.
    """
    checker = Checker(rule_file)
    document = checker.expect_object(
        rule_file.data, "", required=("districts", "units"), optional=("version", "description", "city")
    )
    if document is None:
        return None, checker.problems
    city = "杭州市"
    if "city" in document:
        city = checker.expect_text(document["city"], "city") or city
    districts = _check_districts(checker, document["districts"])
    units = _check_units(checker, document["units"], districts)
    if checker.problems:
        return None, checker.problems
    return UnitDirectory(city, districts, units), []


def load_units(rule_file: RuleFile) -> UnitDirectory:
    """Build the directory from a units rule file; raises the first ``RuleError`` found."""
    directory, problems = validate_units(rule_file)
    if directory is None:
        raise problems[0]
    return directory


def load_default_units(rule_book: RuleBook | None = None) -> UnitDirectory:
    """Load ``units.json`` from the rule book in force (shipped, hall override or config bundle)."""
    return load_units((rule_book or RuleBook()).get(UNITS_RULE_NAME))


def _check_districts(checker: Checker, value: Any) -> list[District]:
    items = checker.expect_list(value, "districts")
    if items is None:
        return []
    districts: list[District] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        pointer = child("districts", index)
        entry = checker.expect_object(item, pointer, required=("name", "short_name"))
        if entry is None:
            continue
        name = checker.expect_text(entry["name"], child(pointer, "name"))
        short_name = checker.expect_text(entry["short_name"], child(pointer, "short_name"))
        if name is None or short_name is None:
            continue
        if not name.endswith(("区", "县", "市")):
            checker.report(child(pointer, "name"), tr("Dispatch", "区县名称应以“区”“县”或“市”结尾"))
            continue
        if not name.startswith(short_name):
            checker.report(
                child(pointer, "short_name"),
                tr("Dispatch", "简称应是名称“{name}”的开头部分").format(name=name),
            )
            continue
        for label, key in ((name, "name"), (short_name, "short_name")):
            if label in seen:
                checker.report(child(pointer, key), tr("Dispatch", "区县名称“{name}”重复").format(name=label))
        seen.update((name, short_name))
        districts.append(District(name=name, short_name=short_name))
    return districts


def _check_units(checker: Checker, value: Any, districts: list[District]) -> list[Unit]:
    items = checker.expect_list(value, "units")
    if items is None:
        return []
    district_names = {district.name: district for district in districts}
    for district in districts:
        district_names.setdefault(district.short_name, district)
    units: list[Unit] = []
    pointers: dict[str, str] = {}
    owner_of_name: dict[str, str] = {}
    streets_seen: set[tuple[str, str]] = set()
    for index, item in enumerate(items):
        pointer = child("units", index)
        unit = _check_unit(checker, item, pointer, district_names)
        if unit is None:
            continue
        if unit.id in pointers:
            checker.report(
                child(pointer, "id"),
                tr("Dispatch", "单位标识“{id}”重复，已在 {other} 使用").format(
                    id=unit.id, other=pointers[unit.id]
                ),
            )
            continue
        clash = False
        for name in unit.names:
            if name in owner_of_name:
                checker.report(
                    pointer,
                    tr("Dispatch", "名称“{name}”已被单位“{other}”使用，名称、简称和别名不能重复").format(
                        name=name, other=owner_of_name[name]
                    ),
                )
                clash = True
        if unit.street is not None and unit.district is not None:
            if (unit.district, unit.street) in streets_seen:
                checker.report(
                    child(pointer, "street"),
                    tr("Dispatch", "{district}已有乡镇（街道）“{street}”").format(
                        district=unit.district, street=unit.street
                    ),
                )
                clash = True
            streets_seen.add((unit.district, unit.street))
        if clash:
            continue
        pointers[unit.id] = pointer
        owner_of_name.update((name, unit.id) for name in unit.names)
        units.append(unit)
    # Units dropped for their own problems are still declared: a parent pointing at one of them
    # is not reported a second time.
    declared = {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}
    _check_parents(checker, units, pointers, declared)
    return units


def _check_unit(checker: Checker, item: Any, pointer: str, districts: Mapping[str, District]) -> Unit | None:
    entry = checker.expect_object(item, pointer, required=_UNIT_REQUIRED, optional=_UNIT_OPTIONAL)
    if entry is None:
        return None
    problems_before = len(checker.problems)
    unit_id = checker.expect_slug(entry["id"], child(pointer, "id"))
    name = checker.expect_text(entry["name"], child(pointer, "name"))
    short_name = checker.expect_text(entry["short_name"], child(pointer, "short_name"))
    level_text = checker.expect_choice(
        entry["level"], child(pointer, "level"), [level.value for level in UnitLevel]
    )
    kind_text = checker.expect_choice(
        entry["kind"], child(pointer, "kind"), [kind.value for kind in UnitKind]
    )
    district: str | None = None
    if "district" in entry:
        district_text = checker.expect_text(entry["district"], child(pointer, "district"))
        if district_text is not None:
            known = districts.get(district_text)
            if known is None:
                checker.report(
                    child(pointer, "district"),
                    tr("Dispatch", "未知的区县“{district}”，允许的区县：{allowed}").format(
                        district=district_text,
                        allowed="、".join(dict.fromkeys(d.name for d in districts.values())),
                    ),
                )
            else:
                district = known.name
    street = checker.expect_text(entry["street"], child(pointer, "street")) if "street" in entry else None
    duties = checker.expect_text_list(entry.get("duties", []), child(pointer, "duties"), allow_empty=True)
    aliases = checker.expect_text_list(entry.get("aliases", []), child(pointer, "aliases"), allow_empty=True)
    phone: str | None = None
    if "phone" in entry:
        raw_phone = entry["phone"]
        if not isinstance(raw_phone, str) or not _PHONE_PATTERN.match(raw_phone):
            checker.report(
                child(pointer, "phone"),
                tr("Dispatch", "电话应为数字，可含连字符，例如“12329”或“0571-85085111-801”"),
            )
        else:
            phone = raw_phone
    parent = checker.expect_slug(entry["parent"], child(pointer, "parent")) if "parent" in entry else None
    if (
        len(checker.problems) > problems_before
        or unit_id is None
        or name is None
        or short_name is None
        or level_text is None
        or kind_text is None
        or duties is None
        or aliases is None
    ):
        return None
    level = UnitLevel(level_text)
    kind = UnitKind(kind_text)
    if not _check_level_fields(checker, entry, pointer, level, kind):
        return None
    return Unit(
        id=unit_id,
        name=name,
        short_name=short_name,
        level=level,
        kind=kind,
        district=district,
        street=street,
        duties=duties,
        aliases=aliases,
        phone=phone,
        parent=parent,
    )


def _check_level_fields(
    checker: Checker, entry: Mapping[str, Any], pointer: str, level: UnitLevel, kind: UnitKind
) -> bool:
    """Check that the place fields and the kind agree with the level."""
    problems_before = len(checker.problems)
    has_district = "district" in entry
    has_street = "street" in entry
    if level is UnitLevel.MUNICIPAL and has_district:
        checker.report(child(pointer, "district"), tr("Dispatch", "市级单位不应填写区县"))
    if level in (UnitLevel.DISTRICT, UnitLevel.STREET) and not has_district:
        checker.report(pointer, tr("Dispatch", "区县级和乡镇（街道）级单位必须填写“district”"))
    if level is UnitLevel.STREET:
        if not has_street:
            checker.report(pointer, tr("Dispatch", "乡镇（街道）级单位必须填写“street”"))
        if kind is not UnitKind.TERRITORIAL:
            checker.report(
                child(pointer, "kind"), tr("Dispatch", "乡镇（街道）级单位的类型只能是“territorial”")
            )
    elif has_street:
        checker.report(child(pointer, "street"), tr("Dispatch", "只有乡镇（街道）级单位可以填写“street”"))
    if level is UnitLevel.ENTERPRISE and kind is not UnitKind.PUBLIC_UTILITY:
        checker.report(child(pointer, "kind"), tr("Dispatch", "企业级单位的类型只能是“public_utility”"))
    return len(checker.problems) == problems_before


def _check_parents(
    checker: Checker, units: list[Unit], pointers: Mapping[str, str], declared: set[str]
) -> None:
    by_id = {unit.id: unit for unit in units}
    for unit in units:
        if unit.parent is None:
            continue
        where = child(pointers[unit.id], "parent")
        if unit.parent not in by_id:
            if unit.parent not in declared:
                checker.report(
                    where, tr("Dispatch", "上级单位“{parent}”不在目录中").format(parent=unit.parent)
                )
            continue
        seen = {unit.id}
        current: Unit | None = by_id[unit.parent]
        while current is not None:
            if current.id in seen:
                checker.report(where, tr("Dispatch", "上级单位形成循环：{id}").format(id=current.id))
                break
            seen.add(current.id)
            current = by_id.get(current.parent) if current.parent else None
