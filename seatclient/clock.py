"""The backend's clock as seen from the client, so timers survive a sleep or a local clock change.

This is the one server clock of the client: the seat window's timers (time in state, call, hold,
ring counter, wrap-up countdown) and the seat machine's local pre-checks all read ``now()`` here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta


def default_ticker() -> float:
    """Seconds from a clock that never jumps; on Linux one that also counts suspend time.

    ``CLOCK_MONOTONIC`` stops while a Linux laptop sleeps, which would leave the estimated server
    time behind after a resume; ``CLOCK_BOOTTIME`` keeps counting. Windows' monotonic clock already
    includes sleep.
    """
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


class ServerClock:
    """Tracks the backend's time from its timestamps and a local clock that never jumps.

    Durations shown to the seat are computed against this clock and the backend's own ``since``
    stamps, never the workstation's wall clock, which a person or NTP may move. Fresh timestamps
    (the sign-in answer, heartbeats, command answers) re-anchor it with ``observe``; timestamps that
    may be old (events replayed after a reconnect) only move it forward with ``advance``.

    Args:
        monotonic: the local tick source in seconds; the default also counts a laptop's sleep.
    """

    def __init__(self, monotonic: Callable[[], float] = default_ticker) -> None:
        self._monotonic = monotonic
        self._anchor_server: datetime | None = None
        self._anchor_mono = 0.0

    @property
    def synced(self) -> bool:
        """Whether a server timestamp has been seen."""
        return self._anchor_server is not None

    def observe(self, server_time: datetime) -> None:
        """Re-anchor on a timestamp the backend just sent.

        Raises:
            ValueError: ``server_time`` has no time zone (a programming error).
        """
        if server_time.utcoffset() is None:
            raise ValueError("server time must be timezone-aware")
        self._anchor_server = server_time
        self._anchor_mono = self._monotonic()

    def advance(self, server_time: datetime) -> None:
        """Re-anchor only when ``server_time`` is ahead of the current estimate (it may be a replay)."""
        if not self.synced or server_time > self.now():
            self.observe(server_time)

    def now(self) -> datetime:
        """The backend's current time (the local clock in UTC until the backend has spoken)."""
        if self._anchor_server is None:
            return datetime.now(UTC)
        return self._anchor_server + timedelta(seconds=self._monotonic() - self._anchor_mono)

    def elapsed_since(self, since: datetime) -> timedelta:
        """Time since a backend timestamp, never negative."""
        return max(timedelta(0), self.now() - since)
