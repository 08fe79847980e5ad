"""A team leader signs into the real app under X against a busy mock hall of 200 simulated seats and opens the board."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from support.mockproc import start_mock
from support.xvfb import VirtualDisplay, virtual_display
from test_app_xvfb import app_environment, start_app, type_into

pytestmark = pytest.mark.e2e


def seat_window(display: VirtualDisplay, timeout: float = 30) -> str:
    """The seat window once the sign-in dialog (whose title also names the client) is gone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        names = {window: display.window_name(window) for window in display.visible_windows("seatclient")}
        if not any("签入" in name for name in names.values()):
            for window, name in names.items():
                if "12345 座席客户端" in name:
                    return window
        time.sleep(0.2)
    raise AssertionError("the seat window did not replace the sign-in dialog")


def test_the_team_leader_board_of_a_busy_hall_under_x(
    tmp_path: Path, isolated_profile: Path, artifacts_dir: Path
) -> None:
    home = isolated_profile
    mock = start_mock(["--seats", "200", "--seed", "8", "--floor-interval", "1"], tmp_path)
    log = tmp_path / "app.log"
    try:
        (home / "system.toml").write_text(f'backend_url = "{mock.url}"\n', encoding="utf-8")
        # The morning queue fills the hall within a few seconds; give it a head start.
        time.sleep(6)
        with virtual_display() as display:
            env = app_environment(display, home)
            app = start_app(env, log)
            try:
                dialog = display.wait_for_window("seatclient", "签入")
                time.sleep(0.8)
                type_into(
                    display,
                    dialog,
                    ("type", "9001"),
                    ("key", "Tab"),
                    ("type", "demo1234"),
                    ("key", "Tab"),
                    ("type", "A05"),
                    ("key", "Return"),
                )
                window = seat_window(display)
                time.sleep(1.0)
                type_into(display, window, ("key", "ctrl+shift+b"))
                board = display.wait_for_window("seatclient", "班长席")
                time.sleep(4.0)
                display.screenshot(artifacts_dir / "e2e_seat_board.png", board)
                assert app.poll() is None
            finally:
                if app.poll() is None:
                    app.send_signal(signal.SIGTERM)
                try:
                    code = app.wait(20)
                except subprocess.TimeoutExpired:
                    app.kill()
                    raise
    finally:
        mock.stop()
    output = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, output
    assert "Traceback" not in output, output
    assert (artifacts_dir / "e2e_seat_board.png").stat().st_size > 50_000
