"""Type-ahead matching of Chinese labels by characters, full pinyin, pinyin initials or a mix.

Call-takers type whatever is fastest while the caller talks: ``公积``, ``gongjijin``, ``gjj`` or
``公jj`` should all find 住房公积金. :class:`PinyinMatcher` precomputes every label's readings
once (pypinyin is slow per call, labels are few and fixed) and then ranks each query:

exact label > label prefix > substring > full pinyin > initials (or any abbreviated syllable),
shorter labels first on ties, then the order the entries were given in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import Generic, TypeVar

from pypinyin import Style, pinyin

T = TypeVar("T")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Separators a user may type or omit freely: spaces, apostrophes between syllables, slashes.
_QUERY_NOISE = re.compile(r"[\s'’/·、，,.。\-_]+")


class MatchRank(IntEnum):
    """How well a query matched a label; a lower value ranks first."""

    EXACT = 0
    PREFIX = 1
    SUBSTRING = 2
    PINYIN_FULL = 3
    PINYIN_INITIALS = 4


@dataclass(frozen=True)
class SearchHit(Generic[T]):
    """One ranked result.

    Attributes:
        value: the entry's value as given to the matcher.
        label: the label (of the entry's labels) that matched best.
        rank: how it matched.
    """

    value: T
    label: str
    rank: MatchRank


@dataclass(frozen=True)
class _Unit:
    """One searchable character of a label with the spellings that may stand for it.

    Attributes:
        char: the character (lower-cased when Latin).
        readings: every toneless pinyin reading of a Chinese character; empty otherwise.
        starts: the characters a query may begin this unit with (the character, each reading's
            first letter), to skip hopeless positions quickly.
    """

    char: str
    readings: tuple[str, ...]
    starts: frozenset[str]


@dataclass(frozen=True)
class _Label:
    """A label prepared for matching.

    Attributes:
        text: the label as given.
        compact: lower-cased, without spaces and separators, for literal matching.
        units: the searchable characters.
        symbols: every character a matching query can contain (the label's characters and the
            letters of their readings); a query with any other character cannot match by pinyin.
    """

    text: str
    compact: str
    units: tuple[_Unit, ...]
    symbols: frozenset[str]


@dataclass(frozen=True)
class _Entry(Generic[T]):
    value: T
    labels: tuple[_Label, ...]
    order: int


def normalize_query(query: str) -> str:
    """Fold a typed query for matching: lower case, no spaces, apostrophes or separators."""
    return _QUERY_NOISE.sub("", query).lower()


@lru_cache(maxsize=8192)
def _char_readings(char: str) -> frozenset[str]:
    """Every toneless reading pypinyin knows for one character, ``v`` and ``u`` both for ü."""
    readings = set(pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")[0] or ())
    return frozenset(_with_u_for_v(readings))


def _with_u_for_v(readings: Iterable[str]) -> set[str]:
    # People type 绿 as "lv" or "lu"; pypinyin spells ü as "v".
    spelled = set()
    for reading in readings:
        spelled.add(reading)
        if "v" in reading:
            spelled.add(reading.replace("v", "u"))
    return spelled


@lru_cache(maxsize=16384)
def _unit_for(char: str) -> _Unit:
    if _HAN.match(char):
        # Every reading, not only the one in context: 长河 is changhe, but callers also type what
        # they hear (闸弄口 is said "zha nong kou", pypinyin prefers "long").
        readings = tuple(sorted(_char_readings(char)))
        return _Unit(char=char, readings=readings, starts=frozenset({char, *(r[0] for r in readings)}))
    lowered = char.lower()
    return _Unit(char=lowered, readings=(), starts=frozenset({lowered}))


def _label_units(text: str) -> tuple[_Unit, ...]:
    """Split a label into searchable units; punctuation and spaces are dropped for pinyin."""
    return tuple(_unit_for(char) for char in text if _HAN.match(char) or char.isalnum())


def _make_label(text: str) -> _Label:
    units = _label_units(text)
    symbols = {unit.char for unit in units}
    for unit in units:
        for reading in unit.readings:
            symbols.update(reading)
    return _Label(text=text, compact=normalize_query(text), units=units, symbols=frozenset(symbols))


_NO_MATCH = 0
_ABBREVIATED = 1
_FULL = 2


def _pinyin_match(units: Sequence[_Unit], query: str) -> int:
    """Match ``query`` against a run of consecutive units starting anywhere.

    Returns ``_FULL`` when some run spells the query with whole syllables or characters (the last
    syllable may be partly typed), ``_ABBREVIATED`` when it needs initials or shortened syllables,
    ``_NO_MATCH`` otherwise.
    """
    memo: dict[tuple[int, int], int] = {}

    def from_unit(unit_index: int, query_pos: int) -> int:
        if query_pos == len(query):
            return _FULL
        if unit_index == len(units):
            return _NO_MATCH
        key = (unit_index, query_pos)
        if key in memo:
            return memo[key]
        unit = units[unit_index]
        best = _NO_MATCH
        if query[query_pos] not in unit.starts:
            memo[key] = best
            return best
        if query.startswith(unit.char, query_pos):
            best = from_unit(unit_index + 1, query_pos + len(unit.char))
        for reading in unit.readings:
            if best == _FULL:
                break
            if query.startswith(reading, query_pos):
                best = max(best, from_unit(unit_index + 1, query_pos + len(reading)))
                continue
            # A shortened syllable: an initial (g for gong, zh for zhong) or a syllable still being typed.
            rest = query[query_pos:]
            common = _common_prefix_length(reading, rest)
            if common == 0:
                continue
            if common == len(rest):
                best = max(best, _FULL)
                continue
            for length in range(common, 0, -1):
                if from_unit(unit_index + 1, query_pos + length) != _NO_MATCH:
                    best = max(best, _ABBREVIATED)
                    break
        memo[key] = best
        return best

    best = _NO_MATCH
    first = query[0]
    for start, unit in enumerate(units):
        if first not in unit.starts:
            continue
        best = max(best, from_unit(start, 0))
        if best == _FULL:
            break
    return best


def _common_prefix_length(left: str, right: str) -> int:
    length = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        length += 1
    return length


def _rank_label(label: _Label, query: str, query_symbols: frozenset[str]) -> MatchRank | None:
    """Rank one label against a normalized query, or ``None`` when it does not match."""
    if label.compact == query:
        return MatchRank.EXACT
    if label.compact.startswith(query):
        return MatchRank.PREFIX
    if query in label.compact:
        return MatchRank.SUBSTRING
    if not query_symbols <= label.symbols:
        return None
    quality = _pinyin_match(label.units, query)
    if quality == _FULL:
        return MatchRank.PINYIN_FULL
    if quality == _ABBREVIATED:
        return MatchRank.PINYIN_INITIALS
    return None


class PinyinMatcher(Generic[T]):
    """A fixed list of entries, each with one or more Chinese labels, searchable as you type.

    Args:
        entries: pairs of (value, labels); a value may have several labels (a full name and a
            short name, an item name and "class / item"); the best-matching label counts.

    Example:
        >>> matcher = PinyinMatcher([("fund", ["住房公积金"]), ("tax", ["个人所得税"])])
        >>> matcher.search("gjj")
        ['fund']
    """

    def __init__(self, entries: Iterable[tuple[T, Sequence[str]]]) -> None:
        self._entries: list[_Entry[T]] = []
        for order, (value, labels) in enumerate(entries):
            made = tuple(_make_label(text) for text in labels if text)
            if made:
                self._entries.append(_Entry(value=value, labels=made, order=order))

    def __len__(self) -> int:
        """Return the number of searchable entries."""
        return len(self._entries)

    def hits(self, query: str, limit: int | None = None) -> list[SearchHit[T]]:
        """Return the entries matching ``query``, best first, with the label and how it matched.

        An empty (or separator-only) query matches nothing.
        """
        folded_query = normalize_query(query)
        if not folded_query:
            return []
        query_symbols = frozenset(folded_query)
        ranked: list[tuple[MatchRank, int, int, _Entry[T], _Label]] = []
        for entry in self._entries:
            best: tuple[MatchRank, int, _Label] | None = None
            for label in entry.labels:
                rank = _rank_label(label, folded_query, query_symbols)
                if rank is None:
                    continue
                candidate = (rank, len(label.text), label)
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
            if best is not None:
                ranked.append((best[0], best[1], entry.order, entry, best[2]))
        ranked.sort(key=lambda row: (row[0], row[1], row[2]))
        if limit is not None:
            ranked = ranked[: max(limit, 0)]
        return [
            SearchHit(value=entry.value, label=label.text, rank=rank) for rank, _, _, entry, label in ranked
        ]

    def search(self, query: str, limit: int | None = None) -> list[T]:
        """Return the values of the entries matching ``query``, best first."""
        return [hit.value for hit in self.hits(query, limit)]
