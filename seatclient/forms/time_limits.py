"""Handling time limits (办理时限): policies of classes, each a number of working days.

Two policies ship in ``resources/rules/time_limits.json``:

- ``ZJ-2025`` (the default, ZJ art. 15): 快速 quick 3 working days, 一般 general 7;
- ``HZ-2020`` (HZ appendix D, table D.1): 特急 1, 紧急 3, 常规 5, 疑难 7, with the table's examples.

The file names the default policy, so a hall (or the config bundle) switches policy by data.
Counting the days is :mod:`seatclient.forms.calendar`'s job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from seatclient.forms.taxonomy import RuleChecker, child_pointer
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

RULE_SET_NAME = "time_limits"

# A time limit longer than a working quarter is surely a typo (7 → 70).
MAX_WORKING_DAYS = 60


class TimeLimitLookupError(LookupError):
    """An unknown policy or class was asked for; the message (Chinese) names what is allowed."""


@dataclass(frozen=True)
class TimeLimitExample:
    """One row of a class's examples (HZ table D.1's 事项辨识).

    Attributes:
        category: the kind of matter, e.g. ``自然灾害``.
        text: the examples, e.g. ``大面积灾害，如洪水、台风……``.
    """

    category: str
    text: str


@dataclass(frozen=True)
class TimeLimitClass:
    """A time-limit class of a policy.

    Attributes:
        code: the stable code, e.g. ``quick`` or ``extra_urgent``.
        label: the Chinese label, e.g. ``特急件``.
        label_en: the English label, e.g. ``Extra-urgent``.
        working_days: the working days allowed after the registration day.
        description: what matters belong here (事项性质).
        examples: example matters by category.
    """

    code: str
    label: str
    label_en: str
    working_days: int
    description: str
    examples: tuple[TimeLimitExample, ...] = ()


@dataclass(frozen=True)
class TimeLimitPolicy:
    """A named set of time-limit classes.

    Attributes:
        name: e.g. ``ZJ-2025``.
        title: the document's title.
        source: the clause, e.g. ``浙政办发〔2025〕33号 第十五条``.
        classes: the classes in display order.
    """

    name: str
    title: str
    source: str
    classes: tuple[TimeLimitClass, ...]

    def class_codes(self) -> list[str]:
        """Return the codes of this policy's classes in order."""
        return [time_class.code for time_class in self.classes]

    def time_class(self, code: str) -> TimeLimitClass:
        """Return the class ``code``; raises ``TimeLimitLookupError`` naming the allowed codes."""
        for time_class in self.classes:
            if time_class.code == code:
                return time_class
        raise TimeLimitLookupError(
            tr("TimeLimits", "办理时限政策 {policy} 中没有类别“{code}”，可用：{allowed}").format(
                policy=self.name, code=code, allowed="、".join(self.class_codes())
            )
        )


@dataclass(frozen=True)
class TimeLimits:
    """All time-limit policies and the one in force by default.

    Attributes:
        default_policy: the name of the policy used when none is asked for.
        policies: every policy in the file's order.
        version: the data version.
    """

    default_policy: str
    policies: tuple[TimeLimitPolicy, ...]
    version: str = ""

    def policy_names(self) -> list[str]:
        """Return the names of all policies in order."""
        return [policy.name for policy in self.policies]

    def policy(self, name: str | None = None) -> TimeLimitPolicy:
        """Return the policy ``name`` (the default when ``None``); raises ``TimeLimitLookupError``."""
        wanted = name or self.default_policy
        for policy in self.policies:
            if policy.name == wanted:
                return policy
        raise TimeLimitLookupError(
            tr("TimeLimits", "没有办理时限政策“{name}”，可用：{allowed}").format(
                name=wanted, allowed="、".join(self.policy_names())
            )
        )

    def time_class(self, code: str, policy: str | None = None) -> TimeLimitClass:
        """Return class ``code`` of ``policy`` (the default when ``None``)."""
        return self.policy(policy).time_class(code)


def _parse_time_limits(rule_file: RuleFile) -> tuple[TimeLimits | None, RuleChecker]:
    check = RuleChecker(rule_file)
    root = check.mapping(
        rule_file.data, "", required=("default_policy", "policies"), optional=("version", "description")
    )
    if root is None:
        return None, check
    default_policy = check.text(root, "default_policy", "")
    version = check.text(root, "version", "") or ""
    check.text(root, "description", "")
    policies: list[TimeLimitPolicy] = []
    names: dict[str, str] = {}
    for index, raw in enumerate(check.array(root, "policies", "") or ()):
        policy = _parse_policy(check, raw, child_pointer("policies", index), names)
        if policy is not None:
            policies.append(policy)
    if default_policy is not None and names and default_policy not in names:
        check.fail(
            "default_policy",
            tr("TimeLimits", "默认政策“{name}”不在 policies 中，可用：{allowed}").format(
                name=default_policy, allowed="、".join(names)
            ),
        )
    if check.errors or default_policy is None:
        return None, check
    return TimeLimits(default_policy=default_policy, policies=tuple(policies), version=version), check


