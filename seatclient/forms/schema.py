"""The intake form (工单, HZ 7.2) as data: frozen schema types and a strict loader for ``intake_form.json``.

A hall may edit the form file, so every part of it is checked on load and each problem is reported as a
``RuleError`` naming the file, the line, the key path and the field key, with the values that are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any, Literal, cast

import phonenumbers

from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

RULE_NAME = "intake_form"
"""The name of the rule file holding the form, ``resources/rules/intake_form.json``."""

MAX_LENGTH_LIMIT = 10000
"""The largest ``max_length`` a field may declare; anything longer is a typo, not a form."""


class FieldType(StrEnum):
    """The kinds of field a form may hold; the value is the ``type`` written in the file."""

    TEXT = "text"
    MULTILINE = "multiline"
    PHONE = "phone"
    CHOICE = "choice"
    BOOL = "bool"
    DATETIME = "datetime"
    TOPIC = "topic"
    PLACE = "place"


class MaskKind(StrEnum):
    """How a field is masked when the order is confidential; the value is ``confidential_mask`` in the file."""

    NAME = "name"
    PHONE = "phone"
    ADDRESS = "address"


PARTS: Mapping[FieldType, tuple[str, str]] = {
    FieldType.TOPIC: ("class", "item"),
    FieldType.PLACE: ("district", "street"),
}
"""The two parts of the structured values: a topic is ``{"class", "item"}``, a place ``{"district", "street"}``."""

_MASKABLE_TYPES: Mapping[MaskKind, frozenset[FieldType]] = {
    MaskKind.NAME: frozenset({FieldType.TEXT}),
    MaskKind.PHONE: frozenset({FieldType.PHONE}),
    MaskKind.ADDRESS: frozenset({FieldType.TEXT, FieldType.MULTILINE}),
}

_KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_AREA_CODE_PATTERN = re.compile(r"0\d{2,3}")
_LANGUAGES = ("zh_CN", "en")

_COMMON_FIELD_KEYS = frozenset(
    {
        "comment",
        "key",
        "type",
        "label",
        "required",
        "required_if",
        "visible_if",
        "help",
        "placeholder",
        "default",
        "confidential_mask",
    }
)
_TYPE_FIELD_KEYS: Mapping[FieldType, frozenset[str]] = {
    FieldType.TEXT: frozenset({"max_length"}),
    FieldType.MULTILINE: frozenset({"max_length"}),
    FieldType.PHONE: frozenset({"max_length", "default_region", "local_area_code"}),
    FieldType.CHOICE: frozenset({"options"}),
    FieldType.BOOL: frozenset(),
    FieldType.DATETIME: frozenset({"not_future", "future_tolerance_minutes"}),
    FieldType.TOPIC: frozenset(),
    FieldType.PLACE: frozenset(),
}
_TYPES_WITH_DEFAULT = frozenset({FieldType.TEXT, FieldType.MULTILINE, FieldType.CHOICE, FieldType.BOOL})
_TOP_LEVEL_KEYS = frozenset(
    {"comment", "form", "version", "basis", "title", "confidential_field", "summary_fields", "sections"}
)
_SUMMARY_TYPES = frozenset(
    {FieldType.TEXT, FieldType.PHONE, FieldType.CHOICE, FieldType.TOPIC, FieldType.PLACE}
)
_SECTION_KEYS = frozenset({"comment", "key", "title", "fields"})
_OPTION_KEYS = frozenset({"comment", "value", "label", "help"})


def is_filled(value: Any) -> bool:
    """Tell whether a field value counts as given: not ``None``, not blank text, not an empty structure.

    ``False`` is a given answer for a yes/no field, so it counts as filled.
    """
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Mapping):
        return any(is_filled(part) for part in value.values())
    return True


def _value_matches(value: Any, operand: Any) -> bool:
    if isinstance(operand, bool) or isinstance(value, bool):
        # True == 1 in Python; a yes/no answer must not match a number or text.
        return value is operand
    if isinstance(operand, Mapping):
        return isinstance(value, Mapping) and all(value.get(name) == part for name, part in operand.items())
    return bool(value == operand)


@dataclass(frozen=True)
class LocalText:
    """A label or help text in the languages of the client.

    Attributes:
        zh_CN: the Simplified Chinese text, always present.
        en: the English text; empty when the file gives none, and then Chinese is shown.
    """

    zh_CN: str
    en: str = ""

    def text(self, language: str = "zh_CN") -> str:
        """Return the text in ``language`` (``"zh_CN"`` or ``"en"``), falling back to Chinese."""
        if language == "en" and self.en:
            return self.en
        return self.zh_CN


@dataclass(frozen=True)
class ChoiceOption:
    """One allowed value of a ``choice`` field.

    Attributes:
        value: the code stored and sent to the backend (``"complaint_report"``).
        label: what the call-taker sees (``投诉举报``).
        help: an optional explanation.
    """

    value: str
    label: LocalText
    help: LocalText | None = None


@dataclass(frozen=True)
class FieldCondition:
    """A test of one field's value: ``equals`` a value, is ``in`` a list, or is ``filled`` (or not).

    Attributes:
        field: the key of the field tested.
        operator: ``"equals"``, ``"in"`` or ``"filled"``.
        operand: the value compared with; a tuple for ``in``, a bool for ``filled``.
        part: for topic and place fields, the part compared (``"class"``), or ``None`` for the whole value.
    """

    field: str
    operator: Literal["equals", "in", "filled"]
    operand: Any
    part: str | None = None

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        """Tell whether the condition holds for ``values`` (field key → value)."""
        value = values.get(self.field)
        if self.part is not None:
            value = value.get(self.part) if isinstance(value, Mapping) else None
        if self.operator == "filled":
            return is_filled(value) is self.operand
        if self.operator == "equals":
            return _value_matches(value, self.operand)
        return any(_value_matches(value, candidate) for candidate in self.operand)

    def referenced_fields(self) -> frozenset[str]:
        """Return the keys of the fields this condition reads."""
        return frozenset({self.field})


@dataclass(frozen=True)
class AnyCondition:
    """Holds when at least one of its conditions holds.

    Attributes:
        conditions: the alternatives.
    """

    conditions: tuple[Condition, ...]

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        """Tell whether any of the conditions holds for ``values``."""
        return any(condition.evaluate(values) for condition in self.conditions)

    def referenced_fields(self) -> frozenset[str]:
        """Return the keys of the fields the conditions read."""
        return frozenset().union(*(condition.referenced_fields() for condition in self.conditions))


@dataclass(frozen=True)
class AllCondition:
    """Holds when every one of its conditions holds.

    Attributes:
        conditions: the conditions that must all hold.
    """

    conditions: tuple[Condition, ...]

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        """Tell whether all the conditions hold for ``values``."""
        return all(condition.evaluate(values) for condition in self.conditions)

    def referenced_fields(self) -> frozenset[str]:
        """Return the keys of the fields the conditions read."""
        return frozenset().union(*(condition.referenced_fields() for condition in self.conditions))


@dataclass(frozen=True)
class NotCondition:
    """Holds when its condition does not.

    Attributes:
        condition: the negated condition.
    """

    condition: Condition

    def evaluate(self, values: Mapping[str, Any]) -> bool:
        """Tell whether the inner condition fails for ``values``."""
        return not self.condition.evaluate(values)

    def referenced_fields(self) -> frozenset[str]:
        """Return the keys of the fields the inner condition reads."""
        return self.condition.referenced_fields()


Condition = FieldCondition | AnyCondition | AllCondition | NotCondition
"""Any condition a field may carry in ``required_if`` or ``visible_if``."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form.

    Attributes:
        key: the snake_case key of the value (``caller_phone``).
        type: the kind of field.
        label: the label shown beside the control.
        section: the key of the section holding the field.
        required: whether the field must always be filled (while visible).
        required_if: a condition making the field required, or ``None``.
        visible_if: a condition for showing the field; a hidden field is neither validated nor sent.
        max_length: the most characters allowed, for text-like fields.
        help: a longer explanation, or ``None``.
        placeholder: the hint inside an empty control, or ``None``.
        options: the allowed values of a ``choice`` field.
        default: the value of a new form, or ``None``.
        not_future: for ``datetime`` fields, whether a time later than now is refused.
        future_tolerance_minutes: how far ahead of ``now`` a time may be (clock drift), with ``not_future``.
        default_region: for ``phone`` fields, the ISO region numbers are read in (``"CN"``).
        local_area_code: for ``phone`` fields, the area code put before a local number without one.
        confidential_mask: how the field is masked in a confidential order, or ``None`` if it is not.
    """

    key: str
    type: FieldType
    label: LocalText
    section: str
    required: bool = False
    required_if: Condition | None = None
    visible_if: Condition | None = None
    max_length: int | None = None
    help: LocalText | None = None
    placeholder: LocalText | None = None
    options: tuple[ChoiceOption, ...] = ()
    default: Any = None
    not_future: bool = False
    future_tolerance_minutes: int = 0
    default_region: str = "CN"
    local_area_code: str | None = None
    confidential_mask: MaskKind | None = None

    @property
    def option_values(self) -> frozenset[str]:
        """The codes a ``choice`` field accepts."""
        return frozenset(option.value for option in self.options)

    def option_label(self, value: str, language: str = "zh_CN") -> str | None:
        """Return the label of option ``value`` in ``language``, or ``None`` for an unknown value."""
        for option in self.options:
            if option.value == value:
                return option.label.text(language)
        return None


@dataclass(frozen=True)
class Section:
    """A titled group of fields shown together.

    Attributes:
        key: the snake_case key of the section.
        title: the heading.
        fields: the fields in form order.
    """

    key: str
    title: LocalText
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True)
class FormSchema:
    """The whole intake form.

    Attributes:
        form_id: the form's identifier, sent with every order (``"hz_intake"``).
        version: the version of the form definition.
        title: the form's title.
        basis: the clauses the form follows, for readers of the file.
        confidential_field: the key of the yes/no field that makes an order confidential.
        sections: the sections in form order.
        summary_fields: the keys of the fields that make an order's one-line title, in title order.
        source: where the form was loaded from, for messages.
    """

    form_id: str
    version: int
    title: LocalText
    basis: str
    confidential_field: str
    sections: tuple[Section, ...]
    summary_fields: tuple[str, ...] = ()
    source: str = ""
    _fields: tuple[FieldSpec, ...] = dataclass_field(default=(), init=False, repr=False, compare=False)
    _by_key: dict[str, FieldSpec] = dataclass_field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _visibility_order: tuple[FieldSpec, ...] = dataclass_field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Index the fields by key and order the visibility tests so each sees its inputs decided."""
        fields = tuple(spec for section in self.sections for spec in section.fields)
        object.__setattr__(self, "_fields", fields)
        object.__setattr__(self, "_by_key", {spec.key: spec for spec in fields})
        object.__setattr__(self, "_visibility_order", _visibility_order(fields))

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        """Every field in form order."""
        return self._fields

    @property
    def keys(self) -> tuple[str, ...]:
        """Every field key in form order."""
        return tuple(spec.key for spec in self._fields)

    def field(self, key: str) -> FieldSpec:
        """Return the field ``key``; raises ``KeyError`` for a key the form does not have."""
        return self._by_key[key]

    def has_field(self, key: str) -> bool:
        """Tell whether the form has a field ``key``."""
        return key in self._by_key

    def defaults(self) -> dict[str, Any]:
        """Return the values of a new, empty form: each field's default where it has one."""
        return {spec.key: spec.default for spec in self.fields if spec.default is not None}

    def effective_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Return ``values`` with every hidden field set to ``None``.

        Conditions are evaluated on these values, so a field hidden by another's answer never makes
        a third field required or visible.
        """
        effective = dict(values)
        for spec in self._visibility_order:
            condition = spec.visible_if
            if condition is not None and not condition.evaluate(effective):
                effective[spec.key] = None
        return effective

    def hidden_fields(self, values: Mapping[str, Any]) -> frozenset[str]:
        """Return the keys of the fields hidden for ``values``."""
        effective = dict(values)
        hidden: set[str] = set()
        for spec in self._visibility_order:
            condition = spec.visible_if
            if condition is not None and not condition.evaluate(effective):
                effective[spec.key] = None
                hidden.add(spec.key)
        return frozenset(hidden)

    def is_required(self, spec: FieldSpec, effective_values: Mapping[str, Any]) -> bool:
        """Tell whether ``spec`` must be filled, given values from ``effective_values``.

        A hidden field is never required.
        """
        if spec.visible_if is not None and not spec.visible_if.evaluate(effective_values):
            return False
        if spec.required:
            return True
        return spec.required_if is not None and spec.required_if.evaluate(effective_values)

    def protected_fields(self) -> tuple[str, ...]:
        """Return the keys of the fields withheld from handling units when the order is confidential."""
        return tuple(spec.key for spec in self.fields if spec.confidential_mask is not None)


def _visibility_order(fields: Iterable[FieldSpec]) -> tuple[FieldSpec, ...]:
    """Order the fields with ``visible_if`` so each comes after the fields its condition reads.

    The loader refuses cycles, so a plain depth-first walk suffices.
    """
    conditional = {spec.key: spec for spec in fields if spec.visible_if is not None}
    ordered: list[FieldSpec] = []
    done: set[str] = set()

    def visit(key: str, trail: frozenset[str]) -> None:
        if key in done or key in trail:
            return
        spec = conditional[key]
        assert spec.visible_if is not None
        for dependency in spec.visible_if.referenced_fields():
            if dependency in conditional:
                visit(dependency, trail | {key})
        done.add(key)
        ordered.append(spec)

    for key in conditional:
        visit(key, frozenset())
    return tuple(ordered)


def load_form_schema(rule_file: RuleFile) -> FormSchema:
    """Build the form from ``rule_file``; raises the first ``RuleError`` found.

    Use ``schema_problems`` to get every problem at once.
    """
    reader = _SchemaReader(rule_file)
    schema = reader.read()
    if reader.problems:
        raise reader.problems[0]
    assert schema is not None
    return schema


def schema_problems(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem of the form file ``rule_file``, in file order; empty when it is valid.

    Meant for the hall IT configuration check, which lists all problems instead of stopping at one.
    """
    reader = _SchemaReader(rule_file)
    reader.read()
    return reader.problems


