"""The knowledge panel (知识库): search as you type, filters, a browse tree, and the article below.

Typing never waits for a search: each keystroke restarts a short timer, the search runs in the
service's worker thread, and a newer query cancels the older one, whose result is never shown.
Keyboard: Ctrl+K focuses the search box from anywhere in the window; Down moves into the results,
Enter opens the first; Ctrl+Shift+I inserts the shown answer into the order.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPainter, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seatclient.i18n import tr
from seatclient.knowledge.index import SearchCancelled, SearchHit, TopicCount
from seatclient.knowledge.service import KnowledgeService, SyncResult
from seatclient.tasks import BackgroundTasks
from seatclient.ui.article_view import INSERT_ANSWER_SHORTCUT, ArticleView
from seatclient.ui.knowledge_push import RELATED_SHORTCUT

log = logging.getLogger(__name__)

FOCUS_SEARCH_SHORTCUT = "Ctrl+K"
"""The default key that focuses the knowledge search box (``knowledge.search``)."""

KNOWLEDGE_SHORTCUTS: dict[str, str] = {
    "knowledge.search": FOCUS_SEARCH_SHORTCUT,
    "knowledge.insert_answer": INSERT_ANSWER_SHORTCUT,
    "knowledge.related": RELATED_SHORTCUT,
}
"""The knowledge actions and their default keys, for ``config.DEFAULT_SHORTCUTS``.

