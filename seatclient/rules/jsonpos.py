"""A JSON reader that remembers the line of every value, so rule errors can name file, line and key.

The standard ``json`` module gives values but no positions; hall IT staff need "line 42, key
``items/3/name``", so values are parsed with ``json`` and located with a small tokenizer walk.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from typing import Any

_WHITESPACE = " \t\r\n"


@dataclass
class LocatedJson:
    """A parsed JSON document with the line (1-based) where each value starts.

    Pointers are JSON-pointer-like paths without the leading slash: ``""`` is the root,
    ``"items/3/name"`` the ``name`` key of the fourth element of ``items``; ``~`` and ``/`` inside a
    key are written ``~0`` and ``~1`` as in RFC 6901.
    """

    value: Any
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, pointer: str) -> int | None:
        """Return the line of ``pointer`` or of its nearest located ancestor."""
        probe = pointer
        while True:
            if probe in self.lines:
                return self.lines[probe]
            if not probe:
                return None
            probe = probe.rpartition("/")[0]


def parse_located_json(text: str) -> LocatedJson:
    """Parse ``text`` as JSON and locate its values; raises ``json.JSONDecodeError`` on bad syntax."""
    value = json.loads(text)
    lines: dict[str, int] = {}
    _Walker(text, lines).walk_value(0, "")
    return LocatedJson(value=value, lines=lines)


class _Walker:
    def __init__(self, text: str, lines: dict[str, int]) -> None:
        self.text = text
        self.lines = lines
        self.decoder = json.JSONDecoder()
        self._newlines = [index for index, char in enumerate(text) if char == "\n"]

    def _line_at(self, pos: int) -> int:
        return bisect.bisect_left(self._newlines, pos) + 1

    def _skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in _WHITESPACE:
            pos += 1
        return pos

    def walk_value(self, pos: int, pointer: str) -> int:
        pos = self._skip(pos)
        self.lines.setdefault(pointer, self._line_at(pos))
        char = self.text[pos]
        if char == "{":
            return self._walk_object(pos + 1, pointer)
        if char == "[":
            return self._walk_array(pos + 1, pointer)
        _, end = self.decoder.raw_decode(self.text, pos)
        return end

    def _child(self, pointer: str, key: str) -> str:
        escaped = key.replace("~", "~0").replace("/", "~1")
        return f"{pointer}/{escaped}" if pointer else escaped

    def _walk_object(self, pos: int, pointer: str) -> int:
        pos = self._skip(pos)
        if self.text[pos] == "}":
            return pos + 1
        while True:
            pos = self._skip(pos)
            key, pos = self.decoder.raw_decode(self.text, pos)
            pos = self._skip(pos) + 1  # the colon
            pos = self.walk_value(pos, self._child(pointer, str(key)))
            pos = self._skip(pos)
            if self.text[pos] == "}":
                return pos + 1
            pos += 1  # the comma

    def _walk_array(self, pos: int, pointer: str) -> int:
        pos = self._skip(pos)
        if self.text[pos] == "]":
            return pos + 1
        index = 0
        while True:
            pos = self.walk_value(pos, self._child(pointer, str(index)))
            pos = self._skip(pos)
            if self.text[pos] == "]":
                return pos + 1
            pos += 1
            index += 1
