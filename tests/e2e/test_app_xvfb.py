"""The real seat client process in a real X window, driven from outside as a person would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.xvfb import VirtualDisplay, virtual_display

pytestmark = pytest.mark.e2e


def app_environment(display: VirtualDisplay, home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY")
    }
    env.update(
        DISPLAY=display.display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        SEATCLIENT_SYSTEM_CONFIG=str(home / "system.toml"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def start_app(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "seatclient"], env=env, stdout=output, stderr=subprocess.STDOUT
        )


def type_into(display: VirtualDisplay, window_id: str, *keys: tuple[str, str]) -> None:
    display.run("xdotool", "windowfocus", "--sync", window_id)
    for kind, value in keys:
        if kind == "type":
            display.run("xdotool", "type", "--delay", "30", value)
        else:
            display.run("xdotool", "key", value)


def test_sign_in_and_seat_window_under_x(tmp_path: Path, isolated_profile: Path, artifacts_dir: Path) -> None:
    home = isolated_profile
    log = tmp_path / "app.log"
    with virtual_display() as display:
        env = app_environment(display, home)
        app = start_app(env, log)
        try:
            dialog = display.wait_for_window("seatclient", "签入")
            time.sleep(0.8)
            display.screenshot(artifacts_dir / "e2e_sign_in_dialog.png")

            # A second launch must not open a second client: it raises the first and leaves.
            second = subprocess.run(
                [sys.executable, "-m", "seatclient"], env=env, capture_output=True, text=True, timeout=60
            )
            assert second.returncode == 0
            assert "已在运行" in second.stderr
            assert app.poll() is None

            type_into(
                display,
                dialog,
                ("type", "1001"),
                ("key", "Tab"),
                ("type", "demo1234"),
                ("key", "Tab"),
                ("type", "A01"),
                ("key", "Return"),
            )
            window = display.wait_for_window("seatclient", "【培训模式】12345 座席客户端")
            time.sleep(1.5)
            display.screenshot(artifacts_dir / "e2e_seat_window.png")
            assert not any("签入" in display.window_name(w) for w in display.visible_windows("seatclient")), (
                "the sign-in dialog should be gone"
            )
            # The regions are real: Ctrl+K searches the knowledge base from anywhere in the window.
            # (Before going ready, so no simulated call rings meanwhile and holds the sign-out back.)
            type_into(display, window, ("key", "ctrl+k"), ("type", "gjj"))
            time.sleep(1.5)
            display.screenshot(artifacts_dir / "e2e_seat_window_knowledge.png")
            assert app.poll() is None
            type_into(display, window, ("key", "F2"))
            time.sleep(1.0)
            display.screenshot(artifacts_dir / "e2e_seat_window_ready.png")
        finally:
            if app.poll() is None:
                app.send_signal(signal.SIGTERM)
            try:
                code = app.wait(20)
            except subprocess.TimeoutExpired:
                app.kill()
                raise
    output = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, output
    assert "Traceback" not in output, output
    noisy = [line for line in output.splitlines() if " WARNING " in line or " ERROR " in line]
    assert noisy == [], "a clean run and shutdown logs no warning"
    profile_log = home / "data" / "seatclient" / "logs" / "seatclient.log"
    content = profile_log.read_text(encoding="utf-8")
    assert "training mode" in content
    assert "demo1234" not in content
    assert "Traceback" not in content, content
