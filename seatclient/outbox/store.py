"""The outbox's SQLite store: every command is on disk before it is sent, and its state after.

One table, ``outbox_entries``, in a database in WAL mode with ``synchronous=FULL``: a commit
returns only after the WAL is fsynced, so an entry whose ``add`` returned survives a killed client
or a power cut, and so does every outcome (delivered, rejected, failed). The one exception is the
``sending`` mark, which is not worth an fsync of its own (see ``mark_sending``). The outbox keeps its own schema version in the table ``outbox_schema`` rather than
``PRAGMA user_version``, so it can live in its own file or share the profile's database with other
stores (the drafts use ``user_version``).

Entry ids come from ``AUTOINCREMENT``: they only grow and are never reused, which is what the
delivery order relies on. Every state change is one guarded ``UPDATE ... WHERE state IN (...)``,
so a late or repeated change cannot move a finished entry back.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from seatclient.outbox.model import PENDING_STATES, EntryState, OutboxEntry

SCHEMA_VERSION = 1
"""The newest layout of the outbox tables, kept in ``outbox_schema``."""

_SCHEMA_COMPONENT = "outbox"

_COLUMNS = (
    "id, idempotency_key, owner, kind, lane, payload_json, state, attempts, enqueued_at, "
    "last_attempt_at, next_attempt_at, finished_at, error_kind, error_status, error_message, "
    "field_errors_json, ack_json, acknowledged"
)


class OutboxStoreError(Exception):
    """The outbox database cannot be used (newer layout, not a database, no WAL support)."""


class DuplicateKeyError(ValueError):
    """An entry with this idempotency key exists with a different owner, kind, lane or payload."""


def _migrate_to_1(connection: sqlite3.Connection) -> None:
    connection.execute(
        """
        CREATE TABLE outbox_entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            idempotency_key TEXT NOT NULL UNIQUE,
            owner TEXT NOT NULL,
            kind TEXT NOT NULL,
            lane TEXT NOT NULL,
            payload_json TEXT NOT NULL,
            state TEXT NOT NULL
                CHECK (state IN ('queued', 'sending', 'delivered', 'rejected', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            enqueued_at TEXT NOT NULL,
            last_attempt_at TEXT,
            next_attempt_at TEXT,
            finished_at TEXT,
            error_kind TEXT,
            error_status INTEGER,
            error_message TEXT,
            field_errors_json TEXT NOT NULL DEFAULT '{}',
            ack_json TEXT,
            acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1))
        )
        """
    )
    # The delivery loop asks for the first pending entry of each lane on every turn.
    connection.execute(
        "CREATE INDEX outbox_pending ON outbox_entries (owner, lane, id) WHERE state IN ('queued', 'sending')"
    )
    connection.execute("CREATE INDEX outbox_by_state ON outbox_entries (owner, state, id)")
    # The status bar asks for the counts after every change; triggers keep them in the same
    # transaction as the change, so reading them costs the same with ten entries or ten thousand.
    connection.execute(
        """
        CREATE TABLE outbox_counts (
            owner TEXT NOT NULL,
            state TEXT NOT NULL,
            acknowledged INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (owner, state, acknowledged)
        ) WITHOUT ROWID
        """
    )
    count_in = """
        INSERT INTO outbox_counts (owner, state, acknowledged, n)
        VALUES (NEW.owner, NEW.state, NEW.acknowledged, 1)
        ON CONFLICT (owner, state, acknowledged) DO UPDATE SET n = n + 1;
    """
    count_out = """
        UPDATE outbox_counts SET n = n - 1
        WHERE owner = OLD.owner AND state = OLD.state AND acknowledged = OLD.acknowledged;
    """
    connection.execute(
        f"CREATE TRIGGER outbox_count_insert AFTER INSERT ON outbox_entries BEGIN {count_in} END"
    )
    connection.execute(
        f"CREATE TRIGGER outbox_count_delete AFTER DELETE ON outbox_entries BEGIN {count_out} END"
    )
    connection.execute(
        f"""
        CREATE TRIGGER outbox_count_update AFTER UPDATE OF owner, state, acknowledged ON outbox_entries
        WHEN OLD.owner IS NOT NEW.owner OR OLD.state IS NOT NEW.state OR OLD.acknowledged IS NOT NEW.acknowledged
        BEGIN {count_out} {count_in} END
        """
    )


_MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_to_1,)
"""Step ``n`` brings the outbox tables from version n to n + 1; append, never edit."""


def _timestamp(moment: datetime | None) -> str | None:
    # Fixed-width UTC text sorts in time order.
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_timestamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _json_text(value: Mapping[str, Any]) -> str:
    # Key order is kept: field errors come in the form's order.
    return json.dumps(dict(value), ensure_ascii=False, separators=(",", ":"))


class OutboxStore:
    """The outbox entries of every person of this workstation, in one SQLite file.

    Every method commits before it returns. The store may be shared by threads (one connection
    under a lock), though the outbox uses it from the event loop only.

    Args:
        path: the database file; created, with its folder, when missing. It may be the same file
            other stores use.
        synchronous: SQLite's ``synchronous`` setting. ``FULL`` (the default, and the only setting
            the product uses) fsyncs every commit; ``NORMAL`` exists for the benchmark's baseline.

    Raises:
        OutboxStoreError: when the file is not a database this version understands.
    """

    def __init__(self, path: Path, synchronous: str = "FULL") -> None:
        if synchronous not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError(f"unsupported synchronous setting {synchronous!r}")
        self._path = path
        self._synchronous = synchronous
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self._configure(synchronous)
            self._migrate()
        except (sqlite3.DatabaseError, OutboxStoreError) as exc:
            self._connection.close()
            if isinstance(exc, OutboxStoreError):
                raise
            raise OutboxStoreError(f"{path}: {exc}") from exc

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def synchronous(self) -> str:
        """SQLite's ``synchronous`` setting in force on the store's connection (``FULL`` in the product)."""
        with self._lock:
            level = int(self._connection.execute("PRAGMA synchronous").fetchone()[0])
        return {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[level]

    def _configure(self, synchronous: str) -> None:
        connection = self._connection
        connection.execute("PRAGMA busy_timeout = 5000")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise OutboxStoreError(
                f"{self._path}: the file system does not support WAL (journal mode {mode})"
            )
        connection.execute(f"PRAGMA synchronous = {synchronous}")
        # Payloads hold callers' personal data: overwrite the pages of purged entries.
        connection.execute("PRAGMA secure_delete = ON")

    def _migrate(self) -> None:
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS outbox_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
            )
            row = connection.execute(
                "SELECT version FROM outbox_schema WHERE component = ?", (_SCHEMA_COMPONENT,)
            ).fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise OutboxStoreError(
                    f"{self._path}: outbox version {version} is newer than this client ({SCHEMA_VERSION})"
                )
            for step in range(version, SCHEMA_VERSION):
                _MIGRATIONS[step](connection)
            connection.execute(
                "INSERT INTO outbox_schema (component, version) VALUES (?, ?) "
                "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                (_SCHEMA_COMPONENT, SCHEMA_VERSION),
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> OutboxStore:
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

    # -- adding and reading ------------------------------------------------------------------------

    def add(
        self,
        owner: str,
        kind: str,
        lane: str,
        payload: Mapping[str, Any],
        idempotency_key: str,
        enqueued_at: datetime,
    ) -> OutboxEntry:
        """Store a new queued entry and commit (fsynced with ``FULL``) before returning it.

        Adding the same key again with the same owner, kind, lane and payload returns the stored
        entry unchanged (a double press enqueues once).

        Raises:
            DuplicateKeyError: the key is taken by a different entry.
            ValueError: the payload cannot be written as JSON.
        """
        try:
            payload_json = _json_text(payload)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"the payload is not JSON: {exc}") from exc
        with self._lock:
            try:
                cursor = self._connection.execute(
                    """
                    INSERT INTO outbox_entries
                        (idempotency_key, owner, kind, lane, payload_json, state, attempts, enqueued_at)
                    VALUES (?, ?, ?, ?, ?, 'queued', 0, ?)
                    """,
                    (idempotency_key, owner, kind, lane, payload_json, _timestamp(enqueued_at)),
                )
                entry_id = cursor.lastrowid
            except sqlite3.IntegrityError:
                entry_id = None
            row = (
                self._select_one("id = ?", (entry_id,))
                if entry_id is not None
                else self._select_one("idempotency_key = ?", (idempotency_key,))
            )
        if row is None:
            raise OutboxStoreError(f"{self._path}: the entry with key {idempotency_key} vanished")
        entry = _entry_from_row(row)
        if entry_id is None and (
            entry.owner != owner
            or entry.kind != kind
            or entry.lane != lane
            or dict(entry.payload) != json.loads(payload_json)
        ):
            raise DuplicateKeyError(f"idempotency key {idempotency_key} is already used by entry {entry.id}")
        return entry

    def _select_one(self, where: str, parameters: tuple[Any, ...]) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._connection.execute(
            f"SELECT {_COLUMNS} FROM outbox_entries WHERE {where}", parameters
        ).fetchone()
        return row

    def get(self, entry_id: int) -> OutboxEntry | None:
        """Return the entry with ``entry_id``, or ``None``."""
        with self._lock:
            row = self._select_one("id = ?", (entry_id,))
        return _entry_from_row(row) if row is not None else None

    def by_key(self, idempotency_key: str) -> OutboxEntry | None:
        """Return the entry with ``idempotency_key``, or ``None``."""
        with self._lock:
            row = self._select_one("idempotency_key = ?", (idempotency_key,))
        return _entry_from_row(row) if row is not None else None

    def entries(
        self, owner: str, states: Collection[EntryState] | None = None, limit: int | None = None
    ) -> list[OutboxEntry]:
        """Return ``owner``'s entries in enqueue order, only those in ``states`` when given."""
        chosen = tuple(states) if states is not None else tuple(EntryState)
        placeholders = ",".join("?" for _ in chosen)
        query = (
            f"SELECT {_COLUMNS} FROM outbox_entries WHERE owner = ? AND state IN ({placeholders}) ORDER BY id"
        )
        parameters: list[Any] = [owner, *(state.value for state in chosen)]
        if limit is not None:
            query += " LIMIT ?"
            parameters.append(limit)
        with self._lock:
            rows = self._connection.execute(query, parameters).fetchall()
        return [_entry_from_row(row) for row in rows]

    def lane_heads(
        self, owner: str, exclude: Collection[int] = (), limit: int | None = None
    ) -> list[OutboxEntry]:
        """Return ``owner``'s queued entries that head their lane, in enqueue order.

        An entry heads its lane when no earlier entry of the lane is pending. Reads only as far as
        ``limit``, so picking the next entry stays cheap with thousands queued.

        Args:
            owner: the job number.
            exclude: ids to pass over (entries waiting for their retry time).
            limit: the most entries to return.
        """
        skipped = tuple(exclude)
        placeholders = ",".join("?" for _ in skipped)
        query = f"""
            SELECT {_COLUMNS} FROM outbox_entries AS e
            WHERE e.owner = ? AND e.state = 'queued' AND e.id NOT IN ({placeholders})
            AND NOT EXISTS (
                SELECT 1 FROM outbox_entries AS p
                WHERE p.owner = e.owner AND p.lane = e.lane AND p.state IN ('queued', 'sending') AND p.id < e.id
            )
            ORDER BY e.id
            """
        parameters: list[Any] = [owner, *skipped]
        if limit is not None:
            query += " LIMIT ?"
            parameters.append(limit)
        with self._lock:
            rows = self._connection.execute(query, parameters).fetchall()
        return [_entry_from_row(row) for row in rows]

    def counts(self, owner: str) -> dict[EntryState, int]:
        """Return how many of ``owner``'s entries are in each state; acknowledged ones are left out."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT state, n FROM outbox_counts WHERE owner = ? AND acknowledged = 0", (owner,)
            ).fetchall()
        found = {EntryState(state): int(count) for state, count in rows}
        return {state: found.get(state, 0) for state in EntryState}

    def oldest_pending_at(self, owner: str) -> datetime | None:
        """Return when ``owner``'s oldest pending entry was enqueued, or ``None``."""
        with self._lock:
            row = self._connection.execute(
                """
                SELECT enqueued_at FROM outbox_entries
                WHERE owner = ? AND state IN ('queued', 'sending')
                ORDER BY id LIMIT 1
                """,
                (owner,),
            ).fetchone()
        return _parse_timestamp(row[0]) if row else None

    def pending_by_owner(self) -> dict[str, int]:
        """Return every owner with pending entries and how many (for a workstation check)."""
        with self._lock:
            rows = self._connection.execute(
                """
                SELECT owner, COUNT(*) FROM outbox_entries
                WHERE state IN ('queued', 'sending') GROUP BY owner ORDER BY owner
                """
            ).fetchall()
        return {owner: int(count) for owner, count in rows}

    # -- state changes ----------------------------------------------------------------------------

    def _update(
        self, entry_id: int, allowed_from: Iterable[EntryState], values: Mapping[str, Any]
    ) -> OutboxEntry | None:
        """Change columns of an entry when it is in one of ``allowed_from``; returns it, or ``None``."""
        sources = tuple(state.value for state in allowed_from)
        assignments = ", ".join(f"{column} = ?" for column in values)
        placeholders = ",".join("?" for _ in sources)
        with self._lock:
            cursor = self._connection.execute(
                f"UPDATE outbox_entries SET {assignments} WHERE id = ? AND state IN ({placeholders})",
                (*values.values(), entry_id, *sources),
            )
            if cursor.rowcount == 0:
                return None
            row = self._select_one("id = ?", (entry_id,))
        return _entry_from_row(row) if row is not None else None

    def mark_sending(self, entry_id: int, attempted_at: datetime) -> OutboxEntry | None:
        """Record that a send starts: state ``sending``, one more attempt; ``None`` unless it was queued.

        This one commit is not fsynced on its own (``synchronous=NORMAL`` for it): after a restart a
        ``sending`` entry and a ``queued`` one are treated alike (sent again, same key), so losing
        the mark to a power cut loses only an attempt count, while fsyncing it would double the
        disk waits of every delivery. The next fsynced commit writes it to disk with its own.
        """
        with self._lock:
            self._connection.execute("PRAGMA synchronous = NORMAL")
            try:
                cursor = self._connection.execute(
                    """
                    UPDATE outbox_entries
                    SET state = 'sending', attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = NULL
                    WHERE id = ? AND state = 'queued'
                    """,
                    (_timestamp(attempted_at), entry_id),
                )
            finally:
                self._connection.execute(f"PRAGMA synchronous = {self._synchronous}")
            if cursor.rowcount == 0:
                return None
            row = self._select_one("id = ?", (entry_id,))
        return _entry_from_row(row) if row is not None else None

    def mark_delivered(self, entry_id: int, ack: Mapping[str, Any], at: datetime) -> OutboxEntry | None:
        """Record the backend's acknowledgement; ``None`` unless the entry was pending."""
        return self._update(
            entry_id,
            PENDING_STATES,
            {
                "state": EntryState.DELIVERED.value,
                "ack_json": _json_text(ack),
                "finished_at": _timestamp(at),
                "next_attempt_at": None,
            },
        )

    def mark_retry(
        self,
        entry_id: int,
        next_attempt_at: datetime | None,
        error_kind: str,
        error_status: int | None,
        error_message: str,
    ) -> OutboxEntry | None:
        """Put a pending entry back in the queue after a failure, keeping its key and attempts."""
        return self._update(
            entry_id,
            PENDING_STATES,
            {
                "state": EntryState.QUEUED.value,
                "next_attempt_at": _timestamp(next_attempt_at),
                "error_kind": error_kind,
                "error_status": error_status,
                "error_message": error_message,
            },
        )

    def mark_finished(
        self,
        entry_id: int,
        state: EntryState,
        at: datetime,
        error_kind: str,
        error_status: int | None,
        error_message: str,
        field_errors: Mapping[str, str],
    ) -> OutboxEntry | None:
        """Record a rejection or a failure; ``None`` unless the entry was pending."""
        if state not in (EntryState.REJECTED, EntryState.FAILED):
            raise ValueError(f"{state} is not a rejection or a failure")
        return self._update(
            entry_id,
            PENDING_STATES,
            {
                "state": state.value,
                "finished_at": _timestamp(at),
                "next_attempt_at": None,
                "error_kind": error_kind,
                "error_status": error_status,
                "error_message": error_message,
                "field_errors_json": _json_text(field_errors),
            },
        )

    def requeue_failed(self, entry_id: int) -> OutboxEntry | None:
        """Queue a failed entry again, same key; ``None`` unless it had failed."""
        return self._update(
            entry_id,
            (EntryState.FAILED,),
            {
                "state": EntryState.QUEUED.value,
                "finished_at": None,
                "acknowledged": 0,
                "next_attempt_at": None,
            },
        )

    def acknowledge(self, entry_id: int) -> OutboxEntry | None:
        """Mark a rejected or failed entry as dealt with; ``None`` unless it was rejected or failed."""
        return self._update(entry_id, (EntryState.REJECTED, EntryState.FAILED), {"acknowledged": 1})

    def release(self, entry_id: int) -> OutboxEntry | None:
        """Put an entry whose send was abandoned back in the queue, errors untouched; ``None`` unless it was sending."""
        return self._update(entry_id, (EntryState.SENDING,), {"state": EntryState.QUEUED.value})

    def recover_interrupted(self, owner: str) -> list[int]:
        """Queue again every entry of ``owner`` left ``sending`` by a client that stopped mid-send.

        Such an entry may or may not have reached the backend; it is resent with the same key and
        the backend's idempotency makes the second send harmless. Returns the ids.
        """
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                ids = [
                    int(row[0])
                    for row in self._connection.execute(
                        "SELECT id FROM outbox_entries WHERE owner = ? AND state = 'sending' ORDER BY id",
                        (owner,),
                    ).fetchall()
                ]
                self._connection.execute(
                    "UPDATE outbox_entries SET state = 'queued' WHERE owner = ? AND state = 'sending'",
                    (owner,),
                )
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")
        return ids

    def clear_next_attempts(self, owner: str) -> None:
        """Forget the planned retry times of ``owner``'s queued entries (they are due now)."""
        with self._lock:
            self._connection.execute(
                "UPDATE outbox_entries SET next_attempt_at = NULL WHERE owner = ? AND state = 'queued'",
                (owner,),
            )

    def purge_finished(self, finished_before: datetime) -> int:
        """Delete delivered entries, and acknowledged rejected or failed ones, finished before ``finished_before``.

        Unacknowledged rejections and failures are never purged: nobody has seen them yet.
        Returns how many were deleted.
        """
        with self._lock:
            cursor = self._connection.execute(
                """
                DELETE FROM outbox_entries
                WHERE finished_at < ? AND (state = 'delivered' OR (state IN ('rejected', 'failed') AND acknowledged = 1))
                """,
                (_timestamp(finished_before),),
            )
            return cursor.rowcount


