"""The unit picker: search the handling-unit directory by Chinese or pinyin initials and pick one.

Typing ``xhzfj`` or ``西湖 执法`` lists 西湖区综合行政执法局 first (``UnitDirectory.search`` ranks). Keyboard:
Down goes from the search box to the list, Enter picks the current (or first) result, Up on the first
row goes back to the box, Escape clears the box.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from seatclient.dispatch import Unit, UnitDirectory, UnitKind, UnitLevel
from seatclient.i18n import join_list, tr

RESULT_LIMIT = 20
"""The most units listed for one search."""

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The item role holding a row's unit id."""


def unit_place(unit: Unit) -> str:
    """Where a unit works, as a call-taker says it: ``西湖区北山街道``, ``西湖区`` or ``全市``."""
    if unit.level is UnitLevel.MUNICIPAL or unit.district is None:
        return tr("UnitPicker", "全市")
    return f"{unit.district}{unit.street or ''}"


def unit_kind_label(kind: UnitKind) -> str:
    """The kind of a unit in Chinese."""
    labels = {
        UnitKind.FUNCTIONAL: tr("UnitPicker", "职能部门"),
        UnitKind.TERRITORIAL: tr("UnitPicker", "属地政府"),
        UnitKind.PUBLIC_UTILITY: tr("UnitPicker", "公共服务企业"),
    }
    return labels[kind]


def unit_details(unit: Unit) -> str:
    """One line about a unit for its tooltip and screen readers: place, kind, duties."""
    text = tr("UnitPicker", "{place} · {kind}").format(
        place=unit_place(unit), kind=unit_kind_label(unit.kind)
    )
    if unit.duties:
        text += tr("UnitPicker", " · 职责：{duties}").format(duties=join_list(unit.duties[:6]))
    return text


class UnitListModel(QAbstractListModel):
    """A flat list of units: the name shown, details as tooltip and description, the id in ``UNIT_ID_ROLE``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._units: list[Unit] = []

    def set_units(self, units: Sequence[Unit]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._units = list(units)
        self.endResetModel()

    def units(self) -> list[Unit]:
        """The units listed, in order."""
        return list(self._units)

    def unit_at(self, row: int) -> Unit:
        """The unit of ``row``; raises ``IndexError`` outside the list."""
        return self._units[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        """Rows under the root; a list item has no children."""
        if parent is not None and parent.isValid():
            return 0
        return len(self._units)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """The name, details or id of a row."""
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._units):
            return None
        unit = self._units[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{unit.name}（{unit_place(unit)}）"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return unit.name
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return unit_details(unit)
        if role == UNIT_ID_ROLE:
            return unit.id
        return None


class UnitPicker(QWidget):
    """A search box over the unit directory and the list of matches.

    Args:
        directory: the units to search.
        parent: the parent widget.
        limit: the most results listed.

    Signals:
        unit_picked: (unit id) the person picked a unit (Enter, double click, or click then Enter).
    """

    unit_picked = Signal(str)

    def __init__(
        self, directory: UnitDirectory, parent: QWidget | None = None, limit: int = RESULT_LIMIT
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unitPicker")
        self._directory = directory
        self._limit = limit

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("unitSearchEdit")
        self.search_edit.setAccessibleName(tr("UnitPicker", "查找承办单位"))
        self.search_edit.setPlaceholderText(tr("UnitPicker", "中文或拼音首字母，如“xhzfj”“西湖 执法”"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.installEventFilter(self)

        self.model = UnitListModel(self)
        self.result_view = QListView()
        self.result_view.setObjectName("unitResultList")
        self.result_view.setAccessibleName(tr("UnitPicker", "查找结果"))
        self.result_view.setModel(self.model)
        self.result_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.result_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.result_view.setUniformItemSizes(True)
        # Five rows visible without scrolling.
        self.result_view.setMinimumHeight(self.fontMetrics().height() * 5 + 12)
        # A double click (or a single click where the desktop says so) activates; Enter is handled below.
        self.result_view.activated.connect(self._on_result_view_activated)
        self.result_view.installEventFilter(self)

        self.status_label = QLabel(tr("UnitPicker", "输入单位名称、简称或拼音首字母查找"))
        self.status_label.setObjectName("unitSearchStatus")
        self.status_label.setAccessibleIdentifier("unitSearchStatus")
        self.status_label.setAccessibleDescription(tr("UnitPicker", "查找结果说明"))
        self.status_label.setStyleSheet("QLabel { color: #555; }")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.status_label)
        layout.addWidget(self.result_view, 1)
        self.setFocusProxy(self.search_edit)
        QWidget.setTabOrder(self.search_edit, self.result_view)

    def set_query(self, text: str) -> None:
        """Search for ``text`` as if typed."""
        self.search_edit.setText(text)

    def query(self) -> str:
        """What is in the search box."""
        return self.search_edit.text()

    def results(self) -> list[Unit]:
        """The units listed, best first."""
        return self.model.units()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected so typing replaces it."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def clear(self) -> None:
        """Empty the search box and the list."""
        self.search_edit.clear()

    def pick_row(self, row: int) -> bool:
        """Pick the unit of ``row``; ``False`` when there is no such row."""
        if not 0 <= row < self.model.rowCount():
            return False
        self.unit_picked.emit(self.model.unit_at(row).id)
        return True

    def _on_search_edit_text_changed(self, text: str) -> None:
        query = text.strip()
        if not query:
            self.model.set_units([])
            self.status_label.setText(tr("UnitPicker", "输入单位名称、简称或拼音首字母查找"))
            return
        units = [hit.unit for hit in self._directory.search(query, limit=self._limit)]
        self.model.set_units(units)
        if units:
            self.result_view.setCurrentIndex(self.model.index(0, 0))
            self.status_label.setText(
                tr("UnitPicker", "找到 {count} 个单位，↓ 选择，回车确定").format(count=len(units))
            )
        else:
            self.status_label.setText(tr("UnitPicker", "没有找到“{query}”").format(query=query))

    def _on_result_view_activated(self, index: QModelIndex) -> None:
        self.pick_row(index.row())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keyboard between the box and the list: Down, Up on the first row, Enter, Escape."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search_edit:
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.result_view.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.result_view.currentIndex().isValid():
                    self.result_view.setCurrentIndex(self.model.index(0, 0))
                return True
            if (
                key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
            ):
                current = self.result_view.currentIndex()
                return self.pick_row(current.row() if current.isValid() else 0)
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
        elif watched is self.result_view:
            if (
                key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
            ):
                current = self.result_view.currentIndex()
                return current.isValid() and self.pick_row(current.row())
            if key == Qt.Key.Key_Up and self.result_view.currentIndex().row() <= 0:
                self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)