def load_default(rule_book: RuleBook | None = None) -> FormSchema:
    """Load the form in force from ``rule_book`` (a fresh ``RuleBook`` when ``None``)."""
    book = rule_book if rule_book is not None else RuleBook()
    return load_form_schema(book.get(RULE_NAME))


def _join(pointer: str, *parts: str | int) -> str:
    tail = "/".join(str(part) for part in parts)
    return f"{pointer}/{tail}" if pointer else tail


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass
class _PendingCondition:
    """A condition read before every field was known; checked against the fields afterwards."""

    owner: str
    attribute: str
    condition: Condition
    pointers: dict[int, str]


class _SchemaReader:
    """Reads a form document, collecting every problem instead of stopping at the first."""

    def __init__(self, rule_file: RuleFile) -> None:
        self.rule_file = rule_file
        self.problems: list[RuleError] = []
        self._pending: list[_PendingCondition] = []
        self._field_pointers: dict[str, str] = {}

    def _fail(self, pointer: str, problem: str, field_key: str | None = None) -> None:
        if field_key:
            problem = tr("FormSchema", "字段 {key}：{problem}").format(key=field_key, problem=problem)
        self.problems.append(self.rule_file.error(pointer, problem))

    def _check_keys(
        self, raw: Mapping[str, Any], allowed: frozenset[str], pointer: str, field_key: str | None = None
    ) -> None:
        for name in raw:
            if name not in allowed:
                self._fail(
                    _join(pointer, name),
                    tr("FormSchema", "未知的键 “{name}”，允许的键：{allowed}").format(
                        name=name, allowed="、".join(sorted(allowed))
                    ),
                    field_key,
                )

    def read(self) -> FormSchema | None:
        data = self.rule_file.data
        if not isinstance(data, dict):
            self._fail("", tr("FormSchema", "表单文件的顶层必须是对象（{...}）"))
            return None
        self._check_keys(data, _TOP_LEVEL_KEYS, "")
        form_id = data.get("form")
        if not isinstance(form_id, str) or not form_id.strip():
            self._fail("form", tr("FormSchema", "form 必须是非空文本（表单标识）"))
            form_id = ""
        raw_version = data.get("version")
        version = raw_version if isinstance(raw_version, int) and _is_int(raw_version) else 0
        if version < 1:
            self._fail("version", tr("FormSchema", "version 必须是不小于 1 的整数"))
            version = 1
        basis = data.get("basis", "")
        if not isinstance(basis, str):
            self._fail("basis", tr("FormSchema", "basis 必须是文本"))
            basis = ""
        title = self._local_text(data.get("title"), "title", None, required=True)
        sections = self._sections(data.get("sections"))
        by_key = {spec.key: spec for section in sections for spec in section.fields}
        confidential_field = self._confidential_field(data.get("confidential_field"), by_key)
        summary_fields = self._summary_fields(data.get("summary_fields", []), by_key)
        self._check_conditions(by_key)
        if self.problems or title is None:
            return None
        return FormSchema(
            form_id=form_id,
            version=version,
            title=title,
            basis=basis,
            confidential_field=confidential_field,
            sections=tuple(sections),
            summary_fields=summary_fields,
            source=self.rule_file.source,
        )

    def _local_text(
        self, raw: Any, pointer: str, field_key: str | None, *, required: bool = False
    ) -> LocalText | None:
        if raw is None:
            if required:
                self._fail(
                    pointer,
                    tr("FormSchema", '缺少 {name}，应为 {{"zh_CN": 中文, "en": 英文}}').format(
                        name=pointer.rpartition("/")[2]
                    ),
                    field_key,
                )
            return None
        if not isinstance(raw, dict):
            self._fail(pointer, tr("FormSchema", '应为 {"zh_CN": 中文, "en": 英文} 形式的对象'), field_key)
            return None
        self._check_keys(raw, frozenset({*_LANGUAGES, "comment"}), pointer, field_key)
        chinese = raw.get("zh_CN")
        english = raw.get("en", "")
        valid = True
        if not isinstance(chinese, str) or not chinese.strip():
            self._fail(_join(pointer, "zh_CN"), tr("FormSchema", "zh_CN 必须是非空的中文文本"), field_key)
            valid = False
        if not isinstance(english, str):
            self._fail(_join(pointer, "en"), tr("FormSchema", "en 必须是文本"), field_key)
            valid = False
        if not valid or not isinstance(chinese, str) or not isinstance(english, str):
            return None
        return LocalText(zh_CN=chinese, en=english)

    def _sections(self, raw: Any) -> list[Section]:
        if not isinstance(raw, list) or not raw:
            self._fail("sections", tr("FormSchema", "sections 必须是非空列表"))
            return []
        sections: list[Section] = []
        seen: set[str] = set()
        for index, raw_section in enumerate(raw):
            pointer = _join("sections", index)
            if not isinstance(raw_section, dict):
                self._fail(pointer, tr("FormSchema", "每个分区必须是对象"))
                continue
            self._check_keys(raw_section, _SECTION_KEYS, pointer)
            key = raw_section.get("key")
            if not isinstance(key, str) or not _KEY_PATTERN.fullmatch(key):
                self._fail(
                    _join(pointer, "key"),
                    tr("FormSchema", "分区 key 必须是小写英文、数字和下划线，且以字母开头"),
                )
                key = f"section_{index}"
            elif key in seen:
                self._fail(_join(pointer, "key"), tr("FormSchema", "分区 key “{key}” 重复").format(key=key))
            seen.add(key)
            title = self._local_text(raw_section.get("title"), _join(pointer, "title"), None, required=True)
            fields = self._fields(raw_section.get("fields"), _join(pointer, "fields"), key)
            if title is not None:
                sections.append(Section(key=key, title=title, fields=tuple(fields)))
        return sections

    def _fields(self, raw: Any, pointer: str, section_key: str) -> list[FieldSpec]:
        if not isinstance(raw, list) or not raw:
            self._fail(pointer, tr("FormSchema", "fields 必须是非空列表"))
            return []
        fields: list[FieldSpec] = []
        for index, raw_field in enumerate(raw):
            spec = self._field(raw_field, _join(pointer, index), section_key)
            if spec is not None:
                fields.append(spec)
        return fields

    def _field(self, raw: Any, pointer: str, section_key: str) -> FieldSpec | None:
        if not isinstance(raw, dict):
            self._fail(pointer, tr("FormSchema", "每个字段必须是对象"))
            return None
        key = raw.get("key")
        if not isinstance(key, str) or not _KEY_PATTERN.fullmatch(key):
            self._fail(
                _join(pointer, "key"),
                tr("FormSchema", "字段 key 必须是小写英文、数字和下划线，且以字母开头，现为 {value}").format(
                    value=repr(key)
                ),
            )
            return None
        if key in self._field_pointers:
            self._fail(
                _join(pointer, "key"),
                tr("FormSchema", "key 重复，已在 {other} 定义").format(other=self._field_pointers[key]),
                key,
            )
            return None
        self._field_pointers[key] = pointer
        problems_before = len(self.problems)

        raw_type = raw.get("type")
        try:
            field_type = FieldType(str(raw_type)) if isinstance(raw_type, str) else FieldType("")
        except ValueError:
            self._fail(
                _join(pointer, "type"),
                tr("FormSchema", "未知的字段类型 {value}，允许：{allowed}").format(
                    value=repr(raw_type), allowed="、".join(member.value for member in FieldType)
                ),
                key,
            )
            return None
        self._check_keys(raw, _COMMON_FIELD_KEYS | _TYPE_FIELD_KEYS[field_type], pointer, key)

        label = self._local_text(raw.get("label"), _join(pointer, "label"), key, required=True)
        help_text = self._local_text(raw.get("help"), _join(pointer, "help"), key)
        placeholder = self._local_text(raw.get("placeholder"), _join(pointer, "placeholder"), key)
        required = raw.get("required", False)
        if not isinstance(required, bool):
            self._fail(_join(pointer, "required"), tr("FormSchema", "required 必须是 true 或 false"), key)
            required = False
        required_if = self._condition_attribute(raw, "required_if", pointer, key)
        visible_if = self._condition_attribute(raw, "visible_if", pointer, key)
        max_length = self._max_length(raw.get("max_length"), _join(pointer, "max_length"), key)
        options = self._options(raw, field_type, pointer, key)
        not_future = raw.get("not_future", False)
        if not isinstance(not_future, bool):
            self._fail(_join(pointer, "not_future"), tr("FormSchema", "not_future 必须是 true 或 false"), key)
            not_future = False
        tolerance = raw.get("future_tolerance_minutes", 0)
        if not _is_int(tolerance) or not 0 <= tolerance <= 1440:
            self._fail(
                _join(pointer, "future_tolerance_minutes"),
                tr("FormSchema", "future_tolerance_minutes 必须是 0 到 1440 之间的整数"),
                key,
            )
            tolerance = 0
        region = raw.get("default_region", "CN")
        if not isinstance(region, str) or region not in phonenumbers.SUPPORTED_REGIONS:
            self._fail(
                _join(pointer, "default_region"),
                tr("FormSchema", "default_region 必须是两位大写地区代码，如 CN"),
                key,
            )
            region = "CN"
        area_code = raw.get("local_area_code")
        if area_code is not None and (
            not isinstance(area_code, str) or not _AREA_CODE_PATTERN.fullmatch(area_code)
        ):
            self._fail(
                _join(pointer, "local_area_code"),
                tr("FormSchema", "local_area_code 必须是以 0 开头的 3 到 4 位区号，如 0571"),
                key,
            )
            area_code = None
        mask = self._mask(raw.get("confidential_mask"), field_type, _join(pointer, "confidential_mask"), key)
        default = raw.get("default")
        if default is not None:
            self._check_default(default, field_type, options, max_length, _join(pointer, "default"), key)

        if label is None or len(self.problems) > problems_before:
            return None
        return FieldSpec(
            key=key,
            type=field_type,
            label=label,
            section=section_key,
            required=required,
            required_if=required_if,
            visible_if=visible_if,
            max_length=max_length,
            help=help_text,
            placeholder=placeholder,
            options=options,
            default=default,
            not_future=not_future,
            future_tolerance_minutes=tolerance,
            default_region=region,
            local_area_code=area_code,
            confidential_mask=mask,
        )

    def _max_length(self, raw: Any, pointer: str, key: str) -> int | None:
        if raw is None:
            return None
        if not _is_int(raw) or not 1 <= raw <= MAX_LENGTH_LIMIT:
            self._fail(
                pointer,
                tr("FormSchema", "max_length 必须是 1 到 {limit} 之间的整数，现为 {value}").format(
                    limit=MAX_LENGTH_LIMIT, value=repr(raw)
                ),
                key,
            )
            return None
        return int(raw)

    def _options(
        self, raw: Mapping[str, Any], field_type: FieldType, pointer: str, key: str
    ) -> tuple[ChoiceOption, ...]:
        if field_type is not FieldType.CHOICE:
            return ()
        raw_options = raw.get("options")
        options_pointer = _join(pointer, "options")
        if not isinstance(raw_options, list) or not raw_options:
            self._fail(options_pointer, tr("FormSchema", "choice 字段必须有非空的 options 列表"), key)
            return ()
        options: list[ChoiceOption] = []
        seen: set[str] = set()
        for index, raw_option in enumerate(raw_options):
            option_pointer = _join(options_pointer, index)
            if not isinstance(raw_option, dict):
                self._fail(option_pointer, tr("FormSchema", "选项必须是含 value 和 label 的对象"), key)
                continue
            self._check_keys(raw_option, _OPTION_KEYS, option_pointer, key)
            value = raw_option.get("value")
            if not isinstance(value, str) or not _KEY_PATTERN.fullmatch(value):
                self._fail(
                    _join(option_pointer, "value"),
                    tr("FormSchema", "选项 value 必须是小写英文、数字和下划线，且以字母开头"),
                    key,
                )
                continue
            if value in seen:
                self._fail(
                    _join(option_pointer, "value"),
                    tr("FormSchema", "选项 value “{value}” 重复").format(value=value),
                    key,
                )
                continue
            seen.add(value)
            label = self._local_text(
                raw_option.get("label"), _join(option_pointer, "label"), key, required=True
            )
            option_help = self._local_text(raw_option.get("help"), _join(option_pointer, "help"), key)
            if label is not None:
                options.append(ChoiceOption(value=value, label=label, help=option_help))
        return tuple(options)

    def _mask(self, raw: Any, field_type: FieldType, pointer: str, key: str) -> MaskKind | None:
        if raw is None:
            return None
        try:
            mask = MaskKind(raw)
        except ValueError:
            self._fail(
                pointer,
                tr("FormSchema", "未知的 confidential_mask {value}，允许：{allowed}").format(
                    value=repr(raw), allowed="、".join(member.value for member in MaskKind)
                ),
                key,
            )
            return None
        if field_type not in _MASKABLE_TYPES[mask]:
            self._fail(
                pointer,
                tr("FormSchema", "confidential_mask “{mask}” 只能用于这些类型的字段：{allowed}").format(
                    mask=mask.value, allowed="、".join(sorted(_MASKABLE_TYPES[mask]))
                ),
                key,
            )
            return None
        return mask

    def _check_default(
        self,
        default: Any,
        field_type: FieldType,
        options: tuple[ChoiceOption, ...],
        max_length: int | None,
        pointer: str,
        key: str,
    ) -> None:
        if field_type not in _TYPES_WITH_DEFAULT:
            self._fail(
                pointer,
                tr("FormSchema", "{type} 类型的字段不能设置 default").format(type=field_type.value),
                key,
            )
        elif field_type is FieldType.BOOL and not isinstance(default, bool):
            self._fail(pointer, tr("FormSchema", "default 必须是 true 或 false"), key)
        elif field_type is FieldType.CHOICE and (
            not isinstance(default, str) or default not in {option.value for option in options}
        ):
            self._fail(
                pointer,
                tr("FormSchema", "default 必须是选项之一：{allowed}").format(
                    allowed="、".join(option.value for option in options)
                ),
                key,
            )
        elif field_type in (FieldType.TEXT, FieldType.MULTILINE) and (
            not isinstance(default, str) or (max_length is not None and len(default) > max_length)
        ):
            self._fail(pointer, tr("FormSchema", "default 必须是不超过 max_length 的文本"), key)

    def _confidential_field(self, raw: Any, by_key: Mapping[str, FieldSpec]) -> str:
        spec = by_key.get(raw) if isinstance(raw, str) else None
        if spec is None or spec.type is not FieldType.BOOL:
            if isinstance(raw, str) and raw in self._field_pointers and spec is None:
                return ""  # the field itself is broken and already reported
            self._fail(
                "confidential_field",
                tr("FormSchema", "confidential_field 必须是表单中一个 bool 类型字段的 key"),
            )
            return ""
        return spec.key

    def _summary_fields(self, raw: Any, by_key: Mapping[str, FieldSpec]) -> tuple[str, ...]:
        if not isinstance(raw, list):
            self._fail("summary_fields", tr("FormSchema", "summary_fields 必须是字段 key 的列表"))
            return ()
        keys: list[str] = []
        for index, key in enumerate(raw):
            pointer = _join("summary_fields", index)
            spec = by_key.get(key) if isinstance(key, str) else None
            if spec is None:
                if not (isinstance(key, str) and key in self._field_pointers):
                    self._fail(
                        pointer,
                        tr("FormSchema", "summary_fields 引用了不存在的字段 {value}").format(value=repr(key)),
                    )
                continue
            if spec.type not in _SUMMARY_TYPES:
                self._fail(
                    pointer,
                    tr("FormSchema", "字段 {key} 不能用于标题，允许的类型：{allowed}").format(
                        key=spec.key, allowed="、".join(sorted(_SUMMARY_TYPES))
                    ),
                )
                continue
            if spec.key in keys:
                self._fail(pointer, tr("FormSchema", "summary_fields 中字段 {key} 重复").format(key=spec.key))
                continue
            keys.append(spec.key)
        return tuple(keys)

    # Conditions are parsed with their fields but checked once every field is known,
    # because a condition may name a field further down the form.

    def _condition_attribute(
        self, raw: Mapping[str, Any], attribute: str, pointer: str, key: str
    ) -> Condition | None:
        if attribute not in raw:
            return None
        pointers: dict[int, str] = {}
        condition = self._condition(raw[attribute], _join(pointer, attribute), key, pointers)
        if condition is not None:
            self._pending.append(_PendingCondition(key, attribute, condition, pointers))
        return condition

    def _condition(self, raw: Any, pointer: str, key: str, pointers: dict[int, str]) -> Condition | None:
        if not isinstance(raw, dict):
            self._fail(
                pointer,
                tr("FormSchema", '条件必须是对象，如 {"field": "request_type", "equals": "help"}'),
                key,
            )
            return None
        names = set(raw) - {"comment"}
        combinators = names & {"any", "all", "not"}
        if combinators:
            if len(names) != 1:
                self._fail(
                    pointer,
                    tr("FormSchema", "any、all、not 必须单独使用，不能与其他键并列：{names}").format(
                        names="、".join(sorted(names))
                    ),
                    key,
                )
                return None
            combinator = combinators.pop()
            inner = raw[combinator]
            inner_pointer = _join(pointer, combinator)
            if combinator == "not":
                negated = self._condition(inner, inner_pointer, key, pointers)
                return NotCondition(negated) if negated is not None else None
            if not isinstance(inner, list) or not inner:
                self._fail(
                    inner_pointer,
                    tr("FormSchema", "{name} 必须是非空的条件列表").format(name=combinator),
                    key,
                )
                return None
            parts = [
                self._condition(item, _join(inner_pointer, index), key, pointers)
                for index, item in enumerate(inner)
            ]
            if any(part is None for part in parts):
                return None
            members = tuple(part for part in parts if part is not None)
            return AnyCondition(members) if combinator == "any" else AllCondition(members)
        return self._field_condition(raw, pointer, key, pointers)

    def _field_condition(
        self, raw: Mapping[str, Any], pointer: str, key: str, pointers: dict[int, str]
    ) -> FieldCondition | None:
        self._check_keys(raw, frozenset({"comment", "field", "part", "equals", "in", "filled"}), pointer, key)
        target = raw.get("field")
        if not isinstance(target, str) or not target:
            self._fail(_join(pointer, "field"), tr("FormSchema", "条件缺少 field（被判断字段的 key）"), key)
            return None
        operators = [name for name in ("equals", "in", "filled") if name in raw]
        if len(operators) != 1:
            self._fail(
                pointer,
                tr("FormSchema", "条件必须且只能有 equals、in、filled 之一"),
                key,
            )
            return None
        operator = operators[0]
        operand = raw[operator]
        if operator == "in":
            if not isinstance(operand, list) or not operand:
                self._fail(_join(pointer, "in"), tr("FormSchema", "in 必须是非空列表"), key)
                return None
            operand = tuple(operand)
        elif operator == "filled" and not isinstance(operand, bool):
            self._fail(_join(pointer, "filled"), tr("FormSchema", "filled 必须是 true 或 false"), key)
            return None
        part = raw.get("part")
        if part is not None and not isinstance(part, str):
            self._fail(_join(pointer, "part"), tr("FormSchema", "part 必须是文本"), key)
            return None
        condition = FieldCondition(
            field=target,
            operator=cast(Literal["equals", "in", "filled"], operator),
            operand=operand,
            part=part,
        )
        pointers[id(condition)] = pointer
        return condition

    def _check_conditions(self, by_key: Mapping[str, FieldSpec]) -> None:
        for pending in self._pending:
            for condition, pointer in _field_conditions(pending.condition, pending.pointers):
                self._check_field_condition(condition, pointer, pending, by_key)
        self._check_visibility_cycles(by_key)

    def _check_field_condition(
        self,
        condition: FieldCondition,
        pointer: str,
        pending: _PendingCondition,
        by_key: Mapping[str, FieldSpec],
    ) -> None:
        owner = pending.owner
        if condition.field == owner:
            self._fail(
                _join(pointer, "field"),
                tr("FormSchema", "{attribute} 不能引用字段自身").format(attribute=pending.attribute),
                owner,
            )
            return
        target = by_key.get(condition.field)
        if target is None:
            if condition.field not in self._field_pointers:
                self._fail(
                    _join(pointer, "field"),
                    tr("FormSchema", "条件引用了不存在的字段 “{name}”").format(name=condition.field),
                    owner,
                )
            return
        parts = PARTS.get(target.type)
        if condition.part is not None and (parts is None or condition.part not in parts):
            allowed = "、".join(parts) if parts else tr("FormSchema", "（该字段没有组成部分）")
            self._fail(
                _join(pointer, "part"),
                tr("FormSchema", "字段 {target} 没有组成部分 “{part}”，允许：{allowed}").format(
                    target=target.key, part=condition.part, allowed=allowed
                ),
                owner,
            )
            return
        if condition.operator == "filled":
            return
        if target.type is FieldType.DATETIME:
            self._fail(
                pointer,
                tr("FormSchema", "日期时间字段 {target} 只能用 filled 条件").format(target=target.key),
                owner,
            )
            return
        if condition.operator == "equals":
            operands: tuple[tuple[Any, str], ...] = ((condition.operand, _join(pointer, "equals")),)
        else:
            operands = tuple(
                (candidate, _join(pointer, "in", index)) for index, candidate in enumerate(condition.operand)
            )
        for operand, operand_pointer in operands:
            problem = _operand_problem(target, condition.part, operand)
            if problem is not None:
                self._fail(operand_pointer, problem, owner)

    def _check_visibility_cycles(self, by_key: Mapping[str, FieldSpec]) -> None:
        reported: set[str] = set()
        for start in by_key.values():
            if start.visible_if is None or start.key in reported:
                continue
            stack: list[tuple[str, tuple[str, ...]]] = [(start.key, (start.key,))]
            while stack:
                key, path = stack.pop()
                spec = by_key.get(key)
                if spec is None or spec.visible_if is None:
                    continue
                for dependency in sorted(spec.visible_if.referenced_fields()):
                    if dependency == start.key and len(path) > 1:
                        reported.update(path)
                        self._fail(
                            _join(self._field_pointers[start.key], "visible_if"),
                            tr("FormSchema", "visible_if 循环依赖：{cycle}").format(
                                cycle=" → ".join((*path, start.key))
                            ),
                            start.key,
                        )
                        stack.clear()
                        break
                    if dependency not in path:
                        stack.append((dependency, (*path, dependency)))


