"""The business-topic taxonomy (业务主题分类) of HZ appendix E, table E.1, loaded from rule data.

Every order and knowledge entry carries a topic: a first-level class (such as 城乡建设) and one
of its second-level items (such as 城市建设和管理). Elsewhere in the project a topic value is the
pair of names ``{"class": "...", "item": "..."}`` (:meth:`TopicRef.to_json`).

The file is ``resources/rules/taxonomy.json``::

    {"version": "HZ-2020-E.1", "classes": [
        {"code": "E01", "name": "农业农村", "items": [{"code": "E01-01", "name": "村务管理"}, ...]},
        ...]}

This module also holds :class:`RuleChecker`, the small structure checker the intake form's other
rule loaders (places, time limits, holidays) share, so every rule file reports problems the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from seatclient.forms.pinyin_search import PinyinMatcher
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

RULE_SET_NAME = "taxonomy"


def child_pointer(pointer: str, key: str | int) -> str:
    """Return the pointer of ``key`` inside the value at ``pointer`` (``classes/3`` + ``name``)."""
    return f"{pointer}/{key}" if pointer else str(key)


class RuleChecker:
    """Walks a rule document and collects every structural problem as a ``RuleError``.

    Each check reports what is wrong and what is allowed, at the exact pointer, and returns the
    checked value (or ``None`` when it is unusable) so a loader can go on and report more problems
    in one pass instead of stopping at the first.

    Args:
        rule_file: the document being checked; its ``error()`` supplies file and line.

    Attributes:
        errors: the problems found so far, in document order.
    """

    def __init__(self, rule_file: RuleFile) -> None:
        self.rule_file = rule_file
        self.errors: list[RuleError] = []

    def fail(self, pointer: str, problem: str) -> None:
        """Record one problem at ``pointer``."""
        self.errors.append(self.rule_file.error(pointer, problem))

    def mapping(
        self, value: Any, pointer: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, Any] | None:
        """Check that ``value`` is an object with every ``required`` key and no unknown key."""
        if not isinstance(value, dict):
            self.fail(
                pointer, tr("RuleChecks", "应为对象（{{...}}），实际是{kind}").format(kind=_kind(value))
            )
            return None
        for key in required:
            if key not in value:
                self.fail(pointer, tr("RuleChecks", "缺少必填键“{key}”").format(key=key))
        allowed = [*required, *optional]
        for key in value:
            if key not in allowed:
                self.fail(
                    child_pointer(pointer, key),
                    tr("RuleChecks", "不认识的键“{key}”，允许的键：{allowed}").format(
                        key=key, allowed="、".join(allowed)
                    ),
                )
        return value

    def text(self, mapping: Mapping[str, Any], key: str, pointer: str) -> str | None:
        """Check that ``mapping[key]``, when present, is a non-empty string without edge spaces."""
        if key not in mapping:
            return None
        value = mapping[key]
        at = child_pointer(pointer, key)
        if not isinstance(value, str):
            self.fail(at, tr("RuleChecks", "应为文字（字符串），实际是{kind}").format(kind=_kind(value)))
            return None
        if not value.strip():
            self.fail(at, tr("RuleChecks", "不能为空"))
            return None
        if value != value.strip():
            self.fail(at, tr("RuleChecks", "首尾不能有空格：“{value}”").format(value=value))
            return None
        return value

    def array(
        self, mapping: Mapping[str, Any], key: str, pointer: str, allow_empty: bool = False
    ) -> list[Any] | None:
        """Check that ``mapping[key]``, when present, is a list (non-empty unless ``allow_empty``)."""
        if key not in mapping:
            return None
        value = mapping[key]
        at = child_pointer(pointer, key)
        if not isinstance(value, list):
            self.fail(at, tr("RuleChecks", "应为列表（[...]），实际是{kind}").format(kind=_kind(value)))
            return None
        if not value and not allow_empty:
            self.fail(at, tr("RuleChecks", "列表不能为空，至少要有一项"))
            return None
        return value

    def integer(
        self, mapping: Mapping[str, Any], key: str, pointer: str, minimum: int, maximum: int
    ) -> int | None:
        """Check that ``mapping[key]``, when present, is a whole number in ``[minimum, maximum]``."""
        if key not in mapping:
            return None
        value = mapping[key]
        at = child_pointer(pointer, key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(at, tr("RuleChecks", "应为整数，实际是{kind}").format(kind=_kind(value)))
            return None
        if not minimum <= value <= maximum:
            self.fail(
                at,
                tr("RuleChecks", "应在 {minimum} 到 {maximum} 之间，实际是 {value}").format(
                    minimum=minimum, maximum=maximum, value=value
                ),
            )
            return None
        return value

    def boolean(self, mapping: Mapping[str, Any], key: str, pointer: str) -> bool | None:
        """Check that ``mapping[key]``, when present, is ``true`` or ``false``."""
        if key not in mapping:
            return None
        value = mapping[key]
        if not isinstance(value, bool):
            self.fail(
                child_pointer(pointer, key),
                tr("RuleChecks", "应为 true 或 false，实际是{kind}").format(kind=_kind(value)),
            )
            return None
        return value

    def unique(self, seen: dict[str, str], value: str, pointer: str, what: str) -> bool:
        """Check that ``value`` was not seen before; ``seen`` maps values to their first pointer."""
        if value in seen:
            self.fail(
                pointer,
                tr("RuleChecks", "{what}“{value}”重复，第一次出现在 {first}").format(
                    what=what, value=value, first=seen[value]
                ),
            )
            return False
        seen[value] = pointer
        return True

    def raise_first(self) -> None:
        """Raise the first problem found, if any (loaders use this; validators list them all)."""
        if self.errors:
            raise self.errors[0]


def _kind(value: Any) -> str:
    """Name a JSON value's type in Chinese for error messages."""
    if value is None:
        return tr("RuleChecks", "空值 null")
    if isinstance(value, bool):
        return tr("RuleChecks", "真假值")
    if isinstance(value, int | float):
        return tr("RuleChecks", "数字")
    if isinstance(value, str):
        return tr("RuleChecks", "文字")
    if isinstance(value, list):
        return tr("RuleChecks", "列表")
    return tr("RuleChecks", "对象")


