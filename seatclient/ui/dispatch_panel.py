"""The dispatch panel (派单): the units the catalogue suggests for the order, a unit search, and the disposition.

For the order on the form (topic, district, street, the caller's account, set with ``set_order``)
the panel lists up to three suggested units, each with the reason under it
(``城乡建设/违章搭建，属地西湖区 → 西湖区综合行政执法局``). One click, or Ctrl+Shift+P then 1-3 / Enter, chooses
one; the unit picker below finds any other unit by Chinese or pinyin initials. The disposition
buttons ask for what happens to the order. The panel decides nothing itself: it emits
``unit_chosen`` and ``disposition_requested``, and whoever submits the order reads ``chosen_unit()``,
``not_accepted_reason()`` and ``linked_order_number()``.

Acceptance scope (HZ 5.2, ZJ art. 11-12): 不予受理 first asks for the reason from the list
(Up/Down, Enter confirms, Esc cancels) and shows the words to tell the caller, where to go instead;
紧急转警 asks for the line (1-4) and emits ``emergency_requested`` for the call transfer as well as the
disposition for the record; 关联已有工单 takes the earlier order's number (prefilled from the
repeat-caller panel with ``set_link_candidate``) and checks its format before asking.

Keys (window-wide, remappable through ``shortcuts``; chosen not to clash with the seat's F1-F11,
Ctrl+F1, Ctrl+F9, Shift+F9, Ctrl+F12, Alt+1..5, the form's Ctrl+1..9 and Ctrl+Return, nor with the
editing keys of a text box): Ctrl+Shift+P suggestions (派), Ctrl+Shift+F unit search, Ctrl+R 直接答复, Ctrl+D 派单, Ctrl+Shift+D 特急派单,
Ctrl+Shift+N 不予受理, Ctrl+Shift+E 紧急转警 (then 1-4 for 110/119/120/122), Ctrl+Shift+L 关联已有工单.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import partial

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPainter, QPaintEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seatclient.compliance.prompter import ScriptPrompter, not_accepted_label
from seatclient.compliance.scripts import CallPhase as ScriptPhase
from seatclient.compliance.scripts import NotAcceptedReason, ScriptKind, ScriptSelectionError
from seatclient.dispatch import DispatchCatalogue, Responsibility, Suggestion, Topic, Unit, UnitDirectory
from seatclient.forms.repeat_callers import LookupRules
from seatclient.i18n import tr
from seatclient.ui.unit_picker import UnitPicker, unit_place

SUGGESTION_LIMIT = 3
"""How many suggested units are shown."""

ReasonWords = Callable[[NotAcceptedReason], str]
"""The words to tell the caller for a not-accepted reason (the hall's script, filled)."""

OrderNumberCheck = Callable[[str], str | None]
"""Why a typed text is no order number (a Chinese message), ``None`` when it is one."""

_REASON_ROLE = Qt.ItemDataRole.UserRole


class Disposition(StrEnum):
    """What the call-taker asks to happen to the order (HZ 6.3, ZJ art. 11-14)."""

    DIRECT_ANSWER = "direct_answer"
    """直接答复: answered at once from the knowledge base."""
    DISPATCH = "dispatch"
    """派单: sent to the chosen handling unit."""
    EXTRA_URGENT = "extra_urgent"
    """特急派单: sent to the chosen unit, which is also phoned at once (three-way call)."""
    NOT_ACCEPTED = "not_accepted"
    """不予受理: outside what 12345 accepts; the caller is told why and where to go."""
    EMERGENCY_110 = "emergency_110"
    """紧急转警 to 110 (police)."""
    EMERGENCY_119 = "emergency_119"
    """紧急转警 to 119 (fire)."""
    EMERGENCY_120 = "emergency_120"
    """紧急转警 to 120 (ambulance)."""
    EMERGENCY_122 = "emergency_122"
    """紧急转警 to 122 (traffic accidents)."""
    LINK_EXISTING = "link_existing"
    """关联已有工单: the same matter is already an order (ZJ art. 12)."""

    @property
    def needs_unit(self) -> bool:
        """Whether a handling unit must be chosen first."""
        return self in (Disposition.DISPATCH, Disposition.EXTRA_URGENT)

    @property
    def emergency_line(self) -> str | None:
        """The emergency line (110, 119, 120, 122) of an emergency transfer, ``None`` for the rest."""
        return _EMERGENCY_LINES.get(self)


DEFAULT_DISPATCH_SHORTCUTS: dict[str, str] = {
    "dispatch.suggestions": "Ctrl+Shift+P",
    "dispatch.find_unit": "Ctrl+Shift+F",
    "dispatch.direct_answer": "Ctrl+R",
    "dispatch.dispatch": "Ctrl+D",
    "dispatch.extra_urgent": "Ctrl+Shift+D",
    "dispatch.not_accepted": "Ctrl+Shift+N",
    "dispatch.emergency": "Ctrl+Shift+E",
    "dispatch.link_existing": "Ctrl+Shift+L",
}
"""Action id → key; the lead merges these into the configurable shortcut map."""

_BUTTON_ACTIONS: tuple[tuple[str, Disposition], ...] = (
    ("dispatch.direct_answer", Disposition.DIRECT_ANSWER),
    ("dispatch.dispatch", Disposition.DISPATCH),
    ("dispatch.extra_urgent", Disposition.EXTRA_URGENT),
    ("dispatch.not_accepted", Disposition.NOT_ACCEPTED),
    ("dispatch.link_existing", Disposition.LINK_EXISTING),
)

_EMERGENCY_TARGETS: tuple[tuple[str, Disposition], ...] = (
    ("110", Disposition.EMERGENCY_110),
    ("119", Disposition.EMERGENCY_119),
    ("120", Disposition.EMERGENCY_120),
    ("122", Disposition.EMERGENCY_122),
)

_EMERGENCY_LINES = {disposition: line for line, disposition in _EMERGENCY_TARGETS}


def not_accepted_words(prompter: ScriptPrompter, reason: NotAcceptedReason) -> str:
    """The hall's words for ``reason`` (every step, one per line), filled with what the prompter knows.

    A reason the scripts do not cover gives the selection problem instead, so the call-taker sees
    why there is nothing to read out.
    """
    values = prompter.values(ScriptKind.NOT_ACCEPTED, reason.value)
    try:
        filled = prompter.book.say(ScriptPhase.DISPOSITION_CHOSEN, values, reason.value, prompter.language)
    except ScriptSelectionError as exc:
        return exc.message
    return "\n".join(script.text for script in filled)


def disposition_label(disposition: Disposition) -> str:
    """The name of a disposition as the call-taker knows it."""
    labels = {
        Disposition.DIRECT_ANSWER: tr("DispatchPanel", "直接答复"),
        Disposition.DISPATCH: tr("DispatchPanel", "派单"),
        Disposition.EXTRA_URGENT: tr("DispatchPanel", "特急派单"),
        Disposition.NOT_ACCEPTED: tr("DispatchPanel", "不予受理"),
        Disposition.EMERGENCY_110: tr("DispatchPanel", "转 110 公安"),
        Disposition.EMERGENCY_119: tr("DispatchPanel", "转 119 消防"),
        Disposition.EMERGENCY_120: tr("DispatchPanel", "转 120 急救"),
        Disposition.EMERGENCY_122: tr("DispatchPanel", "转 122 交警"),
        Disposition.LINK_EXISTING: tr("DispatchPanel", "关联已有工单"),
    }
    return labels[disposition]


def shortcut_action_label(action_id: str) -> str:
    """The name of one of the panel's shortcut actions (for the shortcuts overlay)."""
    labels = {
        "dispatch.suggestions": tr("DispatchPanel", "选择派单建议"),
        "dispatch.find_unit": tr("DispatchPanel", "查找承办单位"),
        "dispatch.direct_answer": disposition_label(Disposition.DIRECT_ANSWER),
        "dispatch.dispatch": disposition_label(Disposition.DISPATCH),
        "dispatch.extra_urgent": disposition_label(Disposition.EXTRA_URGENT),
        "dispatch.not_accepted": disposition_label(Disposition.NOT_ACCEPTED),
        "dispatch.emergency": tr("DispatchPanel", "紧急转警（110/119/120/122）"),
        "dispatch.link_existing": disposition_label(Disposition.LINK_EXISTING),
    }
    return labels[action_id]


def _key_text(sequence: str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


def suggestion_tag(suggestion: Suggestion) -> str:
    """A short tag for how a unit was found: 属地, 职能 or 兜底."""
    if suggestion.is_fallback:
        return tr("DispatchPanel", "无匹配规则")
    if suggestion.responsibility is Responsibility.TERRITORIAL:
        return tr("DispatchPanel", "属地")
    return tr("DispatchPanel", "职能")


class SuggestionCard(QAbstractButton):
    """One suggested unit: its number and name, a tag, and the reason underneath; checkable.

    Args:
        number: 1-based position, also the key that chooses it.
        parent: the parent widget.

    Signals:
        number_key_pressed: (number) a digit key was pressed while the card had focus.
        step_requested: (-1 or +1) Up or Down was pressed: move to the previous or next card.
    """

    number_key_pressed = Signal(int)
    step_requested = Signal(int)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.suggestion: Suggestion | None = None
        self.setObjectName(f"suggestionCard{number}")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.name_label = QLabel()
        self.name_label.setObjectName(f"suggestionName{number}")
        self.name_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.name_label.setWordWrap(True)
        self.tag_label = QLabel()
        self.tag_label.setObjectName(f"suggestionTag{number}")
        self.tag_label.setStyleSheet(
            "QLabel { color: #1f4e79; background: #e4eef8; border-radius: 3px; padding: 0px 5px; }"
        )
        self.reason_label = QLabel()
        self.reason_label.setObjectName(f"suggestionReason{number}")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("QLabel { color: #555; }")
        for label in (self.name_label, self.tag_label, self.reason_label):
            # Clicks go to the card, which is the button.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        number_label = QLabel(str(number))
        number_label.setObjectName(f"suggestionNumber{number}")
        number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number_label.setFixedWidth(number_label.fontMetrics().horizontalAdvance("00") + 6)
        number_label.setStyleSheet("QLabel { color: white; background: #2b6cb0; border-radius: 3px; }")
        number_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(number_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.name_label, 0, 1)
        grid.addWidget(self.tag_label, 0, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.reason_label, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)

    def show_suggestion(self, suggestion: Suggestion) -> None:
        """Show ``suggestion`` on the card."""
        self.suggestion = suggestion
        unit = suggestion.unit
        self.name_label.setText(unit.name)
        self.tag_label.setText(suggestion_tag(suggestion))
        self.reason_label.setText(suggestion.reason)
        self.setAccessibleName(
            tr("DispatchPanel", "建议 {number}：{unit}").format(number=self.number, unit=unit.name)
        )
        self.setAccessibleDescription(suggestion.reason)
        self.setToolTip(
            tr("DispatchPanel", "{place}；按 {number} 或回车选择").format(
                place=unit_place(unit), number=self.number
            )
        )

    def unit(self) -> Unit | None:
        """The unit shown, if any."""
        return self.suggestion.unit if self.suggestion is not None else None

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded card: blue when chosen, a focus ring when focused."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self.isChecked():
            background, border, width = QColor("#e8f1fb"), QColor("#2b6cb0"), 2.0
        elif self.underMouse():
            background, border, width = QColor("#f5f8fc"), QColor("#8aa9cf"), 1.0
        else:
            background, border, width = QColor("#ffffff"), QColor("#c8d0da"), 1.0
        painter.setPen(QPen(border, width))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 5, 5)
        if self.hasFocus():
            focus_pen = QPen(QColor("#e67e22"), 2.0, Qt.PenStyle.DashLine)
            painter.setPen(focus_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 4, 4)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space chooses; a digit chooses that card; Up and Down move between cards."""
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.number_key_pressed.emit(key - Qt.Key.Key_0)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class DispatchPanel(QWidget):
    """Suggested units with their reasons, a unit search, and the disposition buttons of the order.

    Args:
        catalogue: the dispatch catalogue that ranks units.
        directory: the unit directory searched by the picker (normally ``catalogue.directory``).
        shortcuts: action id → key, overriding ``DEFAULT_DISPATCH_SHORTCUTS`` ("" removes a key).
        parent: the parent widget.
        reason_words: the words to tell the caller for each not-accepted reason (shown before
            confirming); none shown when ``None``.
        order_number_check: checks an order number typed for 关联已有工单; any non-empty text is
            taken when ``None``.

    Signals:
        unit_chosen: (unit id) the call-taker chose a unit, from a suggestion or the search.
        disposition_requested: (``Disposition`` value) the call-taker asked for this disposition;
            for 派单 and 特急派单 only once a unit is chosen (read it with ``chosen_unit()``), for
            不予受理 once a reason is confirmed (``not_accepted_reason()``), for 关联已有工单 once a
            well-formed order number is confirmed (``linked_order_number()``).
        emergency_requested: (line: 110, 119, 120 or 122) an emergency transfer was asked for; emitted
            just before its ``disposition_requested``, so the call can be transferred at once.
    """

    unit_chosen = Signal(str)
    disposition_requested = Signal(str)
    emergency_requested = Signal(str)

    def __init__(
        self,
        catalogue: DispatchCatalogue,
        directory: UnitDirectory,
        shortcuts: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
        *,
        reason_words: ReasonWords | None = None,
        order_number_check: OrderNumberCheck | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchPanel")
        self.setAccessibleName(tr("DispatchPanel", "派单"))
        self._catalogue = catalogue
        self._directory = directory
        self._keys = {**DEFAULT_DISPATCH_SHORTCUTS, **(shortcuts or {})}
        self._suggestions: list[Suggestion] = []
        self._chosen: Unit | None = None
        self._shortcuts: dict[str, QShortcut] = {}
        self._reason_words = reason_words
        self._order_number_check = order_number_check
        self._reason: NotAcceptedReason | None = None
        self._linked: str | None = None
        self._link_candidate = ""

        # -- suggestions --
        self.suggestion_box = QGroupBox(
            tr("DispatchPanel", "派单建议（{key}）").format(key=_key_text(self._keys["dispatch.suggestions"]))
        )
        self.suggestion_box.setObjectName("suggestionBox")
        self.suggestion_box.setAccessibleName(tr("DispatchPanel", "派单建议"))
        self.notice_label = QLabel()
        self.notice_label.setObjectName("dispatchNotice")
        self.notice_label.setAccessibleIdentifier("dispatchNotice")
        self.notice_label.setAccessibleDescription(tr("DispatchPanel", "派单提示"))
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("QLabel { color: #922b21; }")
        self.notice_label.hide()
        self.empty_label = QLabel(tr("DispatchPanel", "填写诉求分类、属地和事由后，这里给出承办单位建议"))
        self.empty_label.setObjectName("suggestionEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("QLabel { color: #555; }")
        self.cards = [SuggestionCard(number) for number in range(1, SUGGESTION_LIMIT + 1)]
        suggestion_layout = QVBoxLayout(self.suggestion_box)
        suggestion_layout.setSpacing(6)
        suggestion_layout.addWidget(self.notice_label)
        suggestion_layout.addWidget(self.empty_label)
        for card in self.cards:
            card.hide()
            card.clicked.connect(lambda _checked=False, chosen=card: self._on_card_clicked(chosen))
            card.number_key_pressed.connect(self.choose_suggestion)
            card.step_requested.connect(lambda step, origin=card: self._step_focus(origin, step))
            suggestion_layout.addWidget(card)

        # -- search --
        self.search_box = QGroupBox(
            tr("DispatchPanel", "查找其他承办单位（{key}）").format(
                key=_key_text(self._keys["dispatch.find_unit"])
            )
        )
        self.search_box.setObjectName("unitSearchBox")
        self.search_box.setAccessibleName(tr("DispatchPanel", "查找其他承办单位"))
        self.picker = UnitPicker(directory)
        self.picker.unit_picked.connect(self._on_picker_unit_picked)
        search_layout = QVBoxLayout(self.search_box)
        search_layout.addWidget(self.picker)

        # -- chosen unit and dispositions --
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosenUnitLabel")
        self.chosen_label.setAccessibleIdentifier("chosenUnitLabel")
        self.chosen_label.setAccessibleDescription(tr("DispatchPanel", "已选承办单位"))
        self.chosen_label.setWordWrap(True)
        self.chosen_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.hint_label = QLabel()
        self.hint_label.setObjectName("dispatchHint")
        self.hint_label.setAccessibleIdentifier("dispatchHint")
        self.hint_label.setAccessibleDescription(tr("DispatchPanel", "操作提示"))
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("QLabel { color: #922b21; }")
        self.hint_label.hide()

        self.buttons: dict[Disposition, QPushButton] = {}
        for action_id, disposition in _BUTTON_ACTIONS:
            button = QPushButton(self._with_key(disposition_label(disposition), action_id))
            button.setObjectName(f"disposition_{disposition.value}")
            button.setAccessibleName(disposition_label(disposition))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, kind=disposition: self.request_disposition(kind))
            self.buttons[disposition] = button
        self.buttons[Disposition.EXTRA_URGENT].setStyleSheet(
            "QPushButton { color: #b03a2e; font-weight: bold; }"
        )

        self.emergency_menu = QMenu(self)
        self.emergency_menu.setObjectName("emergencyMenu")
        self.emergency_menu.setAccessibleName(tr("DispatchPanel", "紧急转警"))
        self.emergency_actions: dict[Disposition, QAction] = {}
        for number, (_code, disposition) in enumerate(_EMERGENCY_TARGETS, start=1):
            action = self.emergency_menu.addAction(f"&{number}  {disposition_label(disposition)}")
            action.setObjectName(f"action_{disposition.value}")
            action.triggered.connect(lambda _checked=False, kind=disposition: self.request_disposition(kind))
            self.emergency_actions[disposition] = action
        self.emergency_button = QToolButton()
        self.emergency_button.setObjectName("disposition_emergency")
        self.emergency_button.setText(
            self._with_key(tr("DispatchPanel", "紧急转警 110/119/120/122"), "dispatch.emergency")
        )
        self.emergency_button.setAccessibleName(tr("DispatchPanel", "紧急转警"))
        self.emergency_button.setMenu(self.emergency_menu)
        self.emergency_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.emergency_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.emergency_button.setStyleSheet("QToolButton { color: #b03a2e; padding: 4px 8px; }")
        self.emergency_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        button_grid = QGridLayout()
        button_grid.setHorizontalSpacing(6)
        button_grid.setVerticalSpacing(6)
        # Two columns keep the panel narrow enough for the side of the seat window; the two
        # longest labels take a row each, so neither widens a column.
        button_grid.addWidget(self.buttons[Disposition.DISPATCH], 0, 0)
        button_grid.addWidget(self.buttons[Disposition.EXTRA_URGENT], 0, 1)
        button_grid.addWidget(self.buttons[Disposition.DIRECT_ANSWER], 1, 0)
        button_grid.addWidget(self.buttons[Disposition.NOT_ACCEPTED], 1, 1)
        button_grid.addWidget(self.emergency_button, 2, 0, 1, 2)
        button_grid.addWidget(self.buttons[Disposition.LINK_EXISTING], 3, 0, 1, 2)
        for column in range(2):
            button_grid.setColumnStretch(column, 1)

        self._build_not_accepted_box()
        self._build_link_box()

        self.disposition_box = QGroupBox(tr("DispatchPanel", "办理方式"))
        self.disposition_box.setObjectName("dispositionBox")
        self.disposition_box.setAccessibleName(tr("DispatchPanel", "办理方式"))
        disposition_layout = QVBoxLayout(self.disposition_box)
        disposition_layout.addWidget(self.chosen_label)
        disposition_layout.addWidget(self.hint_label)
        disposition_layout.addLayout(button_grid)
        disposition_layout.addWidget(self.not_accepted_box)
        disposition_layout.addWidget(self.link_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        layout.addWidget(self.suggestion_box)
        layout.addWidget(self.search_box, 1)
        layout.addWidget(self.disposition_box)

        self._make_shortcuts()
        self._set_tab_order()
        self._show_chosen()

    # -- building ---------------------------------------------------------------------------------

    def _build_not_accepted_box(self) -> None:
        self.not_accepted_box = QGroupBox(tr("DispatchPanel", "不予受理：选择情形"))
        self.not_accepted_box.setObjectName("notAcceptedBox")
        self.not_accepted_box.setAccessibleName(tr("DispatchPanel", "不予受理"))
        self.reason_list = QListWidget()
        self.reason_list.setObjectName("notAcceptedReasons")
        self.reason_list.setAccessibleName(tr("DispatchPanel", "不予受理的情形"))
        for number, reason in enumerate(NotAcceptedReason, start=1):
            item = QListWidgetItem(
                tr("DispatchPanel", "{number}. {reason}").format(
                    number=number, reason=not_accepted_label(reason)
                )
            )
            item.setData(_REASON_ROLE, reason.value)
            self.reason_list.addItem(item)
        rows = min(self.reason_list.count(), 6)
        self.reason_list.setMinimumHeight(self.reason_list.sizeHintForRow(0) * rows + 6)
        self.reason_words_view = QPlainTextEdit()
        self.reason_words_view.setObjectName("notAcceptedWords")
        self.reason_words_view.setAccessibleName(tr("DispatchPanel", "告知来电人的话术"))
        self.reason_words_view.setReadOnly(True)
        self.reason_words_view.setTabChangesFocus(True)
        self.reason_words_view.setPlaceholderText(tr("DispatchPanel", "选择情形后，这里显示告知来电人的话术"))
        line = self.reason_words_view.fontMetrics().lineSpacing()
        self.reason_words_view.setFixedHeight(line * 4 + 14)
        self.confirm_not_accepted_button = QPushButton(tr("DispatchPanel", "确认不予受理（Enter）"))
        self.confirm_not_accepted_button.setObjectName("confirmNotAccepted")
        self.confirm_not_accepted_button.setAccessibleName(tr("DispatchPanel", "确认不予受理"))
        self.confirm_not_accepted_button.setAutoDefault(False)
        self.cancel_not_accepted_button = QPushButton(tr("DispatchPanel", "取消（Esc）"))
        self.cancel_not_accepted_button.setObjectName("cancelNotAccepted")
        self.cancel_not_accepted_button.setAccessibleName(tr("DispatchPanel", "取消不予受理"))
        self.cancel_not_accepted_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_not_accepted_button, 1)
        buttons.addWidget(self.cancel_not_accepted_button)
        words_caption = QLabel(tr("DispatchPanel", "告知来电人："))
        words_caption.setBuddy(self.reason_words_view)
        layout = QVBoxLayout(self.not_accepted_box)
        layout.setSpacing(4)
        layout.addWidget(self.reason_list)
        layout.addWidget(words_caption)
        layout.addWidget(self.reason_words_view)
        layout.addLayout(buttons)
        self.not_accepted_box.hide()
        self.reason_list.currentRowChanged.connect(self._on_reason_row_changed)
        # Enter (or a double click) on a reason confirms it, as the button does.
        self.reason_list.itemActivated.connect(lambda _item: self.confirm_not_accepted())
        self.confirm_not_accepted_button.clicked.connect(self.confirm_not_accepted)
        self.cancel_not_accepted_button.clicked.connect(self.cancel_scope)

    def _build_link_box(self) -> None:
        self.link_box = QGroupBox(tr("DispatchPanel", "关联已有工单：原工单号"))
        self.link_box.setObjectName("linkBox")
        self.link_box.setAccessibleName(tr("DispatchPanel", "关联已有工单"))
        self.link_edit = QLineEdit()
        self.link_edit.setObjectName("linkOrderNumber")
        self.link_edit.setAccessibleName(tr("DispatchPanel", "原工单号"))
        self.link_edit.setPlaceholderText(tr("DispatchPanel", "输入或从“历史工单”选择"))
        self.link_error_label = QLabel()
        self.link_error_label.setObjectName("linkError")
        self.link_error_label.setAccessibleIdentifier("linkError")
        self.link_error_label.setAccessibleDescription(tr("DispatchPanel", "工单号错误提示"))
        self.link_error_label.setWordWrap(True)
        self.link_error_label.setStyleSheet("QLabel { color: #c0392b; }")
        self.link_error_label.hide()
        self.confirm_link_button = QPushButton(tr("DispatchPanel", "确认关联（Enter）"))
        self.confirm_link_button.setObjectName("confirmLink")
        self.confirm_link_button.setAccessibleName(tr("DispatchPanel", "确认关联"))
        self.confirm_link_button.setAutoDefault(False)
        self.cancel_link_button = QPushButton(tr("DispatchPanel", "取消（Esc）"))
        self.cancel_link_button.setObjectName("cancelLink")
        self.cancel_link_button.setAccessibleName(tr("DispatchPanel", "取消关联"))
        self.cancel_link_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_link_button, 1)
        buttons.addWidget(self.cancel_link_button)
        layout = QVBoxLayout(self.link_box)
        layout.setSpacing(4)
        layout.addWidget(self.link_edit)
        layout.addWidget(self.link_error_label)
        layout.addLayout(buttons)
        self.link_box.hide()
        self.link_edit.returnPressed.connect(self.confirm_link)
        self.link_edit.textEdited.connect(lambda _text: self.link_error_label.hide())
        self.confirm_link_button.clicked.connect(self.confirm_link)
        self.cancel_link_button.clicked.connect(self.cancel_scope)

    def _with_key(self, label: str, action_id: str) -> str:
        sequence = self._keys.get(action_id, "")
        if not sequence:
            return label
        return tr("DispatchPanel", "{label}（{key}）").format(label=label, key=_key_text(sequence))

    def _make_shortcuts(self) -> None:
        handlers: dict[str, Callable[[], object]] = {
            "dispatch.suggestions": self.focus_suggestions,
            "dispatch.find_unit": self.picker.focus_search,
            "dispatch.emergency": self.open_emergency_menu,
        }
        for action_id, disposition in _BUTTON_ACTIONS:
            handlers[action_id] = partial(self.request_disposition, disposition)
        for action_id, handler in handlers.items():
            sequence = self._keys.get(action_id, "")
            if not sequence:
                continue
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(handler)
            self._shortcuts[action_id] = shortcut
        # Esc inside either question closes it without asking for anything.
        for box in (self.not_accepted_box, self.link_box):
            escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), box)
            escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            escape.activated.connect(self.cancel_scope)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.cards,
            self.picker.search_edit,
            self.picker.result_view,
            self.buttons[Disposition.DISPATCH],
            self.buttons[Disposition.EXTRA_URGENT],
            self.buttons[Disposition.DIRECT_ANSWER],
            self.buttons[Disposition.NOT_ACCEPTED],
            self.emergency_button,
            self.buttons[Disposition.LINK_EXISTING],
            self.reason_list,
            self.reason_words_view,
            self.confirm_not_accepted_button,
            self.cancel_not_accepted_button,
            self.link_edit,
            self.confirm_link_button,
            self.cancel_link_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the order --------------------------------------------------------------------------------

    def set_order(
        self, topic: Topic | None, district: str | None, street: str | None, text: str
    ) -> list[Suggestion]:
        """Show the suggestions for the order as it stands; returns them.

        The chosen unit stays chosen when the order changes (the call-taker chose it); its card is
        checked again if it is still suggested. An unknown district is named in a notice and the
        suggestions are made without it.
        """
        notice = ""
        try:
            suggestions = self._catalogue.suggest(topic, district, street, text, limit=SUGGESTION_LIMIT)
        except ValueError as exc:
            notice = str(exc)
            suggestions = self._catalogue.suggest(topic, None, street, text, limit=SUGGESTION_LIMIT)
        has_input = topic is not None or bool(district) or bool(street) or bool(text.strip())
        self._suggestions = suggestions if has_input else []
        self.notice_label.setText(notice)
        self.notice_label.setVisible(bool(notice))
        self.empty_label.setVisible(not self._suggestions)
        for index, card in enumerate(self.cards):
            if index < len(self._suggestions):
                card.show_suggestion(self._suggestions[index])
                card.show()
            else:
                card.suggestion = None
                card.hide()
        self._sync_cards()
        return list(self._suggestions)

    def reset(self) -> None:
        """Start over for a new order: no suggestions, no chosen unit, reason or link, an empty search."""
        self._chosen = None
        self._reason = None
        self._linked = None
        self._link_candidate = ""
        self.picker.clear()
        self.hint_label.hide()
        self._close_questions()
        self.set_order(None, None, None, "")
        self._show_chosen()

    def suggestions(self) -> list[Suggestion]:
        """The suggestions shown, best first."""
        return list(self._suggestions)

    def chosen_unit(self) -> Unit | None:
        """The unit the call-taker chose, if any."""
        return self._chosen

    def not_accepted_reason(self) -> NotAcceptedReason | None:
        """The confirmed reason of the last 不予受理 asked for, if any."""
        return self._reason

    def linked_order_number(self) -> str | None:
        """The confirmed earlier order of the last 关联已有工单 asked for, if any."""
        return self._linked

    # -- choosing ---------------------------------------------------------------------------------

    def choose_suggestion(self, number: int) -> bool:
        """Choose suggestion ``number`` (1-based); ``False`` when there is no such suggestion."""
        if not 1 <= number <= len(self._suggestions):
            return False
        self.choose_unit(self._suggestions[number - 1].unit.id)
        self.cards[number - 1].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def choose_unit(self, unit_id: str) -> bool:
        """Choose the unit ``unit_id`` (from anywhere); emits ``unit_chosen`` when it changes the choice.

        Returns ``False`` for an id the directory does not know.
        """
        unit = self._directory.find(unit_id)
        if unit is None:
            return False
        changed = self._chosen is None or self._chosen.id != unit.id
        self._chosen = unit
        self.hint_label.hide()
        self._sync_cards()
        self._show_chosen()
        if changed:
            self.unit_chosen.emit(unit.id)
        return True

    def focus_suggestions(self) -> None:
        """Put the focus on the chosen suggestion, else the first one, else the unit search."""
        visible = [card for card in self.cards if card.suggestion is not None]
        if not visible:
            self.picker.focus_search()
            return
        target = next((card for card in visible if card.isChecked()), visible[0])
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def request_disposition(self, disposition: Disposition) -> bool:
        """Ask for ``disposition``; returns whether ``disposition_requested`` was emitted.

        派单 and 特急派单 need a chosen unit (else a hint says how to choose one); 不予受理 and
        关联已有工单 first open their question (reason, order number) and are emitted when it is
        confirmed; an emergency transfer emits ``emergency_requested`` first.
        """
        if disposition is Disposition.NOT_ACCEPTED:
            self.open_not_accepted()
            return False
        if disposition is Disposition.LINK_EXISTING:
            self.open_link()
            return False
        if disposition.needs_unit and self._chosen is None:
            self.hint_label.setText(
                tr("DispatchPanel", "请先选择承办单位：{suggest} 选择建议，或 {find} 查找。").format(
                    suggest=_key_text(self._keys.get("dispatch.suggestions", "")) or "—",
                    find=_key_text(self._keys.get("dispatch.find_unit", "")) or "—",
                )
            )
            self.hint_label.show()
            self.focus_suggestions()
            return False
        self.hint_label.hide()
        self._close_questions()
        line = disposition.emergency_line
        if line is not None:
            self.emergency_requested.emit(line)
        self.disposition_requested.emit(disposition.value)
        return True

    # -- acceptance scope and links -----------------------------------------------------------------

    def open_not_accepted(self) -> None:
        """Ask for the reason the matter is not accepted: the list takes the focus, a reason shows its words."""
        self.link_box.hide()
        self.hint_label.hide()
        self.not_accepted_box.show()
        if self.reason_list.currentRow() < 0:
            self.reason_list.setCurrentRow(0)
        else:
            self._on_reason_row_changed(self.reason_list.currentRow())
        self.reason_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def choose_reason(self, reason: NotAcceptedReason) -> None:
        """Select ``reason`` in the list (its words show), as the call-taker would."""
        for row in range(self.reason_list.count()):
            if self.reason_list.item(row).data(_REASON_ROLE) == reason.value:
                self.reason_list.setCurrentRow(row)
                return

    def shown_reason(self) -> NotAcceptedReason | None:
        """The reason selected in the list, if any."""
        item = self.reason_list.currentItem()
        return NotAcceptedReason(str(item.data(_REASON_ROLE))) if item is not None else None

    def reason_words(self) -> str:
        """The words to tell the caller shown for the selected reason."""
        return self.reason_words_view.toPlainText()

    def confirm_not_accepted(self) -> bool:
        """Take the selected reason and ask for 不予受理; ``False`` when no reason is selected."""
        reason = self.shown_reason()
        if reason is None or not self.not_accepted_box.isVisible():
            return False
        self._reason = reason
        self.not_accepted_box.hide()
        self.disposition_requested.emit(Disposition.NOT_ACCEPTED.value)
        return True

    def set_link_candidate(self, order_number: str) -> None:
        """Offer ``order_number`` (the repeat caller's open order) when 关联已有工单 is asked for."""
        self._link_candidate = order_number
        if self.link_box.isVisible() and not self.link_edit.text().strip():
            self.link_edit.setText(order_number)

    def open_link(self, order_number: str | None = None) -> None:
        """Ask for the earlier order to link: ``order_number``, else the offered one, else the last typed."""
        self.not_accepted_box.hide()
        self.hint_label.hide()
        self.link_error_label.hide()
        text = order_number if order_number is not None else (self._link_candidate or self.link_edit.text())
        self.link_edit.setText(text)
        self.link_box.show()
        self.link_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.link_edit.selectAll()

    def link_error(self) -> str:
        """The problem shown with the typed order number ("" when none)."""
        return self.link_error_label.text() if self.link_error_label.isVisible() else ""

    def confirm_link(self) -> bool:
        """Check the typed order number and ask for 关联已有工单; ``False`` (with the problem shown) when malformed."""
        if not self.link_box.isVisible():
            return False
        text = self.link_edit.text()
        problem = self._order_number_check(text) if self._order_number_check is not None else None
        if problem is None and not text.strip():
            problem = tr("DispatchPanel", "请输入原工单号")
        if problem is not None:
            self.link_error_label.setText(problem)
            self.link_error_label.show()
            self.link_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self._linked = LookupRules.normalize_order_number(text)
        self.link_box.hide()
        self.disposition_requested.emit(Disposition.LINK_EXISTING.value)
        return True

    def cancel_scope(self) -> None:
        """Close the reason or order-number question without asking for anything."""
        # The focus goes back to the button that opened the question.
        opener = None
        if self.not_accepted_box.isVisible():
            opener = self.buttons[Disposition.NOT_ACCEPTED]
        elif self.link_box.isVisible():
            opener = self.buttons[Disposition.LINK_EXISTING]
        self._close_questions()
        if opener is not None:
            opener.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_questions(self) -> None:
        self.not_accepted_box.hide()
        self.link_box.hide()
        self.link_error_label.hide()

    def _on_reason_row_changed(self, row: int) -> None:
        reason = self.shown_reason() if row >= 0 else None
        words = self._reason_words(reason) if reason is not None and self._reason_words is not None else ""
        self.reason_words_view.setPlainText(words)

    def open_emergency_menu(self) -> None:
        """Open the 110/119/120/122 menu under its button; a digit picks the line."""
        self.emergency_menu.popup(
            self.emergency_button.mapToGlobal(self.emergency_button.rect().bottomLeft())
        )

    def shortcut_keys(self) -> dict[str, str]:
        """Action id → key in force (empty keys left out)."""
        return {action_id: key for action_id, key in self._keys.items() if key}

    # -- reacting ---------------------------------------------------------------------------------

    def _on_card_clicked(self, card: SuggestionCard) -> None:
        unit = card.unit()
        if unit is None:
            return
        self.choose_unit(unit.id)

    def _on_picker_unit_picked(self, unit_id: str) -> None:
        self.choose_unit(unit_id)

    def _step_focus(self, origin: SuggestionCard, step: int) -> None:
        visible = [card for card in self.cards if card.suggestion is not None]
        if origin not in visible:
            return
        position = visible.index(origin) + step
        if 0 <= position < len(visible):
            visible[position].setFocus(Qt.FocusReason.OtherFocusReason)
        elif position >= len(visible):
            self.picker.focus_search()

    def _sync_cards(self) -> None:
        chosen_id = self._chosen.id if self._chosen is not None else None
        for card in self.cards:
            unit = card.unit()
            card.setChecked(unit is not None and unit.id == chosen_id)
            card.update()

    def _show_chosen(self) -> None:
        if self._chosen is None:
            self.chosen_label.setText(tr("DispatchPanel", "未选择承办单位"))
        else:
            self.chosen_label.setText(
                tr("DispatchPanel", "已选承办单位：{unit}（{place}）").format(
                    unit=self._chosen.name, place=unit_place(self._chosen)
                )
            )
        for disposition in (Disposition.DISPATCH, Disposition.EXTRA_URGENT):
            button = self.buttons[disposition]
            button.setToolTip("" if self._chosen is not None else tr("DispatchPanel", "请先选择承办单位"))
