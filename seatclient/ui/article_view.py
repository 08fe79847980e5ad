"""The article view (知识全文): an article's safe rich text, its source and dates, and what to do with it.

The body is the sanitised subset (``SafeBody``) shown in a browser that follows no link and loads
no resource, so a body that slipped past the sanitiser still cannot fetch a tracking image or
navigate. The addresses an article mentions are listed apart; opening one asks first, in a dialog
that does not block the event loop. The answer goes to the order form through a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seatclient.i18n import tr
from seatclient.knowledge.model import Article, ArticleStatus
from seatclient.knowledge.service import (
    ArticleDocument,
    FeedbackKind,
    FeedbackOutcome,
    FeedbackRefused,
    KnowledgeService,
)
from seatclient.tasks import BackgroundTasks

log = logging.getLogger(__name__)

INSERT_ANSWER_SHORTCUT = "Ctrl+Shift+I"
"""The default key that inserts the shown article's answer into the order (``knowledge.insert_answer``)."""

BODY_STYLE_SHEET = (
    "table { border-collapse: collapse; margin: 4px 0; }"
    "td, th { border: 1px solid #b0b7c0; padding: 3px 6px; }"
    "th { background-color: #eef1f5; }"
    "h3, h4 { margin-top: 8px; margin-bottom: 4px; }"
)
_LINK_URL_ROLE = Qt.ItemDataRole.UserRole + 1


class SafeTextBrowser(QTextBrowser):
    """A rich-text view that never navigates and never loads a resource (image, style sheet, anything).

    Clicking an anchor only emits ``anchorClicked``; every resource the document asks for is
    refused and remembered in ``refused_resources`` (for tests and diagnosis).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.refused_resources: list[QUrl] = []

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Refuse every resource: an article body has none of its own, and a remote one is a beacon."""
        url = QUrl(name)
        self.refused_resources.append(url)
        log.info("article view refused a resource (%s)", url.scheme() or "relative")
        return None


def validity_text(article: Article, today: date) -> str:
    """Say whether the article may be given to a caller today, and if not why (empty when it may)."""
    if article.status is ArticleStatus.WITHDRAWN:
        return tr("ArticleView", "已撤回，请勿引用")
    if article.effective_from > today:
        return tr("ArticleView", "尚未生效")
    if article.expires_on is not None and article.expires_on < today:
        return tr("ArticleView", "已过期，请勿引用")
    return ""


