"""The real seat client driven through the accessibility bus only, as a screen-reader user would.

Every control is found by its role and accessible name (never by object name or screen position)
and driven by AT-SPI: text set with ``setTextContents``, buttons pressed with their ``Press`` action,
a hit chosen through its ``Toggle`` (select) action. The trainer's side (a caller dialling in, what
the backend received) goes through the mock backend's own endpoints.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from support.atspi import AtspiRobot, RobotError, atspi_unavailable_reason, session_bus
from support.xvfb import virtual_display

from seatclient.knowledge import load_demo_base, sanitize_body

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

APP_NAME = "seatclient"
JOB_NUMBER = "1001"


def app_environment(bus_environment: dict[str, str], home: Path) -> dict[str, str]:
    """The app's environment: the private bus and display, accessibility on, a fresh profile."""
    env = dict(bus_environment)
    env.update(
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        SEATCLIENT_SYSTEM_CONFIG=str(home / "system.toml"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def backend_url(profile_log: Path, timeout: float = 30) -> str:
    """The embedded training backend's address, as the app logged it at start."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if profile_log.exists():
            found = re.search(r"embedded backend on (http://\S+)", profile_log.read_text(encoding="utf-8"))
            if found:
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError("the app did not log its embedded backend's address")


def mock_request(url: str, method: str = "GET", body: dict[str, Any] | None = None) -> Any:
    """Call one of the mock backend's trainer endpoints and return its JSON answer (or ``None``)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        payload = response.read()
    return json.loads(payload) if payload else None


def wait_for(condition: Any, what: str, timeout: float = 20) -> Any:
    """Poll ``condition()`` until it gives a true value, which is returned."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.25)


def test_knowledge_answer_through_the_accessibility_bus_only(
    tmp_path: Path, isolated_profile: Path, artifacts_dir: Path
) -> None:
    reason = atspi_unavailable_reason()
    if reason is not None:
        pytest.skip(f"AT-SPI cannot run here: {reason}")
    home = isolated_profile
    app_log = tmp_path / "app.log"
    profile_log = home / "data" / "seatclient" / "logs" / "seatclient.log"
    with virtual_display() as display, session_bus(display.display) as bus:
        with app_log.open("wb") as output:
            app = subprocess.Popen(
                [sys.executable, "-m", "seatclient"],
                env=app_environment(bus.environment, home),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        robot = AtspiRobot(bus)
        try:
            robot.attach(APP_NAME)
            # Sign in: the dialog's fields by their accessible names.
            robot.describe(role="push button", name="签入", timeout=40)
            robot.set_text(JOB_NUMBER, role="text", name="工号")
            robot.set_text("demo1234", role="password text", name="密码")
            robot.set_text("A01", role="text", name="座席号")
            robot.press(role="push button", name="签入")
            robot.describe(role="frame", name_prefix="【培训模式】", timeout=40)
            url = backend_url(profile_log)

            # Go ready and take a caller's call, so there is an order to answer into.
            robot.press(role="push button", name="示闲", enabled=True, timeout=20)
            mock_request(f"{url}/mock/calls", "POST", {"job_number": JOB_NUMBER, "patience_seconds": 600})
            robot.press(role="push button", name="接听", enabled=True, timeout=90)
            notes = robot.describe(role="text", name="备注", enabled=True, timeout=20)
            assert notes["text"] == ""

            # The related articles under the form follow what the caller said.
            robot.set_text("来电人想问公积金怎么提取", role="text", name="事由")
            related = wait_for(
                lambda: robot.children(role="list", name="相关知识列表"), "related articles", timeout=20
            )
            assert any("公积金" in item["name"] for item in related), related

            # Search by pinyin initials, choose the first hit, insert its answer; the knowledge
            # region first comes in front of the regions sharing its place (its dock tab).
            robot.press(role="page tab", name="知识库")
            robot.set_text("gjjtq", role="text", name="知识检索")
            hits = wait_for(
                lambda: [
                    item
                    for item in robot.children(role="list", name="检索结果")
                    if item["role"] == "list item"
                ],
                "search hits",
            )
            first = hits[0]
            title = first["name"].rsplit("（", 1)[0]
            assert "公积金" in title and "提取" in title, first
            robot.press(action="Toggle", role="list item", name=first["name"])
            robot.describe(role="label", name=title, timeout=15)
            body = wait_for(lambda: robot.text(role="label", name="知识正文"), "the article body")
            robot.press(role="push button", name="插入答复", enabled=True, timeout=10)
            inserted = wait_for(
                lambda: robot.text(role="text", name="备注"), "the inserted answer", timeout=10
            )
            # The answer is the article's body as plain text, exactly as the base wrote it.
            (article,) = [each for each in load_demo_base() if each.title == title]
            expected = sanitize_body(article.body).text.strip()
            assert len(expected) > 20
            assert body.strip() == expected
            assert inserted.strip() == expected

            # "Useful" reaches the knowledge editors at the backend.
            robot.press(role="push button", name="有用", enabled=True)
            received = wait_for(
                lambda: mock_request(f"{url}/mock/knowledge/feedback"), "feedback at the backend"
            )
            assert [(entry["article_id"], entry["kind"], entry["job_number"]) for entry in received] == [
                (article.id, "useful", JOB_NUMBER)
            ], received
            time.sleep(0.5)
            display.screenshot(artifacts_dir / "e2e_atspi_knowledge.png")

            robot.press(role="push button", name="挂断", enabled=True)
            wait_for(lambda: not robot.describe(role="push button", name="挂断")["enabled"], "the call ended")
        except RobotError:
            display.screenshot(artifacts_dir / "e2e_atspi_knowledge_failure.png")
            raise
        finally:
            robot.close()
            if app.poll() is None:
                app.send_signal(signal.SIGTERM)
            try:
                code = app.wait(30)
            except subprocess.TimeoutExpired:
                app.kill()
                raise
    output = app_log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, output
    assert "Traceback" not in output, output
    content = profile_log.read_text(encoding="utf-8")
    assert "demo1234" not in content
    assert "Traceback" not in content, content