class TopicRef(NamedTuple):
    """A topic as stored on an order: the class name and the item name.

    Attributes:
        class_name: the first-level class, e.g. ``城乡建设``.
        item_name: the second-level item, e.g. ``城市建设和管理``.
    """

    class_name: str
    item_name: str

    def to_json(self) -> dict[str, str]:
        """Return the project-wide topic value ``{"class": ..., "item": ...}``."""
        return {"class": self.class_name, "item": self.item_name}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TopicRef:
        """Read a topic value ``{"class": ..., "item": ...}``; raises ``ValueError`` when malformed."""
        class_name = data.get("class")
        item_name = data.get("item")
        if not isinstance(class_name, str) or not isinstance(item_name, str):
            raise ValueError(tr("Taxonomy", "业务主题应包含文字类的“class”和“item”"))
        return cls(class_name, item_name)

    def label(self) -> str:
        """Return the display text ``class / item``."""
        return f"{self.class_name} / {self.item_name}"


@dataclass(frozen=True)
class TopicItem:
    """A second-level item of the taxonomy.

    Attributes:
        code: the stable code, e.g. ``E03-03``.
        name: the item name as written in table E.1.
    """

    code: str
    name: str


@dataclass(frozen=True)
class TopicClass:
    """A first-level class with its items, in the document's order.

    Attributes:
        code: the stable code, e.g. ``E03``.
        name: the class name, e.g. ``城乡建设``.
        items: the second-level items.
    """

    code: str
    name: str
    items: tuple[TopicItem, ...]

    def item_named(self, name: str) -> TopicItem | None:
        """Return the item called ``name`` in this class, or ``None``."""
        for item in self.items:
            if item.name == name:
                return item
        return None


