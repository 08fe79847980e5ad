"""Validation of intake form values against the schema: whole form on submit, one field as the user types.

Everything that does not depend on the values is prepared once in ``FormValidator.__init__`` (checks per
field, labels, patterns), and phone numbers are parsed through a small cache, so validating a whole form
costs a fraction of a millisecond. Topic and place values are checked through an injected
``OptionCatalog``, which keeps this module free of the taxonomy and places modules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any, Protocol

import phonenumbers

from seatclient.forms.schema import PARTS, FieldSpec, FieldType, FormSchema, is_filled
from seatclient.i18n import tr


class OptionCatalog(Protocol):
    """The lists topic and place values are checked against (business topics, districts and streets)."""

    def is_valid_topic(self, class_name: str, item_name: str) -> bool:
        """Tell whether ``item_name`` is a second-level item of the first-level class ``class_name``."""
        ...

    def is_valid_place(self, district: str, street: str) -> bool:
        """Tell whether ``street`` (a street or town) lies in ``district``."""
        ...


class ErrorCode(StrEnum):
    """Why a field value was refused; stable codes for the UI and tests."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID_TYPE = "invalid_type"
    INVALID_PHONE = "invalid_phone"
    PHONE_NOT_PERSONAL = "phone_not_personal"
    INVALID_CHOICE = "invalid_choice"
    INVALID_DATETIME = "invalid_datetime"
    FUTURE_TIME = "future_time"
    INCOMPLETE_TOPIC = "incomplete_topic"
    UNKNOWN_TOPIC = "unknown_topic"
    INCOMPLETE_PLACE = "incomplete_place"
    UNKNOWN_PLACE = "unknown_place"


@dataclass(frozen=True)
class FieldError:
    """One refused field value.

    Attributes:
        field_key: the key of the field.
        code: why it was refused.
        message: what to tell the call-taker, in the UI language.
    """

    field_key: str
    code: ErrorCode
    message: str


class PhoneKind(StrEnum):
    """The kinds of number a caller can be called back on."""

    MOBILE = "mobile"
    FIXED_LINE = "fixed_line"


@dataclass(frozen=True)
class PhoneNumberInfo:
    """A checked phone number in its normal forms.

    Attributes:
        e164: the international form sent to the backend (``+8657187654321``).
        display: the form shown to people (``13812345678``, ``0571-87654321``).
        kind: mobile or fixed line.
        area_code: the trunk-prefixed area code of a fixed line (``0571``), empty for a mobile.
        subscriber: the digits after the area code (the whole number for a mobile).
    """

    e164: str
    display: str
    kind: PhoneKind
    area_code: str
    subscriber: str


_PHONE_SEPARATORS = re.compile(r"[\s\-()（）.·]")
_PHONE_SHAPE = re.compile(r"\+?\d{3,20}")
_LOCAL_NUMBER = re.compile(r"[2-9]\d{6,7}")
_CALLABLE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE: PhoneKind.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE: PhoneKind.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: PhoneKind.FIXED_LINE,
}


@lru_cache(maxsize=2048)
def _classify_phone(text: str, region: str, local_area_code: str | None) -> PhoneNumberInfo | ErrorCode:
    """Parse ``text`` once per distinct input; the UI revalidates the same number on every keystroke."""
    # NFKC turns full-width digits and hyphens typed with a Chinese input method into ASCII.
    compact = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if not _PHONE_SHAPE.fullmatch(compact):
        return ErrorCode.INVALID_PHONE
    if local_area_code and _LOCAL_NUMBER.fullmatch(compact):
        compact = local_area_code + compact
    try:
        number = phonenumbers.parse(compact, region)
    except phonenumbers.NumberParseException:
        return ErrorCode.INVALID_PHONE
    if not phonenumbers.is_valid_number(number) or phonenumbers.region_code_for_number(number) != region:
        return ErrorCode.INVALID_PHONE
    kind = _CALLABLE_TYPES.get(phonenumbers.number_type(number))
    if kind is None:
        return ErrorCode.PHONE_NOT_PERSONAL
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.national_significant_number(number)
    area_length = phonenumbers.length_of_geographical_area_code(number) if kind is PhoneKind.FIXED_LINE else 0
    if area_length:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        trunk = (metadata.national_prefix if metadata is not None else None) or ""
        area_code = trunk + national[:area_length]
        subscriber = national[area_length:]
        display = f"{area_code}-{subscriber}"
    else:
        area_code = ""
        subscriber = national
        display = national if region == "CN" else e164
    return PhoneNumberInfo(e164=e164, display=display, kind=kind, area_code=area_code, subscriber=subscriber)


