"""The knowledge panel and the related-articles list, on the Qt loop, over a synced demo base."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QHBoxLayout, QLineEdit, QMainWindow, QWidget
from pytestqt.qtbot import QtBot
from support.waiting import until

from seatclient.knowledge import Article, KnowledgeIndex, load_default_synonyms, serve_changes
from seatclient.knowledge.service import CHINA_TIME, KnowledgeService, LocalDemoFeed
from seatclient.tasks import BackgroundTasks
from seatclient.ui.knowledge_panel import (
    ARTICLE_ID_ROLE,
    MARK_CLOSE,
    MARK_OPEN,
    TITLE_HTML_ROLE,
    KnowledgePanel,
    SearchResultsModel,
)
from seatclient.ui.knowledge_push import KnowledgePush

NOW = datetime(2025, 11, 1, 10, 0, tzinfo=CHINA_TIME)
FUND_SENTENCE = "我想问一下住房公积金怎么提取"


@dataclass
class Setup:
    service: KnowledgeService
    tasks: BackgroundTasks
    errors: list[BaseException]


@pytest.fixture(scope="module")
def synced_index_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index file holding the whole demo base, synced once for the module (each test copies it)."""
    path = tmp_path_factory.mktemp("knowledge") / "knowledge.sqlite"
    sync_into(path, LocalDemoFeed().articles)
    return path


def sync_into(path: Path, articles: Any) -> None:
    """Sync ``articles`` into a new index file, page by page as the service does, and close it."""
    with KnowledgeIndex(path, load_default_synonyms()) as index:
        while True:
            batch = serve_changes(articles, index.cursor, 500)
            index.apply_changes(batch)
            if not batch.has_more:
                break


@contextlib.asynccontextmanager
async def synced_service(folder: Path, template: Path) -> AsyncIterator[Setup]:
    """A service over a copy of the synced demo base; closed (and checked for task errors) at the end."""
    errors: list[BaseException] = []
    shutil.copyfile(template, folder / "knowledge.sqlite")
    index = KnowledgeIndex(folder / "knowledge.sqlite", load_default_synonyms())
    service = KnowledgeService(index, LocalDemoFeed(), lambda: NOW, synonyms=load_default_synonyms())
    tasks = BackgroundTasks(errors.append)
    try:
        yield Setup(service, tasks, errors)
    finally:
        await tasks.cancel_all()
        await service.close()
    assert errors == []


async def shown_panel(qtbot: QtBot, setup: Setup, **kwargs: Any) -> KnowledgePanel:
    panel = KnowledgePanel(setup.service, setup.tasks, open_url=lambda _url: True, **kwargs)
    qtbot.addWidget(panel)
    panel.resize(520, 900)
    panel.show()
    panel.activateWindow()
    await until(panel.isActiveWindow, what="the panel window active")
    await panel.reload_browse()
    return panel


