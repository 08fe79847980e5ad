"""The backend's clock as seen from the client, so timers survive a sleep or a local clock change."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta


class ServerClock:
    """Tracks the backend's time from its timestamps and the local monotonic clock.

    Durations shown to the seat (time in state, call time) are computed against this clock and the
    backend's own ``since`` stamps, never the workstation's wall clock, which a person or NTP may
    move. Every heartbeat re-anchors it, which also corrects for time spent in a laptop sleep.
    """

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._anchor_server: datetime | None = None
        self._anchor_mono = 0.0

    def observe(self, server_time: datetime) -> None:
        """Re-anchor on a timestamp the backend just sent."""
        self._anchor_server = server_time
        self._anchor_mono = self._monotonic()

    def now(self) -> datetime:
        """The backend's current time (the local clock until the backend has spoken)."""
        if self._anchor_server is None:
            return datetime.now().astimezone()
        return self._anchor_server + timedelta(seconds=self._monotonic() - self._anchor_mono)

    def elapsed_since(self, since: datetime) -> timedelta:
        """Time since a backend timestamp, never negative."""
        return max(timedelta(0), self.now() - since)
