"""Masking of callers' identity in lists, titles and logs."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from seatclient.forms.masking import (
    PhoneMaskingFilter,
    display_values,
    mask_address,
    mask_name,
    mask_phone,
    mask_sensitive_text,
    masked_values,
    order_log_summary,
    order_title,
)
from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import FormSchema, load_default

CREATED = datetime(2025, 11, 22, 2, 0, tzinfo=UTC)

NAME = "欧阳娜娜"
PHONE = "13812345678"
ADDRESS = "浙江省杭州市西湖区西溪街道文三路 90 号 3 幢 502 室"


@pytest.fixture(scope="module")
def schema() -> FormSchema:
    return load_default()


def draft(schema: FormSchema, *, confidential: bool, **changes: Any) -> OrderDraft:
    values: dict[str, Any] = {
        "caller_name": NAME,
        "caller_phone": PHONE,
        "address": ADDRESS,
        "request_type": "complaint_report",
        "confidential": confidential,
        "involved_party": "某某餐馆",
        "event_description": f"来电人{NAME}反映，她住在{ADDRESS}，楼下餐馆油烟直排。回电请打 138 1234 5678。",
        "caller_request": "要求整改",
        "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
        "matter_place": {"district": "西湖区", "street": "西溪街道"},
    }
    values.update(changes)
    return OrderDraft.start(schema, "call-7", "8001", values, now=CREATED)


def identity_fragments() -> list[str]:
    """Every form in which the caller's identity could leak: the whole values and their telling parts."""
    return [NAME, "娜娜", PHONE, "+8613812345678", "1234 5678", "12345678", ADDRESS, "文三路", "90 号", "502"]


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张**"),
        ("张三丰", "张**"),
        ("王女士", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("诸葛亮", "诸葛**"),
        ("司马相如", "司马**"),
        ("欧阳", "欧**"),  # two characters: surname 欧 and given name 阳 is as likely
        ("李", "李**"),
        (" 赵四 ", "赵**"),
        ("John Smith", "J**"),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("0571-87654321", "0571-****4321"),
        ("057187654321", "0571-****4321"),
        ("021-87654321", "021-****4321"),
        ("12345", "*****"),  # not a number: nothing kept
        ("1381234567x", "******4567"),  # a typo keeps only the last four digits
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_mask_local_phone_with_area_code() -> None:
    assert mask_phone("87654321", local_area_code="0571") == "0571-****4321"


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("浙江省杭州市西湖区西溪街道文三路 90 号", "浙江省杭州市西湖区西溪街道***"),
        ("杭州市上城区湖滨街道平海路 1 号", "杭州市上城区湖滨街道***"),
        ("西湖区文三路 90 号", "西湖区***"),
        ("淳安县千岛湖镇新安大街 5 号", "淳安县千岛湖镇***"),
        ("杭州市建德市新安江街道 12 号", "杭州市建德市新安江街道***"),
        ("文三路 90 号", "***"),
        ("翠苑一区 3 幢", "***"),
        ("", ""),
    ],
)
def test_mask_address(address: str, masked: str) -> None:
    assert mask_address(address) == masked


def test_mask_address_uses_the_known_place() -> None:
    place = {"district": "西湖风景名胜区", "street": "龙井村"}
    assert mask_address("西湖风景名胜区龙井村 12 号", place) == "西湖风景名胜区龙井村***"
    assert mask_address("西湖风景名胜区龙井村 12 号") == "***"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("caller 13812345678 rang", "caller 138****5678 rang"),
        ("tel:+86-138-1234-5678.", "tel:138****5678."),
        ("8613812345678", "138****5678"),
        ("landline 0571-87654321 and 057187654321", "landline 0571-****4321 and 0571-****4321"),
        ("+8657187654321", "0571-****4321"),
        ("Shanghai 021 8765 4321", "Shanghai 021-****4321"),
        ("local 87654321", "local ****4321"),
        ("id 330106199001011234 card", "id 330106********1234 card"),
        ("id 33010619900101123X", "id 330106********123X"),
        ("call id 1732261234567890 ok", "call id 1732261234567890 ok"),  # a longer digit run is not a phone
        ("2025-11-22 10:00:00,123", "2025-11-22 10:00:00,123"),
        ("port 8080, pid 1234567", "port 8080, pid 1234567"),
    ],
)
def test_mask_sensitive_text(text: str, masked: str) -> None:
    assert mask_sensitive_text(text) == masked


