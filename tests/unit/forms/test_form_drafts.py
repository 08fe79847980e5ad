"""Order drafts in SQLite: saving, loading, isolation between job numbers, submission and migration."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from seatclient.forms.drafts import SCHEMA_VERSION, DraftStore, DraftStoreError
from seatclient.forms.order import OrderDraft

T0 = datetime(2025, 11, 22, 2, 0, tzinfo=UTC)


def make_draft(call_id: str, job_number: str = "8001", seconds: int = 0, **values: Any) -> OrderDraft:
    merged: dict[str, Any] = {"caller_name": "王先生", "event_description": "路灯不亮", **values}
    return OrderDraft(
        call_id=call_id,
        job_number=job_number,
        values=merged,
        confidential=merged.get("confidential") is True,
        created_at=T0,
        updated_at=T0 + timedelta(seconds=seconds),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DraftStore]:
    with DraftStore(tmp_path / "profile" / "drafts.sqlite3") as opened:
        yield opened


def test_save_and_load(store: DraftStore) -> None:
    draft = make_draft("call-1", caller_phone="13812345678", confidential=True)
    assert store.save(draft) is True
    assert store.load_for("8001") == [draft]
    loaded = store.get("8001", "call-1")
    assert loaded is not None
    assert loaded.values["caller_phone"] == "13812345678"
    assert loaded.confidential is True
    assert loaded.updated_at == T0


def test_save_is_an_idempotent_upsert(store: DraftStore) -> None:
    first = make_draft("call-1", caller_name="王")
    store.save(first)
    store.save(first)
    second = make_draft("call-1", seconds=5, caller_name="王先生")
    store.save(second)
    assert store.load_for("8001") == [second]
    loaded = store.get("8001", "call-1")
    assert loaded is not None and loaded.created_at == T0  # the start time survives updates


def test_latest_first(store: DraftStore) -> None:
    store.save(make_draft("call-1", seconds=10))
    store.save(make_draft("call-2", seconds=30))
    store.save(make_draft("call-3", seconds=20))
    assert [draft.call_id for draft in store.load_for("8001")] == ["call-2", "call-3", "call-1"]
    latest = store.latest_for("8001")
    assert latest is not None and latest.call_id == "call-2"


def test_job_numbers_never_see_each_others_drafts(store: DraftStore) -> None:
    store.save(make_draft("call-1", job_number="8001", caller_name="张三"))
    store.save(make_draft("call-2", job_number="8002", caller_name="李四"))
    # The same call taken over by another seat is a separate draft.
    store.save(make_draft("call-1", job_number="8002", caller_name="张三（转接）"))
    assert [(d.call_id, d.values["caller_name"]) for d in store.load_for("8001")] == [("call-1", "张三")]
    assert sorted(d.call_id for d in store.load_for("8002")) == ["call-1", "call-2"]
    assert store.load_for("9999") == []
    assert store.latest_for("9999") is None
    assert store.get("8001", "call-2") is None
    # Discarding one seat's draft leaves the other's.
    assert store.discard("8002", "call-1") is True
    assert [d.call_id for d in store.load_for("8001")] == ["call-1"]


def test_discard(store: DraftStore) -> None:
    store.save(make_draft("call-1"))
    assert store.discard("8001", "call-1") is True
    assert store.load_for("8001") == []
    assert store.discard("8001", "call-1") is False


def test_submitted_drafts_are_not_offered_nor_reopened(store: DraftStore) -> None:
    store.save(make_draft("call-1"))
    store.save(make_draft("call-2"))
    assert store.mark_submitted("8001", "call-1", now=T0 + timedelta(minutes=1)) is True
    assert [d.call_id for d in store.load_for("8001")] == ["call-2"]
    # A debounced save arriving after submission must not bring the draft back.
    assert store.save(make_draft("call-1", seconds=90)) is False
    assert store.get("8001", "call-1") is None
    assert store.mark_submitted("8001", "call-1") is False
    assert store.mark_submitted("8002", "call-2") is False  # another seat cannot submit it


def test_purge_finished(store: DraftStore) -> None:
    store.save(make_draft("call-1"))
    store.save(make_draft("call-2"))
    store.save(make_draft("call-3"))
    store.mark_submitted("8001", "call-1", now=T0 + timedelta(days=1))
    store.mark_submitted("8001", "call-2", now=T0 + timedelta(days=10))
    assert store.purge_finished(T0 + timedelta(days=5)) == 1
    connection = sqlite3.connect(store.path)
    try:
        rows = connection.execute("SELECT call_id, status FROM drafts ORDER BY call_id").fetchall()
    finally:
        connection.close()
    assert rows == [("call-2", "submitted"), ("call-3", "open")]


def test_drafts_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "drafts.sqlite3"
    with DraftStore(path) as first:
        first.save(make_draft("call-1", seconds=3, caller_name="欧阳娜娜"))
    with DraftStore(path) as second:
        assert second.load_for("8001") == [make_draft("call-1", seconds=3, caller_name="欧阳娜娜")]


def test_database_settings(store: DraftStore) -> None:
    connection = sqlite3.connect(store.path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 1
    finally:
        connection.close()
    # synchronous is a setting of the connection, so read it from the store's own.
    assert store._connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store._connection.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_migration_from_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "drafts.sqlite3"
    sqlite3.connect(path).close()  # an empty file at user_version 0, as left by an interrupted first start
    with DraftStore(path) as store:
        store.save(make_draft("call-1"))
        assert len(store.load_for("8001")) == 1


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "drafts.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(DraftStoreError, match="newer"):
        DraftStore(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "drafts.sqlite3"
    path.write_bytes(b"this is not a database, just some text that is long enough" * 20)
    with pytest.raises(DraftStoreError):
        DraftStore(path)


def test_datetime_values_are_stored_as_text(store: DraftStore) -> None:
    moment = datetime(2025, 11, 21, 20, 0, tzinfo=UTC)
    store.save(make_draft("call-1", occurred_at=moment))
    loaded = store.get("8001", "call-1")
    assert loaded is not None and loaded.values["occurred_at"] == "2025-11-21T20:00:00+00:00"
