"""The article view: inert rich text, links opened only after asking, insert, copy and feedback."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from support.waiting import until

from seatclient.knowledge import Article, KnowledgeIndex, load_default_synonyms, load_demo_base, serve_changes
from seatclient.knowledge.service import CHINA_TIME, FeedbackRefused, KnowledgeService, LocalDemoFeed
from seatclient.tasks import BackgroundTasks
from seatclient.ui.article_view import ArticleView

NOW = datetime(2025, 11, 1, 10, 0, tzinfo=CHINA_TIME)
HOSTILE_ID = "TEST-HOSTILE"
HOSTILE_BODY = (
    "<p>第一段：携带身份证到窗口办理。</p>"
    '<script>document.title="pwned"; alert("XSS-脚本")</script>'
    '<img src="https://tracker.example/pixel.gif?seat=A01" alt="示意图">'
    '<p onclick="steal()" style="background:url(https://tracker.example/bg.png)">第二段：办理时限为5个工作日。</p>'
    '<p>详见<a href="https://www.example.gov.cn/guide">办事指南</a>，'
    '或<a href="javascript:alert(1)">点这里</a>。</p>'
)


def hostile_article() -> Article:
    return Article.model_validate(
        {
            "id": HOSTILE_ID,
            "title": "测试：含脚本和远程图片的<b>条目</b>",
            "body": HOSTILE_BODY,
            "organisation": "杭州市测试局",
            "topic": {"class": "政法", "item": "户籍证件"},
            "keywords": ["测试"],
            "effective_from": "2024-01-01",
            "updated_at": datetime(2025, 10, 1, tzinfo=UTC).isoformat(),
            "version": 1,
        }
    )


@dataclass
class Setup:
    service: KnowledgeService
    feed: LocalDemoFeed
    tasks: BackgroundTasks
    errors: list[BaseException]
    opened: list[QUrl] = field(default_factory=list)


def demo_feed() -> LocalDemoFeed:
    return LocalDemoFeed([*load_demo_base(), hostile_article()])


@pytest.fixture(scope="module")
def synced_index_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index file holding the demo base and the hostile article, synced once for the module."""
    path = tmp_path_factory.mktemp("knowledge") / "knowledge.sqlite"
    articles = demo_feed().articles
    with KnowledgeIndex(path, load_default_synonyms()) as index:
        while True:
            batch = serve_changes(articles, index.cursor, 500)
            index.apply_changes(batch)
            if not batch.has_more:
                break
    return path


@contextlib.asynccontextmanager
async def synced(folder: Path, template: Path, feed: Any = None) -> AsyncIterator[Setup]:
    """A service over a copy of the synced file; closed (and checked for task errors) at the end."""
    errors: list[BaseException] = []
    demo = demo_feed()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, folder / "knowledge.sqlite")
    index = KnowledgeIndex(folder / "knowledge.sqlite", load_default_synonyms())
    service = KnowledgeService(index, demo, lambda: NOW)
    tasks = BackgroundTasks(errors.append)
    if feed is not None:
        service.set_feed(feed)
    try:
        yield Setup(service, demo, tasks, errors)
    finally:
        await tasks.cancel_all()
        await service.close()
    assert errors == []


async def shown_view(qtbot: QtBot, setup: Setup) -> ArticleView:
    def record(url: QUrl) -> bool:
        setup.opened.append(url)
        return True

    view = ArticleView(setup.service, setup.tasks, open_url=record)
    qtbot.addWidget(view)
    view.resize(520, 560)
    view.show()
    view.activateWindow()
    await until(view.isActiveWindow, what="the view window active")
    return view


