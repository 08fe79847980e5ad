"""The order payload sent to the backend, and how a confidential order marks its protected fields."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import FormSchema, load_default

STARTED = datetime(2025, 11, 22, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def schema() -> FormSchema:
    return load_default()


def values(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "caller_name": "李女士",
        "caller_phone": "0571 8765 4321",
        "address": "上城区湖滨街道平海路 1 号",
        "request_type": "help",
        "involved_party": "",
        "occurred_at": datetime(2025, 11, 22, 9, 30, tzinfo=timezone(timedelta(hours=8))),
        "occurred_location": "平海路 1 号",
        "event_description": "小区停水两天。",
        "caller_request": "尽快恢复供水。",
        "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
        "matter_place": {"district": "上城区", "street": "湖滨街道"},
    }
    base.update(changes)
    return base


def test_confidential_payload_marks_the_identity_fields(schema: FormSchema) -> None:
    draft = OrderDraft.start(schema, "call-42", "8001", values(confidential=True), now=STARTED)
    payload = draft.to_payload(schema)
    assert payload["confidential"] is True
    assert payload["protected_fields"] == ["caller_name", "caller_phone", "address"]
    assert payload["fields"]["confidential"] is True
    # The backend withholds them; the client still sends them so the hotline itself can call back.
    assert payload["fields"]["caller_name"] == "李女士"
    assert payload["fields"]["caller_phone"] == "+8657187654321"


def test_ordinary_payload_protects_nothing(schema: FormSchema) -> None:
    payload = OrderDraft.start(schema, "call-43", "8001", values(), now=STARTED).to_payload(schema)
    assert payload["confidential"] is False
    assert payload["protected_fields"] == []
    assert payload["fields"]["confidential"] is False


def test_payload_shape(schema: FormSchema) -> None:
    draft = OrderDraft.start(schema, "call-44", "8001", values(), now=STARTED)
    payload = draft.to_payload(schema)
    assert payload == {
        "form": "hz_intake",
        "form_version": 1,
        "call_id": "call-44",
        "job_number": "8001",
        "created_at": "2025-11-22T02:00:00+00:00",
        "updated_at": "2025-11-22T02:00:00+00:00",
        "fields": {
            "caller_name": "李女士",
            "phone_withheld": False,
            "caller_phone": "+8657187654321",
            "address": "上城区湖滨街道平海路 1 号",
            "request_type": "help",
            "confidential": False,
            "occurred_at": "2025-11-22T09:30:00+08:00",
            "occurred_location": "平海路 1 号",
            "event_description": "小区停水两天。",
            "caller_request": "尽快恢复供水。",
            "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
            "matter_place": {"district": "上城区", "street": "湖滨街道"},
            "time_limit_class": "general",
        },
        "confidential": False,
        "protected_fields": [],
    }
    json.dumps(payload)  # plain JSON, nothing left that the encoder cannot write


def test_withheld_number_is_not_sent(schema: FormSchema) -> None:
    draft = OrderDraft.start(
        schema,
        "call-45",
        "8001",
        values(phone_withheld=True, phone_withheld_reason="号码隐藏", confidential=True),
        now=STARTED,
    )
    fields = draft.to_payload(schema)["fields"]
    assert "caller_phone" not in fields
    assert fields["phone_withheld_reason"] == "号码隐藏"


def test_with_values_follows_the_confidential_box(schema: FormSchema) -> None:
    draft = OrderDraft.start(schema, "call-46", "8001", values(), now=STARTED)
    assert draft.confidential is False
    later = STARTED + timedelta(seconds=30)
    ticked = draft.with_values(schema, {**draft.values, "confidential": True}, now=later)
    assert ticked.confidential is True
    assert (ticked.created_at, ticked.updated_at) == (STARTED, later)
    assert draft.confidential is False  # the original is unchanged
    assert ticked.to_payload(schema)["protected_fields"] == ["caller_name", "caller_phone", "address"]


def test_draft_values_are_frozen_json(schema: FormSchema) -> None:
    draft = OrderDraft.start(schema, "call-47", "8001", values(), now=STARTED)
    assert draft.values["occurred_at"] == "2025-11-22T09:30:00+08:00"
    with pytest.raises(TypeError):
        draft.values["caller_name"] = "x"  # type: ignore[index]
    assert json.loads(draft.values_json())["caller_name"] == "李女士"


def test_draft_needs_identity_and_aware_times(schema: FormSchema) -> None:
    with pytest.raises(ValueError):
        OrderDraft.start(schema, "", "8001", values(), now=STARTED)
    with pytest.raises(ValueError):
        OrderDraft.start(schema, "call-48", "8001", values(), now=datetime(2025, 11, 22, 10, 0))
