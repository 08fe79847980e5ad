"""The outbox: commands to the backend that must arrive exactly once, whatever the network does.

``enqueue`` stores a command and commits it to disk before anything is sent; ``run`` (a background
task on the event loop) sends the stored commands one at a time through an ``OrderSender``, each
with its own idempotency key, retrying the ones that failed for a passing reason, and records every
outcome. A command is never dropped: it ends delivered, rejected by the backend (with its field
errors), or failed and waiting for a person, and each of those is announced.

Order
    Every entry belongs to a *lane* (by default its kind; pass the call id to order per call). In
    a lane, an entry is sent only after every earlier entry of the lane has finished, so orders of
    one call never overtake each other. Across lanes, entries go in enqueue order too, with one
    exception: after a failure, the next try goes to another entry when one is ready, so one entry
    the backend keeps failing (a 5xx on that payload only) cannot hold up the other lanes.

Retries
    An unreachable backend, a timeout, a TLS failure, a 5xx, a 408/425/429 or a 409
    ``idempotency_in_progress`` is retried with exponential backoff and jitter. The backoff is
    global (the backend is down for everyone, so the outbox waits, then tries one entry) and
    per entry (one entry failing again waits longer). ``wake()`` (the connection is back, the
    person signed in again) ends every wait. An expired session pauses the outbox until ``wake()``.
    When the backend says how long to wait (``Retry-After`` on a 429 or 503), the next attempt
    waits at least that long, both globally and for that entry (up to ``MAX_RETRY_AFTER``).

Corrections
    A rejected entry is never sent again. The corrected command goes out as a new *revision*
    (``enqueue_revision``): a new key derived from the old one (``key#r2``), so the backend does
    not replay the refusal it stored for the old key, and the rejection counts as dealt with.

Exactly once
    The key is stored with the entry and sent on every attempt, including after a restart: an
    entry found ``sending`` at start-up (the client died after the request left and before the
    answer was recorded) is sent again with the same key, and the backend's idempotency turns the
    second request into a replay of the first answer. That is what makes "exactly once" hold; the
    outbox alone gives "at least once".
"""

from __future__ import annotations

import asyncio
import json
import logging
import random as random_module
import time
import uuid
from collections.abc import Awaitable, Callable, Collection, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from seatclient.observable import Signal
from seatclient.outbox.model import (
    EntryState,
    Failure,
    FailureKind,
    OutboxEntry,
    OutboxStatus,
    PauseReason,
    RetryPolicy,
    classify_failure,
    revision_key,
    split_revision,
)
from seatclient.outbox.store import OutboxStore

log = logging.getLogger(__name__)


class OrderSender(Protocol):
    """What the outbox needs from the backend client.

    ``submit`` sends one command with ``idempotency_key`` as its ``Idempotency-Key`` header and
    returns the backend's answer as JSON-compatible data. It raises ``BackendError`` (see
    ``seatclient.api.errors``) when no acknowledgement came; any other exception is treated as a
    failure of the client itself.
    """

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        """Send one command; return the backend's acknowledgement."""
        ...


def utc_now() -> datetime:
    """The current time in UTC (stored times are UTC; the UI converts for display)."""
    return datetime.now(UTC)


def _json_safe_ack(ack: object) -> dict[str, Any]:
    """The acknowledgement as storable JSON; odd values become text rather than losing the delivery."""
    record = dict(ack) if isinstance(ack, Mapping) else {"value": ack}
    loaded: dict[str, Any] = json.loads(json.dumps(record, ensure_ascii=False, default=str))
    return loaded


