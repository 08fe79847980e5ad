"""Related knowledge (相关知识推荐): the articles that fit what the caller said, shown beside the form.

The order's content text is fed in as the call-taker types (``set_context``); a short pause later the
service finds the most related current articles. The list never takes the keyboard focus, neither
when it updates nor when clicked, so typing in the form goes on undisturbed; a click asks for the
article to be opened in the knowledge panel.
"""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from seatclient.i18n import tr
from seatclient.knowledge.index import SearchCancelled, SearchHit
from seatclient.knowledge.service import RELATED_LIMIT, KnowledgeService
from seatclient.tasks import BackgroundTasks

CONTEXT_DEBOUNCE_MS = 400
_ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class KnowledgePush(QWidget):
    """Shows the few current articles most related to the order's content, without taking focus.

    Args:
        service: the knowledge service.
        tasks: where background work is started.
        debounce_ms: how long the text must stay unchanged before a look-up starts.
        limit: how many articles to show.
        parent: the parent widget.

    Signals:
        open_requested: (article id) the person clicked an article: open it in the knowledge panel.
        related_changed: (list of article ids) the list shown changed.
    """

    open_requested = Signal(str)
    related_changed = Signal(list)

    def __init__(
        self,
        service: KnowledgeService,
        tasks: BackgroundTasks,
        debounce_ms: int = CONTEXT_DEBOUNCE_MS,
        limit: int = RELATED_LIMIT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePush")
        self.setAccessibleName(tr("KnowledgePush", "相关知识"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._service = service
        self._tasks = tasks
        self._limit = limit
        self._context = ""
        self._task: asyncio.Task[Any] | None = None

        self.title_label = QLabel(tr("KnowledgePush", "相关知识"))
        self.title_label.setObjectName("knowledgePushTitle")
        self.title_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.status_label = QLabel()
        self.status_label.setObjectName("knowledgePushStatus")
        self.status_label.setAccessibleIdentifier("knowledgePushStatus")
        self.status_label.setAccessibleDescription(tr("KnowledgePush", "相关知识推荐状态"))
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("QLabel { color: #7b8794; }")
        self.list_widget = QListWidget()
        self.list_widget.setObjectName("knowledgePushList")
        self.list_widget.setAccessibleName(tr("KnowledgePush", "相关知识列表"))
        # The call-taker is typing in the form: neither an update nor a click may take the keyboard.
        self.list_widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_widget.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list_widget.setWordWrap(True)
        self.list_widget.setMouseTracking(True)
        self.list_widget.setStyleSheet(
            "QListWidget::item { padding: 3px 2px; border-bottom: 1px solid #e3e7ec; }"
            "QListWidget::item:hover { background: #eef4fa; }"
        )
        self.list_widget.itemClicked.connect(self._on_item_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.list_widget, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_lookup)
        self._show([])

    @property
    def context(self) -> str:
        """The text the list was (or is being) computed for."""
        return self._context

    def article_ids(self) -> list[str]:
        """The ids of the articles shown, in order."""
        return [
            str(self.list_widget.item(row).data(_ARTICLE_ID_ROLE)) for row in range(self.list_widget.count())
        ]

    def set_context(self, text: str) -> None:
        """Take the order's content text; the list follows once the text rests for a moment."""
        text = text.strip()
        if text == self._context:
            return
        self._context = text
        if not text:
            self._debounce.stop()
            if self._task is not None:
                self._task.cancel()
            self._show([])
            return
        self._debounce.start()

    def _start_lookup(self) -> None:
        if self._context:
            self._task = self._tasks.spawn(
                self.refresh(self._context), key="knowledge.push", if_running="cancel"
            )

    async def refresh(self, text: str) -> bool:
        """Look up the articles related to ``text`` and show them, unless the text changed meanwhile."""
        try:
            hits = await self._service.related(text, limit=self._limit)
        except SearchCancelled:
            return False
        if text != self._context:
            return False
        self._show(hits)
        return True

    def _show(self, hits: list[SearchHit]) -> None:
        self.list_widget.clear()
        for hit in hits:
            item = QListWidgetItem(hit.title)
            item.setData(_ARTICLE_ID_ROLE, hit.article_id)
            item.setToolTip(f"{hit.organisation} · {hit.topic_class} › {hit.topic_item}")
            # Enabled but not selectable: a click opens the article and leaves no selection behind.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list_widget.addItem(item)
        if not self._context:
            self.status_label.setText(tr("KnowledgePush", "根据工单内容自动推荐"))
        elif hits:
            self.status_label.setText(tr("KnowledgePush", "根据工单内容推荐，点击查看"))
        else:
            self.status_label.setText(tr("KnowledgePush", "暂无相关知识"))
        self.related_changed.emit([hit.article_id for hit in hits])

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        article_id = item.data(_ARTICLE_ID_ROLE)
        if isinstance(article_id, str):
            self.open_requested.emit(article_id)