def _parse_policy(
    check: RuleChecker, raw: Any, pointer: str, names: dict[str, str]
) -> TimeLimitPolicy | None:
    mapping = check.mapping(
        raw, pointer, required=("name", "title", "source", "classes"), optional=("description",)
    )
    if mapping is None:
        return None
    name = check.text(mapping, "name", pointer)
    title = check.text(mapping, "title", pointer)
    source = check.text(mapping, "source", pointer)
    check.text(mapping, "description", pointer)
    if name is not None:
        check.unique(names, name, child_pointer(pointer, "name"), tr("TimeLimits", "政策名称"))
    classes: list[TimeLimitClass] = []
    seen_codes: dict[str, str] = {}
    seen_labels: dict[str, str] = {}
    for index, raw_class in enumerate(check.array(mapping, "classes", pointer) or ()):
        class_pointer = child_pointer(child_pointer(pointer, "classes"), index)
        time_class = _parse_class(check, raw_class, class_pointer, seen_codes, seen_labels)
        if time_class is not None:
            classes.append(time_class)
    if name is None or title is None or source is None:
        return None
    return TimeLimitPolicy(name=name, title=title, source=source, classes=tuple(classes))


def _parse_class(
    check: RuleChecker, raw: Any, pointer: str, seen_codes: dict[str, str], seen_labels: dict[str, str]
) -> TimeLimitClass | None:
    mapping = check.mapping(
        raw, pointer, required=("code", "label", "label_en", "working_days", "description", "examples")
    )
    if mapping is None:
        return None
    code = check.text(mapping, "code", pointer)
    if code is not None and not _is_code(code):
        check.fail(
            child_pointer(pointer, "code"),
            tr("TimeLimits", "类别编码“{code}”只能用小写英文字母、数字和下划线，如 extra_urgent").format(
                code=code
            ),
        )
        code = None
    if code is not None and not check.unique(
        seen_codes, code, child_pointer(pointer, "code"), tr("TimeLimits", "类别编码")
    ):
        code = None
    label = check.text(mapping, "label", pointer)
    if label is not None and not check.unique(
        seen_labels, label, child_pointer(pointer, "label"), tr("TimeLimits", "类别名称")
    ):
        label = None
    label_en = check.text(mapping, "label_en", pointer)
    working_days = check.integer(mapping, "working_days", pointer, minimum=1, maximum=MAX_WORKING_DAYS)
    description = check.text(mapping, "description", pointer)
    examples = _parse_examples(check, mapping, pointer)
    if (
        code is None
        or label is None
        or label_en is None
        or working_days is None
        or description is None
        or examples is None
    ):
        return None
    return TimeLimitClass(
        code=code,
        label=label,
        label_en=label_en,
        working_days=working_days,
        description=description,
        examples=examples,
    )


def _parse_examples(
    check: RuleChecker, mapping: Mapping[str, Any], pointer: str
) -> tuple[TimeLimitExample, ...] | None:
    raw_examples = check.array(mapping, "examples", pointer, allow_empty=True)
    if raw_examples is None:
        return None
    examples: list[TimeLimitExample] = []
    for index, raw in enumerate(raw_examples):
        at = child_pointer(child_pointer(pointer, "examples"), index)
        example = check.mapping(raw, at, required=("category", "text"))
        if example is None:
            continue
        category = check.text(example, "category", at)
        text = check.text(example, "text", at)
        if category is not None and text is not None:
            examples.append(TimeLimitExample(category=category, text=text))
    return tuple(examples)


def _is_code(code: str) -> bool:
    return (
        code.isascii()
        and all(char.islower() or char.isdigit() or char == "_" for char in code)
        and code[0].isalpha()
    )


def validate_time_limits(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem in a time-limits rule file (empty when it is usable)."""
    return _parse_time_limits(rule_file)[1].errors


def load_time_limits(rule_file: RuleFile) -> TimeLimits:
    """Build the time limits from a rule file; raises the first ``RuleError`` when it is not valid."""
    time_limits, check = _parse_time_limits(rule_file)
    check.raise_first()
    assert time_limits is not None  # no errors means every part was built
    return time_limits


def load_default(rule_book: RuleBook | None = None) -> TimeLimits:
    """Load the time limits in force from ``rule_book`` (the shipped files when ``None``)."""
    return load_time_limits((rule_book or RuleBook()).get(RULE_SET_NAME))
