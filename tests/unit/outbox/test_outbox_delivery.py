"""The delivery loop: order, retries against a failing backend, rejections, pauses; exactly once throughout."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from outbox_testkit import OWNER, FakeClock, FakeSender, Fault, OrderDesk, payload_for

from seatclient.outbox import (
    EntryState,
    Outbox,
    OutboxEntry,
    OutboxStatus,
    OutboxStore,
    PauseReason,
    RetryPolicy,
)

WALL = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OutboxStore]:
    with OutboxStore(tmp_path / "profile.sqlite3") as opened:
        yield opened


def make_outbox(
    store: OutboxStore,
    sender: FakeSender,
    clock: FakeClock | None = None,
    random_value: float = 0.0,
    owner: str = OWNER,
    policy: RetryPolicy | None = None,
) -> Outbox:
    clock = clock or FakeClock()
    return Outbox(
        store,
        sender,
        owner,
        policy=policy,
        clock=clock,
        sleep=clock.sleep,
        random=lambda: random_value,
        wall_clock=lambda: WALL + timedelta(seconds=clock.now - 1000.0),
    )


@contextlib.asynccontextmanager
async def running(outbox: Outbox) -> AsyncIterator[asyncio.Task[None]]:
    task = asyncio.create_task(outbox.run())
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def until_drained(outbox: Outbox, task: asyncio.Task[None], timeout: float = 5.0) -> None:
    drained = asyncio.ensure_future(outbox.drained())
    done, _ = await asyncio.wait({task, drained}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    drained.cancel()
    if task in done:
        task.result()
        raise AssertionError("the delivery loop ended")
    assert drained in done, f"not drained: {outbox.status()}"


def record(outbox: Outbox) -> tuple[list[tuple[int, EntryState]], list[OutboxStatus]]:
    changes: list[tuple[int, EntryState]] = []
    statuses: list[OutboxStatus] = []
    outbox.entry_changed.connect(lambda entry: changes.append((entry.id, entry.state)))
    outbox.status_changed.connect(statuses.append)
    return changes, statuses


@pytest.mark.asyncio
async def test_entries_are_delivered_once_each_in_enqueue_order(store: OutboxStore) -> None:
    sender = FakeSender()
    outbox = make_outbox(store, sender)
    changes, statuses = record(outbox)
    entries = [outbox.enqueue("order.create", payload_for(n), lane=f"call-{n % 2}") for n in range(6)]
    assert outbox.status().pending == 6
    assert sender.calls == []  # nothing goes before run()
    async with running(outbox) as task:
        await until_drained(outbox, task)

    keys = [entry.idempotency_key for entry in entries]
    assert sender.desk.effects == keys
    assert sender.desk.received == keys
    stored = outbox.entries()
    assert [entry.state for entry in stored] == [EntryState.DELIVERED] * 6
    assert [entry.attempts for entry in stored] == [1] * 6
    assert [dict(entry.ack or {}) for entry in stored] == [
        {"order_number": f"HZ{n:06d}", "kind": "order.create"} for n in range(1, 7)
    ]
    first = entries[0].id
    assert [state for entry_id, state in changes if entry_id == first] == [
        EntryState.QUEUED,
        EntryState.SENDING,
        EntryState.DELIVERED,
    ]
    assert [status.pending for status in statuses][:6] == [1, 2, 3, 4, 5, 6]
    assert statuses[-1] == OutboxStatus(pending=0)
    assert statuses[-1].summary() == ""


@pytest.mark.asyncio
async def test_backend_down_then_up_delivers_each_exactly_once_in_lane_order(store: OutboxStore) -> None:
    # Down for 7 submissions, an answer lost after the backend acted, a 503, then up.
    faults = [Fault.DOWN] * 7 + [Fault.LOST_ACK, Fault.SERVER_ERROR]
    sender = FakeSender(faults=deque(faults))
    clock = FakeClock()
    outbox = make_outbox(store, sender, clock, random_value=0.3)
    entries = [outbox.enqueue("order.create", payload_for(n)) for n in range(5)]  # one lane: the kind
    async with running(outbox) as task:
        await until_drained(outbox, task)

    keys = [entry.idempotency_key for entry in entries]
    assert sender.desk.effects == keys  # strictly in order, each once
    assert len(sender.calls) == 5 + len(faults)
    # The lost answer's key was sent again and replayed, not acted on twice.
    lost = sender.desk.received[0]
    assert sender.desk.received.count(lost) == 2
    assert all(sender.desk.received.count(key) == 1 for key in keys if key != lost)
    stored = {entry.idempotency_key: entry for entry in outbox.entries()}
    assert all(entry.state is EntryState.DELIVERED for entry in stored.values())
    assert stored[keys[0]].attempts == 10  # 7 down + lost answer + 503 + success: the head went alone
    assert stored[keys[0]].ack == {"order_number": "HZ000001", "kind": "order.create"}
    assert sum(entry.attempts for entry in stored.values()) == len(sender.calls)
    # The outage was waited out with growing pauses, not hammered.
    assert len(clock.sleeps) == len(faults)
    assert clock.sleeps == sorted(clock.sleeps)


@pytest.mark.asyncio
async def test_outage_across_lanes_keeps_each_lane_in_order(store: OutboxStore) -> None:
    sender = FakeSender(faults=deque([Fault.DOWN] * 6))
    outbox = make_outbox(store, sender)
    entries = [
        outbox.enqueue("order.create", payload_for(n, call=f"call-{n % 3}"), lane=f"call-{n % 3}")
        for n in range(9)
    ]
    async with running(outbox) as task:
        await until_drained(outbox, task)

    effects = sender.desk.effects
    assert sorted(effects) == sorted(entry.idempotency_key for entry in entries)
    assert len(set(effects)) == len(effects) == 9
    for lane in range(3):
        lane_keys = [entry.idempotency_key for entry in entries if entry.lane == f"call-{lane}"]
        assert [key for key in effects if key in lane_keys] == lane_keys
    # While down, the loop probed with lane heads only, never a second entry of a lane.
    heads = {entries[0].idempotency_key, entries[1].idempotency_key, entries[2].idempotency_key}
    assert set(sender.calls[:6]) <= heads


@pytest.mark.asyncio
async def test_a_422_rejects_that_entry_keeps_its_field_errors_and_the_next_ones_go(
    store: OutboxStore,
) -> None:
    def reject(payload: Any) -> dict[str, str] | None:
        return {"caller_phone": "号码无效", "address": "缺少门牌号"} if payload["seq"] == 1 else None

    sender = FakeSender(desk=OrderDesk(reject=reject))
    outbox = make_outbox(store, sender)
    changes, statuses = record(outbox)
    entries = [outbox.enqueue("order.create", payload_for(n)) for n in range(3)]
    async with running(outbox) as task:
        await until_drained(outbox, task)

    rejected = outbox.get(entries[1].id)
    assert rejected is not None
    assert rejected.state is EntryState.REJECTED
    assert rejected.attempts == 1  # never retried
    assert rejected.error_status == 422
    assert rejected.error_message == "工单内容有误"
    assert dict(rejected.field_errors) == {"caller_phone": "号码无效", "address": "缺少门牌号"}
    assert (
        rejected.problem_text() == "服务器退回：工单内容有误（caller_phone：号码无效；address：缺少门牌号）"
    )
    assert sender.desk.effects == [entries[0].idempotency_key, entries[2].idempotency_key]
    assert sender.calls == [entry.idempotency_key for entry in entries]
    status = outbox.status()
    assert (status.pending, status.rejected, status.needs_attention) == (0, 1, 1)
    assert status.summary() == "1 条被退回"
    assert (entries[1].id, EntryState.REJECTED) in changes

    # Acknowledged by the person, it no longer needs attention, and it is still there.
    assert outbox.acknowledge(entries[1].id)
    assert outbox.status().rejected == 0
    assert statuses[-1].rejected == 0
    again = outbox.get(entries[1].id)
    assert again is not None and again.acknowledged and again.state is EntryState.REJECTED


@pytest.mark.asyncio
async def test_an_entry_the_backend_keeps_failing_does_not_hold_up_other_lanes(store: OutboxStore) -> None:
    sender = FakeSender(poison=lambda payload: payload["seq"] == 0)
    clock = FakeClock()
    outbox = make_outbox(store, sender, clock)
    poisoned = outbox.enqueue("order.create", payload_for(0, "call-a"), lane="call-a")
    others = [outbox.enqueue("order.create", payload_for(n, "call-b"), lane="call-b") for n in (1, 2, 3)]
    behind = outbox.enqueue("order.create", payload_for(4, "call-a"), lane="call-a")
    async with running(outbox):
        while len(sender.desk.effects) < 3:
            await asyncio.sleep(0)
            assert clock.now < 1100, "the other lane waited too long"
        head = outbox.get(poisoned.id)
        assert head is not None and head.state.pending and head.attempts >= 2
        assert head.error_status == 500
        assert head.problem_text().startswith(f"第 {head.attempts} 次发送未成功：服务器出错（500）")

    assert sender.desk.effects == [entry.idempotency_key for entry in others]
    # The entry behind the failing one in its lane was never sent: call-a stays in order.
    assert behind.idempotency_key not in sender.calls
    waiting = outbox.get(behind.id)
    assert waiting is not None and waiting.state is EntryState.QUEUED and waiting.attempts == 0


@pytest.mark.asyncio
async def test_an_expired_session_pauses_until_woken(store: OutboxStore) -> None:
    sender = FakeSender(faults=deque([Fault.SESSION_EXPIRED]))
    outbox = make_outbox(store, sender)
    entries = [outbox.enqueue("order.create", payload_for(n)) for n in range(2)]
    async with running(outbox) as task:
        for _ in range(50):
            await asyncio.sleep(0)
        status = outbox.status()
        assert status.paused is PauseReason.SESSION_EXPIRED
        assert status.pending == 2
        assert status.summary() == "待发送 2 条（登录已失效，重新签入后继续发送）"
        assert sender.calls == [entries[0].idempotency_key]  # nothing more while paused
        outbox.wake()
        await until_drained(outbox, task)
    assert sender.desk.effects == [entry.idempotency_key for entry in entries]
    assert outbox.status().paused is None


@pytest.mark.asyncio
async def test_an_unreadable_answer_fails_the_entry_and_retry_resends_the_same_key(
    store: OutboxStore,
) -> None:
    sender = FakeSender(faults=deque([Fault.GARBLED]))
    outbox = make_outbox(store, sender)
    entry = outbox.enqueue("order.create", payload_for(1))
    second = outbox.enqueue("order.create", payload_for(2))
    async with running(outbox) as task:
        await until_drained(outbox, task)
        failed = outbox.get(entry.id)
        assert failed is not None and failed.state is EntryState.FAILED
        assert failed.problem_text() == "发送失败，需人工处理：服务器的应答无法识别"
        assert outbox.status().summary() == "1 条发送失败"
        assert sender.desk.effects == [entry.idempotency_key, second.idempotency_key]

        assert outbox.retry(entry.id)
        assert not outbox.retry(second.id)  # delivered: nothing to retry
        await until_drained(outbox, task)
    delivered = outbox.get(entry.id)
    assert delivered is not None and delivered.state is EntryState.DELIVERED
    assert delivered.attempts == 2
    assert sender.calls == [entry.idempotency_key, second.idempotency_key, entry.idempotency_key]
    # The backend had acted on the first send; the retry replayed its answer.
    assert sender.desk.effects == [entry.idempotency_key, second.idempotency_key]
    assert delivered.ack == {"order_number": "HZ000001", "kind": "order.create"}
    assert outbox.status().failed == 0


@pytest.mark.asyncio
async def test_a_client_side_error_fails_the_entry_loudly_and_the_loop_goes_on(
    store: OutboxStore, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenSender(FakeSender):
        async def submit(self, kind: str, payload: Any, idempotency_key: str) -> Any:
            if payload["seq"] == 0:
                raise RuntimeError("encoder broke")
            return await super().submit(kind, payload, idempotency_key)

    sender = BrokenSender()
    outbox = make_outbox(store, sender)
    broken = outbox.enqueue("order.create", payload_for(0))
    fine = outbox.enqueue("order.create", payload_for(1))
    async with running(outbox) as task:
        await until_drained(outbox, task)
    failed = outbox.get(broken.id)
    assert failed is not None and failed.state is EntryState.FAILED
    assert failed.error_kind == "internal"
    assert failed.problem_text() == "发送失败，需人工处理：客户端内部错误（RuntimeError: encoder broke）"
    assert sender.desk.effects == [fine.idempotency_key]
    assert any("needs a person" in message for message in caplog.messages)


@pytest.mark.asyncio
async def test_another_persons_entries_are_neither_shown_nor_sent(store: OutboxStore) -> None:
    sender = FakeSender()
    theirs = make_outbox(store, sender, owner="8002").enqueue("order.create", payload_for(9))
    outbox = make_outbox(store, sender)
    mine = outbox.enqueue("order.create", payload_for(1))
    assert [entry.id for entry in outbox.entries()] == [mine.id]
    assert outbox.get(theirs.id) is None
    assert not outbox.retry(theirs.id)
    async with running(outbox) as task:
        await until_drained(outbox, task)
    assert sender.desk.effects == [mine.idempotency_key]
    assert store.pending_by_owner() == {"8002": 1}


@pytest.mark.asyncio
async def test_cancelling_mid_send_requeues_and_the_next_run_resends_the_same_key(store: OutboxStore) -> None:
    sender = FakeSender(gate=asyncio.Event())
    outbox = make_outbox(store, sender)
    entry = outbox.enqueue("order.create", payload_for(1))
    async with running(outbox):
        while not sender.calls:
            await asyncio.sleep(0)
        assert outbox.status().sending_id == entry.id
        in_flight = outbox.get(entry.id)
        assert in_flight is not None and in_flight.state is EntryState.SENDING
    requeued = outbox.get(entry.id)
    assert requeued is not None and requeued.state is EntryState.QUEUED and requeued.attempts == 1
    assert sender.gate is not None
    sender.gate.set()
    async with running(outbox) as task:
        await until_drained(outbox, task)
    assert sender.calls == [entry.idempotency_key, entry.idempotency_key]
    assert sender.desk.effects == [entry.idempotency_key]


@pytest.mark.asyncio
async def test_run_twice_is_refused(store: OutboxStore) -> None:
    outbox = make_outbox(store, FakeSender())
    async with running(outbox):
        await asyncio.sleep(0)
        assert outbox.running
        with pytest.raises(RuntimeError):
            await outbox.run()
    assert not outbox.running


@pytest.mark.asyncio
async def test_enqueue_while_idle_wakes_the_loop(store: OutboxStore) -> None:
    sender = FakeSender()
    outbox = Outbox(store, sender, OWNER)  # real clock and sleep
    async with running(outbox) as task:
        await asyncio.sleep(0.01)
        entry = outbox.enqueue("order.create", payload_for(1))
        await until_drained(outbox, task, timeout=2.0)
    assert sender.desk.effects == [entry.idempotency_key]


@pytest.mark.asyncio
async def test_wake_ends_a_long_backoff_at_once(store: OutboxStore) -> None:
    sender = FakeSender(faults=deque([Fault.DOWN]))
    # Real time: the first failure would wait 30 s; the connection coming back must not wait for it.
    outbox = Outbox(store, sender, OWNER, policy=RetryPolicy(base_delay=30.0, max_delay=60.0, jitter=0.0))
    entry = outbox.enqueue("order.create", payload_for(1))
    async with running(outbox) as task:
        while not sender.calls:
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.02)
        status = outbox.status()
        assert status.retry_at is not None
        assert status.last_error_kind == "unreachable"
        stored = outbox.get(entry.id)
        assert stored is not None and stored.next_attempt_at is not None
        outbox.wake()
        assert outbox.status().retry_at is None
        started = asyncio.get_running_loop().time()
        await until_drained(outbox, task, timeout=2.0)
        assert asyncio.get_running_loop().time() - started < 1.0
    assert sender.desk.effects == [entry.idempotency_key]
    delivered = outbox.get(entry.id)
    assert delivered is not None and delivered.next_attempt_at is None


def test_entry_payload_is_read_only(store: OutboxStore) -> None:
    outbox = make_outbox(store, FakeSender())
    entry: OutboxEntry = outbox.enqueue("order.create", payload_for(1))
    with pytest.raises(TypeError):
        entry.payload["seq"] = 2  # type: ignore[index]
    stored = outbox.get(entry.id)
    assert stored is not None and stored.payload["seq"] == 1
