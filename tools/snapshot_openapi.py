"""Write the backend contract's OpenAPI document to ``resources/api/openapi.json``.

Run after a deliberate change to the contract; ``tests/unit/core/test_contract.py`` fails while the
snapshot and the mock's ``/openapi.json`` differ.
"""

from __future__ import annotations

import json
from pathlib import Path

from seatclient.mock.server import create_app

SNAPSHOT = Path(__file__).resolve().parent.parent / "resources" / "api" / "openapi.json"


def render() -> str:
    """The contract as stable, readable JSON."""
    return json.dumps(create_app().openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(render(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
