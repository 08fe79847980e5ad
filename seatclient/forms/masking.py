"""Masking of a caller's identity (HZ 7.3, ZJ art. 19, 25): names, phone numbers and addresses.

A confidential order is shown masked everywhere but in its own edit form: lists, window titles and
logs. Which fields are masked, and how, comes from the form schema (``confidential_mask``). Phone
numbers are masked in every log record, confidential or not, by ``PhoneMaskingFilter``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import PARTS, FieldType, FormSchema, MaskKind, is_filled
from seatclient.forms.validation import PhoneKind, parse_phone

MASK = "**"
"""What replaces the given name: always two marks, so the mask does not reveal the name's length."""

COMPOUND_SURNAMES = frozenset(
    {
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "司空", "夏侯", "令狐", "端木", "西门", "南宫", "独孤", "轩辕",
        "万俟", "闻人", "澹台", "公羊", "申屠", "太史", "钟离", "赫连", "第五", "濮阳",
        "淳于", "单于", "呼延", "拓跋", "百里", "东郭", "左丘", "梁丘", "公冶", "宗政",
        "亓官", "司寇", "子车", "巫马", "公西", "漆雕", "乐正", "壤驷", "公良", "谷梁",
        "段干", "鲜于", "羊舌", "微生", "东门", "南门", "仲孙", "叔孙", "季孙",
    }
)  # fmt: skip
"""Two-character surnames kept whole when a name is masked (欧阳娜娜 → 欧阳**)."""

# Administrative names in Zhejiang are short: a district or county name has two characters before
# 区/县/市 (西湖区, 淳安县, 建德市), so a longer run ending in 区 (翠苑一区, a housing estate) is not kept.
_ADDRESS_PREFIX = re.compile(
    r"(?:[^\d\sA-Za-z]{2,3}?省)?"
    r"(?:[^\d\sA-Za-z]{2,3}?市)?"
    r"(?:[^\d\sA-Za-z]{2}(?:新区|区|县|市))?"
    r"(?:[^\d\sA-Za-z]{2,4}?(?:街道|镇|乡))?"
)
_DIGIT = re.compile(r"\d")

# One pass over free text; each alternative is a named group so the replacement knows what it found.
# Lookarounds stop a match inside a longer run of digits (order numbers, timestamps).
_SENSITIVE_IN_TEXT = re.compile(
    r"(?<!\d)(?:"
    r"(?P<id_card>[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx])"
    r"|(?:(?:\+|00)?86[\s-]?)?(?P<mobile_head>1[3-9]\d)[\s-]?\d{4}[\s-]?(?P<mobile_tail>\d{4})"
    r"|(?:(?:\+|00)?86[\s-]?0?|0)(?P<area>10|2\d|[3-9]\d{2})[\s-]?(?P<local_body>\d{3,4})[\s-]?(?P<local_tail>\d{4})"
    r"|(?P<bare_body>[2-9]\d{3})[\s-]?(?P<bare_tail>\d{4})"
    r")(?!\d)"
)


def mask_name(name: str) -> str:
    """Keep the surname and replace the rest: ``张三丰`` → ``张**``, ``欧阳娜娜`` → ``欧阳**``.

    A two-character name keeps one character even when it starts like a compound surname, because
    ``欧阳`` alone may be surname 欧 and given name 阳. A Latin-script name keeps its first letter.
    """
    text = name.strip()
    if not text:
        return ""
    if len(text) >= 3 and text[:2] in COMPOUND_SURNAMES:
        return text[:2] + MASK
    return text[0] + MASK


def mask_phone(text: str, region: str = "CN", local_area_code: str | None = None) -> str:
    """Mask a phone number: ``13812345678`` → ``138****5678``, ``0571-87654321`` → ``0571-****4321``.

    A number that does not parse keeps only its last four digits (fewer when it is short), so a typo
    never leaks a number either.
    """
    info = parse_phone(text, region, local_area_code)
    if info is None:
        digits = "".join(_DIGIT.findall(text))
        keep = 4 if len(digits) >= 8 else 0
        return "*" * (len(digits) - keep) + digits[len(digits) - keep :] if digits else ""
    hidden = len(info.subscriber) - 4
    if info.kind is PhoneKind.MOBILE:
        return info.subscriber[:3] + "*" * (hidden - 3) + info.subscriber[-4:]
    return f"{info.area_code}-{'*' * hidden}{info.subscriber[-4:]}"


def mask_address(address: str, place: Mapping[str, Any] | None = None) -> str:
    """Keep only the province/city/district/street prefix of an address and mask the rest.

    ``杭州市西湖区文三路 90 号`` → ``杭州市西湖区***``. When the order's place of the matter is known
    (``{"district": ..., "street": ...}``) and the address starts with it, that prefix is used, which
    also covers district names the pattern cannot recognise.
    """
    text = address.strip()
    if not text:
        return ""
    kept = _ADDRESS_PREFIX.match(text)
    prefix = kept.group(0) if kept else ""
    if place is not None:
        known = ""
        for part in ("district", "street"):
            name = place.get(part)
            if isinstance(name, str) and name and text[len(known) :].startswith(name):
                known += name
        if len(known) > len(prefix):
            prefix = known
    return prefix + "***"


