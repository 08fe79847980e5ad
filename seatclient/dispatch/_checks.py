"""Structural checks shared by the unit directory and dispatch catalogue loaders.

A checker collects every problem of a rule file instead of stopping at the first, so hall IT staff
see all their mistakes in one run; each problem is a ``RuleError`` with the exact pointer and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from seatclient.i18n import tr
from seatclient.rules import RuleError, RuleFile

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def child(pointer: str, key: str | int) -> str:
    """Return the pointer of ``key`` under ``pointer`` (``""`` is the document root)."""
    return f"{pointer}/{key}" if pointer else str(key)


class Checker:
    """Collects ``RuleError``s for one rule file while its structure is walked.

    Each ``expect_*`` method records a problem and returns ``None`` (or ``False``) when the value
    is wrong, so callers skip the broken entry and go on checking the rest of the file.
    """

    def __init__(self, rule_file: RuleFile) -> None:
        self.rule_file = rule_file
        self.problems: list[RuleError] = []

    def report(self, pointer: str, problem: str) -> None:
        """Record a problem at ``pointer``."""
        self.problems.append(self.rule_file.error(pointer, problem))

    def expect_object(
        self, value: Any, pointer: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> Mapping[str, Any] | None:
        """Check that ``value`` is an object with the required keys and no unknown ones."""
        if not isinstance(value, dict):
            self.report(pointer, tr("Dispatch", "应为对象（{ ... }）"))
            return None
        required_keys = list(required)
        allowed = set(required_keys) | set(optional)
        complete = True
        for key in required_keys:
            if key not in value:
                self.report(pointer, tr("Dispatch", "缺少必填键“{key}”").format(key=key))
                complete = False
        for key in value:
            if key not in allowed:
                self.report(
                    child(pointer, key),
                    tr("Dispatch", "未知的键“{key}”，允许的键：{allowed}").format(
                        key=key, allowed="、".join(sorted(allowed))
                    ),
                )
                complete = False
        return value if complete else None

    def expect_list(self, value: Any, pointer: str, allow_empty: bool = False) -> list[Any] | None:
        """Check that ``value`` is a list (non-empty unless ``allow_empty``)."""
        if not isinstance(value, list):
            self.report(pointer, tr("Dispatch", "应为列表（[ ... ]）"))
            return None
        if not value and not allow_empty:
            self.report(pointer, tr("Dispatch", "列表不能为空"))
            return None
        return value

    def expect_text(self, value: Any, pointer: str) -> str | None:
        """Check that ``value`` is a non-blank string and return it stripped."""
        if not isinstance(value, str) or not value.strip():
            self.report(pointer, tr("Dispatch", "应为非空文字"))
            return None
        return value.strip()

    def expect_slug(self, value: Any, pointer: str) -> str | None:
        """Check that ``value`` is a stable identifier: lower-case letters, digits and hyphens."""
        if not isinstance(value, str) or not SLUG_PATTERN.match(value):
            self.report(pointer, tr("Dispatch", "标识只能由小写字母、数字和连字符组成，例如“xihu-market”"))
            return None
        return value

    def expect_choice(self, value: Any, pointer: str, choices: Iterable[str]) -> str | None:
        """Check that ``value`` is one of ``choices``."""
        allowed = list(choices)
        if value not in allowed:
            self.report(
                pointer,
                tr("Dispatch", "取值“{value}”无效，允许的取值：{allowed}").format(
                    value=value, allowed="、".join(allowed)
                ),
            )
            return None
        return str(value)

    def expect_int(self, value: Any, pointer: str, minimum: int, maximum: int) -> int | None:
        """Check that ``value`` is an integer within ``minimum``..``maximum``."""
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            self.report(
                pointer,
                tr("Dispatch", "应为 {minimum} 到 {maximum} 之间的整数").format(
                    minimum=minimum, maximum=maximum
                ),
            )
            return None
        return value

    def expect_bool(self, value: Any, pointer: str) -> bool | None:
        """Check that ``value`` is ``true`` or ``false``."""
        if not isinstance(value, bool):
            self.report(pointer, tr("Dispatch", "应为 true 或 false"))
            return None
        return value

    def expect_text_list(self, value: Any, pointer: str, allow_empty: bool = False) -> tuple[str, ...] | None:
        """Check a list of distinct non-blank strings."""
        items = self.expect_list(value, pointer, allow_empty=allow_empty)
        if items is None:
            return None
        result: list[str] = []
        ok = True
        for index, item in enumerate(items):
            text = self.expect_text(item, child(pointer, index))
            if text is None:
                ok = False
            elif text in result:
                self.report(child(pointer, index), tr("Dispatch", "重复的条目“{text}”").format(text=text))
                ok = False
            else:
                result.append(text)
        return tuple(result) if ok else None
