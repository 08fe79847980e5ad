"""Text keys for searching: case and width folding, single-character token streams and pinyin tokens.

Everything here keeps one output character per input character where it matters, so a match found in
folded text marks the same positions in the text the call-taker sees.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin
from pypinyin.contrib.tone_convert import to_normal
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict

# Full-width ASCII (Ａ, １, ％ typed with a Chinese input method) folds to its half-width form, and
# Latin capitals to small letters; each maps one character to one, so positions survive folding.
_FOLD_TABLE: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({0x3000: 0x20})
_FOLD_TABLE.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_FOLD_TABLE.update({code: code - 0xFEE0 + 32 for code in range(0xFF21, 0xFF3B)})

# The filler stands for punctuation and spaces in the single-character streams: it is a token
# character for SQLite's unicode61 tokenizer (private use, category Co) that no query contains, so
# "保，卡" does not match the query "保卡" while positions still count every character.
FILLER = "\ue000"
_NON_TOKEN = re.compile(r"[\W_]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PINYIN_QUERY = re.compile(r"^[a-z]+$")
_PINYIN_NOISE = re.compile(r"[\s'’·]+")

# A suffix token holds at most this many syllables: nobody types more before the list narrows.
MAX_PINYIN_SYLLABLES = 8
# Phrase lengths tried when a character has several readings (行: xing / hang).
_PHRASE_LENGTHS = (4, 3, 2)


_FOLDABLE = re.compile(r"[A-Z\u3000\uff01-\uff5e]+")


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD_TABLE)


def fold(text: str) -> str:
    """Return ``text`` with full-width ASCII made half-width and Latin letters small, same length."""
    # Scanning with a regular expression and translating only the runs that need it is several
    # times faster than translating every character of a long Chinese body.
    return _FOLDABLE.sub(_fold_run, text)


def char_stream(text: str) -> str:
    """Return the folded text as space-separated single characters for a unicode61 index.

    Punctuation and spaces become ``FILLER`` so positions stay aligned with characters.
    """
    return " ".join(_NON_TOKEN.sub(FILLER, fold(text)))


def phrase_query(term: str) -> str:
    """Return an FTS5 phrase over ``char_stream`` tokens that matches ``term`` as a substring."""
    return '"' + " ".join(_NON_TOKEN.sub(FILLER, term)) + '"'


def quote_fts(term: str) -> str:
    """Return ``term`` as an FTS5 string literal (one phrase), doubling embedded quotes."""
    return '"' + term.replace('"', '""') + '"'


def pinyin_query_key(query: str) -> str | None:
    """Return the letters of ``query`` when it reads as pinyin (``gong ji jin``, ``gjj``), else ``None``."""
    letters = _PINYIN_NOISE.sub("", fold(query))
    if len(letters) >= 2 and _PINYIN_QUERY.match(letters):
        return letters
    return None


@lru_cache(maxsize=65536)
def _char_syllable(char: str) -> str:
    return _letters_only(lazy_pinyin(char)[0])


@lru_cache(maxsize=8192)
def _normal_syllable(marked: str) -> str:
    return _letters_only(to_normal(marked))


def _letters_only(syllable: str) -> str:
    plain = syllable.lower().replace("ü", "v").replace("ê", "e")
    return "".join(letter for letter in plain if "a" <= letter <= "z")


@lru_cache(maxsize=65536)
def _is_heteronym(char: str) -> bool:
    readings = pinyin_dict.get(ord(char))
    return readings is not None and "," in readings


def syllables(run: str) -> list[str]:
    """Return one toneless syllable per character of a run of Chinese characters.

    A character with one reading is looked up alone (cached); one with several readings is read
    from the longest dictionary phrase around it, so 银行 gives ``hang`` and 行驶 ``xing``.
    """
    result = [_char_syllable(char) for char in run]
    reach = max(_PHRASE_LENGTHS) - 1
    for position, char in enumerate(run):
        if not _is_heteronym(char):
            continue
        # The reading depends only on the characters a phrase can span, so the window around the
        # character is the cache key: common words repeat across thousands of titles.
        start = max(0, position - reach)
        reading = _phrase_reading(run[start : position + reach + 1], position - start)
        if reading:
            result[position] = reading
    return result


@lru_cache(maxsize=65536)
def _phrase_reading(window: str, position: int) -> str | None:
    for length in _PHRASE_LENGTHS:
        for start in range(max(0, position - length + 1), position + 1):
            word = window[start : start + length]
            if len(word) < length:
                continue
            readings = phrases_dict.get(word)
            if readings:
                return _normal_syllable(readings[position - start][0])
    return None


def pinyin_tokens(text: str) -> list[str]:
    """Return the pinyin tokens of ``text``: full pinyin and initials from every syllable onwards.

    ``住房公积金`` gives ``zhufanggongjijin``, ``fanggongjijin``, …, ``zfgjj``, ``fgjj``, ``gjj``, …,
    so a prefix query (``gjj*``, ``gongji*``) finds a word typed from any of its syllables.
    """
    tokens: list[str] = []
    for match in _CJK.finditer(text):
        spelled = syllables(match.group())
        initials = [syllable[:1] for syllable in spelled]
        for start in range(len(spelled)):
            end = start + MAX_PINYIN_SYLLABLES
            tokens.append("".join(spelled[start:end]))
            if end - start > 1 and len(spelled) - start > 1:
                tokens.append("".join(initials[start:end]))
    return tokens


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of text: characters ``start`` up to (not including) ``end``."""

    start: int
    end: int


def pinyin_span(text: str, key: str) -> Span | None:
    """Return where ``key`` (full pinyin or initials, possibly cut short) reads in ``text``, if anywhere."""
    for match in _CJK.finditer(text):
        spelled = syllables(match.group())
        for start in range(len(spelled)):
            length = _initials_length(spelled, start, key) or _full_length(spelled, start, key)
            if length:
                return Span(match.start() + start, match.start() + start + length)
    return None


def _initials_length(spelled: Sequence[str], start: int, key: str) -> int:
    if len(key) > len(spelled) - start:
        return 0
    for offset, letter in enumerate(key):
        if spelled[start + offset][:1] != letter:
            return 0
    return len(key)


def _full_length(spelled: Sequence[str], start: int, key: str) -> int:
    consumed = 0
    count = 0
    for syllable in spelled[start:]:
        rest = key[consumed:]
        if not rest:
            break
        if rest.startswith(syllable):
            consumed += len(syllable)
            count += 1
        elif syllable.startswith(rest):
            return count + 1
        else:
            return 0
    return count if consumed == len(key) else 0


def find_all(haystack: str, needle: str) -> list[Span]:
    """Return every non-overlapping occurrence of ``needle`` in ``haystack``."""
    spans: list[Span] = []
    if not needle:
        return spans
    position = haystack.find(needle)
    while position >= 0:
        spans.append(Span(position, position + len(needle)))
        position = haystack.find(needle, position + len(needle))
    return spans


def merge_spans(spans: Sequence[Span]) -> list[Span]:
    """Return the spans sorted, with overlapping or touching ones joined."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda item: (item.start, item.end)):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged
