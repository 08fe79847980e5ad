"""A training call in the real seat client under Xvfb: the transcript, the live alert and the score card."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.xvfb import virtual_display

pytestmark = pytest.mark.e2e

DRIVER = Path(__file__).resolve().parent / "training_call_driver.py"


def test_a_scenario_call_with_its_transcript_and_score_card(
    tmp_path: Path, isolated_profile: Path, artifacts_dir: Path
) -> None:
    with virtual_display() as display:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY")
        }
        env.update(
            DISPLAY=display.display,
            QT_QPA_PLATFORM="xcb",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )
        profile = tmp_path / "profile"
        profile.mkdir()
        result = subprocess.run(
            [sys.executable, str(DRIVER), str(artifacts_dir), str(profile)],
            env=env,
            capture_output=True,
            text=True,
            timeout=150,
            check=False,
        )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    # The model call-taker's call with one forbidden phrase: exactly that phrase costs points.
    assert seen["kinds"] == ["forbidden_phrase"] and seen["score"] == 90
    assert seen["caller_lines"] >= 2 and seen["errors"] == []
    assert str(seen["alert"]).startswith("刚才说的“我也不清楚”属于服务禁语")
    for name in ("e2e_training_call.png", "e2e_score_card.png"):
        assert (artifacts_dir / name).stat().st_size > 10_000