``knowledge.related`` belongs to the related articles under the form (``KnowledgePush``).
"""

SEARCH_DEBOUNCE_MS = 150
RESULT_LIMIT = 30
BROWSE_LIMIT = 200
MARK_OPEN = '<span style="background-color:#ffe58f; color:#7a2e00;">'
MARK_CLOSE = "</span>"

TITLE_HTML_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 3
SOURCE_ROLE = Qt.ItemDataRole.UserRole + 4
_NODE_ROLE = Qt.ItemDataRole.UserRole + 10
# Joins class and item in the topic filter's data (names never contain it).
_TOPIC_SEPARATOR = "\x1f"
_ModelIndex = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    """Search hits as a list model: plain text for display and screen readers, marked HTML for painting.

    Roles: ``DisplayRole`` and ``AccessibleTextRole`` the title and source in plain text,
    ``ToolTipRole`` the snippet, ``TITLE_HTML_ROLE`` / ``SNIPPET_HTML_ROLE`` the escaped text with
    the matched stretches marked, ``ARTICLE_ID_ROLE`` the id, ``SOURCE_ROLE`` unit and topic.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self.query = ""

    @property
    def hits(self) -> list[SearchHit]:
        """The hits shown, in rank order."""
        return list(self._hits)

    def set_hits(self, query: str, hits: list[SearchHit]) -> None:
        """Show the hits of ``query`` (replacing what was shown)."""
        self.beginResetModel()
        self.query = query
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        """The number of hits (a list has no children)."""
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The hit's value for ``role``."""
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        source = f"{hit.organisation} · {hit.topic_class} › {hit.topic_item}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit.title}（{hit.organisation}）"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        if role == TITLE_HTML_ROLE:
            return hit.marked_title(MARK_OPEN, MARK_CLOSE, escape=True)
        if role == SNIPPET_HTML_ROLE:
            return hit.marked_snippet(MARK_OPEN, MARK_CLOSE, escape=True)
        if role == ARTICLE_ID_ROLE:
            return hit.article_id
        if role == SOURCE_ROLE:
            return source
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        """Hits can be selected, not edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as three lines of rich text: the marked title, the marked snippet, the source."""

    PADDING = 6

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        widget = option.widget
        if isinstance(widget, QAbstractItemView):
            return int(widget.viewport().width()) - 2 * self.PADDING
        return int(option.rect.width()) - 2 * self.PADDING

    def _document(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        source = html.escape(str(index.data(SOURCE_ROLE) or ""), quote=False)
        document.setHtml(
            f'<div style="font-weight:600;">{index.data(TITLE_HTML_ROLE) or ""}</div>'
            f'<div style="color:#4a5560;">{index.data(SNIPPET_HTML_ROLE) or ""}</div>'
            f'<div style="color:#7b8794; font-size:small;">{source}</div>'
        )
        document.setTextWidth(max(self._text_width(option), 80))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        """Draw the selection background, then the rich text."""
        painter.save()
        rect = option.rect
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#d6e6f5"))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#eef4fa"))
        painter.setPen(QColor("#e3e7ec"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        document = self._document(option, index)
        painter.translate(QPointF(rect.left() + self.PADDING, rect.top() + self.PADDING))
        document.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        """The height of the wrapped text at the view's width."""
        document = self._document(option, index)
        size = document.size()
        return QSize(max(self._text_width(option), 80), int(size.height()) + 2 * self.PADDING + 1)


def topic_key(topic_class: str, topic_item: str | None = None) -> str:
    """The topic filter's data for a class or an item: text, which the combo compares by value."""
    return topic_class if topic_item is None else f"{topic_class}{_TOPIC_SEPARATOR}{topic_item}"


@dataclass(frozen=True)
class _BrowseNode:
    topic_class: str | None = None
    topic_item: str | None = None
    organisation: str | None = None


class KnowledgePanel(QWidget):
    """Search and browse the knowledge base; the chosen article shows in the ``ArticleView`` below.

    Args:
        service: the knowledge service.
        tasks: where background work is started (searches, loads).
        open_url: opens an address the person agreed to open (default: the desktop's browser).
        debounce_ms: how long typing must pause before a search starts.
        parent: the parent widget.

    Signals:
        insert_answer_requested: (article id, answer text) from the article view: fill the order's answer.
        article_opened: (article id) an article was shown.
    """

    insert_answer_requested = Signal(str, str)
    article_opened = Signal(str)

    def __init__(
        self,
        service: KnowledgeService,
        tasks: BackgroundTasks,
        open_url: Callable[[QUrl], bool] | None = None,
        debounce_ms: int = SEARCH_DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePanel")
        self.setAccessibleName(tr("KnowledgePanel", "知识库"))
        self._service = service
        self._tasks = tasks
        self._generation = 0
        self._search_task: asyncio.Task[Any] | None = None
        self._browse_loaded = False
        self._requested_article: str | None = None
        # The day the hits shown were found on: after midnight some may have expired.
        self._results_day: date | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("knowledgeSearch")
        self.search_edit.setAccessibleName(tr("KnowledgePanel", "知识检索"))
        self.search_edit.setPlaceholderText(tr("KnowledgePanel", "输入关键词、拼音或首字母，如 公积金 / gjj"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.topic_filter = QComboBox()
        self.topic_filter.setObjectName("knowledgeTopicFilter")
        self.topic_filter.setAccessibleName(tr("KnowledgePanel", "按业务类别筛选"))
        self.topic_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.topic_filter.setMinimumContentsLength(8)
        self.organisation_filter = QComboBox()
        self.organisation_filter.setObjectName("knowledgeOrganisationFilter")
        self.organisation_filter.setAccessibleName(tr("KnowledgePanel", "按发布单位筛选"))
        self.organisation_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.organisation_filter.setMinimumContentsLength(8)
        self._fill_filters([], [])
        self.topic_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.organisation_filter.currentIndexChanged.connect(self._on_filter_changed)

        self.results_model = SearchResultsModel(self)
        self.results_view = QListView()
        self.results_view.setObjectName("knowledgeResults")
        self.results_view.setAccessibleName(tr("KnowledgePanel", "检索结果"))
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(HitDelegate(self.results_view))
        self.results_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.results_view.setUniformItemSizes(False)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Hits wrap to the width of the list; a sideways scroll bar would only hide the last line.
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_view.setMouseTracking(True)
        self.results_view.selectionModel().currentChanged.connect(self._on_result_current_changed)
        # A screen reader (AT-SPI) selects a hit without moving the current index: open it too.
        self.results_view.selectionModel().selectionChanged.connect(self._on_result_selection_changed)
        self.results_view.clicked.connect(self._on_result_clicked)

        self.browse_tree = QTreeWidget()
        self.browse_tree.setObjectName("knowledgeBrowseTree")
        self.browse_tree.setAccessibleName(tr("KnowledgePanel", "分类浏览"))
        self.browse_tree.setHeaderHidden(True)
        self.browse_tree.currentItemChanged.connect(self._on_browse_node_changed)
        self.browse_list = QListWidget()
        self.browse_list.setObjectName("knowledgeBrowseList")
        self.browse_list.setAccessibleName(tr("KnowledgePanel", "分类下的知识"))
        self.browse_list.setWordWrap(True)
        self.browse_list.currentItemChanged.connect(self._on_browse_article_changed)
        browse_split = QSplitter(Qt.Orientation.Vertical)
        browse_split.setObjectName("knowledgeBrowseSplit")
        browse_split.addWidget(self.browse_tree)
        browse_split.addWidget(self.browse_list)
        browse_split.setChildrenCollapsible(False)
        # The panel shares its column with the scripts: small minimums let the window fit a 900-pixel
        # screen, and the splitters hand out the room there is.
        for view in (self.browse_tree, self.browse_list):
            view.setMinimumHeight(48)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("knowledgeTabs")
        self.tabs.addTab(self.results_view, tr("KnowledgePanel", "检索结果"))
        self.tabs.addTab(browse_split, tr("KnowledgePanel", "分类浏览"))

        self.status_label = QLabel()
        self.status_label.setObjectName("knowledgeStatus")
        self.status_label.setAccessibleIdentifier("knowledgeStatus")
        self.status_label.setAccessibleDescription(tr("KnowledgePanel", "检索状态"))
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("QLabel { color: #4a5560; }")
        self.sync_label = QLabel()
        self.sync_label.setObjectName("knowledgeSyncStatus")
        self.sync_label.setAccessibleIdentifier("knowledgeSyncStatus")
        self.sync_label.setAccessibleDescription(tr("KnowledgePanel", "知识库同步状态"))
        self.sync_label.setWordWrap(True)
        self.sync_label.setStyleSheet("QLabel { color: #7b8794; }")

        self.article_view = ArticleView(service, tasks, open_url)
        self.article_view.insert_answer_requested.connect(self.insert_answer_requested)
        self.article_view.article_shown.connect(self.article_opened)

        self.focus_search_action = QAction(tr("KnowledgePanel", "知识检索"), self)
        self.focus_search_action.setObjectName("actionFocusKnowledgeSearch")
        self.focus_search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.focus_search_action.triggered.connect(self.focus_search)
        self.addAction(self.focus_search_action)

        top = QWidget()
        top.setObjectName("knowledgeSearchArea")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.topic_filter, 1)
        filters.addWidget(self.organisation_filter, 1)
        column = QVBoxLayout(top)
        column.setContentsMargins(6, 6, 6, 0)
        column.setSpacing(4)
        column.addWidget(self.search_edit)
        column.addLayout(filters)
        column.addWidget(self.status_label)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.sync_label)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("knowledgeSplit")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.article_view)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        # Until an article is chosen the view below is empty: the hits get its room meanwhile.
        self.article_view.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_search)
        self.search_edit.textChanged.connect(self._on_text_changed)
        self.apply_shortcuts(KNOWLEDGE_SHORTCUTS)
        self._show_status_for("")
        self._follow_sync()

    def showEvent(self, event: QShowEvent) -> None:
        """On first show, read the filters and the browse tree from what the index already holds."""
        super().showEvent(event)
        if not self._browse_loaded:
            self._browse_loaded = True
            self._tasks.spawn(self.reload_browse(), key="knowledge.browse", if_running="cancel")

    # Shortcuts ----------------------------------------------------------------------------------
    def shortcut_actions(self) -> dict[str, QAction]:
        """The panel's actions by shortcut action id (see ``KNOWLEDGE_SHORTCUTS``)."""
        return {"knowledge.search": self.focus_search_action, **self.article_view.shortcut_actions()}

    def apply_shortcuts(self, shortcuts: Mapping[str, str]) -> list[QAction]:
        """Give each action its key from ``shortcuts``; returns the actions set."""
        assigned = self.article_view.apply_shortcuts(shortcuts)
        sequence = shortcuts.get("knowledge.search")
        if sequence:
            self.focus_search_action.setShortcut(QKeySequence(sequence))
            self.search_edit.setToolTip(tr("KnowledgePanel", "知识检索（{key}）").format(key=sequence))
            assigned.append(self.focus_search_action)
        return assigned

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected, ready to type over."""
        self.reveal()
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # Keeping up with the service ------------------------------------------------------------------
    def _follow_sync(self) -> None:
        service = self._service
        finished, failed = self._on_sync_finished, self._on_sync_failed
        service.sync_finished.connect(finished)
        service.sync_failed.connect(failed)

        def detach() -> None:
            # The service outlives the panel: it must not call into a deleted widget.
            service.sync_finished.disconnect(finished)
            service.sync_failed.disconnect(failed)

        self.destroyed.connect(detach)

    def _on_sync_finished(self, result: SyncResult) -> None:
        self.sync_label.setText(
            tr("KnowledgePanel", "知识库已同步，现行知识 {count} 条").format(count=result.current_articles)
        )
        self._tasks.spawn(self.reload_browse(), key="knowledge.browse", if_running="cancel")
        stale = result.changed or self._results_day != self._service.today()
        if stale and self.search_edit.text().strip():
            self._start_search()

    def _on_sync_failed(self, error: Exception) -> None:
        self.sync_label.setText(tr("KnowledgePanel", "知识库暂未同步，检索使用本机已有内容"))
        self.sync_label.setToolTip(str(error))

    def refresh(self) -> None:
        """Reload the filters and the browse tree, and search the current text again."""
        self._tasks.spawn(self.reload_browse(), key="knowledge.browse", if_running="cancel")
        if self.search_edit.text().strip():
            self._start_search()

    async def reload_browse(self) -> None:
        """Read the topic tree and the unit counts, and rebuild the filters and the browse tree."""
        tree = await self._service.topic_tree()
        organisations = await self._service.organisations()
        self._fill_filters(tree, organisations)
        self._fill_browse_tree(tree, organisations)
        # The list was read before the base changed: it may hold a withdrawn or expired article.
        self.browse_list.clear()

    # Filters --------------------------------------------------------------------------------------
    def _fill_filters(self, tree: list[TopicCount], organisations: list[TopicCount]) -> None:
        topic = self.topic_filter.currentData()
        organisation = self.organisation_filter.currentData()
        for combo in (self.topic_filter, self.organisation_filter):
            combo.blockSignals(True)
            combo.clear()
        self.topic_filter.addItem(tr("KnowledgePanel", "全部业务类别"), None)
        for node in tree:
            self.topic_filter.addItem(
                tr("KnowledgePanel", "{name}（{count}）").format(name=node.name, count=node.count),
                topic_key(node.name),
            )
            for child in node.children:
                # The ideographic space indents an item under its class in the flat list.
                self.topic_filter.addItem(
                    "\u3000"
                    + tr("KnowledgePanel", "{name}（{count}）").format(name=child.name, count=child.count),
                    topic_key(node.name, child.name),
                )
        self.organisation_filter.addItem(tr("KnowledgePanel", "全部发布单位"), None)
        for node in organisations:
            self.organisation_filter.addItem(
                tr("KnowledgePanel", "{name}（{count}）").format(name=node.name, count=node.count), node.name
            )
        for combo, previous in ((self.topic_filter, topic), (self.organisation_filter, organisation)):
            position = combo.findData(previous) if previous is not None else 0
            combo.setCurrentIndex(max(position, 0))
            combo.blockSignals(False)

    def filters(self) -> tuple[str | None, str | None, str | None]:
        """The chosen ``(topic class, topic item, organisation)``; ``None`` where all are allowed."""
        topic = self.topic_filter.currentData()
        topic_class: str | None = None
        topic_item: str | None = None
        if isinstance(topic, str):
            topic_class, _, item = topic.partition(_TOPIC_SEPARATOR)
            topic_item = item or None
        organisation = self.organisation_filter.currentData()
        return topic_class, topic_item, organisation if isinstance(organisation, str) else None

    def topic_filter_index(self, topic_class: str, topic_item: str | None = None) -> int:
        """The position of a class (or one of its items) in the topic filter, or -1."""
        return self.topic_filter.findData(topic_key(topic_class, topic_item))

    def _on_filter_changed(self, _index: int) -> None:
        if self.search_edit.text().strip():
            self._debounce.stop()
            self._start_search()

    # Searching ------------------------------------------------------------------------------------
    def _on_text_changed(self, text: str) -> None:
        # Every keystroke makes whatever is under way stale, even before the timer fires.
        self._generation += 1
        if not text.strip():
            self._debounce.stop()
            if self._search_task is not None:
                self._search_task.cancel()
            self.results_model.set_hits("", [])
            self._show_status_for("")
            return
        self._debounce.start()

    def _start_search(self) -> None:
        query = self.search_edit.text().strip()
        if not query:
            return
        self._generation += 1
        self._search_task = self._tasks.spawn(
            self.run_search(query, self._generation), key="knowledge.search", if_running="cancel"
        )

    async def run_search(self, query: str, generation: int | None = None) -> bool:
        """Search ``query`` with the chosen filters and show the hits, unless superseded meanwhile.

        Returns whether the hits were shown. ``generation`` is the panel's count of edits when the
        search started; a search started for an older one is dropped.
        """
        generation = self._generation if generation is None else generation
        topic_class, topic_item, organisation = self.filters()
        self.status_label.setText(tr("KnowledgePanel", "正在检索…"))
        try:
            hits = await self._service.search(
                query,
                limit=RESULT_LIMIT,
                topic_class=topic_class,
                topic_item=topic_item,
                organisation=organisation,
            )
        except SearchCancelled:
            return False
        if generation != self._generation or query != self.search_edit.text().strip():
            return False
        self.results_model.set_hits(query, hits)
        self._results_day = self._service.today()
        self.tabs.setCurrentIndex(0)
        self._show_status_for(query)
        return True

    def _show_status_for(self, query: str) -> None:
        count = self.results_model.rowCount()
        if not query:
            self.status_label.setText(tr("KnowledgePanel", "输入关键词检索知识库（Ctrl+K）"))
        elif count:
            self.status_label.setText(tr("KnowledgePanel", "找到 {count} 条").format(count=count))
        else:
            self.status_label.setText(
                tr("KnowledgePanel", "没有找到与“{query}”相关的现行知识").format(query=query)
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box moves into the results; Enter opens the first (or current) hit."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.results_model.rowCount():
                self._select_row(max(self.results_view.currentIndex().row(), 0))
                self.results_view.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    # The hits shown are for older text: search now rather than open a stale hit.
                    self._debounce.stop()
                    self._start_search()
                elif self.results_model.rowCount():
                    self._select_row(max(self.results_view.currentIndex().row(), 0))
                return True
        return super().eventFilter(watched, event)

    def _select_row(self, row: int) -> None:
        index = self.results_model.index(row, 0)
        self.results_view.setCurrentIndex(index)
        self._open_index(index)

    def _on_result_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._open_index(current)

    def _on_result_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes and indexes[0].data(ARTICLE_ID_ROLE) != self._requested_article:
            self._open_index(indexes[0])

    def _on_result_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(ARTICLE_ID_ROLE) != self.article_view.article_id:
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        article_id = index.data(ARTICLE_ID_ROLE)
        if isinstance(article_id, str):
            self.open_article(article_id)

    def reveal(self) -> None:
        """Bring the region holding the panel to the front (shown, before the docks it shares a place with).

        The keyboard focus stays where it is.
        """
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is not None:
            parent.show()
            parent.raise_()

    def show_pushed_article(self, article_id: str) -> None:
        """Show an article chosen in the related articles: the panel comes forward, the focus stays."""
        self.reveal()
        self.open_article(article_id)

    def open_article(self, article_id: str) -> None:
        """Show an article in the view below (from a hit, the browse list, or the related articles)."""
        self._requested_article = article_id
        self.article_view.setVisible(True)
        self.article_view.show_article(article_id)

    # Browsing -------------------------------------------------------------------------------------
    def _fill_browse_tree(self, tree: list[TopicCount], organisations: list[TopicCount]) -> None:
        self.browse_tree.blockSignals(True)
        self.browse_tree.clear()
        by_topic = QTreeWidgetItem([tr("KnowledgePanel", "按业务类别")])
        by_topic.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for node in tree:
            class_item = QTreeWidgetItem(
                [tr("KnowledgePanel", "{name}（{count}）").format(name=node.name, count=node.count)]
            )
            class_item.setData(0, _NODE_ROLE, _BrowseNode(topic_class=node.name))
            for child in node.children:
                leaf = QTreeWidgetItem(
                    [tr("KnowledgePanel", "{name}（{count}）").format(name=child.name, count=child.count)]
                )
                leaf.setData(0, _NODE_ROLE, _BrowseNode(topic_class=node.name, topic_item=child.name))
                class_item.addChild(leaf)
            by_topic.addChild(class_item)
        by_unit = QTreeWidgetItem([tr("KnowledgePanel", "按发布单位")])
        by_unit.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for node in organisations:
            unit = QTreeWidgetItem(
                [tr("KnowledgePanel", "{name}（{count}）").format(name=node.name, count=node.count)]
            )
            unit.setData(0, _NODE_ROLE, _BrowseNode(organisation=node.name))
            by_unit.addChild(unit)
        self.browse_tree.addTopLevelItems([by_topic, by_unit])
        by_topic.setExpanded(True)
        self.browse_tree.blockSignals(False)

    def _on_browse_node_changed(
        self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        node = None if current is None else current.data(0, _NODE_ROLE)
        if isinstance(node, _BrowseNode):
            self._tasks.spawn(self.show_browse_node(node), key="knowledge.browse_list", if_running="cancel")

    async def show_browse_node(self, node: _BrowseNode) -> None:
        """List the current articles under a tree node."""
        summaries = await self._service.browse(
            topic_class=node.topic_class,
            topic_item=node.topic_item,
            organisation=node.organisation,
            limit=BROWSE_LIMIT,
        )
        self.browse_list.blockSignals(True)
        self.browse_list.clear()
        for summary in summaries:
            item = QListWidgetItem(summary.title)
            item.setData(ARTICLE_ID_ROLE, summary.article_id)
            item.setToolTip(f"{summary.organisation} · {summary.topic_class} › {summary.topic_item}")
            self.browse_list.addItem(item)
        self.browse_list.blockSignals(False)

    def _on_browse_article_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if current is not None:
            article_id = current.data(ARTICLE_ID_ROLE)
            if isinstance(article_id, str):
                self.open_article(article_id)
