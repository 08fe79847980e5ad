"""Background tasks, the server clock and the event-stream parser."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from seatclient.api.events import SseFrame, parse_sse
from seatclient.clock import ServerClock
from seatclient.tasks import BackgroundTasks


async def lines_of(text: str) -> AsyncIterator[str]:
    for line in text.split("\n"):
        yield line


async def frames(text: str) -> list[SseFrame]:
    return [frame async for frame in parse_sse(lines_of(text))]


@pytest.mark.asyncio
async def test_sse_frames_ids_events_multiline_data_and_comments() -> None:
    parsed = await frames(
        'retry: 1000\n: connected\n\nid: 7\nevent: seat.state\ndata: {"a":\ndata: 1}\n\n'
        "event: heartbeat\ndata: {}\n\n"
    )
    assert [(f.id, f.event, f.data) for f in parsed] == [
        ("7", "seat.state", '{"a":\n1}'),
        (None, "heartbeat", "{}"),
    ]


@pytest.mark.asyncio
async def test_sse_incomplete_last_frame_is_not_delivered() -> None:
    assert await frames("id: 1\nevent: x\ndata: {}") == []


@pytest.mark.asyncio
async def test_tasks_ignore_a_double_press_while_the_first_runs() -> None:
    errors: list[BaseException] = []
    tasks = BackgroundTasks(errors.append)
    release = asyncio.Event()
    calls: list[int] = []

    async def command(n: int) -> None:
        calls.append(n)
        await release.wait()

    first = tasks.spawn(command(1), key="seat-state")
    second = tasks.spawn(command(2), key="seat-state")
    assert first is not None and second is None
    await asyncio.sleep(0)
    release.set()
    await first
    assert calls == [1]
    assert not tasks.is_running("seat-state")
    assert tasks.spawn(command(3), key="seat-state") is not None
    await tasks.cancel_all()


@pytest.mark.asyncio
async def test_tasks_cancel_a_superseded_lookup_and_report_failures() -> None:
    errors: list[BaseException] = []
    tasks = BackgroundTasks(errors.append)

    async def lookup() -> None:
        await asyncio.sleep(10)

    async def broken() -> None:
        raise RuntimeError("boom")

    old = tasks.spawn(lookup(), key="search", if_running="cancel")
    new = tasks.spawn(lookup(), key="search", if_running="cancel")
    await asyncio.sleep(0.01)
    assert old is not None and old.cancelled()
    assert new is not None and not new.done()
    failing = tasks.spawn(broken())
    assert failing is not None
    await asyncio.gather(failing, return_exceptions=True)
    await asyncio.sleep(0)
    assert [str(e) for e in errors] == ["boom"]
    await tasks.cancel_all()
    assert new.cancelled()


def test_server_clock_ignores_the_local_wall_clock() -> None:
    ticks = [1000.0]
    clock = ServerClock(monotonic=lambda: ticks[0])
    server_now = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    clock.observe(server_now)
    ticks[0] += 90.5
    assert clock.now() == server_now + timedelta(seconds=90.5)
    assert clock.elapsed_since(server_now - timedelta(seconds=10)) == timedelta(seconds=100.5)
    assert clock.elapsed_since(server_now + timedelta(hours=1)) == timedelta(0)
