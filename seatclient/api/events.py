"""The server-sent event stream: parsing, resume with ``Last-Event-ID``, reconnection with backoff."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from pydantic import ValidationError

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import ServerEvent
from seatclient.observable import Signal

log = logging.getLogger(__name__)


@dataclass
class SseFrame:
    """One frame of a ``text/event-stream``."""

    event: str = "message"
    data: str = ""
    id: str | None = None


async def parse_sse(lines: AsyncIterator[str]) -> AsyncIterator[SseFrame]:
    """Group the lines of an event stream into frames, following the WHATWG rules that matter here."""
    frame = SseFrame()
    data_lines: list[str] = []
    async for line in lines:
        if line == "":
            if data_lines or frame.id is not None:
                frame.data = "\n".join(data_lines)
                yield frame
            frame, data_lines = SseFrame(), []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data_lines.append(value)
        elif name == "event":
            frame.event = value
        elif name == "id":
            frame.id = value


class ConnectionState(StrEnum):
    """What the status bar shows about the backend connection."""

    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"
    CLOSED = "closed"


@dataclass
class StreamTuning:
    """Timings of the event stream client.

    Attributes:
        idle_timeout: seconds of silence after which the stream is taken as dead (3 missed heartbeats).
        backoff_initial: first reconnection delay in seconds.
        backoff_max: the longest delay between attempts.
        offline_after: failed attempts after which the state shows offline rather than reconnecting.
    """

    idle_timeout: float = 45.0
    backoff_initial: float = 0.5
    backoff_max: float = 10.0
    offline_after: int = 3


@dataclass
class EventStream:
    """Keeps one event stream open for a signed-in session and delivers each event exactly once.

    Events are delivered in id order; an event whose id is not above the last delivered one is a
    replay and is dropped. After a failure the stream reconnects with ``Last-Event-ID`` and backoff.

    Signals:
        event_received: a new ``ServerEvent``.
        connection_changed: a new ``ConnectionState``.
        server_time: the backend's clock, from every heartbeat.
        reconnected: the stream came back after a failure (the session then re-reads the seat state).
        session_lost: the backend no longer accepts the session (the client must sign in again).
    """

    client: ApiClient
    tuning: StreamTuning = field(default_factory=StreamTuning)
    last_event_id: int | None = None
    event_received: Signal[ServerEvent] = field(default_factory=Signal)
    connection_changed: Signal[ConnectionState] = field(default_factory=Signal)
    server_time: Signal[datetime] = field(default_factory=Signal)
    reconnected: Signal[None] = field(default_factory=Signal)
    session_lost: Signal[BackendError] = field(default_factory=Signal)
    state: ConnectionState = ConnectionState.CLOSED
    _stopping: bool = False
    _jitter: Callable[[], float] = random.random

    def _set_state(self, state: ConnectionState) -> None:
        if state is not self.state:
            self.state = state
            self.connection_changed.emit(state)

    def stop(self) -> None:
        """Ask the loop in ``run`` to finish; cancel its task to stop at once."""
        self._stopping = True

    async def run(self) -> None:
        """Hold the stream open until stopped or until the session is lost."""
        self._stopping = False
        failures = 0
        self._set_state(ConnectionState.CONNECTING)
        try:
            while not self._stopping:
                try:
                    async with self.client.event_lines(self.last_event_id, self.tuning.idle_timeout) as lines:
                        came_back = failures > 0
                        failures = 0
                        self._set_state(ConnectionState.CONNECTED)
                        if came_back:
                            self.reconnected.emit(None)
                        async with contextlib.aclosing(parse_sse(lines)) as frames:  # type: ignore[type-var]
                            async for frame in frames:
                                self._handle(frame)
                                if self._stopping:
                                    return
                except BackendError as exc:
                    if exc.kind is ErrorKind.SESSION_EXPIRED:
                        self.session_lost.emit(exc)
                        return
                    log.info("event stream failed: %s", exc.kind.value)
                if self._stopping:
                    return
                failures += 1
                self._set_state(
                    ConnectionState.OFFLINE
                    if failures > self.tuning.offline_after
                    else ConnectionState.RECONNECTING
                )
                await asyncio.sleep(self._backoff(failures))
        finally:
            self._set_state(ConnectionState.CLOSED)

    def _backoff(self, failures: int) -> float:
        base = min(self.tuning.backoff_max, self.tuning.backoff_initial * 2 ** (failures - 1))
        return base * (0.75 + 0.5 * self._jitter())

    def _handle(self, frame: SseFrame) -> None:
        if frame.event == "heartbeat":
            try:
                self.server_time.emit(datetime.fromisoformat(json.loads(frame.data)["server_time"]))
            except (ValueError, KeyError, TypeError):
                log.warning("malformed heartbeat")
            return
        try:
            event = ServerEvent.model_validate_json(frame.data) if frame.id is not None else None
        except ValidationError:
            log.warning("malformed event %s dropped", frame.event)
            return
        if event is None:
            event = ServerEvent(id=self.last_event_id or 0, type=frame.event, at=datetime.now().astimezone())
            self.event_received.emit(event)
            return
        if self.last_event_id is not None and event.id <= self.last_event_id:
            return
        self.last_event_id = event.id
        self.event_received.emit(event)