@pytest.mark.asyncio
async def test_a_script_and_a_remote_image_stay_inert(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced(tmp_path, synced_index_file) as setup:
        view = await shown_view(qtbot, setup)
        assert await view.load_article(HOSTILE_ID)
        await asyncio.sleep(0.1)  # let it lay out and paint, which is when images would be fetched
        view.grab()
        text = view.body.toPlainText()
        assert "第一段：携带身份证到窗口办理。" in text and "第二段：办理时限为5个工作日。" in text
        assert "XSS" not in text and "alert" not in text and "document.title" not in text
        markup = view.body.toHtml()
        assert "tracker.example" not in markup and "<img" not in markup and "onclick" not in markup
        assert "script" not in markup.lower()
        assert view.body.refused_resources == []
        assert view.windowTitle() != "pwned"
        # The title is shown as the text it is, never interpreted as markup.
        assert view.title_label.text() == "测试：含脚本和远程图片的<b>条目</b>"
        # The only safe link is listed apart; the javascript: one lost its address.
        assert [view.links_list.item(row).text() for row in range(view.links_list.count())] == [
            "办事指南 — https://www.example.gov.cn/guide"
        ]

        # Even markup that bypassed the sanitiser cannot fetch: the browser refuses every resource.
        view.body.setHtml('<p>x</p><img src="https://tracker.example/direct.gif">')
        view.grab()
        # Qt asks again at every layout; every time the answer is no.
        assert {url.toString() for url in view.body.refused_resources} == {
            "https://tracker.example/direct.gif"
        }
        resource = view.body.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl("https://tracker.example/direct.gif")
        )
        assert resource is None
        assert setup.opened == []


