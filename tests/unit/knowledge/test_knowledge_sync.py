"""Sync: the cursor over (updated_at, id), paging, and batches applied in one transaction each."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from knowledge_samples import TODAY, ids, make_article, open_index

from seatclient.knowledge import (
    ChangeBatch,
    CursorError,
    KnowledgeIndex,
    SyncDataError,
    decode_cursor,
    encode_cursor,
    serve_changes,
)
from seatclient.knowledge import index as index_module


def backend_articles() -> list:
    return [
        make_article("B", "护照办理", minutes=10),
        make_article("A", "护照补发", minutes=10),  # same time as B: the id breaks the tie
        make_article("C", "驾驶证换证", minutes=5),
        make_article("D", "居住证签注", minutes=20),
        make_article("E", "旧版居住证说明", minutes=30, status="withdrawn"),
    ]


def test_a_cursor_round_trips_and_is_opaque() -> None:
    cursor = encode_cursor("2025-01-01T00:10:00.000000Z", "A|B")
    assert "2025" not in cursor
    assert decode_cursor(cursor) == ("2025-01-01T00:10:00.000000Z", "A|B")
    assert decode_cursor("") is None
    for broken in ("not-a-cursor", "aGVsbG8", encode_cursor("2025", "x")[:-3] + "!!!"):
        with pytest.raises(CursorError):
            decode_cursor(broken)


def test_changes_are_served_in_update_order_a_page_at_a_time() -> None:
    articles = backend_articles()
    first = serve_changes(articles, "", 2)
    assert [article.id for article in first.upserts] == ["C", "A"]
    assert first.withdrawn == ()
    assert first.has_more is True
    second = serve_changes(articles, first.cursor, 2)
    assert [article.id for article in second.upserts] == ["B", "D"]
    assert second.has_more is True
    third = serve_changes(articles, second.cursor, 2)
    assert third.upserts == ()
    assert third.withdrawn == ("E",)
    assert third.has_more is False
    idle = serve_changes(articles, third.cursor, 2)
    assert idle.cursor == third.cursor
    assert (idle.upserts, idle.withdrawn, idle.has_more) == ((), (), False)
    with pytest.raises(ValueError):
        serve_changes(articles, "", 0)


def test_a_full_sync_by_pages_reaches_the_backend_state(tmp_path: Path) -> None:
    articles = backend_articles()
    with open_index(tmp_path) as index:
        assert index.cursor == ""
        while True:
            batch = serve_changes(articles, index.cursor, 2)
            index.apply_changes(batch.model_dump(mode="json"))
            if not batch.has_more:
                break
        assert index.count(TODAY) == 4
        titles = {hit.article_id for hit in index.search("证", today=TODAY) if hit.matched_in == "title"}
        assert titles == {"C", "D"}
        assert index.cursor == batch.cursor


def test_an_update_replaces_the_text_that_is_found(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("A", "护照办理指南", minutes=1)]) as index:
        changed = index.apply_changes(
            ChangeBatch(cursor="c1", upserts=(make_article("A", "港澳通行证办理", minutes=2, version=2),))
        )
        assert changed == 1
        assert index.search("护照", today=TODAY) == []
        assert ids(index.search("通行证", today=TODAY)) == ["A"]
        assert ids(index.search("gatxz", today=TODAY)) == ["A"]
        article = index.get_article("A")
        assert article is not None and article.version == 2 and article.title == "港澳通行证办理"


def test_an_older_version_does_not_overwrite_a_newer_one(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("A", "护照办理指南", version=3)]) as index:
        assert (
            index.apply_changes(
                {"cursor": "c1", "upserts": [make_article("A", "旧标题", version=2).to_json()]}
            )
            == 0
        )
        assert ids(index.search("护照", today=TODAY)) == ["A"]
        assert index.cursor == "c1"


def test_withdrawal_removes_an_article_from_search_but_keeps_it_readable(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("A", "护照办理指南"), make_article("B", "护照补发")]) as index:
        index.record_use("A")
        assert index.apply_changes({"cursor": "c1", "withdrawn": ["A", "UNKNOWN"]}) == 1
        assert ids(index.search("护照", today=TODAY)) == ["B"]
        assert ids(index.search("hz", today=TODAY)) == ["B"]
        withdrawn = index.get_article("A")
        assert withdrawn is not None and withdrawn.status.value == "withdrawn"
        # Withdrawing twice changes nothing.
        assert index.apply_changes({"cursor": "c2", "withdrawn": ["A"]}) == 0
        # A republished version comes back into search.
        index.apply_changes(
            {"cursor": "c3", "upserts": [make_article("A", "护照办理指南", version=2).to_json()]}
        )
        assert set(ids(index.search("护照", today=TODAY))) == {"A", "B"}


def test_an_interrupted_batch_leaves_nothing_behind_and_the_sync_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [make_article(f"K{number}", f"护照办理{number}", minutes=number) for number in range(6)]
    with open_index(tmp_path) as index:
        first = serve_changes(articles, "", 3)
        index.apply_changes(first)
        committed = index.cursor
        second = serve_changes(articles, committed, 3)

        original = index_module._insert_rows
        calls = {"count": 0}

        def crash_on_second_article(connection: sqlite3.Connection, rows: list) -> None:
            calls["count"] += 1
            if calls["count"] == 2:
                raise OSError("power cut")
            original(connection, rows)

        monkeypatch.setattr(index_module, "_insert_rows", crash_on_second_article)
        with pytest.raises(OSError):
            index.apply_changes(second)
        # Nothing of the batch is visible and the cursor is the last committed one.
        assert index.cursor == committed
        assert sorted(ids(index.search("护照", today=TODAY))) == ["K0", "K1", "K2"]
        monkeypatch.setattr(index_module, "_insert_rows", original)

    with KnowledgeIndex(tmp_path / "kb.sqlite") as reopened:
        assert reopened.cursor == committed
        reopened.apply_changes(serve_changes(articles, reopened.cursor, 3))
        assert sorted(ids(reopened.search("护照", today=TODAY))) == [f"K{number}" for number in range(6)]


def test_a_malformed_batch_is_refused_whole(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("A", "护照办理指南")]) as index:
        good = make_article("B", "驾驶证换证").to_json()
        bad = dict(good, id="C", updated_at="2025-01-01T00:00:00")  # no time zone
        with pytest.raises(SyncDataError):
            index.apply_changes({"cursor": "c9", "upserts": [good, bad]})
        with pytest.raises(SyncDataError):
            index.apply_changes({"upserts": [good]})
        assert index.cursor == ""
        assert index.search("驾驶证", today=TODAY) == []


def test_replace_all_keeps_use_counts_and_sets_the_cursor(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("A", "护照办理指南")]) as index:
        index.record_use("A")
        assert (
            index.replace_all(
                [make_article("A", "护照办理指南", version=2), make_article("B", "护照补发")], "c5"
            )
            == 2
        )
        assert index.use_count("A") == 1
        assert index.cursor == "c5"
        assert ids(index.search("护照", today=TODAY))[0] == "A"


def test_a_new_index_format_rebuilds_the_full_text_tables(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("A", "护照办理指南")]) as index:
        index._writer.execute("UPDATE meta SET value = 'old' WHERE key = 'index_format'")
        index_module._clear_fulltext(index._writer)
        assert index.search("护照", today=TODAY) == []
    with KnowledgeIndex(tmp_path / "kb.sqlite") as reopened:
        assert ids(reopened.search("护照", today=TODAY)) == ["A"]


def test_the_file_is_in_wal_mode(tmp_path: Path) -> None:
    with open_index(tmp_path) as index:
        mode = sqlite3.connect(index.path).execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_an_upsert_carrying_withdrawn_status_takes_the_article_out_of_search(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("A", "护照办理指南"), make_article("B", "护照补发")]) as index:
        index.apply_changes(
            {
                "cursor": "c1",
                "upserts": [make_article("A", "护照办理指南", status="withdrawn", version=2).to_json()],
            }
        )
        assert ids(index.search("护照", today=TODAY)) == ["B"]
        assert ids(index.search("办理指南", today=TODAY)) == []
        assert index.count(TODAY) == 1
