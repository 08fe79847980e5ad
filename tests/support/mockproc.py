"""The mock backend as a real uvicorn process on loopback, as a trainer's lab would run it."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class MockServer:
    """A running ``seatclient-mock`` process."""

    url: str
    process: subprocess.Popen[bytes]
    log_file: IO[bytes]
    verify: str | bool = True

    def tls(self) -> ssl.SSLContext | bool:
        """What httpx needs to trust this server."""
        return ssl.create_default_context(cafile=self.verify) if isinstance(self.verify, str) else self.verify

    def admin(self, path: str, json: object | None = None) -> httpx.Response:
        """Call one of the mock's ``/mock/...`` control endpoints."""
        response = httpx.post(f"{self.url}{path}", json=json, verify=self.tls(), timeout=5)
        response.raise_for_status()
        return response

    def stop(self) -> None:
        """Stop the process."""
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.log_file.close()


def start_mock(
    extra_args: list[str], tmp_path: Path, scheme: str = "http", verify: str | bool = True
) -> MockServer:
    """Start ``seatclient-mock`` on a free port and wait until it answers."""
    port = free_port()
    log = (tmp_path / f"mock-{port}.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "seatclient.mock.cli",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *extra_args,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = MockServer(url=f"{scheme}://127.0.0.1:{port}", process=process, log_file=log, verify=verify)
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None:
            server.stop()
            raise RuntimeError(f"mock backend exited: {(tmp_path / f'mock-{port}.log').read_text()}")
        try:
            httpx.get(f"{server.url}/api/v1/health", verify=server.tls(), timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.1)