@pytest.mark.asyncio
async def test_a_link_opens_only_after_the_person_says_so(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced(tmp_path, synced_index_file) as setup:
        view = await shown_view(qtbot, setup)
        await view.load_article(HOSTILE_ID)
        item = view.links_list.item(0)
        view.links_list.itemActivated.emit(item)
        prompt = view.link_prompt
        assert isinstance(prompt, QMessageBox)
        await until(prompt.isVisible, what="the question")
        assert prompt.informativeText() == "https://www.example.gov.cn/guide"
        assert setup.opened == []
        cancel = next(b for b in prompt.buttons() if b.text() == "取消")
        cancel.click()
        await until(lambda: view.link_prompt is None, what="the question closed")
        assert setup.opened == []

        view.links_list.itemActivated.emit(item)
        prompt = view.link_prompt
        assert prompt is not None
        open_button = next(b for b in prompt.buttons() if b.text() == "打开")
        open_button.click()
        await until(lambda: bool(setup.opened), what="the address opened")
        assert setup.opened == [QUrl("https://www.example.gov.cn/guide")]

        # An anchor in the body (none survive the sanitiser, but still) also only asks.
        view.body.anchorClicked.emit(QUrl("https://evil.example/"))
        assert view.link_prompt is not None and view.link_prompt.informativeText() == "https://evil.example/"
        assert len(setup.opened) == 1
        view.link_prompt.reject()


@pytest.mark.asyncio
async def test_insert_and_copy_hand_over_the_plain_answer_and_count_the_use(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced(tmp_path, synced_index_file) as setup:
        view = await shown_view(qtbot, setup)
        inserted: list[tuple[str, str]] = []
        view.insert_answer_requested.connect(lambda article_id, text: inserted.append((article_id, text)))
        view.insert_answer()
        assert inserted == []  # nothing shown, nothing to insert
        await view.load_article("HZKB-0001")
        view.insert_button.click()
        expected = (
            "适用对象：在杭无自有住房且租房居住的缴存职工。\n"
            "办理方式：通过“浙里办”APP或杭州公积金微信公众号在线申请，无需提交材料，按月或按季度提取。\n"
            "提取额度：按本市租房提取限额执行，具体以公积金中心公布标准为准。\n"
            "咨询电话：12329。"
        )
        assert inserted == [("HZKB-0001", expected)]
        assert view.status_label.text() == "已插入工单答复"
        view.copy_button.click()
        assert QApplication.clipboard().text() == expected
        await until(lambda: setup.service.index.use_count("HZKB-0001") == 2, what="two uses counted")
        assert view.source_label.text() == "发布单位：杭州住房公积金管理中心"
        assert view.dates_label.text() == "生效日期：2024-11-25　失效日期：长期有效"
        assert view.topic_label.text() == "业务类别：城乡建设 › 住房保障与房地产"
        assert not view.validity_label.isVisible()


@pytest.mark.asyncio
async def test_feedback_is_sent_and_a_failure_is_said_in_place(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced(tmp_path, synced_index_file) as setup:
        view = await shown_view(qtbot, setup)
        await view.load_article("HZKB-0001")
        view.useful_button.click()
        await until(lambda: bool(setup.feed.feedback), what="the feedback")
        await until(lambda: view.useful_button.isEnabled(), what="buttons back")
        assert [(f.article_id, f.kind) for f in setup.feed.feedback] == [("HZKB-0001", "useful")]
        assert view.status_label.text() == "已反馈“有用”，谢谢"
        view.outdated_button.click()
        await until(lambda: len(setup.feed.feedback) == 2, what="the second feedback")
        assert setup.feed.feedback[1].kind == "outdated"

    class Offline(LocalDemoFeed):
        async def send_feedback(self, article_id: str, kind: Any, note: str) -> None:
            raise ConnectionError("网络不可达")

    async with synced(tmp_path / "offline", synced_index_file, feed=Offline([])) as setup:
        view = await shown_view(qtbot, setup)
        await view.load_article("HZKB-0001")
        view.outdated_button.click()
        await until(lambda: view.status_label.text().startswith("暂时连不上后台"), what="the queued notice")
        assert view.status_label.text() == "暂时连不上后台：反馈已保存在本机，恢复连接后自动发送"
        assert view.outdated_button.isEnabled()
        assert await setup.service.pending_feedback() == 1
        # The link is back: the next sync delivers what waited.
        setup.service.set_feed(setup.feed)
        await setup.service.sync()
        assert [(f.article_id, f.kind) for f in setup.feed.feedback] == [("HZKB-0001", "outdated")]
        assert await setup.service.pending_feedback() == 0

    class Refusing(LocalDemoFeed):
        async def send_feedback(self, article_id: str, kind: Any, note: str) -> None:
            raise FeedbackRefused("知识库中没有编号为 HZKB-0001 的知识")

    async with synced(tmp_path / "refused", synced_index_file, feed=Refusing([])) as setup:
        view = await shown_view(qtbot, setup)
        await view.load_article("HZKB-0001")
        view.useful_button.click()
        await until(lambda: view.status_label.text().startswith("反馈未被接受"), what="the refusal")
        assert view.status_label.text() == "反馈未被接受：知识库中没有编号为 HZKB-0001 的知识"
        assert await setup.service.pending_feedback() == 0


@pytest.mark.asyncio
async def test_an_expired_or_unknown_article_says_so(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path
) -> None:
    async with synced(tmp_path, synced_index_file) as setup:
        view = await shown_view(qtbot, setup)
        await view.load_article("HZKB-0017")
        assert view.validity_label.isVisible() and view.validity_label.text() == "已过期，请勿引用"
        assert view.dates_label.text() == "生效日期：2023-09-27　失效日期：2024-12-31"
        inserted: list[str] = []
        view.insert_answer_requested.connect(lambda article_id, _text: inserted.append(article_id))
        assert not view.insert_button.isEnabled() and not view.insert_answer_action.isEnabled()
        view.insert_answer()
        assert inserted == []
        assert view.copy_button.isEnabled()
        assert not await view.load_article("NO-SUCH")
        assert view.article_id is None and not view.insert_answer_action.isEnabled()
        assert view.status_label.text() == "本地知识库中没有这条知识（可能已被撤回）"


@pytest.mark.asyncio
async def test_the_article_view_screenshot(
    qtbot: QtBot, tmp_path: Path, synced_index_file: Path, artifacts_dir: Path
) -> None:
    async with synced(tmp_path, synced_index_file) as setup:
        view = await shown_view(qtbot, setup)
        await view.load_article(HOSTILE_ID)
        await asyncio.sleep(0.1)
        assert view.grab().save(str(artifacts_dir / "article_view.png"))
