"""Per-agent event logs for the server-sent event stream, with replay for ``Last-Event-ID``."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from seatclient.api.models import ServerEvent


class EventLog:
    """The recent events of one agent, kept so a reconnecting client can resume without loss.

    Event ids come from one counter shared by every log of the backend, seeded from the wall clock
    in milliseconds, so ids keep increasing across a backend restart and a client never mistakes a
    new event for one it has already seen. Publishing is synchronous, so the hall's state changes
    and their announcements can never be reordered by a task switch in between.
    """

    def __init__(self, counter: itertools.count[int], retention: int) -> None:
        self._counter = counter
        self._events: deque[ServerEvent] = deque()
        self._retention = retention
        self._dropped_through = 0
        self._changed = asyncio.Event()

    def publish_nowait(self, event_type: str, data: dict[str, Any]) -> ServerEvent:
        """Append an event and wake every stream waiting on this log."""
        event = ServerEvent(id=next(self._counter), type=event_type, at=datetime.now(UTC), data=data)
        self._events.append(event)
        while len(self._events) > self._retention:
            self._dropped_through = self._events.popleft().id
        self._wake()
        return event

    async def publish(self, event_type: str, data: dict[str, Any]) -> ServerEvent:
        """Like ``publish_nowait``, for callers in a coroutine."""
        return self.publish_nowait(event_type, data)

    def _wake(self) -> None:
        # Waiters hold the old event; replacing it before setting keeps later waits fresh.
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def after(self, last_event_id: int) -> list[ServerEvent]:
        """Return the retained events newer than ``last_event_id``."""
        return [event for event in self._events if event.id > last_event_id]

    def can_resume_from(self, last_event_id: int) -> bool:
        """Whether every event after ``last_event_id`` is still retained."""
        return last_event_id >= self._dropped_through

    @property
    def latest_id(self) -> int:
        """The id of the newest event, or 0."""
        return self._events[-1].id if self._events else self._dropped_through

    async def wait_for_newer(
        self, last_event_id: int, timeout: float, still_open: Callable[[], bool]
    ) -> None:
        """Wait up to ``timeout`` seconds for an event newer than ``last_event_id`` or a cut stream."""
        changed = self._changed
        if self.latest_id > last_event_id or not still_open():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), timeout)

    async def wake_all(self) -> None:
        """Wake every stream waiting on this log so it re-checks whether it was cut."""
        self._wake()


class EventHub:
    """All agents' event logs, and the switch that cuts every open stream (a simulated network drop)."""

    def __init__(self, retention: int = 2000) -> None:
        self._counter = itertools.count(int(time.time() * 1000))
        self._logs: dict[str, EventLog] = {}
        self._retention = retention
        self.stream_generation = 0
        self.open_streams = 0

    def log_for(self, job_number: str) -> EventLog:
        """Return (creating on first use) the log of ``job_number``."""
        log = self._logs.get(job_number)
        if log is None:
            log = self._logs[job_number] = EventLog(self._counter, self._retention)
        return log

    def publish_nowait(self, job_number: str, event_type: str, data: dict[str, Any]) -> ServerEvent:
        """Publish an event to one agent's stream, at once."""
        return self.log_for(job_number).publish_nowait(event_type, data)

    async def publish(self, job_number: str, event_type: str, data: dict[str, Any]) -> ServerEvent:
        """Publish an event to one agent's stream."""
        return self.publish_nowait(job_number, event_type, data)

    async def cut_all_streams(self) -> None:
        """End every open stream now, as a network failure would."""
        self.stream_generation += 1
        for log in self._logs.values():
            await log.wake_all()
