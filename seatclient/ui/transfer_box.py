"""The transfer part of the call panel: pick a target, consult, three-way call, complete, cancel, emergency.

The widget shows the targets in force (specialist seats, other hotlines, units with a number),
searchable by Chinese, pinyin or number, and the third party's leg as the phone reports it; it
emits what the person asks for. Which controls are enabled comes from the seat machine
(``set_available``) and the leg's phase (a three-way call needs the consulted party to have answered).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from seatclient.api.models import ConsultInfo, ConsultOutcome, ConsultPhase
from seatclient.i18n import tr
from seatclient.seat import CancelConsult, Request, StartConference, StartConsult
from seatclient.seat.machine import BlindTransfer, CompleteTransfer, EmergencyTransfer
from seatclient.softphone.transfers import TransferTarget, TransferTargets, describe_consult, kind_label

TARGET_ROLE = Qt.ItemDataRole.UserRole
LIST_HEIGHT = 116
LIST_MIN_HEIGHT = 70

_FAILED = (ConsultOutcome.BUSY, ConsultOutcome.NO_ANSWER, ConsultOutcome.TARGET_HUNG_UP)


class TransferBox(QGroupBox):
    """Transfer targets, the consult leg's state, and the transfer controls.

    Signals:
        consult_requested: consult this target id (咨询).
        blind_transfer_requested: transfer to this target id without consulting (直接转接).
        conference_requested: join the three parties (三方通话).
        complete_transfer_requested: leave the caller with the consulted party (完成转接).
        cancel_consult_requested: drop the consulted party, back to the caller (结束咨询).
        emergency_requested: bridge to this emergency line (110 …) with the handoff.
        three_way_requested: call this target and join the three parties once it answers (特急件).
    """

    consult_requested = Signal(str)
    blind_transfer_requested = Signal(str)
    conference_requested = Signal()
    complete_transfer_requested = Signal()
    cancel_consult_requested = Signal()
    emergency_requested = Signal(str)
    three_way_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("TransferBox", "转接与三方通话"), parent)
        self.setObjectName("transferBox")
        self.setAccessibleName(tr("TransferBox", "转接与三方通话"))
        self._targets = TransferTargets(())
        self._available: frozenset[type[Request]] = frozenset()
        self._consult: ConsultInfo | None = None
        self._offered: TransferTarget | None = None
        self._join_when_answered: str | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("transferSearch")
        self.search_edit.setAccessibleName(tr("TransferBox", "搜索转接对象"))
        self.search_edit.setPlaceholderText(tr("TransferBox", "专席、热线或单位（拼音、号码），回车咨询"))
        self.search_edit.setClearButtonEnabled(True)
        self.target_list = QListWidget()
        self.target_list.setObjectName("transferTargetList")
        self.target_list.setAccessibleName(tr("TransferBox", "转接对象"))
        self.target_list.setMaximumHeight(LIST_HEIGHT)
        self.target_list.setMinimumHeight(LIST_MIN_HEIGHT)
        self.target_list.setUniformItemSizes(True)
        self.target_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.target_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.target_list.setVisible(False)

        self.consult_action = self._action(tr("TransferBox", "咨询"), "actionConsult")
        self.blind_action = self._action(tr("TransferBox", "直接转接"), "actionBlindTransfer")
        self.conference_action = self._action(tr("TransferBox", "三方通话"), "actionConference")
        self.complete_action = self._action(tr("TransferBox", "完成转接"), "actionCompleteTransfer")
        self.cancel_action = self._action(tr("TransferBox", "结束咨询"), "actionCancelConsult")
        self.emergency_action = self._action(tr("TransferBox", "紧急转接"), "actionEmergencyTransfer")
        self.consult_button = self._button(self.consult_action, "consultButton")
        self.blind_button = self._button(self.blind_action, "blindTransferButton")
        self.conference_button = self._button(self.conference_action, "conferenceButton")
        self.complete_button = self._button(self.complete_action, "completeTransferButton")
        self.cancel_button = self._button(self.cancel_action, "cancelConsultButton")
        self.emergency_menu = QMenu(tr("TransferBox", "紧急联动线路"), self)
        self.emergency_menu.setObjectName("emergencyLineMenu")
        self.emergency_menu.setAccessibleName(tr("TransferBox", "紧急联动线路"))
        self.emergency_button = self._button(self.emergency_action, "emergencyTransferButton")
        self.emergency_button.setStyleSheet(
            "QToolButton:enabled { background: #b03a2e; color: white; font-weight: bold; "
            "border-radius: 3px; padding: 4px 10px; }"
        )

        self.status_label = QLabel()
        self.status_label.setObjectName("consultStatusLabel")
        self.status_label.setAccessibleDescription(tr("TransferBox", "咨询状态"))
        self.status_label.setWordWrap(True)
        self.offer_label = QLabel()
        self.offer_label.setObjectName("threeWayOfferLabel")
        self.offer_label.setAccessibleDescription(tr("TransferBox", "特急件三方通话提示"))
        self.offer_label.setWordWrap(True)
        self.offer_label.setStyleSheet("QLabel { color: #b03a2e; font-weight: bold; }")
        self.offer_action = self._action(tr("TransferBox", "呼叫单位并三方通话"), "actionThreeWayOffer")
        self.offer_button = self._button(self.offer_action, "threeWayOfferButton")

        # Two buttons a row: the key names must fit in the call region's narrow column.
        rows = (
            (self.consult_button, self.cancel_button),
            (self.conference_button, self.complete_button),
            (self.blind_button, self.emergency_button),
        )
        self.controls = QWidget()
        self.controls.setObjectName("transferControls")
        controls = QVBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.offer_label)
        controls.addWidget(self.offer_button)
        controls.addWidget(self.search_edit)
        controls.addWidget(self.target_list)
        for left, right in rows:
            row = QHBoxLayout()
            row.addWidget(left)
            row.addWidget(right)
            controls.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.controls)
        layout.addWidget(self.status_label)

        self.search_edit.textChanged.connect(self._fill)
        self.search_edit.returnPressed.connect(self._consult_selected)
        self.search_edit.installEventFilter(self)
        self.target_list.installEventFilter(self)
        self.target_list.itemActivated.connect(lambda _item: self._consult_selected())
        self.target_list.currentItemChanged.connect(lambda *_: self._enable())
        self.consult_action.triggered.connect(self._on_consult_action)
        self.blind_action.triggered.connect(self._blind_selected)
        self.conference_action.triggered.connect(self.conference_requested.emit)
        self.complete_action.triggered.connect(self.complete_transfer_requested.emit)
        self.cancel_action.triggered.connect(self.cancel_consult_requested.emit)
        self.emergency_action.triggered.connect(self.open_emergency_menu)
        self.offer_action.triggered.connect(self._accept_offer)
        self._show_offer()
        self._show_consult()
        self._enable()

    # ----------------------------------------------------------------------------- building

    def _action(self, text: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        return action

    def _button(self, action: QAction, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setDefaultAction(action)
        button.setAccessibleName(action.text())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMinimumHeight(28)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def shortcut_actions(self) -> dict[str, QAction]:
        """The box's actions by shortcut action id (``config.DEFAULT_SHORTCUTS``)."""
        return {
            "call.consult": self.consult_action,
            "call.blind_transfer": self.blind_action,
            "call.conference": self.conference_action,
            "call.complete_transfer": self.complete_action,
            "call.cancel_consult": self.cancel_action,
            "call.emergency": self.emergency_action,
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let the arrow keys move through the list while the search keeps the focus.

        The list is shown while the search is in use (focused or filled), so the narrow call region
        keeps its height for the call the rest of the time.
        """
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._show_list()
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.target_list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                if 0 <= row < self.target_list.count():
                    self.target_list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------------------- inputs

    def set_targets(self, targets: TransferTargets) -> None:
        """Offer these targets, and their emergency lines in the emergency menu."""
        self._targets = targets
        self.emergency_menu.clear()
        for index, line in enumerate(targets.emergency_lines, start=1):
            target = targets.emergency_line(line)
            name = target.name if target is not None else line
            action = self.emergency_menu.addAction(f"&{index}  {name}")
            action.setObjectName(f"emergencyLine_{line}")
            action.triggered.connect(lambda _=False, chosen=line: self.start_emergency_transfer(chosen))
        self._fill()

    def set_available(self, available: frozenset[type[Request]]) -> None:
        """Enable the controls the seat machine allows now."""
        self._available = available
        self._enable()

    def set_call_active(self, active: bool) -> None:
        """Show the controls during a call; after it only the leg's outcome stays (transferred …)."""
        self.controls.setVisible(active)

    def set_consult(self, consult: ConsultInfo | None) -> None:
        """Show the third party's leg (or none)."""
        self._consult = consult
        waiting_for = self._join_when_answered
        if consult is None or consult.target_id != waiting_for or consult.phase is ConsultPhase.ENDED:
            self._join_when_answered = None
        if consult is not None and consult.phase is ConsultPhase.TALKING and consult.target_id == waiting_for:
            # The unit answered the extra-urgent call: join the three-way call it was called for.
            self._join_when_answered = None
            self.conference_requested.emit()
        self._show_consult()
        self._enable()

    def offer_three_way(self, target: TransferTarget | None, unit_name: str) -> None:
        """Offer the three-way call to the unit of an extra-urgent order (HZ 6.3.2), or say it has no number."""
        self._offered = target
        if target is None:
            self.offer_label.setText(
                tr("TransferBox", "特急件：{unit} 在单位目录中没有联系电话，请从转接对象中选择。").format(
                    unit=unit_name
                )
            )
        else:
            self.offer_label.setText(
                tr("TransferBox", "特急件：请与 {unit}（{number}）三方通话，督促立即处置。").format(
                    unit=target.name, number=target.number
                )
            )
        self.offer_label.setAccessibleName(self.offer_label.text())
        self.offer_label.setVisible(True)
        self.offer_button.setVisible(target is not None)
        self._enable()

    def clear_offer(self) -> None:
        """Withdraw the extra-urgent offer (the call ended)."""
        self._offered = None
        self._join_when_answered = None
        self._show_offer()

    @property
    def offered(self) -> TransferTarget | None:
        """The unit offered for a three-way call, or ``None``."""
        return self._offered

    def focus_search(self) -> None:
        """Put the cursor in the target search, as ``call.consult`` does when no target is chosen."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def selected_target(self) -> TransferTarget | None:
        """The target chosen in the list, or ``None``."""
        item = self.target_list.currentItem()
        if item is None:
            return None
        return self._targets.find(str(item.data(TARGET_ROLE)))

    def start_emergency_transfer(self, line: str) -> bool:
        """Ask for the emergency transfer to ``line``; the dispatch panel's emergency disposition uses it too.

        Returns:
            Whether it was asked for (the machine allows it and the line is configured).
        """
        if EmergencyTransfer not in self._available or self._targets.emergency_line(line) is None:
            return False
        self.emergency_requested.emit(line)
        return True

    def open_emergency_menu(self) -> None:
        """Show the emergency lines under the emergency button; a digit key picks one."""
        if self.emergency_action.isEnabled():
            button = self.emergency_button
            self.emergency_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    # ------------------------------------------------------------------------------ intents

    def _on_consult_action(self) -> None:
        # One key: the first press opens the search, a press with a target chosen consults it.
        if self.search_edit.hasFocus() or self.target_list.hasFocus():
            self._consult_selected()
        else:
            self.focus_search()

    def _consult_selected(self) -> None:
        target = self.selected_target()
        if target is not None and StartConsult in self._available:
            self.consult_requested.emit(target.id)

    def _blind_selected(self) -> None:
        target = self.selected_target()
        if target is not None and BlindTransfer in self._available:
            self.blind_transfer_requested.emit(target.id)

    def _accept_offer(self) -> None:
        target = self._offered
        if target is not None and StartConsult in self._available:
            self._offered = None
            self._join_when_answered = target.id
            self._show_offer()
            self.three_way_requested.emit(target.id)

    # ----------------------------------------------------------------------------- display

    def _show_list(self) -> None:
        in_use = self.search_edit.hasFocus() or self.target_list.hasFocus() or bool(self.search_edit.text())
        self.target_list.setVisible(in_use)

    def _fill(self) -> None:
        self._show_list()
        chosen = self.selected_target()
        self.target_list.clear()
        for target in self._targets.search(self.search_edit.text(), limit=60):
            item = QListWidgetItem(
                tr("TransferBox", "{kind} · {label}").format(kind=kind_label(target.kind), label=target.label)
            )
            item.setData(TARGET_ROLE, target.id)
            if target.description:
                item.setToolTip(target.description)
            self.target_list.addItem(item)
        row = 0
        if chosen is not None:
            row = next(
                (
                    i
                    for i in range(self.target_list.count())
                    if self.target_list.item(i).data(TARGET_ROLE) == chosen.id
                ),
                0,
            )
        if self.target_list.count():
            self.target_list.setCurrentRow(row)
        self._enable()

    def _show_offer(self) -> None:
        self.offer_label.setVisible(False)
        self.offer_button.setVisible(False)

    def _show_consult(self) -> None:
        consult = self._consult
        text = describe_consult(consult) if consult is not None else ""
        colour = "#2c3e50"
        if consult is not None and consult.outcome in _FAILED:
            colour = "#c0392b"
        elif consult is not None and consult.phase is not ConsultPhase.ENDED:
            colour = "#8e44ad"
        self.status_label.setText(text)
        self.status_label.setAccessibleName(text)
        self.status_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        self.status_label.setVisible(bool(text))

    def _enable(self) -> None:
        kinds = self._available
        phase = self._consult.phase if self._consult is not None else None
        chosen = self.selected_target() is not None
        can_consult = StartConsult in kinds
        self.search_edit.setEnabled(can_consult or BlindTransfer in kinds)
        self.target_list.setEnabled(can_consult or BlindTransfer in kinds)
        self.consult_action.setEnabled(can_consult)
        self.blind_action.setEnabled(BlindTransfer in kinds and chosen)
        self.conference_action.setEnabled(StartConference in kinds and phase is ConsultPhase.TALKING)
        self.complete_action.setEnabled(
            CompleteTransfer in kinds and phase in (ConsultPhase.TALKING, ConsultPhase.CONFERENCE)
        )
        self.cancel_action.setEnabled(CancelConsult in kinds)
        self.emergency_action.setEnabled(EmergencyTransfer in kinds and bool(self._targets.emergency_lines))
        self.offer_action.setEnabled(can_consult and self._offered is not None)
