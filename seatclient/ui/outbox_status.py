"""The status bar's word on the outbox: how many orders wait to be sent, and whether any went wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from seatclient.i18n import tr
from seatclient.outbox import Outbox, OutboxStatus

_CALM = "QLabel#outboxStatus { color: #1f4e79; padding: 0 6px; }"
_WAITING = "QLabel#outboxStatus { color: #7d5a00; font-weight: bold; padding: 0 6px; }"
_ALARM = (
    "QLabel#outboxStatus { color: #ffffff; background: #c0392b; font-weight: bold; "
    "padding: 0 6px; border-radius: 3px; }"
)


def status_text(status: OutboxStatus) -> str:
    """The short status-bar text: ``待发送 3``, plus ``退回 1`` / ``失败 1`` when there are such orders."""
    parts = [tr("OutboxStatus", "待发送 {count}").format(count=status.pending)]
    if status.rejected:
        parts.append(tr("OutboxStatus", "退回 {count}").format(count=status.rejected))
    if status.failed:
        parts.append(tr("OutboxStatus", "失败 {count}").format(count=status.failed))
    return " · ".join(parts)


def status_tooltip(status: OutboxStatus) -> str:
    """The longer explanation shown on hover and read by screen readers."""
    summary = status.summary()
    if not summary:
        return tr("OutboxStatus", "所有已提交的工单均已送达后台。")
    if status.needs_attention:
        summary += tr("OutboxStatus", "。被退回的工单请在“今日工单”中打开，按提示修改后重新提交。")
    return summary


def is_alarming(status: OutboxStatus) -> bool:
    """Whether the count shows red: an order was refused or failed, or sending is failing now."""
    return bool(status.needs_attention or status.retry_at is not None or status.paused is not None)


class OutboxStatusLabel(QLabel):
    """Shows ``OutboxStatus`` in the status bar; red when something is refused or failing.

    Clicking it (or pressing Enter or Space while it has the focus) asks for the today list.

    Signals:
        activated: the person asked to see the orders behind the count.
    """

    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxStatus")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._outbox: Outbox | None = None
        self._status = OutboxStatus()
        self.set_status(self._status)

    @property
    def status(self) -> OutboxStatus:
        """The status shown."""
        return self._status

    @property
    def alarming(self) -> bool:
        """Whether the count is shown red."""
        return is_alarming(self._status)

    def set_outbox(self, outbox: Outbox | None) -> None:
        """Follow ``outbox`` (the signed-in person's), or show nothing to send when ``None``."""
        if self._outbox is not None:
            self._outbox.status_changed.disconnect(self.set_status)
        self._outbox = outbox
        if outbox is not None:
            outbox.status_changed.connect(self.set_status)
        self.set_status(outbox.status() if outbox is not None else OutboxStatus())

    def set_status(self, status: OutboxStatus) -> None:
        """Show ``status``."""
        self._status = status
        text = status_text(status)
        self.setText(text)
        tooltip = status_tooltip(status)
        self.setToolTip(tooltip)
        self.setAccessibleName(tr("OutboxStatus", "工单发送状态：{text}").format(text=text))
        self.setAccessibleDescription(tooltip)
        style = _ALARM if is_alarming(status) else _WAITING if status.pending else _CALM
        # Restyling costs a style-sheet parse; a flush changes the count hundreds of times a second.
        if style != self.styleSheet():
            self.setStyleSheet(style)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click asks for the today list."""
        if event.button() is Qt.MouseButton.LeftButton:
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space asks for the today list, as a click does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)