def _entry_from_row(row: tuple[Any, ...]) -> OutboxEntry:
    (
        entry_id,
        idempotency_key,
        owner,
        kind,
        lane,
        payload_json,
        state,
        attempts,
        enqueued_at,
        last_attempt_at,
        next_attempt_at,
        finished_at,
        error_kind,
        error_status,
        error_message,
        field_errors_json,
        ack_json,
        acknowledged,
    ) = row
    enqueued = _parse_timestamp(enqueued_at)
    if enqueued is None:  # NOT NULL in the schema: only a hand-edited file gets here
        raise OutboxStoreError(f"outbox entry {entry_id} has no enqueue time")
    return OutboxEntry(
        id=int(entry_id),
        idempotency_key=idempotency_key,
        owner=owner,
        kind=kind,
        lane=lane,
        payload=json.loads(payload_json),
        state=EntryState(state),
        attempts=int(attempts),
        enqueued_at=enqueued,
        last_attempt_at=_parse_timestamp(last_attempt_at),
        next_attempt_at=_parse_timestamp(next_attempt_at),
        finished_at=_parse_timestamp(finished_at),
        error_kind=error_kind,
        error_status=error_status,
        error_message=error_message,
        field_errors=json.loads(field_errors_json),
        ack=json.loads(ack_json) if ack_json is not None else None,
        acknowledged=bool(acknowledged),
    )