class Taxonomy:
    """The two-level business-topic index, searchable by Chinese or pinyin.

    Args:
        version: the data version, e.g. ``HZ-2020-E.1``.
        classes: the first-level classes in order.
        source: where the data comes from, for display.
    """

    def __init__(self, version: str, classes: Sequence[TopicClass], source: str = "") -> None:
        self.version = version
        self.source = source
        self.classes: tuple[TopicClass, ...] = tuple(classes)
        self._by_name = {topic_class.name: topic_class for topic_class in self.classes}

    def class_named(self, name: str) -> TopicClass | None:
        """Return the class called ``name``, or ``None``."""
        return self._by_name.get(name)

    def lookup(self, class_name: str, item_name: str) -> TopicItem | None:
        """Return the item ``item_name`` of class ``class_name``, or ``None`` when either is unknown."""
        topic_class = self._by_name.get(class_name)
        return topic_class.item_named(item_name) if topic_class else None

    def is_valid(self, class_name: str, item_name: str) -> bool:
        """Return whether (``class_name``, ``item_name``) is a topic of this taxonomy."""
        return self.lookup(class_name, item_name) is not None

    def by_code(self, code: str) -> TopicRef | None:
        """Return the topic whose item code is ``code`` (``E03-03``), or ``None``."""
        for topic_class in self.classes:
            for item in topic_class.items:
                if item.code == code:
                    return TopicRef(topic_class.name, item.name)
        return None

    def topics(self) -> list[TopicRef]:
        """Return every (class, item) pair in document order."""
        return [TopicRef(c.name, item.name) for c in self.classes for item in c.items]

    @cached_property
    def _matcher(self) -> PinyinMatcher[TopicRef]:
        # Built on first search only: pinyin for ~160 labels is cheap but not free at start-up.
        return PinyinMatcher((topic, (topic.item_name, topic.label())) for topic in self.topics())

    def search(self, query: str, limit: int | None = 20) -> list[TopicRef]:
        """Find topics by item name or "class / item", in Chinese, full pinyin or initials.

        Args:
            query: what the user typed, e.g. ``城市建设``, ``chengshi``, ``csjs`` or ``交通 客运``.
            limit: the most results to return; ``None`` for all.

        Returns:
            Matching (class, item) pairs, best first.
        """
        return self._matcher.search(query, limit)


def _parse_taxonomy(rule_file: RuleFile) -> tuple[Taxonomy | None, RuleChecker]:
    check = RuleChecker(rule_file)
    root = check.mapping(
        rule_file.data, "", required=("version", "classes"), optional=("source", "description")
    )
    if root is None:
        return None, check
    version = check.text(root, "version", "")
    source = check.text(root, "source", "") or ""
    check.text(root, "description", "")
    raw_classes = check.array(root, "classes", "")
    classes: list[TopicClass] = []
    class_names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for class_index, raw_class in enumerate(raw_classes or ()):
        class_pointer = child_pointer("classes", class_index)
        mapping = check.mapping(raw_class, class_pointer, required=("code", "name", "items"))
        if mapping is None:
            continue
        code = check.text(mapping, "code", class_pointer)
        name = check.text(mapping, "name", class_pointer)
        if code is not None:
            check.unique(codes, code, child_pointer(class_pointer, "code"), tr("Taxonomy", "编码"))
        if name is not None:
            check.unique(
                class_names, name, child_pointer(class_pointer, "name"), tr("Taxonomy", "一级类别名称")
            )
        items = _parse_items(check, mapping, class_pointer, codes)
        if code is not None and name is not None and items is not None:
            classes.append(TopicClass(code=code, name=name, items=items))
    if check.errors or version is None:
        return None, check
    return Taxonomy(version=version, classes=classes, source=source), check


def _parse_items(
    check: RuleChecker, mapping: Mapping[str, Any], class_pointer: str, codes: dict[str, str]
) -> tuple[TopicItem, ...] | None:
    raw_items = check.array(mapping, "items", class_pointer)
    if raw_items is None:
        return None
    items: list[TopicItem] = []
    item_names: dict[str, str] = {}
    for item_index, raw_item in enumerate(raw_items):
        item_pointer = child_pointer(child_pointer(class_pointer, "items"), item_index)
        item = check.mapping(raw_item, item_pointer, required=("code", "name"))
        if item is None:
            continue
        code = check.text(item, "code", item_pointer)
        name = check.text(item, "name", item_pointer)
        if code is not None:
            check.unique(codes, code, child_pointer(item_pointer, "code"), tr("Taxonomy", "编码"))
        if name is not None:
            check.unique(
                item_names,
                name,
                child_pointer(item_pointer, "name"),
                tr("Taxonomy", "同一类别下的二级条目名称"),
            )
        if code is not None and name is not None:
            items.append(TopicItem(code=code, name=name))
    return tuple(items)


def validate_taxonomy(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem in a taxonomy rule file (empty when it is usable)."""
    return _parse_taxonomy(rule_file)[1].errors


def load_taxonomy(rule_file: RuleFile) -> Taxonomy:
    """Build the taxonomy from a rule file; raises the first ``RuleError`` when it is not valid."""
    taxonomy, check = _parse_taxonomy(rule_file)
    check.raise_first()
    assert taxonomy is not None  # no errors means every part was built
    return taxonomy


def load_default(rule_book: RuleBook | None = None) -> Taxonomy:
    """Load the taxonomy in force from ``rule_book`` (the shipped files when ``None``)."""
    return load_taxonomy((rule_book or RuleBook()).get(RULE_SET_NAME))
