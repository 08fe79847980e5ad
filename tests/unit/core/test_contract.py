"""The backend contract: the mock's OpenAPI document must match the committed snapshot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from seatclient.api.models import API_PREFIX
from seatclient.mock.server import create_app

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))

from snapshot_openapi import SNAPSHOT, render  # noqa: E402


def test_openapi_matches_the_snapshot() -> None:
    assert SNAPSHOT.read_text(encoding="utf-8") == render(), (
        "The backend contract changed. If that is deliberate, run: .venv/bin/python tools/snapshot_openapi.py"
    )


def test_contract_has_the_foundation_endpoints() -> None:
    paths = json.loads(render())["paths"]
    for path in (
        "/session",
        "/session/refresh",
        "/seat/state",
        "/seat/reasons",
        "/config",
        "/events",
        "/health",
    ):
        assert f"{API_PREFIX}{path}" in paths
    assert "post" in paths[f"{API_PREFIX}/session"]
    assert "delete" in paths[f"{API_PREFIX}/session"]


def test_mock_control_endpoints_can_be_switched_off() -> None:
    from seatclient.mock.state import MockOptions

    paths = create_app(MockOptions(admin=False)).openapi()["paths"]
    assert not any(path.startswith("/mock/") for path in paths)