class Outbox:
    """Durable, ordered, retried delivery of one person's commands to the backend.

    Use it from the event loop's thread only. Start ``run()`` as a background task when the
    person has signed in, cancel it on sign-out; call ``wake()`` when the connection comes back.

    Args:
        store: where entries live; several outboxes (owners) may share one store.
        sender: sends one entry to the backend.
        owner: the signed-in job number; this outbox sees and sends only that person's entries.
        policy: the backoff.
        clock: seconds from a clock that never jumps (retry timing; injectable for tests).
        sleep: waits that many seconds on ``clock`` (injectable for tests).
        random: numbers in [0, 1) for the jitter.
        wall_clock: the current UTC time, for the times stored and shown.

    Signals:
        entry_changed: (``OutboxEntry``) an entry was enqueued or changed state, as now stored.
        status_changed: (``OutboxStatus``) the counts or the waiting state changed.
    """

    def __init__(
        self,
        store: OutboxStore,
        sender: OrderSender,
        owner: str,
        *,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        random: Callable[[], float] = random_module.random,
        wall_clock: Callable[[], datetime] = utc_now,
    ) -> None:
        if not owner:
            raise ValueError("the outbox needs the job number of its owner")
        self._store = store
        self._sender = sender
        self._owner = owner
        self._policy = policy or RetryPolicy()
        self._clock = clock
        self._sleep = sleep
        self._random = random
        self._wall_clock = wall_clock
        self.entry_changed: Signal[OutboxEntry] = Signal()
        self.status_changed: Signal[OutboxStatus] = Signal()
        self._changed = asyncio.Event()
        self._drained = asyncio.Event()
        self._running = False
        self._sending_id: int | None = None
        self._consecutive_failures = 0
        self._hold_until: float | None = None
        self._retry_at: datetime | None = None
        self._last_error: Failure | None = None
        self._last_failed_id: int | None = None
        self._paused: PauseReason | None = None
        self._due: dict[int, float] = {}
        self._status = self._compute_status()
        self._update_drained()

    @property
    def owner(self) -> str:
        """The job number whose entries this outbox sends."""
        return self._owner

    @property
    def store(self) -> OutboxStore:
        """The store the entries live in."""
        return self._store

    @property
    def running(self) -> bool:
        """Whether ``run()`` is delivering."""
        return self._running

    # -- the person's side -------------------------------------------------------------------------

    def enqueue(
        self,
        kind: str,
        payload: Mapping[str, Any],
        *,
        idempotency_key: str | None = None,
        lane: str | None = None,
    ) -> OutboxEntry:
        """Store a command for delivery; it is on disk (fsynced) when this returns.

        Args:
            kind: what the command is (``order.create``, ...); the sender maps it to an endpoint.
            payload: the JSON body.
            idempotency_key: the key sent on every attempt; a fresh UUID when ``None``. Enqueuing
                the same key again with the same content returns the stored entry (once only).
            lane: entries of one lane are delivered strictly in order; the kind when ``None``.

        Raises:
            DuplicateKeyError: the key is used by a different entry.
            ValueError: the payload is not JSON.
        """
        entry = self._store.add(
            owner=self._owner,
            kind=kind,
            lane=lane if lane is not None else kind,
            payload=payload,
            idempotency_key=idempotency_key or str(uuid.uuid4()),
            enqueued_at=self._wall_clock(),
        )
        log.info("outbox: entry %d (%s) queued in lane %s", entry.id, entry.kind, entry.lane)
        self._changed.set()
        self._announce(entry)
        return entry

    def latest_revision(self, base_key: str) -> OutboxEntry | None:
        """The newest stored revision of a submission (``base_key``, ``base_key#r2``, ...), or ``None``."""
        latest: OutboxEntry | None = None
        revision = 1
        while (found := self._store.by_key(revision_key(base_key, revision))) is not None:
            latest = found
            revision += 1
        return latest if latest is not None and latest.owner == self._owner else None

    def enqueue_revision(
        self, kind: str, payload: Mapping[str, Any], base_key: str, *, lane: str | None = None
    ) -> OutboxEntry:
        """Submit a command that may be a correction of one the backend rejected.

        The first submission goes out under ``base_key``. When the newest revision was rejected,
        the command is stored under the next revision's key (``base_key#r2``, ``#r3``, ...) and
        the rejection is acknowledged (it no longer needs attention). Otherwise the newest key is
        used again, so a double press stores the command once.

        Args:
            kind: what the command is.
            payload: the JSON body.
            base_key: the key of the first submission, e.g. ``order:<job number>:<call id>``.
            lane: as for ``enqueue``.

        Raises:
            DuplicateKeyError: the newest revision is pending, delivered or failed with different
                content (the command was submitted already).
            ValueError: the payload is not JSON.
        """
        latest = self.latest_revision(base_key)
        if latest is None:
            return self.enqueue(kind, payload, idempotency_key=base_key, lane=lane)
        if latest.state is not EntryState.REJECTED:
            return self.enqueue(kind, payload, idempotency_key=latest.idempotency_key, lane=lane)
        _, number = split_revision(latest.idempotency_key)
        entry = self.enqueue(kind, payload, idempotency_key=revision_key(base_key, number + 1), lane=lane)
        log.info("outbox: entry %d corrects rejected entry %d", entry.id, latest.id)
        if not latest.acknowledged:
            self.acknowledge(latest.id)
        return entry

    def wake(self) -> None:
        """End every wait now: the connection came back, or the person signed in again."""
        self._paused = None
        self._hold_until = None
        self._retry_at = None
        self._last_error = None
        self._consecutive_failures = 0
        self._last_failed_id = None
        self._due.clear()
        self._store.clear_next_attempts(self._owner)
        self._changed.set()
        self._publish_status()

    def retry(self, entry_id: int) -> bool:
        """Send a failed entry again, with its same key; ``False`` unless it is this owner's and failed."""
        entry = self._store.get(entry_id)
        if entry is None or entry.owner != self._owner:
            return False
        requeued = self._store.requeue_failed(entry_id)
        if requeued is None:
            return False
        self._due.pop(entry_id, None)
        self._changed.set()
        self._announce(requeued)
        return True

    def acknowledge(self, entry_id: int) -> bool:
        """Mark a rejected or failed entry as seen and dealt with, so it no longer counts as needing attention."""
        entry = self._store.get(entry_id)
        if entry is None or entry.owner != self._owner:
            return False
        acknowledged = self._store.acknowledge(entry_id)
        if acknowledged is None:
            return False
        self._announce(acknowledged)
        return True

    def entries(self, states: Collection[EntryState] | None = None) -> list[OutboxEntry]:
        """This owner's entries in enqueue order, only those in ``states`` when given."""
        return self._store.entries(self._owner, states)

    def get(self, entry_id: int) -> OutboxEntry | None:
        """The entry with ``entry_id`` when it is this owner's, else ``None``."""
        entry = self._store.get(entry_id)
        return entry if entry is not None and entry.owner == self._owner else None

    def status(self) -> OutboxStatus:
        """The outbox at a glance."""
        return self._status

    async def drained(self) -> None:
        """Return once no entry of this owner is pending (all delivered, rejected or failed)."""
        await self._drained.wait()

    # -- delivery ---------------------------------------------------------------------------------

    async def run(self) -> None:
        """Deliver until cancelled. Entries left ``sending`` by a crash are resent first, same key.

        Raises:
            RuntimeError: ``run()`` is already running for this outbox.
            OutboxStoreError, sqlite3.Error: the database failed; what was stored stays stored.
        """
        if self._running:
            raise RuntimeError("the outbox is already running")
        self._running = True
        try:
            for entry_id in self._store.recover_interrupted(self._owner):
                log.warning("outbox: entry %d was being sent when the client stopped; resending it", entry_id)
            self._publish_status()
            while True:
                self._changed.clear()
                entry, wait = self._choose()
                if entry is None:
                    await self._wait(wait)
                    continue
                await self._deliver(entry)
        finally:
            self._running = False
            self._sending_id = None

    def _choose(self) -> tuple[OutboxEntry | None, float | None]:
        """The entry to send now, or ``None`` and how long to wait (``None``: until something changes)."""
        if self._paused is not None:
            return None, None
        now = self._clock()
        if self._hold_until is not None:
            if now < self._hold_until:
                return None, self._hold_until - now
            self._hold_until = None
            self._retry_at = None
            self._publish_status()
        waiting = {entry_id: due for entry_id, due in self._due.items() if due > now}
        ready = self._store.lane_heads(self._owner, exclude=waiting, limit=2)
        if not ready:
            # Entries waiting out their own backoff are lane heads still: wake for the first of them.
            return None, (min(waiting.values()) - now) if waiting else None
        if self._last_failed_id is not None and ready[0].id == self._last_failed_id and len(ready) > 1:
            # After a failure, try another entry first: one entry the backend keeps failing must
            # not hold up the rest.
            return ready[1], None
        return ready[0], None

    async def _wait(self, seconds: float | None) -> None:
        if seconds is None:
            await self._changed.wait()
            return
        if seconds <= 0:
            return
        sleeper = asyncio.ensure_future(self._sleep(seconds))
        changed = asyncio.ensure_future(self._changed.wait())
        try:
            await asyncio.wait({sleeper, changed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeper, changed):
                task.cancel()
            await asyncio.gather(sleeper, changed, return_exceptions=True)

    async def _deliver(self, entry: OutboxEntry) -> None:
        sending = self._store.mark_sending(entry.id, self._wall_clock())
        if sending is None:
            return
        self._sending_id = sending.id
        self._announce(sending)
        try:
            ack = await self._sender.submit(sending.kind, sending.payload, sending.idempotency_key)
        except asyncio.CancelledError:
            # The request may have reached the backend: the same key goes out on the next run.
            released = self._store.release(sending.id)
            self._sending_id = None
            if released is not None:
                self._announce(released)
            raise
        except Exception as error:
            self._sending_id = None
            self._record_failure(sending, classify_failure(error, self._wall_clock()), error)
            return
        self._sending_id = None
        delivered = self._store.mark_delivered(sending.id, _json_safe_ack(ack), self._wall_clock())
        self._consecutive_failures = 0
        self._last_failed_id = None
        self._last_error = None
        self._due.pop(sending.id, None)
        log.info(
            "outbox: entry %d (%s) delivered after %d attempt(s)", sending.id, sending.kind, sending.attempts
        )
        if delivered is not None:
            self._announce(delivered)

    def _record_failure(self, entry: OutboxEntry, failure: Failure, error: Exception) -> None:
        updated: OutboxEntry | None
        if failure.kind is FailureKind.TRANSIENT:
            self._consecutive_failures += 1
            now, wall = self._clock(), self._wall_clock()
            entry_delay = self._policy.delay(entry.attempts, self._random)
            pause = self._policy.delay(self._consecutive_failures, self._random)
            if failure.retry_after is not None:
                # The backend said when it can take requests again: earlier tries only add load.
                entry_delay = max(entry_delay, failure.retry_after)
                pause = max(pause, failure.retry_after)
            self._due[entry.id] = now + entry_delay
            self._hold_until = now + pause
            self._retry_at = wall + timedelta(seconds=pause)
            self._last_failed_id = entry.id
            self._last_error = failure
            log.warning(
                "outbox: entry %d (%s) attempt %d failed (%s, HTTP %s); waiting %.2f s",
                entry.id,
                entry.kind,
                entry.attempts,
                failure.error_kind,
                failure.status,
                pause,
            )
            updated = self._store.mark_retry(
                entry.id,
                wall + timedelta(seconds=max(entry_delay, pause)),
                failure.error_kind,
                failure.status,
                failure.message,
            )
        elif failure.kind is FailureKind.BLOCKED:
            self._paused = PauseReason.SESSION_EXPIRED
            self._last_error = failure
            self._due.pop(entry.id, None)
            log.warning("outbox: paused, the session is no longer accepted (entry %d kept)", entry.id)
            updated = self._store.mark_retry(
                entry.id, None, failure.error_kind, failure.status, failure.message
            )
        else:
            # The backend answered (or the client broke): the connection is not the problem.
            self._consecutive_failures = 0
            self._last_failed_id = None
            self._due.pop(entry.id, None)
            state = EntryState.REJECTED if failure.kind is FailureKind.REJECTED else EntryState.FAILED
            if state is EntryState.REJECTED:
                log.info(
                    "outbox: entry %d (%s) rejected (HTTP %s, fields %s)",
                    entry.id,
                    entry.kind,
                    failure.status,
                    sorted(failure.field_errors),
                )
            else:
                log.error(
                    "outbox: entry %d (%s) failed and needs a person", entry.id, entry.kind, exc_info=error
                )
            updated = self._store.mark_finished(
                entry.id,
                state,
                self._wall_clock(),
                failure.error_kind,
                failure.status,
                failure.message,
                failure.field_errors,
            )
        if updated is not None:
            self._announce(updated)

    # -- announcing -------------------------------------------------------------------------------

    def _announce(self, entry: OutboxEntry) -> None:
        self.entry_changed.emit(entry)
        self._publish_status()

    def _compute_status(self) -> OutboxStatus:
        counts = self._store.counts(self._owner)
        waiting = self._retry_at is not None and self._paused is None
        return OutboxStatus(
            pending=counts[EntryState.QUEUED] + counts[EntryState.SENDING],
            sending_id=self._sending_id,
            rejected=counts[EntryState.REJECTED],
            failed=counts[EntryState.FAILED],
            oldest_pending_at=self._store.oldest_pending_at(self._owner),
            retry_at=self._retry_at if waiting else None,
            paused=self._paused,
            last_error_kind=self._last_error.error_kind if self._last_error else None,
            last_error_status=self._last_error.status if self._last_error else None,
        )

    def _update_drained(self) -> None:
        if self._status.pending == 0:
            self._drained.set()
        else:
            self._drained.clear()

    def _publish_status(self) -> None:
        status = self._compute_status()
        if status == self._status:
            return
        self._status = status
        self._update_drained()
        self.status_changed.emit(status)