def commit_text(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method commits it, one character at a time."""
    for char in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def gate_search(service: KnowledgeService, slow_query: str) -> tuple[threading.Event, threading.Event]:
    """Make searches for ``slow_query`` wait at a gate before running."""
    entered, gate = threading.Event(), threading.Event()
    original = service.index.search

    def search(query: str, **kwargs: Any) -> Any:
        if query == slow_query:
            entered.set()
            gate.wait(5)
        return original(query, **kwargs)

    service.index.search = search  # type: ignore[method-assign]
    return entered, gate


@pytest.mark.asyncio
async def test_search_as_you_type_finds_the_fund_by_initials_and_by_chinese(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = await shown_panel(qtbot, setup)
        model = panel.results_model
        panel.search_edit.setFocus()
        qtbot.keyClicks(panel.search_edit, "gjj")
        await until(lambda: model.query == "gjj" and model.rowCount() > 0, what="hits for gjj")
        titles = [hit.title for hit in model.hits]
        assert all("公积金" in title for title in titles[:5]), titles
        assert panel.status_label.text() == f"找到 {model.rowCount()} 条"
        # The typing was never held up: the box has all three letters and the focus.
        assert panel.search_edit.text() == "gjj" and panel.search_edit.hasFocus()

        panel.search_edit.clear()
        commit_text(panel.search_edit, "公积金")
        await until(lambda: model.query == "公积金" and model.rowCount() > 0, what="hits for 公积金")
        first_title = model.index(0, 0).data(TITLE_HTML_ROLE)
        assert f"{MARK_OPEN}公积金{MARK_CLOSE}" in first_title
        assert all("公积金" in hit.title or "公积金" in "".join(hit.keywords) for hit in model.hits[:10])


@pytest.mark.asyncio
async def test_typing_quickly_only_ever_shows_the_results_of_the_last_query(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = await shown_panel(qtbot, setup)
        model = panel.results_model
        shown: list[str] = []
        model.modelReset.connect(lambda: shown.append(model.query))
        panel.search_edit.setFocus()
        # A key every 60 ms, the loop turning in between: quicker than the 150 ms pause.
        for letter in "huzhao":
            qtbot.keyClick(panel.search_edit, letter)
            await asyncio.sleep(0.06)
        await until(lambda: model.query == "huzhao", what="hits for huzhao")
        await asyncio.sleep(0.3)
        assert shown == ["huzhao"]
        assert all("护照" in hit.title for hit in model.hits[:4])
        assert all("护照" in hit.title + "".join(hit.keywords) for hit in model.hits)


@pytest.mark.asyncio
async def test_a_search_overtaken_by_newer_typing_never_reaches_the_list(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = await shown_panel(qtbot, setup, debounce_ms=10)
        model = panel.results_model
        shown: list[str] = []
        model.modelReset.connect(lambda: shown.append(model.query))
        entered, gate = gate_search(setup.service, "公积金")
        panel.search_edit.setText("公积金")
        # The first search really is running in the worker thread when the person types on.
        await asyncio.get_running_loop().run_in_executor(None, entered.wait, 5)
        assert entered.is_set()
        panel.search_edit.setText("护照")
        await asyncio.sleep(0.05)
        gate.set()
        await until(lambda: model.query == "护照", what="hits for 护照")
        await asyncio.sleep(0.3)
        assert shown == ["护照"]
        assert all("公积金" not in hit.title for hit in model.hits)


@pytest.mark.asyncio
async def test_filters_narrow_the_search_and_the_browse_tree_lists_articles(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = await shown_panel(qtbot, setup)
        unit = "杭州住房公积金管理中心"
        position = panel.organisation_filter.findData(unit)
        assert position > 0 and panel.organisation_filter.itemText(position).startswith(f"{unit}（")
        assert panel.topic_filter.itemText(0) == "全部业务类别"
        panel.search_edit.setText("提取")
        await until(lambda: panel.results_model.query == "提取", what="unfiltered hits")
        unfiltered = {hit.organisation for hit in panel.results_model.hits}
        assert len(unfiltered) > 1
        shown: list[str] = []
        panel.results_model.modelReset.connect(lambda: shown.append(panel.results_model.query))
        panel.organisation_filter.setCurrentIndex(position)
        await until(lambda: bool(shown), what="filtered hits")
        assert panel.results_model.hits and {hit.organisation for hit in panel.results_model.hits} == {unit}
        assert panel.filters() == (None, None, unit)
        housing = panel.topic_filter_index("城乡建设", "住房保障与房地产")
        assert panel.topic_filter.itemText(housing).startswith("\u3000住房保障与房地产（")
        shown.clear()
        panel.topic_filter.setCurrentIndex(housing)
        await until(lambda: bool(shown), what="hits of the topic")
        assert panel.filters() == ("城乡建设", "住房保障与房地产", unit)
        assert {(hit.topic_class, hit.topic_item) for hit in panel.results_model.hits} == {
            ("城乡建设", "住房保障与房地产")
        }
        # A refresh after a sync rebuilds the lists and keeps what was chosen.
        await panel.reload_browse()
        assert panel.filters() == ("城乡建设", "住房保障与房地产", unit)

        tree = panel.browse_tree
        assert [tree.topLevelItem(n).text(0) for n in range(2)] == ["按业务类别", "按发布单位"]
        units = tree.topLevelItem(1)
        fund = next(
            units.child(n) for n in range(units.childCount()) if units.child(n).text(0).startswith(unit)
        )
        count = int(fund.text(0).split("（")[1].rstrip("）"))
        tree.setCurrentItem(fund)
        await until(lambda: panel.browse_list.count() == count, what="the unit's articles")
        panel.browse_list.setCurrentRow(0)
        expected = panel.browse_list.item(0).data(ARTICLE_ID_ROLE)
        await until(lambda: panel.article_view.article_id == expected, what="the browsed article opened")


@pytest.mark.asyncio
async def test_choosing_a_hit_opens_it_and_the_keys_insert_the_answer(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = await shown_panel(qtbot, setup)
        inserted: list[tuple[str, str]] = []
        panel.insert_answer_requested.connect(lambda article_id, text: inserted.append((article_id, text)))
        assert not panel.article_view.insert_answer_action.isEnabled()
        # Nothing chosen yet: the empty article view gives its room to the hits.
        assert not panel.article_view.isVisible()
        panel.search_edit.setFocus()
        commit_text(panel.search_edit, "租房提取")
        await until(lambda: panel.results_model.query == "租房提取", what="hits")
        first = panel.results_model.hits[0]
        assert first.article_id == "HZKB-0001"
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
        assert panel.results_view.hasFocus()
        await until(lambda: panel.article_view.article_id == "HZKB-0001", what="the article")
        assert panel.article_view.title_label.text() == "租房提取住房公积金办理指南"
        assert panel.article_view.isVisible()
        qtbot.keyClick(
            panel.results_view,
            Qt.Key.Key_I,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert len(inserted) == 1
        article_id, text = inserted[0]
        assert article_id == "HZKB-0001"
        assert text.startswith("适用对象：在杭无自有住房") and "咨询电话：12329。" in text and "<" not in text
        await until(lambda: setup.service.index.use_count("HZKB-0001") == 1, what="the use counted")

        qtbot.keyClick(panel.results_view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        assert panel.search_edit.hasFocus()
        assert panel.search_edit.selectedText() == "租房提取"


@pytest.mark.asyncio
async def test_the_knowledge_panel_screenshot(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path, artifacts_dir: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = await shown_panel(qtbot, setup)
        commit_text(panel.search_edit, "公积金 提取")
        await until(lambda: panel.results_model.query == "公积金 提取", what="hits")
        panel.results_view.setCurrentIndex(panel.results_model.index(0, 0))
        await until(lambda: panel.article_view.article_id is not None, what="the article")
        await asyncio.sleep(0.1)
        assert panel.grab().save(str(artifacts_dir / "knowledge_panel.png"))


def test_the_results_model_passes_the_model_tester(
    qtmodeltester: Any, tmp_path: Path, synced_index_file: Path
) -> None:
    shutil.copyfile(synced_index_file, tmp_path / "k.sqlite")
    with KnowledgeIndex(tmp_path / "k.sqlite", load_default_synonyms()) as index:
        hits = index.search("护照", today=NOW.date())
    model = SearchResultsModel()
    model.set_hits("护照", hits)
    qtmodeltester.check(model)
    assert model.rowCount() == len(hits) > 0
    assert model.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == f"{hits[0].title}（{hits[0].organisation}）"
    assert model.index(0, 0).data(ARTICLE_ID_ROLE) == hits[0].article_id


# Related articles beside the form ------------------------------------------------------------------


async def form_with_push(qtbot: QtBot, setup: Setup) -> tuple[QWidget, QLineEdit, KnowledgePush]:
    window = QWidget()
    qtbot.addWidget(window)
    content = QLineEdit()
    content.setAccessibleName("诉求内容")
    push = KnowledgePush(setup.service, setup.tasks, debounce_ms=50)
    layout = QHBoxLayout(window)
    layout.addWidget(content, 1)
    layout.addWidget(push)
    window.resize(800, 260)
    window.show()
    window.activateWindow()
    await until(window.isActiveWindow, what="the form window active")
    content.setFocus()
    await until(content.hasFocus, what="the content field focused")
    return window, content, push


@pytest.mark.asyncio
async def test_the_related_list_follows_the_content_without_taking_the_focus(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        _window, content, push = await form_with_push(qtbot, setup)
        changes: list[list[str]] = []
        push.related_changed.connect(changes.append)
        commit_text(content, FUND_SENTENCE)
        content.textChanged.connect(push.set_context)
        push.set_context(content.text())
        await until(lambda: push.list_widget.count() == 5, what="five related articles")
        titles = [push.list_widget.item(row).text() for row in range(5)]
        assert all("提取" in title and "公积金" in title for title in titles), titles
        assert QApplication.focusWidget() is content
        assert changes == [push.article_ids()]

        opened: list[str] = []
        push.open_requested.connect(opened.append)
        rect = push.list_widget.visualItemRect(push.list_widget.item(1))
        qtbot.mouseClick(push.list_widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert opened == [push.article_ids()[1]]
        assert QApplication.focusWidget() is content

        # Typing on: intermediate texts never show; only the text at rest does.
        content.clear()
        commit_text(content, "护照过期了怎么办")
        await until(lambda: "护照丢了怎么办" in titles_of(push), what="passport articles")
        await asyncio.sleep(0.2)
        # Clearing emptied the list at once; the passport sentence was looked up once, at rest.
        assert changes[1:] == [[], push.article_ids()]
        assert QApplication.focusWidget() is content and content.text() == "护照过期了怎么办"

        content.clear()
        assert push.list_widget.count() == 0 and push.status_label.text() == "根据工单内容自动推荐"


def titles_of(push: KnowledgePush) -> list[str]:
    return [push.list_widget.item(row).text() for row in range(push.list_widget.count())]


@pytest.mark.asyncio
async def test_a_deleted_panel_is_no_longer_told_about_syncs(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = KnowledgePanel(setup.service, setup.tasks)
        push = KnowledgePush(setup.service, setup.tasks)
        push.set_context(FUND_SENTENCE)
        service = setup.service
        service.sync_failed.emit(ConnectionError("x"))
        assert panel.sync_label.text() == "知识库暂未同步，检索使用本机已有内容"
        shiboken6.delete(panel)
        shiboken6.delete(push)
        with caplog.at_level(logging.ERROR):
            service.sync_failed.emit(ConnectionError("x"))
            await service.sync()
        assert [record for record in caplog.records if record.levelno >= logging.ERROR] == []


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.mark.asyncio
async def test_the_related_list_is_reached_by_its_key_and_left_with_esc(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path, artifacts_dir: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        _window, content, push = await form_with_push(qtbot, setup)
        assert push.focus_list_action.shortcut().toString() == "Ctrl+Shift+K"
        opened: list[str] = []
        push.open_requested.connect(opened.append)
        # Nothing listed yet: the key leaves the person where they type.
        qtbot.keyClick(content, Qt.Key.Key_K, CTRL_SHIFT)
        assert QApplication.focusWidget() is content and not push.keyboard_active

        commit_text(content, FUND_SENTENCE)
        push.set_context(content.text())
        await until(lambda: push.list_widget.count() == 5, what="five related articles")
        assert push.status_label.text() == "根据工单内容推荐：点击查看，或按 Ctrl+Shift+K 选择"
        ids = push.article_ids()
        qtbot.keyClick(content, Qt.Key.Key_K, CTRL_SHIFT)
        assert QApplication.focusWidget() is push.list_widget
        assert push.list_widget.currentRow() == 0
        qtbot.keyClick(push.list_widget, Qt.Key.Key_Down)
        assert push.list_widget.currentRow() == 1
        assert [item.text() for item in push.list_widget.selectedItems()] == [titles_of(push)[1]]
        await asyncio.sleep(0.05)
        assert _window.grab().save(str(artifacts_dir / "knowledge_push_keyboard.png"))
        qtbot.keyClick(push.list_widget, Qt.Key.Key_Return)
        assert opened == [ids[1]]
        assert QApplication.focusWidget() is push.list_widget

        qtbot.keyClick(push.list_widget, Qt.Key.Key_Escape)
        assert QApplication.focusWidget() is content
        assert not push.keyboard_active and push.list_widget.selectedItems() == []
        # Back to typing: a new list arrives and the focus stays in the form.
        content.clear()
        commit_text(content, "护照过期了怎么办")
        push.set_context(content.text())
        await until(lambda: "护照丢了怎么办" in titles_of(push), what="passport articles")
        assert QApplication.focusWidget() is content and content.text() == "护照过期了怎么办"


@pytest.mark.asyncio
async def test_clicking_away_from_the_related_list_restores_its_manners(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        _window, content, push = await form_with_push(qtbot, setup)
        commit_text(content, FUND_SENTENCE)
        push.set_context(content.text())
        await until(lambda: push.list_widget.count() == 5, what="five related articles")
        assert push.enter_list()
        assert push.list_widget.hasFocus()
        qtbot.mouseClick(content, Qt.MouseButton.LeftButton)
        assert content.hasFocus()
        assert push.list_widget.focusPolicy() == Qt.FocusPolicy.NoFocus
        # While in the list, an emptied context gives the focus back to the form.
        assert push.enter_list()
        push.set_context("")
        assert content.hasFocus() and push.list_widget.count() == 0


@pytest.mark.asyncio
async def test_an_article_from_the_related_list_brings_the_knowledge_region_forward(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        window = QMainWindow()
        qtbot.addWidget(window)
        field = QLineEdit()
        window.setCentralWidget(field)
        panel = KnowledgePanel(setup.service, setup.tasks)
        knowledge_dock = QDockWidget("知识库")
        knowledge_dock.setWidget(panel)
        other_dock = QDockWidget("派单")
        other_dock.setWidget(QWidget())
        for dock in (knowledge_dock, other_dock):
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.tabifyDockWidget(knowledge_dock, other_dock)
        window.resize(900, 700)
        window.show()
        other_dock.raise_()
        field.setFocus()
        # A dock tabbed behind another stays "visible"; nothing of it is on screen.
        await until(lambda: knowledge_dock.visibleRegion().isEmpty(), what="the knowledge region behind")
        panel.show_pushed_article("HZKB-0001")
        await until(
            lambda: not knowledge_dock.visibleRegion().isEmpty(), what="the knowledge region in front"
        )
        assert other_dock.visibleRegion().isEmpty()
        await until(lambda: panel.article_view.article_id == "HZKB-0001", what="the article")
        assert field.hasFocus()


@pytest.mark.asyncio
async def test_a_withdrawn_article_leaves_every_list_after_the_sync(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced_service(tmp_path, synced_index_file) as setup:
        panel = await shown_panel(qtbot, setup)
        push = KnowledgePush(setup.service, setup.tasks, debounce_ms=20)
        qtbot.addWidget(push)
        units = panel.browse_tree.topLevelItem(1)
        fund_centre = next(
            units.child(row)
            for row in range(units.childCount())
            if units.child(row).text(0).startswith("杭州住房公积金")
        )
        count_before = fund_centre.text(0)
        assert count_before.startswith("杭州住房公积金管理中心（")
        panel.browse_tree.setCurrentItem(fund_centre)
        await until(lambda: "HZKB-0001" in browse_ids(panel), what="the unit's articles")
        commit_text(panel.search_edit, "租房提取")
        await until(lambda: panel.results_model.query == "租房提取", what="hits")
        assert panel.results_model.hits[0].article_id == "HZKB-0001"
        push.set_context(FUND_SENTENCE)
        await until(lambda: "HZKB-0001" in push.article_ids(), what="the related articles")

        feed = setup.service.feed
        assert isinstance(feed, LocalDemoFeed)
        feed.withdraw("HZKB-0001", updated_at=datetime(2030, 1, 1, tzinfo=CHINA_TIME))
        result = await setup.service.sync()
        assert result.changed == 1
        await until(
            lambda: "HZKB-0001" not in [hit.article_id for hit in panel.results_model.hits],
            what="the search shown again without it",
        )
        assert panel.results_model.query == "租房提取"
        await until(
            lambda: push.article_ids() and "HZKB-0001" not in push.article_ids(), what="push refreshed"
        )
        await until(lambda: "HZKB-0001" not in browse_ids(panel), what="the browse list emptied")
        # The tree's count went down by one.
        units = panel.browse_tree.topLevelItem(1)
        labels = [units.child(row).text(0) for row in range(units.childCount())]
        before = int(count_before.rsplit("（", 1)[1].rstrip("）"))
        assert f"杭州住房公积金管理中心（{before - 1}）" in labels


def browse_ids(panel: KnowledgePanel) -> list[str]:
    return [
        str(panel.browse_list.item(row).data(ARTICLE_ID_ROLE)) for row in range(panel.browse_list.count())
    ]


@pytest.mark.asyncio
async def test_after_midnight_an_expired_article_leaves_the_lists_with_the_next_sync(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    errors: list[BaseException] = []
    shutil.copyfile(synced_index_file, tmp_path / "knowledge.sqlite")
    now = [NOW]
    feed = LocalDemoFeed()
    notice = Article.model_validate(
        {
            "id": "TEST-EXPIRING",
            "title": "临时停车场开放通知",
            "body": "<p>国庆期间临时停车场开放至11月1日。</p>",
            "organisation": "杭州市测试局",
            "topic": {"class": "交通运输", "item": "其他"},
            "keywords": ["临时停车场"],
            "effective_from": "2025-10-01",
            "expires_on": "2025-11-01",
            "updated_at": "2030-01-01T00:00:00+00:00",
            "version": 1,
        }
    )
    feed.publish(notice)
    index = KnowledgeIndex(tmp_path / "knowledge.sqlite", load_default_synonyms())
    service = KnowledgeService(index, feed, lambda: now[0], synonyms=load_default_synonyms())
    tasks = BackgroundTasks(errors.append)
    try:
        assert (await service.sync()).changed == 1
        panel = await shown_panel(qtbot, Setup(service, tasks, errors))
        push = KnowledgePush(service, tasks, debounce_ms=20)
        qtbot.addWidget(push)
        commit_text(panel.search_edit, "临时停车场")
        await until(lambda: panel.results_model.query == "临时停车场", what="hits")
        assert [hit.article_id for hit in panel.results_model.hits] == ["TEST-EXPIRING"]
        push.set_context("请问临时停车场开到什么时候")
        await until(lambda: push.article_ids()[:1] == ["TEST-EXPIRING"], what="the related article")

        # Midnight passes; the next regular sync changes nothing, yet the lists are read again.
        now[0] = NOW + timedelta(days=1)
        assert (await service.sync()).changed == 0
        await until(lambda: panel.results_model.hits == [], what="the expired hit gone")
        assert panel.status_label.text() == "没有找到与“临时停车场”相关的现行知识"
        await until(
            lambda: bool(push.article_ids()) and "TEST-EXPIRING" not in push.article_ids(),
            what="the expired related article gone",
        )
    finally:
        await tasks.cancel_all()
        await service.close()
    assert errors == []
