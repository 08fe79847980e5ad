"""Related knowledge (相关知识推荐): the articles that fit what the caller said, shown beside the form.

The order's content text is fed in as the call-taker types (``set_context``); a short pause later the
service finds the most related current articles. The list never takes the keyboard focus, neither
when it updates nor when clicked, so typing in the form goes on undisturbed; a click asks for the
article to be opened in the knowledge panel.

The keyboard path is asked for, never imposed: ``knowledge.related`` (Ctrl+Shift+K) moves the focus
into the list, Up and Down choose, Enter opens the article, Esc goes back to where the person was
typing. Leaving the list in any other way gives it back its no-focus manners.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seatclient.i18n import tr
from seatclient.knowledge.index import SearchCancelled, SearchHit
from seatclient.knowledge.service import RELATED_LIMIT, KnowledgeService, SyncResult
from seatclient.tasks import BackgroundTasks

CONTEXT_DEBOUNCE_MS = 400
RELATED_SHORTCUT = "Ctrl+Shift+K"
"""The default key that moves the focus into the related articles (``knowledge.related``)."""
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
        open_requested: (article id) the person clicked an article, or pressed Enter on it: open it
            in the knowledge panel.
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
        # The day the list shown was found on: after midnight an article in it may have expired.
        self._shown_day: date | None = None

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
            # Chosen with the keyboard: the same colours as a chosen search hit, the text kept dark.
            "QListWidget::item:selected { background: #d6e6f5; color: #1a1a1a; }"
        )
        self.list_widget.itemClicked.connect(self._on_item_clicked)
        self.list_widget.installEventFilter(self)
        self._return_to: QWidget | None = None

        self.focus_list_action = QAction(tr("KnowledgePush", "转到相关知识"), self)
        self.focus_list_action.setObjectName("actionFocusRelatedKnowledge")
        self.focus_list_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_list_action.triggered.connect(self.enter_list)
        self.addAction(self.focus_list_action)

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
        self.apply_shortcuts({"knowledge.related": RELATED_SHORTCUT})
        self._show([])
        self._follow_sync()

    def _follow_sync(self) -> None:
        service = self._service
        finished = self._on_sync_finished
        service.sync_finished.connect(finished)
        # The service outlives the widget: it must not call into a deleted one.
        self.destroyed.connect(lambda: service.sync_finished.disconnect(finished))

    def _on_sync_finished(self, result: SyncResult) -> None:
        # A withdrawn, changed or (after midnight) expired article must not stay listed as current
        # until the text changes.
        if self._context and (result.changed or self._shown_day != self._service.today()):
            self._debounce.stop()
            self._start_lookup()

    # Keyboard -------------------------------------------------------------------------------------
    def shortcut_actions(self) -> dict[str, QAction]:
        """The widget's actions by shortcut action id (``config.DEFAULT_SHORTCUTS``)."""
        return {"knowledge.related": self.focus_list_action}

    def apply_shortcuts(self, shortcuts: Mapping[str, str]) -> list[QAction]:
        """Give the action its key from ``shortcuts`` (active anywhere in the window); returns it if set."""
        sequence = shortcuts.get("knowledge.related")
        if not sequence:
            return []
        self.focus_list_action.setShortcut(QKeySequence(sequence))
        self._show_status()
        return [self.focus_list_action]

    @property
    def shortcut_text(self) -> str:
        """The key that moves into the list, as the person reads it (``""`` when none)."""
        return self.focus_list_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    @property
    def keyboard_active(self) -> bool:
        """Whether the person moved into the list with the keyboard and is choosing there."""
        return self.list_widget.focusPolicy() != Qt.FocusPolicy.NoFocus

    def enter_list(self) -> bool:
        """Move the focus into the list, on its first article; ``False`` (and nothing moves) when empty.

        Where the focus was is remembered, so Esc goes back there.
        """
        if self.list_widget.count() == 0:
            return False
        focused = QApplication.focusWidget()
        if focused is not None and focused is not self.list_widget:
            self._return_to = focused
        self.list_widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list_widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_widget.setCurrentRow(0)
        self.list_widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def leave_list(self) -> None:
        """Go back to where the person was typing before ``enter_list`` (or just let go of the focus)."""
        target = self._return_to
        had_focus = self.list_widget.hasFocus()
        self._quiet()
        if target is not None and shiboken6.isValid(target) and target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif had_focus:
            self.list_widget.clearFocus()

    def _quiet(self) -> None:
        """Back to the list's manners while typing: no focus, no selection."""
        self.list_widget.clearSelection()
        self.list_widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list_widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._return_to = None

    def open_current(self) -> bool:
        """Ask for the current article to be opened; ``False`` when none is current."""
        item = self.list_widget.currentItem()
        if item is None:
            return False
        self._on_item_clicked(item)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list: Enter opens the current article, Esc goes back; leaving restores the manners."""
        if watched is self.list_widget:
            if event.type() == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current()
                    return True
                if event.key() == Qt.Key.Key_Escape:
                    self.leave_list()
                    return True
            elif event.type() == QEvent.Type.FocusOut and self.keyboard_active:
                # Clicked or tabbed away: the next update must not pull the focus back.
                self._quiet()
        return super().eventFilter(watched, event)

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

    def stop(self) -> None:
        """Stop looking up: the knowledge service is about to close (shutdown)."""
        self._debounce.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None

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
        self._shown_day = self._service.today()
        return True

    def _show(self, hits: list[SearchHit]) -> None:
        choosing = self.list_widget.hasFocus()
        self.list_widget.clear()
        for hit in hits:
            item = QListWidgetItem(hit.title)
            item.setData(_ARTICLE_ID_ROLE, hit.article_id)
            item.setToolTip(f"{hit.organisation} · {hit.topic_class} › {hit.topic_item}")
            # Selectable only while the list is in keyboard use (the view's selection mode says when):
            # a click opens the article and leaves no selection behind.
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.list_widget.addItem(item)
        if choosing:
            if hits:
                self.list_widget.setCurrentRow(0)
            else:
                self.leave_list()
        self._show_status()
        self.related_changed.emit([hit.article_id for hit in hits])

    def _show_status(self) -> None:
        key = self.shortcut_text
        if not self._context:
            self.status_label.setText(tr("KnowledgePush", "根据工单内容自动推荐"))
        elif self.list_widget.count() == 0:
            self.status_label.setText(tr("KnowledgePush", "暂无相关知识"))
        elif key:
            self.status_label.setText(
                tr("KnowledgePush", "根据工单内容推荐：点击查看，或按 {key} 选择").format(key=key)
            )
        else:
            self.status_label.setText(tr("KnowledgePush", "根据工单内容推荐，点击查看"))

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        article_id = item.data(_ARTICLE_ID_ROLE)
        if isinstance(article_id, str):
            self.open_requested.emit(article_id)
