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


def test_contract_has_the_seat_and_call_commands() -> None:
    paths = json.loads(render())["paths"]
    for path, method in (
        ("/seat/pending", "post"),
        ("/seat/pending", "delete"),
        ("/seat/wrap-up/extend", "post"),
        ("/seat/wrap-up/end", "post"),
        ("/calls/{call_id}", "get"),
        ("/queue", "get"),
        *(
            (f"/calls/{{call_id}}/{action}", "post")
            for action in ("answer", "hangup", "hold", "resume", "mute", "unmute", "dtmf", "order-saved")
        ),
    ):
        operation = paths[f"{API_PREFIX}{path}"][method]
        if method in ("post", "delete"):
            # Every state-changing command takes an Idempotency-Key and answers a refusal as 409.
            assert "idempotency-key" in {p["name"] for p in operation.get("parameters", [])}, path
            assert "409" in operation["responses"], path


def test_the_seat_status_carries_what_the_window_shows() -> None:
    schemas = json.loads(render())["components"]["schemas"]
    fields = set(schemas["SeatStatus"]["properties"])
    assert {
        "state",
        "reason_code",
        "since",
        "call_id",
        "pending_next",
        "wrap_up_deadline",
        "wrap_up_extended",
        "wrap_up_overrun",
        "order_saved",
        "forced_by",
        "connection_lost",
        "revision",
    } <= fields
    assert set(schemas["SeatState"]["enum"]) == {
        "signed_out",
        "away",
        "ready",
        "ringing",
        "talking",
        "held",
        "consulting",
        "conference",
        "wrap_up",
    }


def test_mock_control_endpoints_can_be_switched_off() -> None:
    from seatclient.mock.state import MockOptions

    paths = create_app(MockOptions(admin=False)).openapi()["paths"]
    assert not any(path.startswith("/mock/") for path in paths)


def test_contract_has_orders_knowledge_and_floor() -> None:
    paths = json.loads(render())["paths"]
    for path, method in (
        ("/orders", "post"),
        ("/orders", "get"),
        ("/orders/{order_number}", "get"),
        ("/knowledge/changes", "get"),
        ("/knowledge/{article_id}/feedback", "post"),
        ("/floor", "get"),
        ("/floor/seats/{job_number}/force", "post"),
    ):
        assert method in paths[f"{API_PREFIX}{path}"], (path, method)
    create = paths[f"{API_PREFIX}/orders"]["post"]
    assert "idempotency-key" in {p["name"] for p in create["parameters"]}
    assert {"201", "409", "422"} <= set(create["responses"])
    force = paths[f"{API_PREFIX}/floor/seats/{{job_number}}/force"]["post"]
    assert "idempotency-key" in {p["name"] for p in force["parameters"]}
    assert "403" in force["responses"]
    assert "403" in paths[f"{API_PREFIX}/floor"]["get"]["responses"]


def test_the_order_wire_models_carry_disposition_and_due_date() -> None:
    schemas = json.loads(render())["components"]["schemas"]
    assert {
        "disposition",
        "unit_id",
        "linked_order_number",
        "not_accepted_reason",
        "emergency_line",
        "knowledge_article_id",
        "fields",
        "confidential",
        "protected_fields",
    } <= set(schemas["OrderRequest"]["properties"])
    assert {"order_id", "order_number", "status", "due"} <= set(schemas["OrderAck"]["properties"])
    assert set(schemas["OrderDisposition"]["enum"]) == {
        "direct_answer",
        "dispatch",
        "dispatch_extra_urgent",
        "not_accepted",
        "emergency_transfer",
        "link_existing",
    }