class ArticleView(QWidget):
    """Shows one knowledge article and offers: insert answer, copy, useful, outdated.

    Args:
        service: the knowledge service (articles, use counts, feedback).
        tasks: where background work is started.
        open_url: opens an address the person agreed to open (default: the desktop's browser).
        parent: the parent widget.

    Signals:
        insert_answer_requested: (article id, answer text) put this answer into the order.
        article_shown: (article id) an article was loaded into the view.
    """

    insert_answer_requested = Signal(str, str)
    article_shown = Signal(str)

    def __init__(
        self,
        service: KnowledgeService,
        tasks: BackgroundTasks,
        open_url: Callable[[QUrl], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName(tr("ArticleView", "知识全文"))
        self._service = service
        self._tasks = tasks
        self._open_url = open_url or QDesktopServices.openUrl
        self._document: ArticleDocument | None = None
        self.link_prompt: QMessageBox | None = None

        self.title_label = self._data_label("articleTitle", tr("ArticleView", "知识标题"))
        self.title_label.setStyleSheet("QLabel { font-size: 15px; font-weight: bold; }")
        self.title_label.setText(tr("ArticleView", "选择一条知识查看全文"))
        self.validity_label = self._data_label("articleValidity", tr("ArticleView", "知识有效性"))
        self.validity_label.setStyleSheet(
            "QLabel { background: #fdecea; color: #922b21; padding: 2px 6px; border-radius: 3px; }"
        )
        self.source_label = self._data_label("articleSource", tr("ArticleView", "发布单位"))
        self.topic_label = self._data_label("articleTopic", tr("ArticleView", "业务类别"))
        self.dates_label = self._data_label("articleDates", tr("ArticleView", "有效期"))
        for label in (self.source_label, self.topic_label, self.dates_label):
            label.setStyleSheet("QLabel { color: #4a5560; }")

        self.body = SafeTextBrowser()
        self.body.setObjectName("articleBody")
        self.body.setAccessibleName(tr("ArticleView", "知识正文"))
        self.body.document().setDefaultStyleSheet(BODY_STYLE_SHEET)
        self.body.setMinimumHeight(80)
        self.body.anchorClicked.connect(self._on_body_anchor_clicked)

        self.links_label = QLabel(tr("ArticleView", "文中链接（双击或回车打开，打开前会询问）"))
        self.links_label.setObjectName("articleLinksLabel")
        self.links_list = QListWidget()
        self.links_list.setObjectName("articleLinks")
        self.links_list.setAccessibleName(tr("ArticleView", "文中链接"))
        self.links_list.setMaximumHeight(72)
        self.links_list.itemActivated.connect(self._on_link_activated)
        self.links_label.setBuddy(self.links_list)

        self.insert_answer_action = QAction(tr("ArticleView", "插入答复"), self)
        self.insert_answer_action.setObjectName("actionInsertAnswer")
        self.insert_answer_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.insert_answer_action.triggered.connect(self.insert_answer)
        self.addAction(self.insert_answer_action)
        self.insert_button = self._button("insertAnswerButton", tr("ArticleView", "插入答复"), "#2471a3")
        self.insert_button.clicked.connect(self.insert_answer_action.trigger)
        self.copy_button = self._button("copyAnswerButton", tr("ArticleView", "复制"))
        self.copy_button.clicked.connect(self.copy_answer)
        self.useful_button = self._button("usefulButton", tr("ArticleView", "有用"))
        self.useful_button.clicked.connect(lambda: self.send_feedback("useful"))
        self.outdated_button = self._button("outdatedButton", tr("ArticleView", "已过时"))
        self.outdated_button.clicked.connect(lambda: self.send_feedback("outdated"))
        self.status_label = QLabel()
        self.status_label.setObjectName("articleStatus")
        self.status_label.setAccessibleIdentifier("articleStatus")
        self.status_label.setAccessibleDescription(tr("ArticleView", "操作结果"))
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("QLabel { color: #4a5560; }")

        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.validity_label, 0, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.insert_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        actions.addWidget(self.useful_button)
        actions.addWidget(self.outdated_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.source_label)
        layout.addWidget(self.topic_label)
        layout.addWidget(self.dates_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.links_label)
        layout.addWidget(self.links_list)
        layout.addLayout(actions)
        layout.addWidget(self.status_label)

        self.apply_shortcuts({"knowledge.insert_answer": INSERT_ANSWER_SHORTCUT})
        self._show_document(None)

    def _data_label(self, name: str, description: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleIdentifier(name)
        label.setAccessibleDescription(description)
        # Titles and names are data: "<b>" in a title must show as text, never as markup.
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return label

    def _button(self, name: str, text: str, colour: str | None = None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.setAutoDefault(False)
        if colour is not None:
            # Bold through the font, not the style sheet, so the size hint measures the bold text.
            font = button.font()
            font.setBold(True)
            button.setFont(font)
            button.setStyleSheet(
                f"QPushButton:enabled {{ background: {colour}; color: white; "
                "border-radius: 3px; padding: 4px 12px; }"
            )
        return button

    # Shortcuts ----------------------------------------------------------------------------------
    def shortcut_actions(self) -> dict[str, QAction]:
        """The view's actions by shortcut action id."""
        return {"knowledge.insert_answer": self.insert_answer_action}

    def apply_shortcuts(self, shortcuts: Mapping[str, str]) -> list[QAction]:
        """Give each action its key from ``shortcuts`` (active anywhere in this window)."""
        assigned: list[QAction] = []
        for action_id, action in self.shortcut_actions().items():
            sequence = shortcuts.get(action_id)
            if not sequence:
                continue
            action.setShortcut(QKeySequence(sequence))
            assigned.append(action)
        key = self.insert_answer_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        label = tr("ArticleView", "插入答复")
        self.insert_button.setText(f"{label}（{key}）" if key else label)
        # The style sheet's padding only counts once polished; a layout sized earlier clips the text.
        self.insert_button.ensurePolished()
        self.insert_button.setMinimumWidth(self.insert_button.sizeHint().width())
        self.insert_button.setToolTip(tr("ArticleView", "把本条知识的正文填入工单的直接答复"))
        return assigned

    # Showing ------------------------------------------------------------------------------------
    @property
    def article_id(self) -> str | None:
        """The id of the article shown, or ``None``."""
        return None if self._document is None else self._document.article.id

    @property
    def answer_text(self) -> str:
        """The shown article's body as plain text (what insert and copy use); empty when none."""
        return "" if self._document is None else self._document.body.text

    def show_article(self, article_id: str) -> None:
        """Load and show an article in the background (a newer request supersedes this one)."""
        self._tasks.spawn(self.load_article(article_id), key="knowledge.article", if_running="cancel")

    async def load_article(self, article_id: str) -> bool:
        """Load and show an article; returns whether the index knew it."""
        document = await self._service.article(article_id)
        self._show_document(document)
        if document is None:
            self.status_label.setText(tr("ArticleView", "本地知识库中没有这条知识（可能已被撤回）"))
            return False
        self.article_shown.emit(article_id)
        return True

    def clear(self) -> None:
        """Show no article."""
        self._show_document(None)

    def _show_document(self, document: ArticleDocument | None) -> None:
        self._document = document
        self.status_label.clear()
        self.links_list.clear()
        self.body.refused_resources.clear()
        has_article = document is not None
        for widget in (self.copy_button, self.useful_button, self.outdated_button):
            widget.setEnabled(has_article)
        # An expired, withdrawn or future article may be read, never given to a caller as the answer.
        can_answer = document is not None and document.current
        self.insert_button.setEnabled(can_answer)
        self.insert_answer_action.setEnabled(can_answer)
        if document is None:
            self.title_label.setText(tr("ArticleView", "选择一条知识查看全文"))
            for label in (self.source_label, self.topic_label, self.dates_label, self.validity_label):
                label.clear()
                label.setVisible(False)
            self.body.clear()
            self.links_label.setVisible(False)
            self.links_list.setVisible(False)
            return
        article = document.article
        self.title_label.setText(article.title)
        self.source_label.setText(
            tr("ArticleView", "发布单位：{organisation}").format(organisation=article.organisation)
        )
        self.topic_label.setText(
            tr("ArticleView", "业务类别：{topic_class} › {topic_item}").format(
                topic_class=article.topic.class_, topic_item=article.topic.item
            )
        )
        expiry = (
            tr("ArticleView", "长期有效") if article.expires_on is None else article.expires_on.isoformat()
        )
        self.dates_label.setText(
            tr("ArticleView", "生效日期：{start}　失效日期：{end}").format(
                start=article.effective_from.isoformat(), end=expiry
            )
        )
        validity = "" if document.current else validity_text(article, self._service.today())
        self.validity_label.setText(validity)
        for label in (self.source_label, self.topic_label, self.dates_label):
            label.setVisible(True)
        self.validity_label.setVisible(bool(validity))
        self.body.setHtml(document.body.html)
        for link in document.body.links:
            text = link.url if link.text == link.url else f"{link.text} — {link.url}"
            item = QListWidgetItem(text)
            item.setData(_LINK_URL_ROLE, link.url)
            item.setToolTip(link.url)
            self.links_list.addItem(item)
        has_links = bool(document.body.links)
        self.links_label.setVisible(has_links)
        self.links_list.setVisible(has_links)

    # Links ----------------------------------------------------------------------------------------
    def _on_link_activated(self, item: QListWidgetItem) -> None:
        self.ask_to_open(str(item.data(_LINK_URL_ROLE)))

    def _on_body_anchor_clicked(self, url: QUrl) -> None:
        # The safe subset has no anchors; should one appear, it is still only opened after asking.
        self.ask_to_open(url.toString())

    def ask_to_open(self, url: str) -> None:
        """Ask (without blocking) whether to open ``url`` in the browser; open it only on “打开”."""
        if self.link_prompt is not None:
            self.link_prompt.close()
        box = QMessageBox(self)
        box.setObjectName("openLinkPrompt")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("ArticleView", "打开外部链接"))
        box.setText(tr("ArticleView", "要在浏览器中打开这个地址吗？"))
        box.setInformativeText(url)
        open_button = box.addButton(tr("ArticleView", "打开"), QMessageBox.ButtonRole.AcceptRole)
        cancel_button = box.addButton(tr("ArticleView", "取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel_button)
        box.setEscapeButton(cancel_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            if box.clickedButton() is open_button:
                self._open_url(QUrl(url))
            if self.link_prompt is box:
                self.link_prompt = None

        box.finished.connect(finished)
        self.link_prompt = box
        box.open()

    # Using the answer -----------------------------------------------------------------------------
    def insert_answer(self) -> None:
        """Ask for the shown answer to be put into the order, and count the use."""
        document = self._document
        if document is None or not document.current:
            return
        self.insert_answer_requested.emit(document.article.id, document.body.text)
        self.status_label.setText(tr("ArticleView", "已插入工单答复"))
        self._tasks.spawn(self._service.record_use(document.article.id))

    def copy_answer(self) -> None:
        """Copy the shown answer to the clipboard, and count the use."""
        document = self._document
        if document is None:
            return
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(document.body.text)
        self.status_label.setText(tr("ArticleView", "已复制到剪贴板"))
        self._tasks.spawn(self._service.record_use(document.article.id))

    def send_feedback(self, kind: FeedbackKind) -> None:
        """Send “有用” or “已过时” for the shown article in the background."""
        document = self._document
        if document is None:
            return
        self._tasks.spawn(self._send_feedback(document.article.id, kind), key="knowledge.feedback")

    async def _send_feedback(self, article_id: str, kind: FeedbackKind) -> None:
        for button in (self.useful_button, self.outdated_button):
            button.setEnabled(False)
        try:
            outcome = await self._service.send_feedback(article_id, kind)
        except FeedbackRefused as exc:
            self.status_label.setText(tr("ArticleView", "反馈未被接受：{reason}").format(reason=str(exc)))
        except Exception as exc:
            # Not even queued (the profile's disk): say so where the person looks, not in an error box.
            log.warning("knowledge feedback not sent: %s", type(exc).__name__)
            self.status_label.setText(
                tr("ArticleView", "反馈未发送：{reason}").format(reason=str(exc) or type(exc).__name__)
            )
        else:
            if outcome is FeedbackOutcome.QUEUED:
                # Offline is ordinary at a seat: the feedback waits on disk and goes with the next sync.
                self.status_label.setText(
                    tr("ArticleView", "暂时连不上后台：反馈已保存在本机，恢复连接后自动发送")
                )
            elif kind == "useful":
                self.status_label.setText(tr("ArticleView", "已反馈“有用”，谢谢"))
            else:
                self.status_label.setText(tr("ArticleView", "已反馈“已过时”，知识库管理员会核实更新"))
        finally:
            has_article = self._document is not None
            for button in (self.useful_button, self.outdated_button):
                button.setEnabled(has_article)
