"""Fixtures starting the mock backend as a real process for the integration tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.mockproc import MockServer, start_mock


@pytest.fixture
def mock_server_factory(tmp_path: Path) -> Iterator[Callable[..., MockServer]]:
    """Start mock backends with chosen options; all are stopped after the test."""
    started: list[MockServer] = []

    def factory(*extra_args: str, scheme: str = "http", verify: str | bool = True) -> MockServer:
        server = start_mock(list(extra_args), tmp_path, scheme, verify)
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()


@pytest.fixture
def mock_server(mock_server_factory: Callable[..., MockServer]) -> MockServer:
    """A mock backend with a short heartbeat, so dead streams are noticed quickly."""
    return mock_server_factory("--heartbeat", "0.5")
