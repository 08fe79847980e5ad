"""The hall's floor plan: areas and rows of seat ids, so the board shows seats where they physically are.

The plan is data (``resources/rules/floor_plan.json``)::

    {
      "version": "2026-01-01",
      "description": "...",
      "areas": [
        {"id": "area_a", "label_zh": "A 区", "label_en": "Area A",
         "rows": [["A01", "A02", "A03"], ["A04", "A05", "A06"]]}
      ]
    }

Seats are ordered area by area, row by row, left to right. A seat the plan does not know (a new
seat, a training room) still shows, after every planned seat, in natural order (``A2`` before ``A10``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from seatclient.floor._checks import FloorRuleChecker, child_pointer
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

SEAT_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}")
"""A seat id: letters, digits, ``-`` and ``_``, at most 16 characters, as the backend spells it."""

FLOOR_PLAN_RULES = "floor_plan"
"""The rule file's name in ``resources/rules``."""

MAX_SEATS_PER_ROW = 200
"""A hall row longer than this is a typing mistake, not a row."""

SortKey = tuple[int, int, int, int, tuple[str | int, ...], str]
"""How a seat sorts on the board: planned seats first, by area, row and place; then the rest in
natural order; the seat id itself last, so no two seats share a key (``A1`` and ``A01``)."""


def natural_key(text: str) -> tuple[str | int, ...]:
    """Return a key sorting ``A2`` before ``A10``: text and numbers alternate, text first."""
    parts = re.split(r"(\d+)", text)
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


@dataclass(frozen=True)
class FloorArea:
    """One area of the hall (a room or a block of desks).

    Attributes:
        area_id: the stable identifier, e.g. ``area_a``.
        label_zh: the Chinese label, e.g. ``A 区``.
        label_en: the English label.
        rows: the rows of seat ids, front to back, each left to right.
    """

    area_id: str
    label_zh: str
    label_en: str
    rows: tuple[tuple[str, ...], ...]

    def label(self, language: str = "zh_CN") -> str:
        """Return the label in ``language`` (``zh_CN`` or ``en``)."""
        return self.label_en if language == "en" else self.label_zh


@dataclass(frozen=True)
class SeatPosition:
    """Where a seat is on the plan (all indexes 0-based).

    Attributes:
        area: the area the seat is in.
        area_index: the area's place in the plan.
        row_index: the row within the area.
        column_index: the place within the row.
    """

    area: FloorArea
    area_index: int
    row_index: int
    column_index: int


class FloorPlan:
    """The seats of a hall in the order the board shows them.

    Args:
        areas: the areas in display order; a seat id may appear only once in the whole plan.

    Raises:
        ValueError: a seat id appears twice (``load_floor_plan`` reports that as a ``RuleError`` first).
    """

    def __init__(self, areas: Sequence[FloorArea] = ()) -> None:
        self._areas = tuple(areas)
        self._positions: dict[str, SeatPosition] = {}
        for area_index, area in enumerate(self._areas):
            for row_index, row in enumerate(area.rows):
                for column_index, seat_id in enumerate(row):
                    if seat_id in self._positions:
                        raise ValueError(f"seat {seat_id} appears twice in the floor plan")
                    self._positions[seat_id] = SeatPosition(area, area_index, row_index, column_index)

    @property
    def areas(self) -> tuple[FloorArea, ...]:
        """The areas in display order."""
        return self._areas

    def __len__(self) -> int:
        """The number of planned seats."""
        return len(self._positions)

    def __contains__(self, seat_id: object) -> bool:
        """Whether ``seat_id`` is on the plan."""
        return seat_id in self._positions

    def seat_ids(self) -> Iterator[str]:
        """Yield every planned seat id in display order."""
        for area in self._areas:
            for row in area.rows:
                yield from row

    def position(self, seat_id: str) -> SeatPosition | None:
        """Return where ``seat_id`` is, or ``None`` when the plan does not know it."""
        return self._positions.get(seat_id)

    def sort_key(self, seat_id: str) -> SortKey:
        """Return the key that orders ``seat_id`` on the board."""
        position = self._positions.get(seat_id)
        if position is None:
            return (1, 0, 0, 0, natural_key(seat_id), seat_id)
        return (0, position.area_index, position.row_index, position.column_index, (), seat_id)

    def describe(self, seat_id: str, language: str = "zh_CN") -> str:
        """Return where the seat is in words, e.g. ``A 区 第 2 排``; ``""`` for an unplanned seat."""
        position = self._positions.get(seat_id)
        if position is None:
            return ""
        return tr("FloorPlan", "{area} 第 {row} 排").format(
            area=position.area.label(language), row=position.row_index + 1
        )


