"""Running the mock backend in-process on a free loopback port, for training mode and the self-test."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from seatclient.mock.server import create_app
from seatclient.mock.state import MockOptions, training_options


class EmbeddedBackend:
    """The mock backend served by uvicorn on ``127.0.0.1`` in a background thread.

    A thread of its own keeps the simulated hall running at its own pace whatever the window is
    doing, while the client still talks to it over real HTTP, exactly as to a real backend.
    Without options it runs a training hall (``training_options``): a gentle flow of simulated
    callers while the trainee is ready.
    """

    def __init__(self, options: MockOptions | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        config = uvicorn.Config(
            create_app(options or training_options()),
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, name="embedded-backend", daemon=True)

    @property
    def url(self) -> str:
        """The base URL clients use."""
        return f"http://{self.host}:{self.port}"

    def _serve(self) -> None:
        self._server.run(sockets=[self._socket])

    def start(self, timeout: float = 10.0) -> None:
        """Start serving and wait until the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("embedded training backend failed to start")
            time.sleep(0.01)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving; open event streams are closed."""
        self._server.should_exit = True
        self._server.force_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._socket.close()
