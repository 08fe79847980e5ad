"""Live rule updates over a real mock process: the ``config.updated`` event, and an update missed while offline."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

import pytest
from support.mockproc import MockServer
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.events import StreamTuning
from seatclient.rules import RuleBook
from seatclient.session import RulesChange, SeatSession

TUNING = StreamTuning(idle_timeout=3.0, backoff_initial=0.2, backoff_max=0.4, offline_after=50)


def scripts_with_greeting(text: str) -> dict[str, Any]:
    scripts = copy.deepcopy(RuleBook().get("scripts").data)
    next(script for script in scripts["scripts"] if script["kind"] == "greeting")["text_zh"] = text
    return dict(scripts)


@pytest.mark.asyncio
async def test_an_update_reaches_the_seat_live_and_after_a_network_drop(mock_server: MockServer) -> None:
    book = RuleBook()
    session = SeatSession(ApiClient(make_http_client(mock_server.url)), book, stream_tuning=TUNING)
    changes: list[RulesChange] = []
    session.rules_changed.connect(changes.append)
    await session.sign_in("1001", "demo1234", "A01")
    try:
        await until(lambda: session.connection.value == "connected", what="the stream")
        # The mock hands out the shipped files: signing in changed nothing in force.
        assert changes == []

        first = "您好，杭州12345，{job_number}号为您服务。"
        reply = await asyncio.to_thread(
            mock_server.admin, "/mock/config", {"files": {"scripts": scripts_with_greeting(first)}}
        )
        await until(lambda: bool(changes), what="the live update")
        assert changes == [RulesChange(reply.json()["version"], frozenset({"scripts"}))]
        assert book.get("scripts").data == scripts_with_greeting(first)

        await asyncio.to_thread(mock_server.admin, "/mock/streams/cut", {"block_seconds": 1.5})
        await until(lambda: not session.link_up, what="the drop")
        second = "您好，12345，{job_number}号为您服务。"
        reply = await asyncio.to_thread(
            mock_server.admin, "/mock/config", {"files": {"scripts": scripts_with_greeting(second)}}
        )
        await until(lambda: len(changes) == 2, timeout=10, what="the update after reconnecting")
        assert changes[1] == RulesChange(reply.json()["version"], frozenset({"scripts"}))
        assert book.bundle_version == reply.json()["version"]
        # Both the replayed event and the reconnect's own check fetch: the second finds nothing new.
        await asyncio.sleep(0.5)
        assert len(changes) == 2
    finally:
        await session.close()
        await session._client.aclose()