def floor_plan_problems(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem of a floor plan rule file (an empty list when it is sound)."""
    checker = FloorRuleChecker(rule_file)
    _collect_areas(checker, rule_file.data)
    return checker.problems


def load_floor_plan(rule_file: RuleFile) -> FloorPlan:
    """Build the floor plan from ``rule_file``.

    Raises:
        RuleError: the first problem found, naming its key path and line.
    """
    checker = FloorRuleChecker(rule_file)
    areas = _collect_areas(checker, rule_file.data)
    if checker.problems:
        raise checker.problems[0]
    return FloorPlan(areas)


def load_default_floor_plan(rule_book: RuleBook | None = None) -> FloorPlan:
    """Load ``floor_plan`` from the rule book in force (shipped, hall folder or config bundle).

    Raises:
        RuleError: the file is missing or unsound.
    """
    return load_floor_plan((rule_book or RuleBook()).get(FLOOR_PLAN_RULES))


def _collect_areas(checker: FloorRuleChecker, document: object) -> list[FloorArea]:
    root = checker.object("", document, required=("version", "areas"), optional=("description",))
    if root is None:
        return []
    if "version" in root:
        checker.text("version", root["version"])
    if "description" in root:
        checker.text("description", root["description"])
    entries = checker.array("areas", root.get("areas"))
    if entries is None:
        return []
    areas: list[FloorArea] = []
    area_ids: set[str] = set()
    seat_places: dict[str, str] = {}
    for index, entry in enumerate(entries):
        here = child_pointer("areas", index)
        item = checker.object(here, entry, required=("id", "label_zh", "label_en", "rows"))
        if item is None:
            continue
        # A missing key was already reported by ``checker.object``; check only the keys present.
        area_id = checker.identifier(child_pointer(here, "id"), item["id"]) if "id" in item else None
        if area_id is not None and area_id in area_ids:
            checker.report(
                child_pointer(here, "id"), tr("FloorRules", "区域标识“{id}”重复").format(id=area_id)
            )
            area_id = None
        label_zh = (
            checker.text(child_pointer(here, "label_zh"), item["label_zh"]) if "label_zh" in item else None
        )
        label_en = (
            checker.text(child_pointer(here, "label_en"), item["label_en"]) if "label_en" in item else None
        )
        rows = (
            _collect_rows(checker, child_pointer(here, "rows"), item["rows"], seat_places)
            if "rows" in item
            else None
        )
        if area_id is not None:
            area_ids.add(area_id)
        if area_id is None or label_zh is None or label_en is None or rows is None:
            continue
        areas.append(FloorArea(area_id, label_zh, label_en, rows))
    return areas


def _collect_rows(
    checker: FloorRuleChecker, pointer: str, value: object, seat_places: dict[str, str]
) -> tuple[tuple[str, ...], ...] | None:
    rows_value = checker.array(pointer, value)
    if rows_value is None:
        return None
    rows: list[tuple[str, ...]] = []
    sound = True
    for row_index, row_value in enumerate(rows_value):
        row_pointer = child_pointer(pointer, row_index)
        seats = checker.array(row_pointer, row_value)
        if seats is None:
            sound = False
            continue
        if len(seats) > MAX_SEATS_PER_ROW:
            checker.report(
                row_pointer,
                tr("FloorRules", "一排最多 {maximum} 个座席").format(maximum=MAX_SEATS_PER_ROW),
            )
            sound = False
            continue
        row: list[str] = []
        for column_index, seat_id in enumerate(seats):
            seat_pointer = child_pointer(row_pointer, column_index)
            if not isinstance(seat_id, str) or SEAT_ID_PATTERN.fullmatch(seat_id) is None:
                checker.report(
                    seat_pointer,
                    tr(
                        "FloorRules",
                        "座席号只能用英文字母、数字、“-”和“_”，以字母或数字开头，最多 16 个字符，例如“A01”",
                    ),
                )
                sound = False
            elif seat_id in seat_places:
                checker.report(
                    seat_pointer,
                    tr("FloorRules", "座席号“{seat}”重复，已出现在 {where}").format(
                        seat=seat_id, where=seat_places[seat_id]
                    ),
                )
                sound = False
            else:
                seat_places[seat_id] = seat_pointer
                row.append(seat_id)
        rows.append(tuple(row))
    return tuple(rows) if sound else None
