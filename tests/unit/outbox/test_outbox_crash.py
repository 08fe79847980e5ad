"""Real crashes: a client process is killed with SIGKILL; a fresh outbox on its file delivers exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from outbox_testkit import OWNER, FakeSender, HoldSwitch, HttpOrderSender, OrderDesk, ServerThread, order_app

from seatclient.outbox import EntryState, Outbox, OutboxStore

WRITER = Path(__file__).with_name("outbox_writer_process.py")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")


def start_writer(database: Path, *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(database), OWNER, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        error = process.stderr.read() if process.stderr else ""
        raise AssertionError(f"the writer stopped before it was killed: {error}")
    return line.rstrip("\n")


def kill(process: subprocess.Popen[str]) -> str:
    """SIGKILL the writer; return what it printed that was not read yet."""
    try:
        os.kill(process.pid, signal.SIGKILL)
        rest = process.stdout.read() if process.stdout else ""
        assert process.wait(timeout=10) == -signal.SIGKILL
        return rest
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def parse_entry(line: str) -> tuple[int, str]:
    entry_id, key = line.split()
    return int(entry_id), key


async def deliver_all(outbox: Outbox) -> None:
    task = asyncio.create_task(outbox.run())
    try:
        await asyncio.wait_for(outbox.drained(), 20)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@pytest.mark.asyncio
async def test_entries_enqueued_before_a_sigkill_are_all_delivered_once_after_restart(tmp_path: Path) -> None:
    database = tmp_path / "outbox.sqlite3"
    process = start_writer(database, "enqueue")
    try:
        assert read_line(process) == "ready"
        printed = [parse_entry(read_line(process)) for _ in range(40)]
    finally:
        rest = kill(process)
    # A torn last line has no newline; every complete line was committed before it was printed.
    printed += [parse_entry(line) for line in rest.split("\n")[:-1] if line]

    with OutboxStore(database) as store:
        stored = store.entries(OWNER)
        # The writer may have committed one more entry after its last print, never fewer.
        assert len(stored) in (len(printed), len(printed) + 1)
        assert [(entry.id, entry.idempotency_key) for entry in stored[: len(printed)]] == printed
        assert all(entry.state is EntryState.QUEUED and entry.attempts == 0 for entry in stored)

        sender = FakeSender()
        await deliver_all(Outbox(store, sender, OWNER))
        after = store.entries(OWNER)

    assert all(entry.state is EntryState.DELIVERED and entry.attempts == 1 for entry in after)
    effects = sender.desk.effects
    assert sorted(effects) == sorted(entry.idempotency_key for entry in stored)
    assert len(set(effects)) == len(effects)  # exactly once
    for lane in {entry.lane for entry in stored}:
        lane_keys = [entry.idempotency_key for entry in stored if entry.lane == lane]
        assert [key for key in effects if key in lane_keys] == lane_keys


@pytest.mark.asyncio
async def test_killed_after_the_request_left_it_is_resent_with_the_same_key_and_counted_once(
    tmp_path: Path,
) -> None:
    database = tmp_path / "outbox.sqlite3"
    desk = OrderDesk()
    hold = HoldSwitch(nth=2)  # the backend acts on the second order, then its answer never gets back
    server = ServerThread(order_app(desk, hold)).start()
    sender: HttpOrderSender | None = None
    try:
        process = start_writer(database, "send", server.url, "3")
        try:
            keys = [parse_entry(read_line(process))[1] for _ in range(3)]
            assert read_line(process) == "enqueued"
            deadline = time.monotonic() + 30
            while not hold.held.is_set():
                assert time.monotonic() < deadline, "the second order never reached the server"
                await asyncio.sleep(0.01)
        finally:
            kill(process)
        hold.release.set()
        assert desk.effects == keys[:2]

        with OutboxStore(database) as store:
            before = store.entries(OWNER)
            assert [entry.state for entry in before] == [
                EntryState.DELIVERED,
                EntryState.SENDING,
                EntryState.QUEUED,
            ]
            assert [entry.attempts for entry in before] == [1, 1, 0]

            sender = HttpOrderSender(server.url)
            await deliver_all(Outbox(store, sender, OWNER))
            after = store.entries(OWNER)
    finally:
        if sender is not None:
            await sender.aclose()
        server.stop()

    assert desk.effects == keys  # each order created once, in order
    assert desk.received == [keys[0], keys[1], keys[1], keys[2]]  # the second was sent twice, same key
    assert [entry.state for entry in after] == [EntryState.DELIVERED] * 3
    assert [entry.attempts for entry in after] == [1, 2, 1]
    # The resend got the first answer back: the order number the backend gave the first time.
    assert [dict(entry.ack or {}) for entry in after] == [
        {"order_number": f"HZ{n:06d}", "kind": "order.create"} for n in (1, 2, 3)
    ]
