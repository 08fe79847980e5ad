"""Structure checks for the floor rule files: each checker collects every problem with its pointer and line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from seatclient.i18n import join_list, tr
from seatclient.rules import RuleError, RuleFile

IDENTIFIER_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,31}")
"""Stable identifiers in floor rule files: lower-case letters, digits and underscores."""


def child_pointer(pointer: str, key: str | int) -> str:
    """Return the pointer of ``key`` inside ``pointer`` (the document root is ``""``)."""
    return f"{pointer}/{key}" if pointer else str(key)


class FloorRuleChecker:
    """Collects ``RuleError``s while a floor rule file is walked, so hall IT staff see every problem at once.

    Each check records a problem and returns ``None`` when the value is wrong, so the caller skips the
    broken entry and goes on checking the rest of the file.

    Attributes:
        rule_file: the document being checked.
        problems: the errors found so far, in document order.
    """

    def __init__(self, rule_file: RuleFile) -> None:
        self.rule_file = rule_file
        self.problems: list[RuleError] = []

    def report(self, pointer: str, problem: str) -> None:
        """Record one problem at ``pointer``."""
        self.problems.append(self.rule_file.error(pointer, problem))

    def object(
        self, pointer: str, value: Any, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """Check that ``value`` is an object with every required key and no unknown one.

        Returns:
            the object (even when keys are missing or unknown, so present keys can still be checked),
            or ``None`` when ``value`` is not an object.
        """
        if not isinstance(value, dict):
            self.report(pointer, tr("FloorRules", "应为对象（{ ... }）"))
            return None
        required_keys = list(required)
        allowed = [*required_keys, *optional]
        for key in required_keys:
            if key not in value:
                self.report(
                    pointer,
                    tr("FloorRules", "缺少必填键“{key}”；此处的键：{allowed}").format(
                        key=key, allowed=join_list(allowed)
                    ),
                )
        for key in value:
            if key not in allowed:
                self.report(
                    child_pointer(pointer, key),
                    tr("FloorRules", "未知的键“{key}”；允许的键：{allowed}").format(
                        key=key, allowed=join_list(allowed)
                    ),
                )
        return value

    def array(self, pointer: str, value: Any) -> list[Any] | None:
        """Check that ``value`` is a non-empty array."""
        if not isinstance(value, list) or not value:
            self.report(pointer, tr("FloorRules", "应为非空数组（[ ... ]）"))
            return None
        return value

    def text(self, pointer: str, value: Any) -> str | None:
        """Check that ``value`` is a non-blank string and return it stripped."""
        if not isinstance(value, str) or not value.strip():
            self.report(pointer, tr("FloorRules", "应为非空文字"))
            return None
        return value.strip()

    def identifier(self, pointer: str, value: Any) -> str | None:
        """Check that ``value`` is a stable identifier such as ``area_a``."""
        if not isinstance(value, str) or IDENTIFIER_PATTERN.fullmatch(value) is None:
            self.report(
                pointer,
                tr("FloorRules", "标识只能用小写英文字母、数字和下划线，以字母开头，最多 32 个字符"),
            )
            return None
        return value

    def integer(self, pointer: str, value: Any, minimum: int, maximum: int) -> int | None:
        """Check that ``value`` is an integer within ``minimum``..``maximum``."""
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            self.report(
                pointer,
                tr("FloorRules", "应为 {minimum} 到 {maximum} 之间的整数").format(
                    minimum=minimum, maximum=maximum
                ),
            )
            return None
        return value

    def boolean(self, pointer: str, value: Any) -> bool | None:
        """Check that ``value`` is ``true`` or ``false``."""
        if not isinstance(value, bool):
            self.report(pointer, tr("FloorRules", "应为 true 或 false"))
            return None
        return value

    def choice(self, pointer: str, value: Any, choices: Iterable[str]) -> str | None:
        """Check that ``value`` is one of ``choices``."""
        allowed = list(choices)
        if not isinstance(value, str) or value not in allowed:
            self.report(
                pointer,
                tr("FloorRules", "取值“{value}”无效；允许的取值：{allowed}").format(
                    value=value, allowed=join_list(allowed)
                ),
            )
            return None
        return value