def test_confidential_display_values_leak_nothing(schema: FormSchema) -> None:
    shown = display_values(schema, draft(schema, confidential=True))
    assert shown["caller_name"] == "欧阳**"
    assert shown["caller_phone"] == "138****5678"
    assert shown["address"] == "浙江省杭州市西湖区西溪街道***"
    everything = repr(shown)
    for fragment in identity_fragments():
        assert fragment not in everything
    # The account of the matter stays readable, with the identity replaced by its masks.
    assert shown["event_description"].startswith(
        "来电人欧阳**反映，她住在浙江省杭州市西湖区西溪街道***，楼下餐馆油烟直排"
    )
    assert shown["event_description"].endswith("回电请打 138****5678。")
    assert shown["involved_party"] == "某某餐馆"


def test_ordinary_display_values_are_shown_as_typed(schema: FormSchema) -> None:
    shown = display_values(schema, draft(schema, confidential=False))
    assert shown["caller_name"] == NAME and shown["caller_phone"] == PHONE


def test_masked_values_scrub_the_number_in_every_typed_form(schema: FormSchema) -> None:
    values = {"caller_phone": "0571-87654321", "notes": "已拨 87654321 未接，改拨 0571 8765 4321"}
    masked = masked_values(schema, values)
    assert masked["caller_phone"] == "0571-****4321"
    assert masked["notes"] == "已拨 0571-****4321 未接，改拨 0571-****4321"


def test_titles(schema: FormSchema) -> None:
    assert order_title(schema, draft(schema, confidential=True)) == (
        "投诉举报 · 欧阳** · 138****5678 · 城乡建设 城市建设和管理"
    )
    assert order_title(schema, draft(schema, confidential=False)) == (
        f"投诉举报 · {NAME} · {PHONE} · 城乡建设 城市建设和管理"
    )
    assert order_title(schema, draft(schema, confidential=False), "en") == (
        f"Complaint or report · {NAME} · {PHONE} · 城乡建设 城市建设和管理"
    )
    assert order_title(schema, draft(schema, confidential=True, caller_phone="", request_type=None)) == (
        "欧阳** · 城乡建设 城市建设和管理"
    )


@pytest.mark.parametrize("confidential", [True, False])
def test_log_summary_is_always_masked(schema: FormSchema, confidential: bool) -> None:
    summary = order_log_summary(schema, draft(schema, confidential=confidential))
    assert summary == (
        f"order call_id=call-7 job_number=8001 confidential={str(confidential).lower()} "
        "caller_name=欧阳**, caller_phone=138****5678, address=浙江省杭州市西湖区西溪街道***"
    )
    for fragment in identity_fragments():
        assert fragment not in summary


@pytest.fixture
def masked_log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    handler.addFilter(PhoneMaskingFilter())
    parent = logging.getLogger("test_form_masking")
    parent.addHandler(handler)
    parent.setLevel(logging.DEBUG)
    parent.propagate = False
    try:
        yield parent, stream
    finally:
        parent.removeHandler(handler)


def test_log_filter_masks_arguments_messages_and_child_loggers(
    masked_log: tuple[logging.Logger, io.StringIO],
) -> None:
    parent, stream = masked_log
    parent.info("incoming call from %s", "13812345678")
    parent.getChild("softphone").warning("callback to 0571-87654321 failed after %d tries", 3)
    parent.debug("dict %s", {"caller_phone": "+8613812345678"})
    output = stream.getvalue()
    assert output.splitlines() == [
        "test_form_masking INFO incoming call from 138****5678",
        "test_form_masking.softphone WARNING callback to 0571-****4321 failed after 3 tries",
        "test_form_masking DEBUG dict {'caller_phone': '138****5678'}",
    ]


def test_log_filter_masks_exception_text(masked_log: tuple[logging.Logger, io.StringIO]) -> None:
    parent, stream = masked_log
    try:
        raise ValueError("bad number 13987654321")
    except ValueError:
        parent.exception("save failed")
    output = stream.getvalue()
    assert "ValueError: bad number 139****4321" in output
    assert "13987654321" not in output


def test_log_filter_survives_a_malformed_call(masked_log: tuple[logging.Logger, io.StringIO]) -> None:
    parent, stream = masked_log
    parent.info("two placeholders %s %s", "13812345678")
    output = stream.getvalue()
    assert "13812345678" not in output
    assert "138****5678" in output
