"""One seat client per user session: a second launch brings the first window to the front."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_RAISE = b"raise\n"


def instance_name(profile_key: str) -> str:
    """The local socket name for one user profile (a profile path or user name)."""
    digest = hashlib.sha256(profile_key.encode("utf-8")).hexdigest()[:16]
    return f"seatclient-{digest}"


def ask_running_instance_to_raise(name: str, timeout_ms: int = 500) -> bool:
    """Tell an already running instance to come to the front; returns whether one answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_RAISE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class SingleInstanceServer(QObject):
    """Listens for later launches of the seat client and calls ``on_raise`` for each."""

    def __init__(self, name: str, on_raise: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._on_raise = on_raise
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            # A socket file left by a crashed instance: nobody answered, so it is safe to take over.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                log.warning("single-instance socket unavailable: %s", self._server.errorString())
        self._server.newConnection.connect(self._on_new_connection)

    def _on_new_connection(self) -> None:
        socket = self._server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda: self._on_message(socket))
        socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_RAISE.strip()):
            self._on_raise()

    def close(self) -> None:
        """Stop listening."""
        self._server.close()
