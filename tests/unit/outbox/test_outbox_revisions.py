"""A refused order is not retried; its correction goes out as a new revision under a derived key."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from outbox_testkit import OWNER, FakeSender, OrderDesk

from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import load_default as load_default_schema
from seatclient.outbox import (
    DuplicateKeyError,
    EntryState,
    Outbox,
    OutboxStore,
    draft_from_payload,
    form_key_for,
    map_field_errors,
    revision_key,
    split_revision,
)

BASE = f"order:{OWNER}:call-7"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OutboxStore]:
    with OutboxStore(tmp_path / "outbox.sqlite3") as opened:
        yield opened


def refuse_bad_phones(payload: Mapping[str, Any]) -> dict[str, str] | None:
    fields = payload["fields"]
    problems = {}
    if fields["caller_phone"] == "bad":
        problems["fields.caller_phone"] = "号码无效"
    if not payload.get("unit_id"):
        problems["unit_id"] = "派单须选择承办单位"
    return problems or None


def order(phone: str, unit: str | None = "xihu-law") -> dict[str, Any]:
    return {
        "call_id": "call-7",
        "fields": {"caller_phone": phone},
        "disposition": "dispatch",
        "unit_id": unit,
    }


async def deliver_all(outbox: Outbox) -> None:
    task = asyncio.create_task(outbox.run())
    try:
        await asyncio.wait_for(outbox.drained(), 5)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def test_revision_keys_count_from_the_base() -> None:
    assert revision_key(BASE, 1) == BASE
    assert revision_key(BASE, 2) == f"{BASE}#r2"
    assert revision_key(BASE, 12) == f"{BASE}#r12"
    assert split_revision(f"{BASE}#r2") == (BASE, 2)
    assert split_revision(f"{BASE}#r12") == (BASE, 12)
    assert split_revision(BASE) == (BASE, 1)
    # "#r1" and "#r0" are never made, so they are part of an ordinary key.
    assert split_revision("k#r1") == ("k#r1", 1)
    assert split_revision("k#r0") == ("k#r0", 1)
    with pytest.raises(ValueError):
        revision_key(BASE, 0)


@pytest.mark.asyncio
async def test_a_refused_order_is_not_retried_and_its_correction_is_a_new_revision(
    store: OutboxStore,
) -> None:
    sender = FakeSender(desk=OrderDesk(reject=refuse_bad_phones))
    outbox = Outbox(store, sender, OWNER)
    first = outbox.enqueue_revision("order.create", order("bad", None), BASE, lane="orders")
    assert first.idempotency_key == BASE
    await deliver_all(outbox)
    refused = outbox.get(first.id)
    assert refused is not None and refused.state is EntryState.REJECTED
    assert dict(refused.field_errors) == {"fields.caller_phone": "号码无效", "unit_id": "派单须选择承办单位"}
    assert outbox.status().rejected == 1
    assert sender.calls == [BASE]

    # Same content again (a double press on the refused form) is still a correction: a new key.
    second = outbox.enqueue_revision("order.create", order("bad"), BASE, lane="orders")
    assert second.idempotency_key == f"{BASE}#r2"
    old = outbox.get(first.id)
    assert old is not None and old.acknowledged
    assert outbox.status().rejected == 0
    await deliver_all(outbox)
    assert outbox.get(second.id).state is EntryState.REJECTED  # type: ignore[union-attr]

    third = outbox.enqueue_revision("order.create", order("+8613957100421"), BASE, lane="orders")
    assert third.idempotency_key == f"{BASE}#r3"
    await deliver_all(outbox)
    delivered = outbox.get(third.id)
    assert delivered is not None and delivered.state is EntryState.DELIVERED
    assert sender.calls == [BASE, f"{BASE}#r2", f"{BASE}#r3"]
    assert sender.desk.effects == [f"{BASE}#r3"]
    assert outbox.latest_revision(BASE) == delivered

    # A double press after delivery stores nothing new; different content is refused.
    assert outbox.enqueue_revision("order.create", order("+8613957100421"), BASE, lane="orders") == delivered
    with pytest.raises(DuplicateKeyError):
        outbox.enqueue_revision("order.create", order("+8613900000000"), BASE, lane="orders")
    assert len(outbox.entries()) == 3


def test_a_pending_order_is_not_revised(store: OutboxStore) -> None:
    outbox = Outbox(store, FakeSender(), OWNER)
    queued = outbox.enqueue_revision("order.create", order("+8613957100421"), BASE)
    assert outbox.enqueue_revision("order.create", order("+8613957100421"), BASE) == queued
    with pytest.raises(DuplicateKeyError):
        outbox.enqueue_revision("order.create", order("+8613900000000"), BASE)
    # Another person's outbox does not see this person's revisions.
    assert Outbox(store, FakeSender(), "9999").latest_revision(BASE) is None


FORM_KEYS = ("caller_name", "caller_phone", "address", "matter_place", "business_topic")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("caller_phone", "caller_phone"),
        ("fields.caller_phone", "caller_phone"),
        ("body.fields.caller_phone", "caller_phone"),
        ("caller.phone", "caller_phone"),
        ("fields.caller.phone", "caller_phone"),
        ("matter_place.district", "matter_place"),
        ("fields.matter_place.street", "matter_place"),
        ("business_topic.0", "business_topic"),
        ("unit_id", None),
        ("fields", None),
        ("caller", None),
        ("fields.unknown_field", None),
    ],
)
def test_backend_field_names_map_to_form_keys(name: str, key: str | None) -> None:
    assert form_key_for(name, FORM_KEYS) == key


def test_field_errors_are_split_between_the_form_and_the_notice_and_none_is_dropped() -> None:
    errors = map_field_errors(
        {
            "fields.caller_phone": "号码无效",
            "caller.phone": "不是本市号码",
            "fields.matter_place.district": "没有这个区",
            "unit_id": "没有编号为 X 的承办单位",
            "extra_thing": "不认识",
            "fields.caller_name": "号码无效",
        },
        FORM_KEYS,
    )
    assert dict(errors.by_field) == {
        "caller_phone": "号码无效；不是本市号码",
        "matter_place": "没有这个区",
        "caller_name": "号码无效",
    }
    assert dict(errors.outside) == {"unit_id": "没有编号为 X 的承办单位", "extra_thing": "不认识"}
    assert errors.outside_text() == "承办单位：没有编号为 X 的承办单位；extra_thing：不认识"
    assert errors
    assert not map_field_errors({}, FORM_KEYS)


def test_a_payload_gives_back_the_draft_it_was_made_from() -> None:
    schema = load_default_schema()
    moment = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    values = {"caller_name": " 王建国 ", "caller_phone": "13957100421", "caller_request": "请修路灯"}
    draft = OrderDraft.start(schema, "call-7", OWNER, values, now=moment)
    payload = draft.to_payload(schema)
    back = draft_from_payload(payload)
    assert (back.call_id, back.job_number, back.created_at, back.confidential) == (
        "call-7",
        OWNER,
        moment,
        False,
    )
    assert back.values["caller_name"] == "王建国"
    assert back.values["caller_phone"] == "+8613957100421"
    assert back.values["caller_request"] == "请修路灯"
    with pytest.raises(ValueError):
        draft_from_payload({"call_id": "c", "job_number": OWNER, "fields": {}})
    with pytest.raises(ValueError):
        draft_from_payload({**payload, "created_at": "2026-03-02T10:00:00"})