def parse_phone(text: str, region: str = "CN", local_area_code: str | None = None) -> PhoneNumberInfo | None:
    """Parse a caller's phone number as typed; ``None`` when it is not a mobile or fixed line of ``region``.

    Accepts ``13812345678``, ``+86 138 1234 5678``, ``0571-87654321``, ``057187654321`` and, when
    ``local_area_code`` is given, a local number without area code (``87654321`` → ``0571-87654321``).
    Service numbers (400, 95xxx) are refused: they cannot be used to call a caller back.
    """
    result = _classify_phone(text, region, local_area_code)
    return result if isinstance(result, PhoneNumberInfo) else None


def parse_datetime_value(value: Any) -> datetime | None:
    """Return a field's date-time value as a ``datetime``: accepts ``datetime`` or ISO 8601 text."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _comparable(moment: datetime, now: datetime) -> datetime:
    """Bring ``moment`` into ``now``'s kind: a naive value is read in ``now``'s zone, and vice versa."""
    if moment.tzinfo is None and now.tzinfo is not None:
        return moment.replace(tzinfo=now.tzinfo)
    if moment.tzinfo is not None and now.tzinfo is None:
        return moment.astimezone().replace(tzinfo=None)
    return moment


_Check = Callable[[Any, datetime], FieldError | None]


class FormValidator:
    """Validates values of one form schema; build once, call for every change.

    Args:
        schema: the form.
        catalog: the topic and place lists.
        language: the language of the field labels inside messages (``"zh_CN"`` or ``"en"``).
    """

    def __init__(self, schema: FormSchema, catalog: OptionCatalog, language: str = "zh_CN") -> None:
        self._schema = schema
        self._catalog = catalog
        self._language = language
        self._checks: tuple[tuple[FieldSpec, _Check], ...] = tuple(
            (spec, self._compile(spec)) for spec in schema.fields
        )
        self._check_by_key: dict[str, tuple[FieldSpec, _Check]] = {
            spec.key: (spec, check) for spec, check in self._checks
        }

    @property
    def schema(self) -> FormSchema:
        """The form validated."""
        return self._schema

    def validate(self, values: Mapping[str, Any], now: datetime | None = None) -> list[FieldError]:
        """Validate a whole form; returns the errors in form order, at most one per field.

        Args:
            values: field key → value; missing keys count as empty, unknown keys are ignored.
            now: the current time for "not in the future" checks; the local time when ``None``.
        """
        moment = now if now is not None else datetime.now().astimezone()
        effective = self._schema.effective_values(values)
        errors: list[FieldError] = []
        for spec, check in self._checks:
            error = self._check_one(spec, check, effective, moment)
            if error is not None:
                errors.append(error)
        return errors

    def validate_field(
        self, key: str, values: Mapping[str, Any], now: datetime | None = None
    ) -> FieldError | None:
        """Validate one field as the user types; the other values decide its conditions.

        Raises ``KeyError`` for a key the form does not have.
        """
        spec, check = self._check_by_key[key]
        moment = now if now is not None else datetime.now().astimezone()
        return self._check_one(spec, check, self._schema.effective_values(values), moment)

    def required_keys(self, values: Mapping[str, Any]) -> frozenset[str]:
        """Return the keys of the fields that must be filled for ``values`` (to mark them in the UI)."""
        effective = self._schema.effective_values(values)
        return frozenset(
            spec.key for spec in self._schema.fields if self._schema.is_required(spec, effective)
        )

    def _check_one(
        self, spec: FieldSpec, check: _Check, effective: Mapping[str, Any], now: datetime
    ) -> FieldError | None:
        value = effective.get(spec.key)
        if not is_filled(value):
            if self._schema.is_required(spec, effective):
                return self._required_error(spec)
            return None
        return check(value, now)

    def _label(self, spec: FieldSpec) -> str:
        return spec.label.text(self._language)

    def _required_error(self, spec: FieldSpec) -> FieldError:
        if spec.type in (
            FieldType.CHOICE,
            FieldType.BOOL,
            FieldType.TOPIC,
            FieldType.PLACE,
            FieldType.DATETIME,
        ):
            message = tr("FormValidation", "请选择{label}").format(label=self._label(spec))
        else:
            message = tr("FormValidation", "请填写{label}").format(label=self._label(spec))
        return FieldError(spec.key, ErrorCode.REQUIRED, message)

    def _type_error(self, spec: FieldSpec) -> FieldError:
        return FieldError(
            spec.key,
            ErrorCode.INVALID_TYPE,
            tr("FormValidation", "{label}的值类型不正确").format(label=self._label(spec)),
        )

    def _compile(self, spec: FieldSpec) -> _Check:
        compilers: dict[FieldType, Callable[[FieldSpec], _Check]] = {
            FieldType.TEXT: self._compile_text,
            FieldType.MULTILINE: self._compile_text,
            FieldType.PHONE: self._compile_phone,
            FieldType.CHOICE: self._compile_choice,
            FieldType.BOOL: self._compile_bool,
            FieldType.DATETIME: self._compile_datetime,
            FieldType.TOPIC: self._compile_topic,
            FieldType.PLACE: self._compile_place,
        }
        return compilers[spec.type](spec)

    def _length_error(self, spec: FieldSpec, text: str) -> FieldError | None:
        limit = spec.max_length
        if limit is not None and len(text) > limit:
            return FieldError(
                spec.key,
                ErrorCode.TOO_LONG,
                tr("FormValidation", "{label}不能超过 {limit} 个字（现有 {count} 个字）").format(
                    label=self._label(spec), limit=limit, count=len(text)
                ),
            )
        return None

    def _compile_text(self, spec: FieldSpec) -> _Check:
        def check(value: Any, now: datetime) -> FieldError | None:
            if not isinstance(value, str):
                return self._type_error(spec)
            return self._length_error(spec, value.strip())

        return check

    def _compile_phone(self, spec: FieldSpec) -> _Check:
        region = spec.default_region
        area_code = spec.local_area_code

        def check(value: Any, now: datetime) -> FieldError | None:
            if not isinstance(value, str):
                return self._type_error(spec)
            too_long = self._length_error(spec, value.strip())
            if too_long is not None:
                return too_long
            result = _classify_phone(value, region, area_code)
            if isinstance(result, PhoneNumberInfo):
                return None
            if result is ErrorCode.PHONE_NOT_PERSONAL:
                message = tr(
                    "FormValidation", "{label}不能是 400、95 开头等服务号码，请填写手机号或固定电话"
                ).format(label=self._label(spec))
            else:
                message = tr(
                    "FormValidation",
                    "{label}不是有效的手机号或固定电话（固定电话请带区号，如 0571-87654321）",
                ).format(label=self._label(spec))
            return FieldError(spec.key, result, message)

        return check

    def _compile_choice(self, spec: FieldSpec) -> _Check:
        allowed = spec.option_values

        def check(value: Any, now: datetime) -> FieldError | None:
            if isinstance(value, str) and value in allowed:
                return None
            return FieldError(
                spec.key,
                ErrorCode.INVALID_CHOICE,
                tr("FormValidation", "{label}的选项“{value}”无效").format(
                    label=self._label(spec), value=value
                ),
            )

        return check

    def _compile_bool(self, spec: FieldSpec) -> _Check:
        def check(value: Any, now: datetime) -> FieldError | None:
            return None if isinstance(value, bool) else self._type_error(spec)

        return check

    def _compile_datetime(self, spec: FieldSpec) -> _Check:
        tolerance = timedelta(minutes=spec.future_tolerance_minutes)
        not_future = spec.not_future

        def check(value: Any, now: datetime) -> FieldError | None:
            moment = parse_datetime_value(value)
            if moment is None:
                return FieldError(
                    spec.key,
                    ErrorCode.INVALID_DATETIME,
                    tr("FormValidation", "{label}不是有效的日期时间").format(label=self._label(spec)),
                )
            if not_future and _comparable(moment, now) > now + tolerance:
                return FieldError(
                    spec.key,
                    ErrorCode.FUTURE_TIME,
                    tr("FormValidation", "{label}不能晚于当前时间").format(label=self._label(spec)),
                )
            return None

        return check

    def _parts(self, spec: FieldSpec, value: Any) -> tuple[str, str] | FieldError:
        first_name, second_name = PARTS[spec.type]
        if not isinstance(value, Mapping):
            return self._type_error(spec)
        first, second = value.get(first_name), value.get(second_name)
        if (
            not isinstance(first, str)
            or not isinstance(second, str)
            or not first.strip()
            or not second.strip()
        ):
            if spec.type is FieldType.TOPIC:
                code = ErrorCode.INCOMPLETE_TOPIC
                message = tr("FormValidation", "请同时选择{label}的类别和内容")
            else:
                code = ErrorCode.INCOMPLETE_PLACE
                message = tr("FormValidation", "请同时选择{label}的区县和街道（乡镇）")
            return FieldError(spec.key, code, message.format(label=self._label(spec)))
        return first.strip(), second.strip()

    def _compile_topic(self, spec: FieldSpec) -> _Check:
        def check(value: Any, now: datetime) -> FieldError | None:
            parts = self._parts(spec, value)
            if isinstance(parts, FieldError):
                return parts
            class_name, item_name = parts
            if self._catalog.is_valid_topic(class_name, item_name):
                return None
            return FieldError(
                spec.key,
                ErrorCode.UNKNOWN_TOPIC,
                tr("FormValidation", "{label}“{class_name} / {item_name}”不在业务主题分类中").format(
                    label=self._label(spec), class_name=class_name, item_name=item_name
                ),
            )

        return check

    def _compile_place(self, spec: FieldSpec) -> _Check:
        def check(value: Any, now: datetime) -> FieldError | None:
            parts = self._parts(spec, value)
            if isinstance(parts, FieldError):
                return parts
            district, street = parts
            if self._catalog.is_valid_place(district, street):
                return None
            return FieldError(
                spec.key,
                ErrorCode.UNKNOWN_PLACE,
                tr("FormValidation", "{label}“{district} {street}”不在区县街道列表中").format(
                    label=self._label(spec), district=district, street=street
                ),
            )

        return check


def validate_form(
    schema: FormSchema,
    values: Mapping[str, Any],
    catalog: OptionCatalog,
    now: datetime | None = None,
) -> list[FieldError]:
    """Validate ``values`` once; for repeated validation keep a ``FormValidator`` instead."""
    return FormValidator(schema, catalog).validate(values, now)


def normalise_values(schema: FormSchema, values: Mapping[str, Any]) -> dict[str, Any]:
    """Return the values as sent to the backend: visible, filled fields only, in form order.

    Text is stripped, phone numbers become E.164, date-times ISO 8601 text, topic and place values
    plain ``{part: text}`` objects. Values that do not parse are kept as given: validation, not this
    function, decides whether an order may be sent.
    """
    effective = schema.effective_values(values)
    result: dict[str, Any] = {}
    for spec in schema.fields:
        value = effective.get(spec.key)
        if not is_filled(value):
            continue
        if spec.type is FieldType.PHONE and isinstance(value, str):
            info = parse_phone(value, spec.default_region, spec.local_area_code)
            result[spec.key] = info.e164 if info is not None else value.strip()
        elif isinstance(value, str):
            result[spec.key] = value.strip()
        elif isinstance(value, datetime):
            result[spec.key] = value.isoformat()
        elif spec.type in PARTS and isinstance(value, Mapping):
            result[spec.key] = {name: str(value.get(name, "")).strip() for name in PARTS[spec.type]}
        else:
            result[spec.key] = value
    return result
