"""Hands the core's facts to widgets as Qt signals (the one place core callbacks become signals)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from seatclient.session import SeatSession


class SessionBridge(QObject):
    """Re-emits a ``SeatSession``'s signals as Qt signals.

    Signals:
        status_changed: a ``SeatStatus``.
        connection_changed: a ``ConnectionState`` value.
        state_diverged: a ``StateDivergence``.
        session_ended: the reason, as text for the person.
        event_received: any other ``ServerEvent``.
    """

    status_changed = Signal(object)
    connection_changed = Signal(str)
    state_diverged = Signal(object)
    session_ended = Signal(str)
    event_received = Signal(object)

    def __init__(self, session: SeatSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        session.status_changed.connect(self.status_changed.emit)
        session.connection_changed.connect(lambda state: self.connection_changed.emit(state.value))
        session.state_diverged.connect(self.state_diverged.emit)
        session.session_ended.connect(self.session_ended.emit)
        session.event_received.connect(self.event_received.emit)
