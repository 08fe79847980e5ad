"""A virtual X display for end-to-end tests of the real application window."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class VirtualDisplay:
    """A running Xvfb server."""

    display: str

    def run(self, *command: str, check: bool = True, timeout: float = 20) -> str:
        """Run an X client (xdotool, import) against this display and return its output."""
        result = subprocess.run(
            command,
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{command} failed: {result.stderr.strip()}")
        return result.stdout

    def visible_windows(self, class_name: str) -> list[str]:
        """Ids of the mapped windows whose WM_CLASS matches ``class_name``."""
        output = self.run("xdotool", "search", "--onlyvisible", "--class", class_name, check=False)
        return output.split()

    def window_name(self, window_id: str) -> str:
        """A window's title."""
        return self.run("xdotool", "getwindowname", window_id).strip()

    def wait_for_window(self, class_name: str, title_part: str, timeout: float = 30) -> str:
        """Wait until a visible window of ``class_name`` has ``title_part`` in its title."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for window_id in self.visible_windows(class_name):
                if title_part in self.window_name(window_id):
                    return window_id
            time.sleep(0.2)
        raise AssertionError(f"no visible window titled '*{title_part}*' within {timeout} s")

    def screenshot(self, path: Path, window_id: str | None = None) -> Path:
        """Save the screen (or one window) as PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run("import", "-window", window_id or "root", str(path))
        return path


@contextmanager
def virtual_display(width: int = 1440, height: int = 900) -> Iterator[VirtualDisplay]:
    """Start Xvfb on a free display number; stop it afterwards."""
    if shutil.which("Xvfb") is None:
        raise AssertionError("Xvfb is not installed: run 'make test', which installs the test packages")
    for number in range(90, 140):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        process = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        if process.poll() is not None:
            continue
        try:
            yield VirtualDisplay(f":{number}")
        finally:
            process.terminate()
            process.wait(10)
        return
    raise AssertionError("no free X display number")
