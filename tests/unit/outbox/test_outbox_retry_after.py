"""Retry-After: the backend's word on when to come back beats the outbox's own backoff."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from outbox_testkit import OWNER, FakeClock, payload_for

from seatclient.api.errors import BackendError, ErrorKind, classify_response
from seatclient.api.models import ErrorBody
from seatclient.outbox import (
    MAX_RETRY_AFTER,
    EntryState,
    FailureKind,
    Outbox,
    OutboxStore,
    RetryPolicy,
    classify_failure,
    parse_retry_after,
)

WALL = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OutboxStore]:
    with OutboxStore(tmp_path / "outbox.sqlite3") as opened:
        yield opened


class BusySender:
    """Answers the first ``len(errors)`` submissions with those errors, then acknowledges."""

    def __init__(self, errors: list[BackendError]) -> None:
        self.errors = list(errors)
        self.calls: list[str] = []

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        self.calls.append(idempotency_key)
        await asyncio.sleep(0)
        if self.errors:
            raise self.errors.pop(0)
        return {"order_number": f"HZ{len(self.calls):06d}"}


def busy(status: int, retry_after: str | None) -> BackendError:
    kind = ErrorKind.SERVER_ERROR if status >= 500 else ErrorKind.REJECTED
    return BackendError(kind, status, ErrorBody(code="busy", message="繁忙"), retry_after)


def outbox_with(store: OutboxStore, sender: BusySender, clock: FakeClock) -> Outbox:
    return Outbox(
        store,
        sender,
        OWNER,
        policy=RetryPolicy(base_delay=1.0, factor=2.0, max_delay=60.0, jitter=0.0),
        clock=clock,
        sleep=clock.sleep,
        random=lambda: 0.0,
        wall_clock=lambda: WALL + timedelta(seconds=clock.now - 1000.0),
    )


async def deliver_all(outbox: Outbox) -> None:
    task = asyncio.create_task(outbox.run())
    try:
        await asyncio.wait_for(outbox.drained(), 5)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        (format_datetime(WALL + timedelta(seconds=90), usegmt=True), 90.0),
        ("Mon, 02 Mar 2026 01:59:00 GMT", 0.0),  # a date already past: go now
        ("999999", MAX_RETRY_AFTER),
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, WALL) == expected


def test_the_header_travels_from_the_answer_to_the_failure() -> None:
    body = {"code": "overloaded", "message": "系统繁忙", "fields": {}}
    answer = httpx.Response(503, json=body, headers={"Retry-After": "7"})
    error = classify_response(answer)
    assert (error.kind, error.retry_after) == (ErrorKind.SERVER_ERROR, "7")
    failure = classify_failure(error, WALL)
    assert (failure.kind, failure.retry_after) == (FailureKind.TRANSIENT, 7.0)

    too_many = classify_response(httpx.Response(429, json=body, headers={"Retry-After": "12"}))
    assert classify_failure(too_many, WALL).retry_after == 12.0
    # A refusal is final: a Retry-After on it changes nothing.
    refused = classify_response(httpx.Response(422, json=body, headers={"Retry-After": "12"}))
    assert classify_failure(refused, WALL).kind is FailureKind.REJECTED
    assert classify_failure(refused, WALL).retry_after is None
    assert classify_failure(classify_response(httpx.Response(503, json=body)), WALL).retry_after is None


@pytest.mark.asyncio
async def test_a_503_with_retry_after_waits_that_long_instead_of_one_second(store: OutboxStore) -> None:
    clock = FakeClock()
    sender = BusySender([busy(503, "30"), busy(503, "30")])
    outbox = outbox_with(store, sender, clock)
    planned: list[float] = []
    retry_times: list[datetime] = []
    outbox.entry_changed.connect(
        lambda entry: (
            planned.append((entry.next_attempt_at - WALL).total_seconds())
            if entry.state is EntryState.QUEUED and entry.next_attempt_at is not None
            else None
        )
    )
    outbox.status_changed.connect(
        lambda status: retry_times.append(status.retry_at) if status.retry_at is not None else None
    )
    entry = outbox.enqueue("order.create", payload_for(1))
    await deliver_all(outbox)
    # Without the header the waits would be 1 and 2 s; the backend asked for 30 each time.
    assert clock.sleeps == [30.0, 30.0]
    assert planned == [30.0, 60.0]
    assert retry_times[0] == WALL + timedelta(seconds=30)
    delivered = outbox.get(entry.id)
    assert delivered is not None and delivered.state is EntryState.DELIVERED and delivered.attempts == 3


@pytest.mark.asyncio
async def test_a_429_with_an_http_date_waits_until_that_date(store: OutboxStore) -> None:
    clock = FakeClock()
    come_back = format_datetime(WALL + timedelta(seconds=45), usegmt=True)
    sender = BusySender([busy(429, come_back)])
    outbox = outbox_with(store, sender, clock)
    outbox.enqueue("order.create", payload_for(1))
    await deliver_all(outbox)
    assert clock.sleeps == [45.0]
    assert len(sender.calls) == 2


@pytest.mark.asyncio
async def test_a_short_retry_after_does_not_shorten_a_longer_backoff(store: OutboxStore) -> None:
    clock = FakeClock()
    # Failures 1-3 have no header (1, 2, 4 s); the 4th asks for 3 s, less than the 8 s backoff.
    sender = BusySender([busy(503, None), busy(503, None), busy(503, None), busy(503, "3")])
    outbox = outbox_with(store, sender, clock)
    outbox.enqueue("order.create", payload_for(1))
    await deliver_all(outbox)
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]


@pytest.mark.asyncio
async def test_wake_ends_a_retry_after_wait(store: OutboxStore) -> None:
    clock = FakeClock()
    sender = BusySender([busy(503, "600")])
    release = asyncio.Event()
    slept: list[float] = []

    async def sleep_until_woken(seconds: float) -> None:
        slept.append(seconds)
        await release.wait()

    outbox = Outbox(
        store,
        sender,
        OWNER,
        policy=RetryPolicy(jitter=0.0),
        clock=clock,
        sleep=sleep_until_woken,
        random=lambda: 0.0,
        wall_clock=lambda: WALL,
    )
    outbox.enqueue("order.create", payload_for(1))
    task = asyncio.create_task(outbox.run())
    try:
        for _ in range(200):
            if slept:
                break
            await asyncio.sleep(0.005)
        assert slept == [600.0]
        assert outbox.status().retry_at == WALL + timedelta(seconds=600)
        outbox.wake()  # the connection came back: go now
        await asyncio.wait_for(outbox.drained(), 5)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert len(sender.calls) == 2
