"""Rule files and the layered rule book (shipped → hall override folder → backend config bundle)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seatclient.i18n import tr
from seatclient.resources import resource_path
from seatclient.rules.jsonpos import LocatedJson, parse_located_json


class RuleError(Exception):
    """A problem in a rule file, naming where it is so hall IT staff can fix it.

    Attributes:
        source: the file path, or a description such as ``config bundle 2026-11-01``.
        pointer: the key path inside the document (``items/3/name``), ``""`` for the whole file.
        line: the 1-based line, when known.
        problem: what is wrong and what is allowed, in Chinese.
    """

    def __init__(self, source: str, pointer: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.pointer = pointer
        self.problem = problem
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        """Return ``file:line: key: problem`` in the form compilers use, so editors can jump to it."""
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        key = f"{self.pointer}: " if self.pointer else ""
        return f"{where}: {key}{self.problem}"


@dataclass(frozen=True)
class RuleFile:
    """One rule document with where it came from.

    Attributes:
        name: the rule set's name, the file stem (``reason_codes``).
        data: the parsed JSON value.
        source: a path or description for error messages.
        located: positions of values, when the document came from text.
    """

    name: str
    data: Any
    source: str
    located: LocatedJson | None = None
    indented_lines: bool = False

    def error(self, pointer: str, problem: str) -> RuleError:
        """Build a ``RuleError`` for ``pointer`` in this file, with its line when known.

        A document that came as data (a config bundle) has no text of its own; with
        ``indented_lines`` its lines are those of the document written with a 2-space indent, the
        way rule files are kept, worked out only when an error needs them.
        """
        located = self.located
        if located is None and self.indented_lines:
            located = parse_located_json(json.dumps(self.data, ensure_ascii=False, indent=2))
        line = located.line_of(pointer) if located else None
        return RuleError(self.source, pointer, problem, line)


def parse_rule_text(name: str, text: str, source: str) -> RuleFile:
    """Parse one rule document from text; bad JSON becomes a ``RuleError`` with the line."""
    try:
        located = parse_located_json(text)
    except json.JSONDecodeError as exc:
        raise RuleError(
            source,
            "",
            tr("Rules", "不是合法的 JSON：{reason}（第 {column} 列）").format(
                reason=exc.msg, column=exc.colno
            ),
            exc.lineno,
        ) from exc
    return RuleFile(name=name, data=located.value, source=source, located=located)


def load_rule_file(path: Path) -> RuleFile:
    """Read and parse a rule file; a missing or undecodable file becomes a ``RuleError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RuleError(str(path), "", tr("Rules", "文件不存在")) from exc
    except UnicodeDecodeError as exc:
        raise RuleError(str(path), "", tr("Rules", "文件不是 UTF-8 编码")) from exc
    return parse_rule_text(path.stem, text, str(path))


_UNREADABLE = object()
"""Stands for a local rule file that is missing or broken, which no bundle file equals."""


class RuleBook:
    """The rule files in force: shipped defaults, overlaid by a hall folder and the config bundle.

    Each rule set is replaced whole by a later layer, never merged key by key, so a hall's file
    means exactly what it says.
    """

    def __init__(self, shipped_dir: Path | None = None, override_dir: Path | None = None) -> None:
        self._shipped_dir = shipped_dir or resource_path("rules")
        self._override_dir = override_dir
        self._bundle: dict[str, RuleFile] = {}
        self._bundle_version: str | None = None

    @property
    def bundle_version(self) -> str | None:
        """The version of the backend config bundle in force, or ``None`` when none was applied."""
        return self._bundle_version

    def apply_bundle(self, version: str, files: Mapping[str, Any]) -> frozenset[str]:
        """Take the rule files of a backend config bundle; they win over the local layers.

        Returns:
            The names of the rule files whose content in force changed, so that only what depends
            on them is rebuilt (a file dropped from the bundle counts: the local one is back).
        """
        names = set(self._bundle) | set(files)
        before = {name: self._data_in_force(name) for name in names}
        self._bundle = {
            name: RuleFile(
                name=name,
                data=data,
                source=tr("Rules", "配置包 {version}：{name}").format(version=version, name=name),
                indented_lines=True,
            )
            for name, data in files.items()
        }
        self._bundle_version = version
        return frozenset(name for name in names if self._data_in_force(name) != before[name])

    def _data_in_force(self, name: str) -> Any:
        if name in self._bundle:
            return self._bundle[name].data
        try:
            return self.get(name).data
        except RuleError:
            return _UNREADABLE

    def get(self, name: str) -> RuleFile:
        """Return the rule file ``name`` from the highest layer that has it."""
        if name in self._bundle:
            return self._bundle[name]
        if self._override_dir is not None:
            candidate = self._override_dir / f"{name}.json"
            if candidate.exists():
                return load_rule_file(candidate)
        return load_rule_file(self._shipped_dir / f"{name}.json")

    def shipped_names(self) -> list[str]:
        """Return the names of every rule file shipped in ``resources/rules``."""
        return sorted(path.stem for path in self._shipped_dir.glob("*.json"))
