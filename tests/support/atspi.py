"""Driving the real application through the accessibility bus (AT-SPI), as a screen reader or a GUI robot does.

A private D-Bus session (``dbus-run-session``) hosts the AT-SPI bus and registry, which D-Bus starts
on demand; the application runs with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` on that session, and
``atspi_robot.py`` runs under the system Python (Debian's ``python3-pyatspi`` is not in the virtual
environment) and answers requests one JSON line at a time.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
ROBOT_SCRIPT = Path(__file__).with_name("atspi_robot.py")


def atspi_unavailable_reason() -> str | None:
    """Why AT-SPI cannot be used on this machine, or ``None`` when everything it needs is installed."""
    for program in ("dbus-run-session", "Xvfb"):
        if shutil.which(program) is None:
            return f"{program} is not installed (scripts/ensure-system-packages.sh test installs it)"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, timeout=30, check=False
    )
    if probe.returncode != 0:
        return f"the system Python cannot import pyatspi: {probe.stderr.strip()[-200:]}"
    return None


@dataclass
class SessionBus:
    """A private D-Bus session bus; the AT-SPI bus starts on it on first use."""

    address: str
    environment: dict[str, str]


@contextmanager
def session_bus(display: str) -> Iterator[SessionBus]:
    """Start a private session bus for ``display`` and stop it (and what it started) afterwards."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DBUS_SESSION_BUS_ADDRESS", "AT_SPI_BUS_ADDRESS", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    # The AT-SPI launcher is started by the bus and inherits its environment: the display first.
    environment.update(DISPLAY=display, GSETTINGS_BACKEND="memory", NO_AT_BRIDGE="0")
    holder = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", 'echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat'],
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert holder.stdout is not None
        address = holder.stdout.readline().strip()
        if not address:
            raise AssertionError("dbus-run-session gave no bus address")
        yield SessionBus(address, {**environment, "DBUS_SESSION_BUS_ADDRESS": address})
    finally:
        # Closing the held stdin ends ``cat``; dbus-run-session then stops the bus daemon.
        if holder.stdin is not None:
            holder.stdin.close()
        try:
            holder.wait(10)
        except subprocess.TimeoutExpired:
            holder.kill()
            holder.wait(5)
        if holder.stdout is not None:
            holder.stdout.close()


class RobotError(AssertionError):
    """The robot could not do what it was asked (no such control, no such action)."""


class AtspiRobot:
    """The client side of ``atspi_robot.py``: each method is one request, answered within ``timeout``.

    Args:
        bus: the session bus the application is on.
    """

    def __init__(self, bus: SessionBus) -> None:
        self._process = subprocess.Popen(
            [SYSTEM_PYTHON, str(ROBOT_SCRIPT)],
            env=bus.environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._selector = selectors.DefaultSelector()
        assert self._process.stdout is not None
        self._selector.register(self._process.stdout, selectors.EVENT_READ)

    def request(self, op: str, timeout: float = 60, **arguments: Any) -> Any:
        """Send one request and return its value.

        Raises:
            RobotError: the robot answered with an error, or not within ``timeout`` seconds.
        """
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps({"op": op, **arguments}, ensure_ascii=False) + "\n")
        self._process.stdin.flush()
        deadline = time.monotonic() + timeout
        while not self._selector.select(timeout=max(deadline - time.monotonic(), 0)):
            if time.monotonic() >= deadline:
                raise RobotError(f"the accessibility robot did not answer {op} within {timeout} s")
        line = self._process.stdout.readline()
        if not line:
            stderr = self._process.stderr.read() if self._process.stderr else ""
            raise RobotError(f"the accessibility robot stopped: {stderr[-2000:]}")
        answer = json.loads(line)
        if not answer["ok"]:
            raise RobotError(f"{op} {arguments}: {answer['error']}")
        return answer["value"]

    def attach(self, application: str, timeout: float = 30) -> None:
        """Wait until ``application`` (its Qt application name) is on the accessibility bus."""
        self.request("attach", name=application, timeout=timeout)

    def describe(self, **query: Any) -> dict[str, Any]:
        """Role, name, states, text, actions and position of the one control matching ``query``."""
        return dict(self.request("describe", **query))

    def find_all(self, **query: Any) -> list[dict[str, Any]]:
        """Every showing control matching ``query`` (``role``, ``name``, ``name_prefix``, ``within``)."""
        return list(self.request("find_all", **query))

    def children(self, **query: Any) -> list[dict[str, Any]]:
        """The children of the control matching ``query``."""
        return list(self.request("children", **query))

    def set_text(self, text: str, **query: Any) -> None:
        """Replace the text of an editable control, as a screen reader's user does."""
        self.request("set_text", text=text, **query)

    def text(self, **query: Any) -> str:
        """The text of a control."""
        return str(self.request("text", **query))

    def press(self, action: str = "Press", **query: Any) -> None:
        """Do a control's action (``Press`` for a button)."""
        self.request("act", action=action, **query)

    def focus(self, **query: Any) -> None:
        """Give a control the keyboard focus."""
        self.request("focus", **query)

    def focused(self) -> dict[str, Any] | None:
        """The control that has the keyboard focus."""
        value = self.request("focused")
        return None if value is None else dict(value)

    def dump(self, **query: Any) -> list[dict[str, Any]]:
        """Every showing control (under the one matching ``query``), for diagnosing a failed step."""
        return list(self.request("dump", **query))

    def close(self) -> None:
        """Stop the robot."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5)
        for stream in (self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()
        self._selector.close()
