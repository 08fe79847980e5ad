"""The team leader's floor and the knowledge feed over real HTTP, against the mock process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from support.mockproc import MockServer, start_mock
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.events import EventStream, StreamTuning
from seatclient.api.floor import FloorClient
from seatclient.api.knowledge_feed import HttpKnowledgeFeed
from seatclient.api.models import SeatState, ServerEvent
from seatclient.floor import FloorState
from seatclient.knowledge.index import KnowledgeIndex
from seatclient.knowledge.model import load_demo_base
from seatclient.knowledge.service import FeedbackRefused


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    server = start_mock(["--heartbeat", "0.5", "--floor-interval", "0.3"], tmp_path_factory.mktemp("floor"))
    yield server
    server.stop()


@asynccontextmanager
async def signed_in(server: MockServer, job_number: str) -> AsyncIterator[ApiClient]:
    client = ApiClient(make_http_client(server.url))
    try:
        await client.sign_in(job_number, "demo1234", f"F{job_number}")
        yield client
    finally:
        await client.aclose()


@asynccontextmanager
async def listening(client: ApiClient) -> AsyncIterator[list[ServerEvent]]:
    events: list[ServerEvent] = []
    stream = EventStream(client, StreamTuning(idle_timeout=3, backoff_initial=0.5))
    stream.event_received.connect(events.append)
    task = asyncio.create_task(stream.run())
    try:
        yield events
    finally:
        stream.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


def seat_events(events: list[ServerEvent], job_number: str) -> list[dict[str, object]]:
    return [
        event.data["seat"]
        for event in events
        if event.type == "floor.seat" and event.data["seat"]["job_number"] == job_number
    ]


@pytest.mark.asyncio
async def test_a_call_taker_is_refused_the_floor_and_gets_no_floor_events(hall: MockServer) -> None:
    async with signed_in(hall, "1001") as taker, listening(taker) as events:
        with pytest.raises(BackendError) as snapshot:
            await taker.floor_snapshot()
        with pytest.raises(BackendError) as force:
            await taker.force_seat_state("1002", "away", "测试")
        await taker.request_state("ready")
        await until(lambda: any(e.type == "seat.state" and e.data["state"] == "ready" for e in events))
        await asyncio.sleep(0.7)  # more than two figures intervals
        await taker.request_state("away", "break")
    for refused in (snapshot.value, force.value):
        assert refused.status == 403 and refused.kind is ErrorKind.REJECTED
        assert refused.body is not None and refused.body.code == "forbidden"
    assert not [event.type for event in events if event.type.startswith("floor.")]


@pytest.mark.asyncio
async def test_the_team_leader_sees_the_floor_change_as_call_takers_work(hall: MockServer) -> None:
    async with signed_in(hall, "9001") as leader, listening(leader) as events:
        await until(lambda: any(e.type == "floor.snapshot" for e in events), what="the floor snapshot")
        floor = FloorState()
        await FloorClient(leader).load_into(floor)
        assert floor.seat("F9001") is not None
        async with signed_in(hall, "1002") as taker:
            await until(
                lambda: any(s["state"] == "away" for s in seat_events(events, "1002")), what="sign-in"
            )
            await taker.request_state("ready")
            await until(lambda: any(s["state"] == "ready" for s in seat_events(events, "1002")), what="ready")
            call_id = hall.admin("/mock/calls", {"job_number": "1002", "caller_index": 0}).json()["call_id"]
            await until(lambda: any(s["state"] == "ringing" for s in seat_events(events, "1002")))
            await taker.call_command(call_id, "answer")
            await until(lambda: any(s["state"] == "talking" for s in seat_events(events, "1002")))
            marker = len(events)
            await until(lambda: any(e.type == "floor.figures" for e in events[marker:]), what="fresh figures")
            for event in events:
                floor.apply_event(event.type, event.data)
    seat = floor.seat("F1002")
    assert seat is not None and seat.state is SeatState.TALKING and seat.name == "李娜"
    assert seat.call_started is not None and seat.team == "一班"
    figures = floor.figures
    assert figures is not None
    assert figures.offered_today >= 1 and figures.answered_today >= 1
    assert figures.answered_within_target_today >= 1
    assert figures.intervals and sum(i.offered for i in figures.intervals) == figures.offered_today


@pytest.mark.asyncio
async def test_a_forced_state_is_applied_and_written_to_the_audit(hall: MockServer) -> None:
    async with signed_in(hall, "9001") as leader, signed_in(hall, "1003") as taker:
        await taker.request_state("ready")
        status = await FloorClient(leader).force_state("1003", "away", "临时召开班组会议", "meeting")
        with pytest.raises(BackendError) as bad_reason:
            await FloorClient(leader).force_state("1003", "away", "原因", "no_such_reason")
        mine = await taker.seat_state()
    assert status is not None and status.state is SeatState.AWAY and status.forced_by == "9001"
    assert mine.state is SeatState.AWAY and mine.reason_code == "meeting"
    assert bad_reason.value.status == 422 and "reason_code" in bad_reason.value.field_errors
    audit = httpx.get(f"{hall.url}/mock/audit", timeout=5).json()
    entry = next(item for item in audit if item["job_number"] == "1003")
    assert entry["by"] == "9001" and entry["by_name"] == "周静"
    assert entry["state"] == "away" and entry["reason_code"] == "meeting"
    assert entry["reason"] == "临时召开班组会议" and entry["applied_now"] is True
    assert len([item for item in audit if item["job_number"] == "1003"]) == 1


@pytest.mark.asyncio
async def test_knowledge_syncs_through_the_http_feed_into_the_index(hall: MockServer, tmp_path: Path) -> None:
    demo = load_demo_base()
    async with signed_in(hall, "1004") as client:
        feed = HttpKnowledgeFeed(client)
        with KnowledgeIndex(tmp_path / "knowledge.sqlite") as index:
            pages = 0
            while True:
                batch = await feed.fetch_changes(index.cursor, 7)
                index.apply_changes(batch)
                pages += 1
                if not batch.has_more:
                    break
            final = await feed.fetch_changes(index.cursor, 7)
            stored = index.get_article(demo[0].id)
            published = sum(1 for article in demo if article.status.value == "published")
            count = sum(1 for article in demo if index.get_article(article.id) is not None)
        await feed.send_feedback(demo[0].id, "outdated", "电话号码已变更")
        # An unknown article is refused for good (not "try again later"): the backend's 404.
        with pytest.raises(FeedbackRefused) as unknown:
            await feed.send_feedback("no-such-article", "useful", "")
        with pytest.raises(BackendError) as bad_cursor:
            await feed.fetch_changes("not-a-cursor", 7)
    assert pages == -(-len(demo) // 7)
    assert final.upserts == () and final.withdrawn == () and not final.has_more
    assert stored == demo[0]
    assert count == published
    cause = unknown.value.__cause__
    assert isinstance(cause, BackendError) and cause.status == 404
    assert "no-such-article" in str(unknown.value)
    assert bad_cursor.value.status == 422 and "cursor" in bad_cursor.value.field_errors
    received = httpx.get(f"{hall.url}/mock/knowledge/feedback", timeout=5).json()
    assert received[-1]["article_id"] == demo[0].id and received[-1]["kind"] == "outdated"
    assert received[-1]["note"] == "电话号码已变更" and received[-1]["job_number"] == "1004"
