"""The outbox's SQLite store: committed before any send, its own schema version, guarded state changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from outbox_testkit import OWNER, FakeSender, payload_for

from seatclient.forms.drafts import DraftStore
from seatclient.forms.order import OrderDraft
from seatclient.outbox import (
    SCHEMA_VERSION,
    DuplicateKeyError,
    EntryState,
    Outbox,
    OutboxStore,
    OutboxStoreError,
)

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "profile" / "seat.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[OutboxStore]:
    with OutboxStore(path) as opened:
        yield opened


def test_an_enqueued_entry_is_committed_before_anything_is_sent(path: Path, store: OutboxStore) -> None:
    sender = FakeSender()
    outbox = Outbox(store, sender, OWNER)
    entry = outbox.enqueue("order.create", payload_for(7), idempotency_key="key-7", lane="call-1")
    assert sender.calls == []
    # Another connection (another process would do the same) sees it at once: it was committed.
    with sqlite3.connect(path) as other:
        row = other.execute(
            "SELECT id, idempotency_key, owner, kind, lane, state, attempts, payload_json FROM outbox_entries"
        ).fetchone()
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert row[:7] == (entry.id, "key-7", OWNER, "order.create", "call-1", "queued", 0)
    assert '"caller_name":"王7"' in row[7]
    assert store.synchronous == "FULL"
    assert entry.state is EntryState.QUEUED and entry.enqueued_at.tzinfo is not None


def test_a_fresh_key_is_a_uuid_and_the_lane_defaults_to_the_kind(store: OutboxStore) -> None:
    outbox = Outbox(store, FakeSender(), OWNER)
    first = outbox.enqueue("order.create", payload_for(1))
    second = outbox.enqueue("order.create", payload_for(1))
    assert first.idempotency_key != second.idempotency_key
    assert len(first.idempotency_key) == 36 and first.idempotency_key.count("-") == 4
    assert first.lane == "order.create"
    assert second.id == first.id + 1


def test_the_outbox_shares_a_file_with_the_drafts_without_touching_their_version(path: Path) -> None:
    with DraftStore(path) as drafts:
        drafts.save(
            OrderDraft(
                call_id="call-1",
                job_number=OWNER,
                values={"caller_name": "李"},
                confidential=False,
                created_at=T0,
                updated_at=T0,
            )
        )
    with OutboxStore(path) as store:
        Outbox(store, FakeSender(), OWNER).enqueue("order.create", payload_for(1))
    with DraftStore(path) as drafts, OutboxStore(path) as store:
        assert [draft.call_id for draft in drafts.load_for(OWNER)] == ["call-1"]
        assert len(store.entries(OWNER)) == 1
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1  # the drafts' own version
        assert raw.execute("SELECT component, version FROM outbox_schema").fetchall() == [
            ("outbox", SCHEMA_VERSION)
        ]


def test_a_newer_outbox_layout_is_refused(path: Path) -> None:
    OutboxStore(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE outbox_schema SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(OutboxStoreError, match="newer than this client"):
        OutboxStore(path)


def test_a_file_that_is_not_a_database_is_refused(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(OutboxStoreError):
        OutboxStore(path)


def test_enqueue_is_idempotent_for_the_same_key_and_content(store: OutboxStore) -> None:
    outbox = Outbox(store, FakeSender(), OWNER)
    first = outbox.enqueue("order.create", payload_for(1), idempotency_key="k1")
    again = outbox.enqueue("order.create", dict(reversed(list(payload_for(1).items()))), idempotency_key="k1")
    assert again.id == first.id
    assert len(store.entries(OWNER)) == 1
    with pytest.raises(DuplicateKeyError):
        outbox.enqueue("order.create", payload_for(2), idempotency_key="k1")
    with pytest.raises(DuplicateKeyError):
        Outbox(store, FakeSender(), "8002").enqueue("order.create", payload_for(1), idempotency_key="k1")


def test_a_payload_that_is_not_json_is_refused_and_nothing_is_stored(store: OutboxStore) -> None:
    outbox = Outbox(store, FakeSender(), OWNER)
    with pytest.raises(ValueError, match="not JSON"):
        outbox.enqueue("order.create", {"when": {1, 2}})
    assert store.entries(OWNER) == []


def test_state_changes_are_guarded(store: OutboxStore) -> None:
    entry = store.add(OWNER, "order.create", "call-1", payload_for(1), "k1", T0)
    assert store.requeue_failed(entry.id) is None
    assert store.acknowledge(entry.id) is None
    sending = store.mark_sending(entry.id, T0)
    assert sending is not None and sending.state is EntryState.SENDING and sending.attempts == 1
    assert store.mark_sending(entry.id, T0) is None  # not queued
    delivered = store.mark_delivered(entry.id, {"order_number": "HZ1"}, T0)
    assert delivered is not None and delivered.state is EntryState.DELIVERED
    # A late answer or a retry cannot move a finished entry back.
    assert store.mark_delivered(entry.id, {"order_number": "HZ2"}, T0) is None
    assert store.mark_retry(entry.id, None, "unreachable", None, "") is None
    assert store.mark_finished(entry.id, EntryState.REJECTED, T0, "rejected", 422, "", {}) is None
    final = store.get(entry.id)
    assert final is not None and final.ack == {"order_number": "HZ1"}
    with pytest.raises(ValueError):
        store.mark_finished(entry.id, EntryState.DELIVERED, T0, "", None, "", {})


def test_recovery_requeues_only_the_owners_interrupted_entries(store: OutboxStore) -> None:
    mine = store.add(OWNER, "order.create", "a", payload_for(1), "k1", T0)
    theirs = store.add("8002", "order.create", "a", payload_for(2), "k2", T0)
    store.mark_sending(mine.id, T0)
    store.mark_sending(theirs.id, T0)
    assert store.recover_interrupted(OWNER) == [mine.id]
    recovered, untouched = store.get(mine.id), store.get(theirs.id)
    assert recovered is not None and recovered.state is EntryState.QUEUED and recovered.attempts == 1
    assert recovered.idempotency_key == "k1"
    assert untouched is not None and untouched.state is EntryState.SENDING


def test_lane_heads_are_the_first_pending_entry_of_each_lane(store: OutboxStore) -> None:
    ids = [
        store.add(OWNER, "order.create", lane, payload_for(n), f"k{n}", T0).id
        for n, lane in enumerate("abab")
    ]
    assert [entry.id for entry in store.lane_heads(OWNER)] == [ids[0], ids[1]]
    assert [entry.id for entry in store.lane_heads(OWNER, exclude=[ids[0]])] == [ids[1]]
    assert [entry.id for entry in store.lane_heads(OWNER, limit=1)] == [ids[0]]
    store.mark_sending(ids[0], T0)
    assert [entry.id for entry in store.lane_heads(OWNER)] == [ids[1]]  # lane a waits for the send
    store.mark_finished(ids[0], EntryState.REJECTED, T0, "rejected", 422, "", {"x": "y"})
    assert [entry.id for entry in store.lane_heads(OWNER)] == [ids[1], ids[2]]
    assert store.lane_heads("8002") == []


def test_purge_keeps_what_nobody_has_seen_and_ids_are_never_reused(store: OutboxStore) -> None:
    delivered = store.add(OWNER, "order.create", "a", payload_for(1), "k1", T0)
    rejected = store.add(OWNER, "order.create", "a", payload_for(2), "k2", T0)
    seen = store.add(OWNER, "order.create", "a", payload_for(3), "k3", T0)
    pending = store.add(OWNER, "order.create", "a", payload_for(4), "k4", T0)
    store.mark_delivered(delivered.id, {}, T0)
    for entry in (rejected, seen):
        store.mark_finished(entry.id, EntryState.REJECTED, T0, "rejected", 422, "不行", {})
    store.acknowledge(seen.id)
    assert store.counts(OWNER)[EntryState.REJECTED] == 1

    assert store.purge_finished(T0) == 0  # nothing finished strictly before T0
    assert store.purge_finished(T0 + timedelta(seconds=1)) == 2
    assert [entry.id for entry in store.entries(OWNER)] == [rejected.id, pending.id]
    newest = store.add(OWNER, "order.create", "a", payload_for(5), "k5", T0)
    assert newest.id == pending.id + 1


def test_the_counts_kept_by_triggers_match_the_entries(path: Path, store: OutboxStore) -> None:
    entries = [
        store.add(owner, "order.create", "a", payload_for(n), f"k{n}", T0)
        for n, owner in enumerate([OWNER] * 6 + ["8002"])
    ]
    for entry in entries[:5]:
        store.mark_sending(entry.id, T0)
    store.mark_delivered(entries[0].id, {}, T0)
    store.mark_finished(entries[1].id, EntryState.REJECTED, T0, "rejected", 422, "", {})
    store.mark_finished(entries[2].id, EntryState.FAILED, T0, "protocol", 200, "", {})
    store.mark_finished(entries[3].id, EntryState.REJECTED, T0, "rejected", 409, "", {})
    store.acknowledge(entries[3].id)
    store.acknowledge(entries[3].id)  # twice: counted once
    store.mark_retry(entries[4].id, None, "unreachable", None, "")
    store.purge_finished(T0 + timedelta(seconds=1))  # deletes the delivered one and the acknowledged one
    store.requeue_failed(entries[2].id)

    with sqlite3.connect(path) as raw:
        truth = dict(
            raw.execute(
                "SELECT state, COUNT(*) FROM outbox_entries WHERE owner = ? AND acknowledged = 0 GROUP BY state",
                (OWNER,),
            ).fetchall()
        )
    counted = {state.value: count for state, count in store.counts(OWNER).items() if count}
    assert counted == truth == {"queued": 3, "rejected": 1}
    assert store.counts("8002")[EntryState.QUEUED] == 1