def _field_conditions(condition: Condition, pointers: Mapping[int, str]) -> list[tuple[FieldCondition, str]]:
    if isinstance(condition, FieldCondition):
        return [(condition, pointers[id(condition)])]
    if isinstance(condition, NotCondition):
        return _field_conditions(condition.condition, pointers)
    found: list[tuple[FieldCondition, str]] = []
    for member in condition.conditions:
        found.extend(_field_conditions(member, pointers))
    return found


def _operand_problem(target: FieldSpec, part: str | None, operand: Any) -> str | None:
    """Return why ``operand`` can never equal a value of ``target`` (or its ``part``), or ``None``."""
    if part is not None or target.type in (FieldType.TEXT, FieldType.MULTILINE, FieldType.PHONE):
        if not isinstance(operand, str) or not operand:
            return tr("FormSchema", "比较值必须是非空文本")
        return None
    if target.type is FieldType.BOOL:
        if not isinstance(operand, bool):
            return tr("FormSchema", "字段 {target} 是 bool 类型，比较值必须是 true 或 false").format(
                target=target.key
            )
        return None
    if target.type is FieldType.CHOICE:
        if not isinstance(operand, str) or operand not in target.option_values:
            return tr("FormSchema", "“{value}” 不是字段 {target} 的选项，允许：{allowed}").format(
                value=operand, target=target.key, allowed="、".join(option.value for option in target.options)
            )
        return None
    names = PARTS[target.type]
    if (
        not isinstance(operand, dict)
        or set(operand) != set(names)
        or not all(isinstance(value, str) and value for value in operand.values())
    ):
        return tr("FormSchema", "比较值必须是含 {first} 和 {second} 两个非空文本的对象").format(
            first=names[0], second=names[1]
        )
    return None