def mask_sensitive_text(text: str) -> str:
    """Mask every phone number (mobile, fixed line, 8-digit local) and ID card number in free text.

    Used for log records; an 8-digit run such as ``20251122`` is masked too, because telling it from
    a local phone number is not possible, and a masked date in a log costs less than a leaked number.
    """
    if not text:
        return text
    return _SENSITIVE_IN_TEXT.sub(_mask_match, text)


def _mask_match(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups["id_card"]:
        card = groups["id_card"]
        return card[:6] + "*" * 8 + card[-4:]
    if groups["mobile_head"]:
        return f"{groups['mobile_head']}****{groups['mobile_tail']}"
    if groups["area"]:
        return f"0{groups['area']}-{'*' * len(groups['local_body'])}{groups['local_tail']}"
    return f"****{groups['bare_tail']}"


def masked_values(schema: FormSchema, values: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of ``values`` with the identity fields masked and scrubbed from the free text.

    Fields with a ``confidential_mask`` are masked by kind. Every other text value has the exact
    name, phone number and address replaced by their masks (callers repeat them while telling the
    matter) and any other phone or ID card number masked.
    """
    place = _place_of(schema, values)
    result = dict(values)
    replacements: list[tuple[str, str]] = []
    for spec in schema.fields:
        mask = spec.confidential_mask
        value = values.get(spec.key)
        if mask is None or not isinstance(value, str) or not is_filled(value):
            continue
        original = value.strip()
        if mask is MaskKind.NAME:
            masked = mask_name(original)
        elif mask is MaskKind.PHONE:
            masked = mask_phone(original, spec.default_region, spec.local_area_code)
            info = parse_phone(original, spec.default_region, spec.local_area_code)
            if info is not None:
                replacements.append((info.display, masked))
                replacements.append((info.subscriber, masked))
        else:
            masked = mask_address(original, place)
        result[spec.key] = masked
        replacements.append((original, masked))
    # Longest first, so a full address is replaced before a shorter value contained in it.
    replacements = sorted(
        {(original, masked) for original, masked in replacements if len(original) >= 2},
        key=lambda pair: -len(pair[0]),
    )
    for spec in schema.fields:
        value = result.get(spec.key)
        if spec.confidential_mask is not None or not isinstance(value, str) or not value:
            continue
        for original, masked in replacements:
            value = value.replace(original, masked)
        result[spec.key] = mask_sensitive_text(value)
    return result


def display_values(schema: FormSchema, draft: OrderDraft) -> dict[str, Any]:
    """Return the values to show for ``draft`` in lists: masked when the order is confidential."""
    return masked_values(schema, draft.values) if draft.confidential else dict(draft.values)


def order_title(schema: FormSchema, draft: OrderDraft, language: str = "zh_CN") -> str:
    """Return a one-line title for a list row or window title from the form's ``summary_fields``.

    Choices show their label, topics and places their two parts; identity fields are masked when
    the order is confidential. Empty fields are left out.
    """
    values = display_values(schema, draft)
    parts: list[str] = []
    for key in schema.summary_fields:
        spec = schema.field(key)
        value = values.get(key)
        if not is_filled(value):
            continue
        if spec.type is FieldType.CHOICE and isinstance(value, str):
            parts.append(spec.option_label(value, language) or value)
        elif spec.type in PARTS and isinstance(value, Mapping):
            parts.append(" ".join(str(value.get(name, "")).strip() for name in PARTS[spec.type]).strip())
        elif isinstance(value, str):
            parts.append(value.strip())
    return " · ".join(parts)


def order_log_summary(schema: FormSchema, draft: OrderDraft) -> str:
    """Return a line describing ``draft`` for logs: ids and masked identity fields, always masked.

    Logs leave the workstation (support bundles), so identity is masked even for ordinary orders,
    and free-text fields are left out because a caller may say a number or name in them.
    """
    masked = masked_values(schema, draft.values)
    identity = ", ".join(
        f"{key}={masked[key]}" for key in schema.protected_fields() if is_filled(masked.get(key))
    )
    return (
        f"order call_id={draft.call_id} job_number={draft.job_number} "
        f"confidential={str(draft.confidential).lower()} {identity}"
    ).rstrip()


def _place_of(schema: FormSchema, values: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for spec in schema.fields:
        value = values.get(spec.key)
        if spec.type is FieldType.PLACE and isinstance(value, Mapping):
            return value
    return None


class PhoneMaskingFilter(logging.Filter):
    """A logging filter that masks phone and ID card numbers in every record it sees.

    Install it on the handlers (a filter on a logger does not see records of its child loggers).
    It renders the message with its arguments, masks the result and stores it back, and masks the
    formatted exception and stack text too, since exception messages often quote the bad value.
    """

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask ``record`` in place; always lets it through."""
        try:
            message = record.getMessage()
        except Exception:  # a malformed call must still not leak its arguments
            message = f"{record.msg} {record.args!r}"
        record.msg = mask_sensitive_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_sensitive_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_sensitive_text(record.stack_info)
        return True
