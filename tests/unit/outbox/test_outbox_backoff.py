"""Backoff and failure classification: hand-computed delays on an injected clock."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from outbox_testkit import OWNER, FakeClock, FakeSender, Fault, payload_for

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import ErrorBody
from seatclient.outbox import (
    EntryState,
    FailureKind,
    Outbox,
    OutboxEntry,
    OutboxStore,
    RetryPolicy,
    classify_failure,
)

WALL = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OutboxStore]:
    with OutboxStore(tmp_path / "outbox.sqlite3") as opened:
        yield opened


def outbox_on(
    store: OutboxStore, sender: FakeSender, clock: FakeClock, random_value: float, policy: RetryPolicy
) -> Outbox:
    return Outbox(
        store,
        sender,
        OWNER,
        policy=policy,
        clock=clock,
        sleep=clock.sleep,
        random=lambda: random_value,
        wall_clock=lambda: WALL + timedelta(seconds=clock.now - 1000.0),
    )


async def deliver_all(outbox: Outbox) -> None:
    task = asyncio.create_task(outbox.run())
    try:
        await asyncio.wait_for(outbox.drained(), 5)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def test_policy_delays_double_up_to_the_cap() -> None:
    policy = RetryPolicy(base_delay=1.0, factor=2.0, max_delay=60.0, jitter=0.5)
    assert [policy.delay(n, lambda: 0.0) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert [policy.delay(n, lambda: 0.5) for n in range(1, 5)] == [0.75, 1.5, 3.0, 6.0]
    assert policy.delay(3, lambda: 0.999) == pytest.approx(4 * (1 - 0.4995))
    assert policy.delay(0, lambda: 0.0) == 0.0
    assert policy.delay(100_000, lambda: 0.0) == 60.0  # a days-long outage does not overflow


@pytest.mark.parametrize(
    "arguments",
    [
        {"base_delay": 0.0},
        {"base_delay": 10.0, "max_delay": 5.0},
        {"factor": 0.5},
        {"jitter": 1.5},
        {"jitter": -0.1},
    ],
)
def test_policy_refuses_nonsense(arguments: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**arguments)


@pytest.mark.asyncio
async def test_one_entry_waits_1_2_4_8_16_seconds_and_records_each_next_attempt(store: OutboxStore) -> None:
    clock = FakeClock()
    sender = FakeSender(faults=deque([Fault.DOWN] * 5))
    outbox = outbox_on(store, sender, clock, 0.0, RetryPolicy())
    planned: list[float] = []
    summaries: list[str] = []

    def on_change(entry: OutboxEntry) -> None:
        if entry.state is EntryState.QUEUED and entry.next_attempt_at is not None:
            planned.append((entry.next_attempt_at - WALL).total_seconds())

    outbox.entry_changed.connect(on_change)
    outbox.status_changed.connect(lambda status: summaries.append(status.summary()))
    entry = outbox.enqueue("order.create", payload_for(1))
    await deliver_all(outbox)

    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0, 16.0]
    # Failure k happens at 1, 3, 7, 15 s after the first; the retry is planned one pause later.
    assert planned == [1.0, 3.0, 7.0, 15.0, 31.0]
    delivered = outbox.get(entry.id)
    assert delivered is not None and delivered.state is EntryState.DELIVERED and delivered.attempts == 6
    first_retry = (WALL + timedelta(seconds=1)).astimezone().strftime("%H:%M:%S")
    assert f"待发送 1 条（无法连接服务器，{first_retry} 重试）" in summaries
    assert summaries[-1] == ""


@pytest.mark.asyncio
async def test_jitter_shortens_each_pause_and_the_cap_holds(store: OutboxStore) -> None:
    clock = FakeClock()
    sender = FakeSender(faults=deque([Fault.SERVER_ERROR] * 6))
    outbox = outbox_on(store, sender, clock, 0.5, RetryPolicy(base_delay=1.0, max_delay=5.0, jitter=0.5))
    outbox.enqueue("order.create", payload_for(1))
    await deliver_all(outbox)
    assert clock.sleeps == [0.75, 1.5, 3.0, 3.75, 3.75, 3.75]


@pytest.mark.asyncio
async def test_two_lanes_take_turns_probing_under_one_growing_pause(store: OutboxStore) -> None:
    clock = FakeClock()
    sender = FakeSender(faults=deque([Fault.DOWN] * 4))
    outbox = outbox_on(store, sender, clock, 0.0, RetryPolicy())
    first = outbox.enqueue("order.create", payload_for(1, "call-a"), lane="call-a")
    second = outbox.enqueue("order.create", payload_for(2, "call-b"), lane="call-b")
    await deliver_all(outbox)
    # Hand-computed: the pause is global (1, 2, 4, 8 s after 1, 2, 3, 4 failures in a row) and
    # each probe after a failure goes to the other entry.
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]
    a, b = first.idempotency_key, second.idempotency_key
    assert sender.calls == [a, b, a, b, a, b]
    assert sender.desk.effects == [a, b]


def rejected(
    status: int, code: str = "validation_failed", fields: dict[str, str] | None = None
) -> BackendError:
    return BackendError(ErrorKind.REJECTED, status, ErrorBody(code=code, message="不行", fields=fields or {}))


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (BackendError(ErrorKind.UNREACHABLE), FailureKind.TRANSIENT),
        (BackendError(ErrorKind.TIMEOUT), FailureKind.TRANSIENT),
        (BackendError(ErrorKind.TLS), FailureKind.TRANSIENT),
        (BackendError(ErrorKind.SERVER_ERROR, 502), FailureKind.TRANSIENT),
        (rejected(429, "too_many_requests"), FailureKind.TRANSIENT),
        (rejected(408, "timeout"), FailureKind.TRANSIENT),
        (rejected(409, "idempotency_in_progress"), FailureKind.TRANSIENT),
        (rejected(409, "duplicate_order"), FailureKind.REJECTED),
        (rejected(422, fields={"caller_phone": "号码无效"}), FailureKind.REJECTED),
        (rejected(403, "forbidden"), FailureKind.REJECTED),
        (BackendError(ErrorKind.PROTOCOL, 404), FailureKind.REJECTED),
        (BackendError(ErrorKind.PROTOCOL, 200), FailureKind.FAILED),
        (BackendError(ErrorKind.SESSION_EXPIRED, 401), FailureKind.BLOCKED),
        (RuntimeError("bug"), FailureKind.FAILED),
    ],
)
def test_failure_classification(error: BaseException, expected: FailureKind) -> None:
    assert classify_failure(error).kind is expected


def test_a_rejection_keeps_status_message_and_field_errors() -> None:
    failure = classify_failure(rejected(422, fields={"caller_phone": "号码无效", "address": "缺少门牌号"}))
    assert (failure.error_kind, failure.status, failure.message) == ("rejected", 422, "不行")
    assert list(failure.field_errors.items()) == [("caller_phone", "号码无效"), ("address", "缺少门牌号")]
