"""A small pinyin matcher for unit names: initials (``xhq``), full pinyin (``xihu``) or a mix.

Call-takers type ``gjj`` for 公积金 or ``xhzfj`` for 西湖区综合行政执法局 without switching the input
method. Each Chinese character is read in context (pypinyin's phrase dictionary reads 长河 as
``changhe`` and 余杭 as ``yuhang``), and may be typed as its first letter, its initial ``zh``/``ch``/
``sh``, or its whole syllable; the last character typed may be any prefix of its syllable, because
the call-taker is still typing. Arbitrary syllable prefixes in the middle are refused: they make
``changhe`` match 淳安县…行 and bury the right answer.

Kept inside ``seatclient.dispatch`` on purpose: unit search must not depend on other search helpers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from pypinyin import Style, pinyin

_DOUBLE_INITIALS = ("zh", "ch", "sh")


class PinyinFit(IntEnum):
    """How a query fits a text, best last so fits compare by quality."""

    LOOSE = 1
    """The query starts at the first character but skips characters on the way (``xhzfj``)."""
    INNER = 2
    """The query spells consecutive characters inside the text (``zfj`` in 西湖区执法局)."""
    PREFIX = 3
    """The query spells consecutive characters from the first one (``xhq`` for 西湖区…)."""


@dataclass(frozen=True)
class PinyinMatch:
    """The result of matching a query against a text.

    Attributes:
        fit: prefix, inner or loose.
        leading: how many letters of the query spell the text's first characters without a gap;
            ranks loose matches (``xhzfj`` leads with two letters on 西湖…, one on 萧山…).
    """

    fit: PinyinFit
    leading: int


@dataclass(frozen=True)
class PinyinKey:
    """The readings of a text's characters, ready for matching.

    Attributes:
        text: the original text.
        readings: the reading of each kept character in lower case (a letter or digit reads as
            itself); punctuation and spaces are dropped because nobody types them.
        pieces: for each character, the ways it may be typed in full (first letter, zh/ch/sh,
            whole syllable).
        letters: every letter of every reading; a query with another letter cannot match.
    """

    text: str
    readings: tuple[str, ...]
    pieces: tuple[tuple[str, ...], ...]
    letters: frozenset[str]


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _read_han_run(run: str) -> list[str]:
    readings = [item[0].lower() for item in pinyin(run, style=Style.NORMAL, errors="ignore") if item]
    if len(readings) == len(run):
        return readings
    # A character pypinyin cannot read would shift the alignment; read one by one instead.
    single = [pinyin(char, style=Style.NORMAL, errors="ignore") for char in run]
    return [
        found[0][0].lower() if found and found[0] else char for found, char in zip(single, run, strict=True)
    ]


@lru_cache(maxsize=4096)
def pinyin_key(text: str) -> PinyinKey:
    """Build the matching key of ``text`` (full-width letters and digits are folded first)."""
    folded = unicodedata.normalize("NFKC", text)
    readings: list[str] = []
    run: list[str] = []
    for char in folded:
        if _is_han(char):
            run.append(char)
            continue
        if run:
            readings.extend(_read_han_run("".join(run)))
            run.clear()
        if char.isascii() and char.isalnum():
            readings.append(char.lower())
    if run:
        readings.extend(_read_han_run("".join(run)))
    return PinyinKey(
        text=text,
        readings=tuple(readings),
        pieces=tuple(_pieces(reading) for reading in readings),
        letters=frozenset("".join(readings)),
    )


def normalise_pinyin_query(query: str) -> str:
    """Return ``query`` lower-cased without spaces or apostrophes, or ``""`` if it is not pinyin.

    A query containing anything but ASCII letters and digits (Chinese, for example) is not a
    pinyin query; the caller matches it as text instead.
    """
    folded = unicodedata.normalize("NFKC", query).lower().replace("'", "").replace(" ", "")
    if not folded or not all(char.isascii() and char.isalnum() for char in folded):
        return ""
    return folded


def match_pinyin(query: str, key: PinyinKey) -> PinyinMatch | None:
    """Return how ``query`` (already normalised) fits ``key``, or ``None`` when it does not.

    The query must contain a letter: digits alone would match every name with a number. Loose
    matches (skipping characters) are tried only for queries of three or more letters, since one
    or two initials spread over a long name would match nearly everything.
    """
    if not query or not any(char.isalpha() for char in query) or not key.readings:
        return None
    if not set(query) <= key.letters:
        return None
    if _spells(query, key, 0, skipping=False):
        return PinyinMatch(PinyinFit.PREFIX, len(query))
    for start in range(1, len(key.readings)):
        # Cheap first-letter test: most start positions fail on it and skip the search.
        if key.readings[start][0] == query[0] and _spells(query, key, start, skipping=False):
            return PinyinMatch(PinyinFit.INNER, 0)
    if len(query) >= 3 and _spells(query, key, 0, skipping=True):
        leading = next(
            (size for size in range(len(query) - 1, 0, -1) if _spells(query[:size], key, 0, False)),
            0,
        )
        return PinyinMatch(PinyinFit.LOOSE, leading)
    return None


def _pieces(reading: str) -> tuple[str, ...]:
    """The ways one character may be typed in full: first letter, zh/ch/sh, whole syllable."""
    pieces = [reading[0]]
    if reading[:2] in _DOUBLE_INITIALS:
        pieces.append(reading[:2])
    if len(reading) > len(pieces[-1]):
        pieces.append(reading)
    return tuple(pieces)


def _spells(query: str, key: PinyinKey, start: int, skipping: bool) -> bool:
    """Decide whether ``query`` can be typed from ``readings`` starting at character ``start``.

    With ``skipping``, characters after the first may be passed over and each character must be
    typed as its initial. Failed states (query position, character index) are remembered, which
    keeps the search linear in practice.
    """
    readings = key.readings
    failed: set[tuple[int, int]] = set()

    def walk(position: int, index: int) -> bool:
        if position == len(query):
            return True
        if index == len(readings) or (position, index) in failed:
            return False
        reading = readings[index]
        if not skipping and reading.startswith(query[position:]):
            return True
        # Skipping characters is for initials only (xhzfj): with whole syllables allowed as
        # well, scattered fragments spell almost anything.
        pieces = (key.pieces[index][:-1] or key.pieces[index]) if skipping else key.pieces[index]
        for piece in pieces:
            if query.startswith(piece, position) and walk(position + len(piece), index + 1):
                return True
        if skipping and index > start and walk(position, index + 1):
            return True
        failed.add((position, index))
        return False

    return walk(0, start)
