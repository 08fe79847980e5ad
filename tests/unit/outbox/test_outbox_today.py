"""The today list: rows from outbox entries, hand-checked, one row per order across revisions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from seatclient.outbox import DeliveryState, EntryState, OutboxEntry, PayloadKeys, TodayList, today_order

# 10:00 in Hangzhou on 2 March 2026.
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def payload(call: str, name: str = "王建国", confidential: bool = False, **extra: Any) -> dict[str, Any]:
    return {
        "call_id": call,
        "fields": {
            "caller_name": name,
            "caller_phone": "+8613957100421",
            "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
            "confidential": confidential,
        },
        "confidential": confidential,
        "disposition": "dispatch",
        "unit_id": "xihu-law",
        **extra,
    }


def entry(
    entry_id: int,
    call: str,
    state: EntryState,
    *,
    key: str | None = None,
    enqueued_at: datetime = NOW,
    body: dict[str, Any] | None = None,
    **extra: Any,
) -> OutboxEntry:
    return OutboxEntry(
        id=entry_id,
        idempotency_key=key or f"order:1001:{call}",
        owner="1001",
        kind="order.create",
        lane="orders",
        payload=body or payload(call),
        state=state,
        attempts=1,
        enqueued_at=enqueued_at,
        **extra,
    )


ACK = {"order_number": "HZ20260302000007", "due": "2026-03-11", "unit_name": "西湖区综合行政执法局"}


def test_a_delivered_order_shows_number_caller_topic_disposition_and_due_date() -> None:
    row = today_order(entry(1, "c1", EntryState.DELIVERED, ack=ACK))
    assert row.order_number == "HZ20260302000007"
    assert row.caller == "王建国"
    assert row.topic == "城乡建设 / 城市建设和管理"
    assert row.disposition == "派单"
    assert row.unit_name == "西湖区综合行政执法局"
    assert row.due == date(2026, 3, 11) and row.due_text() == "03-11"
    assert row.state is DeliveryState.DELIVERED and row.state_text() == "已送达"
    assert (row.base_key, row.revision, row.needs_attention) == ("order:1001:c1", 1, False)


def test_a_confidential_caller_is_masked_and_an_emergency_is_named_by_its_line() -> None:
    body = payload("c2", confidential=True, disposition="emergency_transfer", emergency_line="119")
    row = today_order(entry(2, "c2", EntryState.QUEUED, body=body))
    assert row.caller == "王**"
    assert row.disposition == "转接 119"
    assert (row.order_number, row.due, row.due_text()) == (None, None, "")
    body["fields"]["caller_name"] = ""
    assert today_order(entry(2, "c2", EntryState.QUEUED, body=body)).caller == "139****0421"


def test_states_read_as_the_call_taker_needs_them() -> None:
    retry_at = datetime(2026, 3, 2, 2, 32, 40, tzinfo=UTC)
    retrying = today_order(
        entry(3, "c3", EntryState.QUEUED, next_attempt_at=retry_at, error_kind="unreachable")
    )
    assert retrying.state is DeliveryState.RETRYING
    assert retrying.state_text() == "10:32 重试"  # Beijing time
    assert retrying.retry_at == retry_at
    assert today_order(entry(3, "c3", EntryState.QUEUED)).state_text() == "待发送"
    assert today_order(entry(3, "c3", EntryState.SENDING)).state_text() == "发送中"
    refused = today_order(
        entry(
            3,
            "c3",
            EntryState.REJECTED,
            error_message="工单内容不完整或有误",
            field_errors={"fields.caller_phone": "号码无效"},
        )
    )
    assert refused.needs_attention and refused.state_text() == "被退回，待修改"
    assert refused.problem == "服务器退回：工单内容不完整或有误（fields.caller_phone：号码无效）"
    seen = today_order(entry(3, "c3", EntryState.REJECTED, acknowledged=True))
    assert not seen.needs_attention and seen.state_text() == "被退回（已处理）"
    assert today_order(entry(3, "c3", EntryState.FAILED)).state_text() == "发送失败"


def test_the_list_keeps_one_row_per_order_newest_first() -> None:
    today = TodayList(now=lambda: NOW)
    first = entry(1, "c1", EntryState.QUEUED)
    assert today.would_insert(first)
    change = today.apply(first)
    assert change is not None and (change.row, change.inserted) == (0, True)
    second = entry(2, "c2", EntryState.QUEUED)
    today.apply(second)
    assert [row.call_id for row in today.rows()] == ["c2", "c1"]
    assert today.pending_count() == 2

    # c1 is sent and refused: its row (index 1, below the newer c2) changes in place.
    assert not today.would_insert(entry(1, "c1", EntryState.SENDING))
    change = today.apply(entry(1, "c1", EntryState.SENDING))
    assert change is not None and (change.row, change.inserted) == (1, False)
    today.apply(entry(1, "c1", EntryState.REJECTED, error_message="不行"))
    assert today.row(1).state is DeliveryState.REJECTED
    assert (today.pending_count(), today.attention_count(), today.count(DeliveryState.REJECTED)) == (1, 1, 1)

    # The correction (revision 2) replaces the refused row; the refusal's acknowledgement,
    # announced afterwards, does not bring the old revision back.
    corrected = entry(3, "c1", EntryState.QUEUED, key="order:1001:c1#r2")
    assert not today.would_insert(corrected)
    today.apply(corrected)
    assert today.apply(entry(1, "c1", EntryState.REJECTED, acknowledged=True)) is None
    assert (today.row(1).entry_id, today.row(1).revision) == (3, 2)
    assert today.find(3) == 1 and today.find(1) is None
    # The same entry announced twice unchanged is no change.
    assert today.apply(corrected) is None
    assert len(today) == 2
    assert (today.pending_count(), today.attention_count(), today.count(DeliveryState.REJECTED)) == (2, 0, 0)
    today.load([])
    assert (len(today), today.pending_count(), today.attention_count()) == (0, 0, 0)


def test_only_todays_orders_and_older_ones_still_needing_the_call_taker_are_listed() -> None:
    today = TodayList(now=lambda: NOW)
    # 23:59 yesterday in Hangzhou is 15:59 UTC the day before; 00:01 today is 16:01 UTC.
    yesterday = datetime(2026, 3, 1, 15, 59, tzinfo=UTC)
    just_today = datetime(2026, 3, 1, 16, 1, tzinfo=UTC)
    today.load(
        [
            entry(1, "old-done", EntryState.DELIVERED, enqueued_at=yesterday, ack=ACK),
            entry(2, "old-refused", EntryState.REJECTED, enqueued_at=yesterday),
            entry(3, "old-seen", EntryState.REJECTED, enqueued_at=yesterday, acknowledged=True),
            entry(4, "old-waiting", EntryState.QUEUED, enqueued_at=yesterday - timedelta(days=2)),
            entry(5, "new-done", EntryState.DELIVERED, enqueued_at=just_today, ack=ACK),
        ]
    )
    assert [row.call_id for row in today.rows()] == ["new-done", "old-waiting", "old-refused"]
    other = OutboxEntry(
        id=9,
        idempotency_key="note:1",
        owner="1001",
        kind="note.create",
        lane="notes",
        payload={},
        state=EntryState.QUEUED,
        attempts=0,
        enqueued_at=NOW,
    )
    assert not today.would_insert(other) and today.apply(other) is None


def test_the_topic_key_comes_from_the_form() -> None:
    from seatclient.forms.schema import load_default as load_default_schema

    assert PayloadKeys.from_schema(load_default_schema()).topic == "business_topic"
