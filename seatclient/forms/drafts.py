"""Crash-proof order drafts in SQLite: what the call-taker typed survives a killed client or a power cut.

Each ``save`` is one committed statement in a database in WAL mode with ``synchronous=FULL``, so
once ``save`` returns the draft is on disk. Drafts are keyed by job number and call id, and
``load_for`` only ever returns drafts of the job number asked for: on a shared workstation, the
next call-taker does not see the previous one's callers. ``secure_delete`` overwrites the pages of
discarded drafts, because they hold callers' personal data.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from seatclient.forms.order import OrderDraft, utc_now

SCHEMA_VERSION = 1
"""The newest layout of the drafts database, kept in ``PRAGMA user_version``."""

_STATUS_OPEN = "open"
_STATUS_SUBMITTED = "submitted"


class DraftStoreError(Exception):
    """The drafts database cannot be used (newer layout, not a database, no WAL support)."""


def _migrate_to_1(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE drafts (
            job_number TEXT NOT NULL,
            call_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'submitted')),
            confidential INTEGER NOT NULL CHECK (confidential IN (0, 1)),
            values_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT,
            PRIMARY KEY (job_number, call_id)
        ) WITHOUT ROWID
        """
    )
    connection.execute("CREATE INDEX drafts_by_job ON drafts (job_number, status, updated_at)")


_MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_to_1,)
"""Step ``n`` brings a database from ``user_version`` n to n + 1; append, never edit."""


def _timestamp(moment: datetime) -> str:
    # Fixed-width UTC text sorts in time order, which ORDER BY relies on.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


class DraftStore:
    """Order drafts of every call-taker of this workstation, in one SQLite file.

    Args:
        path: the database file; created, with its folder, when missing.

    Raises:
        DraftStoreError: when the file is not a drafts database this version understands.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared under a lock: saves come from the UI thread, loads may come from a worker.
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self._configure()
            self._migrate()
        except (sqlite3.DatabaseError, DraftStoreError) as exc:
            self._connection.close()
            if isinstance(exc, DraftStoreError):
                raise
            raise DraftStoreError(f"{path}: {exc}") from exc

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    def _configure(self) -> None:
        connection = self._connection
        connection.execute("PRAGMA busy_timeout = 5000")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise DraftStoreError(f"{self._path}: the file system does not support WAL (journal mode {mode})")
        # FULL fsyncs the WAL on every commit: a save that returned survives a power cut, not only a kill.
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA secure_delete = ON")

    def _migrate(self) -> None:
        connection = self._connection
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise DraftStoreError(
                f"{self._path}: drafts database version {version} is newer than this client ({SCHEMA_VERSION})"
            )
        for step in range(version, SCHEMA_VERSION):
            connection.execute("BEGIN IMMEDIATE")
            try:
                _MIGRATIONS[step](connection)
                connection.execute(f"PRAGMA user_version = {step + 1}")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> DraftStore:
        """Use the store in a ``with`` block that closes it."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the store at the end of the ``with`` block."""
        self.close()

    def save(self, draft: OrderDraft) -> bool:
        """Store ``draft``, replacing the earlier save of the same job number and call.

        Saving the same draft twice is harmless. A draft already submitted is not reopened by a late
        save (the UI's debounce may fire after submission); ``False`` tells that nothing was written.
        """
        with self._lock:
            cursor = self._connection.execute(
                """
                INSERT INTO drafts (job_number, call_id, status, confidential, values_json, created_at, updated_at)
                VALUES (?, ?, 'open', ?, ?, ?, ?)
                ON CONFLICT (job_number, call_id) DO UPDATE SET
                    confidential = excluded.confidential,
                    values_json = excluded.values_json,
                    updated_at = excluded.updated_at
                WHERE drafts.status = 'open'
                """,
                (
                    draft.job_number,
                    draft.call_id,
                    int(draft.confidential),
                    draft.values_json(),
                    _timestamp(draft.created_at),
                    _timestamp(draft.updated_at),
                ),
            )
            return cursor.rowcount > 0

    def load_for(self, job_number: str) -> list[OrderDraft]:
        """Return the unfinished drafts of ``job_number``, the most recently changed first."""
        with self._lock:
            rows = self._connection.execute(
                """
                SELECT call_id, job_number, confidential, values_json, created_at, updated_at
                FROM drafts
                WHERE job_number = ? AND status = ?
                ORDER BY updated_at DESC, call_id
                """,
                (job_number, _STATUS_OPEN),
            ).fetchall()
        return [_draft_from_row(row) for row in rows]

    def latest_for(self, job_number: str) -> OrderDraft | None:
        """Return the most recently changed unfinished draft of ``job_number``, or ``None``."""
        drafts = self.load_for(job_number)
        return drafts[0] if drafts else None

    def get(self, job_number: str, call_id: str) -> OrderDraft | None:
        """Return the unfinished draft of ``job_number`` for ``call_id``, or ``None``."""
        with self._lock:
            row = self._connection.execute(
                """
                SELECT call_id, job_number, confidential, values_json, created_at, updated_at
                FROM drafts
                WHERE job_number = ? AND call_id = ? AND status = ?
                """,
                (job_number, call_id, _STATUS_OPEN),
            ).fetchone()
        return _draft_from_row(row) if row is not None else None

    def discard(self, job_number: str, call_id: str) -> bool:
        """Delete the draft of ``job_number`` for ``call_id``; ``False`` when there was none."""
        with self._lock:
            cursor = self._connection.execute(
                "DELETE FROM drafts WHERE job_number = ? AND call_id = ?", (job_number, call_id)
            )
            return cursor.rowcount > 0

    def mark_submitted(self, job_number: str, call_id: str, now: datetime | None = None) -> bool:
        """Mark the draft as submitted, so it is no longer offered for recovery; ``False`` when there was none.

        The row stays until ``purge_finished`` so a submission lost before the outbox took it can
        still be traced. ``now`` is the submission time (aware), the current time when ``None``.
        """
        with self._lock:
            cursor = self._connection.execute(
                """
                UPDATE drafts SET status = ?, finished_at = ?
                WHERE job_number = ? AND call_id = ? AND status = ?
                """,
                (_STATUS_SUBMITTED, _timestamp(now or utc_now()), job_number, call_id, _STATUS_OPEN),
            )
            return cursor.rowcount > 0

    def purge_finished(self, finished_before: datetime) -> int:
        """Delete submitted drafts finished before ``finished_before`` (aware); returns how many."""
        with self._lock:
            cursor = self._connection.execute(
                "DELETE FROM drafts WHERE status = ? AND finished_at < ?",
                (_STATUS_SUBMITTED, _timestamp(finished_before)),
            )
            return cursor.rowcount


def _draft_from_row(row: tuple[str, str, int, str, str, str]) -> OrderDraft:
    call_id, job_number, confidential, values_json, created_at, updated_at = row
    return OrderDraft(
        call_id=call_id,
        job_number=job_number,
        values=json.loads(values_json),
        confidential=bool(confidential),
        created_at=_parse_timestamp(created_at),
        updated_at=_parse_timestamp(updated_at),
    )
