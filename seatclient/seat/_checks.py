"""Structure checks shared by the seat rule loaders: each finds every problem, with its pointer and line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from seatclient.i18n import join_list, tr
from seatclient.rules import RuleError, RuleFile


def child_pointer(pointer: str, key: str | int) -> str:
    """Return the pointer of ``key`` inside ``pointer`` (the root is ``""``)."""
    return f"{pointer}/{key}" if pointer else str(key)


class RuleChecker:
    """Collects ``RuleError``s for one rule file, so hall IT staff see every problem in one pass.

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
        """Check that ``value`` is an object with the required keys and no unknown ones.

        Returns:
            the object, or ``None`` when ``value`` is not an object at all.
        """
        required_keys = list(required)
        allowed = [*required_keys, *optional]
        if not isinstance(value, dict):
            self.report(
                pointer,
                tr("SeatRules", "应为对象 {{…}}，允许的键：{keys}").format(keys=join_list(allowed)),
            )
            return None
        for key in value:
            if key not in allowed:
                self.report(
                    child_pointer(pointer, key),
                    tr("SeatRules", "未知的键“{key}”；允许的键：{keys}").format(
                        key=key, keys=join_list(allowed)
                    ),
                )
        for key in required_keys:
            if key not in value:
                self.report(pointer, tr("SeatRules", "缺少必填的键“{key}”").format(key=key))
        return value

    def integer(self, pointer: str, value: Any, low: int, high: int) -> int | None:
        """Check that ``value`` is a whole number in ``low``..``high``; return it or ``None``."""
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.report(
                pointer,
                tr("SeatRules", "应为 {low} 到 {high} 之间的整数，现为 {value}").format(
                    low=low, high=high, value=_shown(value)
                ),
            )
            return None
        return value

    def boolean(self, pointer: str, value: Any) -> bool | None:
        """Check that ``value`` is ``true`` or ``false``; return it or ``None``."""
        if not isinstance(value, bool):
            self.report(
                pointer,
                tr("SeatRules", "应为 true 或 false，现为 {value}").format(value=_shown(value)),
            )
            return None
        return value

    def text(self, pointer: str, value: Any, max_length: int = 40) -> str | None:
        """Check that ``value`` is a non-blank string of at most ``max_length`` characters."""
        if not isinstance(value, str) or not value.strip() or len(value) > max_length:
            self.report(
                pointer,
                tr("SeatRules", "应为非空文字，最多 {max} 个字符，现为 {value}").format(
                    max=max_length, value=_shown(value)
                ),
            )
            return None
        return value

    def choice(self, pointer: str, value: Any, allowed: Iterable[str]) -> str | None:
        """Check that ``value`` is one of the ``allowed`` strings; return it or ``None``."""
        options = list(allowed)
        if not isinstance(value, str) or value not in options:
            self.report(
                pointer,
                tr("SeatRules", "应为以下之一：{options}，现为 {value}").format(
                    options=join_list(f'"{option}"' for option in options), value=_shown(value)
                ),
            )
            return None
        return value


def _shown(value: Any) -> str:
    """Render a JSON value as hall IT staff wrote it, shortened so a message stays one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = f'"{value}"'
    elif isinstance(value, dict):
        shown = "{…}"
    elif isinstance(value, list):
        shown = "[…]"
    else:
        shown = str(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"
