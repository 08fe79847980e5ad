"""The real seat client under X: a training call answered and its order typed from the keyboard, then submitted.

The app runs its embedded training backend; the test finds that backend's address in the profile log
and uses its control endpoints (``POST /mock/calls``) to place the call, as a trainer would. What
was typed is checked where it lands: the autosaved draft in the profile's SQLite, then the order
registered by the backend.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from support.xvfb import VirtualDisplay, virtual_display
from test_app_xvfb import app_environment, start_app, type_into

from seatclient.forms.drafts import DraftStore

pytestmark = pytest.mark.e2e

CALLER_NUMBER = "13957100421"
"""The training backend's first caller (caller_index 0)."""


def embedded_backend_url(profile: Path, timeout: float = 30) -> str:
    """The embedded backend's address, as the app logs it at start-up."""
    log = profile / "logs" / "seatclient.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            found = re.search(
                r"embedded backend on (http://127\.0\.0\.1:\d+)", log.read_text(encoding="utf-8")
            )
            if found:
                return found.group(1)
        time.sleep(0.2)
    raise AssertionError("the app did not log its embedded backend's address")


def wait_for(condition: object, what: str, timeout: float = 20) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def seat_state(backend: str) -> str:
    seats = httpx.get(f"{backend}/mock/hall", timeout=5).json()["seats"]
    return str(seats.get("1001", {}).get("state", ""))


def keys(display: VirtualDisplay, window: str, *steps: tuple[str, str]) -> None:
    """Press keys and type text; Chinese goes one character at a time.

    xdotool types a character without a key of its own by remapping a spare key for it; typed in
    one go, a character now and then reaches the app under the previous mapping and is lost.
    """
    for kind, value in steps:
        if kind == "type" and not value.isascii():
            display.run("xdotool", "windowfocus", "--sync", window)
            for char in value:
                display.run("xdotool", "type", "--delay", "60", char)
                time.sleep(0.04)
        else:
            type_into(display, window, (kind, value))
    time.sleep(0.3)


def test_a_call_answered_and_its_order_typed_from_the_keyboard(
    tmp_path: Path, isolated_profile: Path, artifacts_dir: Path
) -> None:
    home = isolated_profile
    profile = home / "data" / "seatclient"
    log = tmp_path / "app.log"
    with virtual_display() as display:
        app = start_app(app_environment(display, home), log)
        try:
            dialog = display.wait_for_window("seatclient", "签入")
            time.sleep(0.5)
            keys(display, dialog, ("type", "1001"), ("key", "Tab"), ("type", "demo1234"))
            keys(display, dialog, ("key", "Tab"), ("type", "A01"), ("key", "Return"))
            window = display.wait_for_window("seatclient", "【培训模式】12345 座席客户端")
            # The whole screen, as a hall's 1440 × 900 monitor shows the window maximised.
            display.run("xdotool", "windowsize", window, "1440", "900")
            backend = embedded_backend_url(profile)
            # No simulated calls: only the one placed below rings.
            httpx.post(
                f"{backend}/mock/hall",
                json={"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0},
                timeout=5,
            ).raise_for_status()
            time.sleep(1.0)
            keys(display, window, ("key", "F2"))
            wait_for(lambda: seat_state(backend) == "ready", "the seat ready")
            placed = httpx.post(
                f"{backend}/mock/calls", json={"job_number": "1001", "caller_index": 0}, timeout=5
            )
            placed.raise_for_status()
            wait_for(lambda: seat_state(backend) == "ringing", "the call ringing")
            time.sleep(0.8)
            keys(display, window, ("key", "F5"))
            wait_for(lambda: seat_state(backend) == "talking", "the call answered")
            time.sleep(1.0)

            # 1. The caller: name, (withheld box, prefilled phone,) address, request type 咨询.
            # Alt+2 puts the cursor in the form; Ctrl+1..3 then jump between its sections.
            keys(display, window, ("key", "alt+2"), ("key", "ctrl+1"), ("type", "王建国"))
            keys(
                display, window, ("key", "Tab"), ("key", "Tab"), ("key", "Tab"), ("type", "西湖区学院路58号")
            )
            keys(display, window, ("key", "Tab"), ("key", "space"))
            # 2. The matter: who, when (as said), where, what happened, what is asked.
            keys(display, window, ("key", "ctrl+2"), ("type", "西湖区社保中心"))
            keys(display, window, ("key", "Tab"), ("type", "11-20 10:00"))
            keys(display, window, ("key", "Tab"), ("type", "学院路社保服务大厅"))
            keys(display, window, ("key", "Tab"), ("type", "来电人下月退休，不清楚养老金领取手续"))
            keys(display, window, ("key", "Tab"), ("type", "希望告知办理流程和所需材料"))
            # 3. Topic and place from their lists (pinyin initials, Down, Enter).
            keys(display, window, ("key", "ctrl+3"), ("type", "txzc"))
            keys(display, window, ("key", "Down"), ("key", "Return"))
            keys(display, window, ("key", "Tab"), ("type", "xhq"), ("key", "Down"), ("key", "Return"))
            keys(display, window, ("key", "Tab"), ("type", "wxjd"), ("key", "Down"), ("key", "Return"))
            keys(display, window, ("key", "Tab"))
            time.sleep(1.5)  # the autosave writes within a second
            display.screenshot(artifacts_dir / "e2e_filled_form.png")

            with DraftStore(profile / "drafts.sqlite3") as drafts:
                [draft] = drafts.load_for("1001")
            values = dict(draft.values)
            assert values["caller_name"] == "王建国"
            assert values["caller_phone"] == CALLER_NUMBER
            assert values["address"] == "西湖区学院路58号"
            assert values["request_type"] == "enquiry"
            assert values["involved_party"] == "西湖区社保中心"
            # "11-20 10:00" as said: this year's 20 November, written in full in the hall's time.
            assert re.fullmatch(r"\d{4}-11-20T10:00:00\+08:00", str(values["occurred_at"]))
            assert values["event_description"] == "来电人下月退休，不清楚养老金领取手续"
            assert values["caller_request"] == "希望告知办理流程和所需材料"
            assert values["business_topic"] == {"class": "劳动和社会保障", "item": "退休政策及待遇"}
            assert values["matter_place"] == {"district": "西湖区", "street": "文新街道"}

            # Answered on the spot: Ctrl+R submits it as a direct answer.
            before = httpx.get(f"{backend}/mock/orders", timeout=5).json()["count"]
            keys(display, window, ("key", "ctrl+r"))
            wait_for(
                lambda: httpx.get(f"{backend}/mock/orders", timeout=5).json()["count"] == before + 1,
                "the order registered",
            )
            numbers = httpx.get(f"{backend}/mock/orders", timeout=5).json()["order_numbers"]
            records = [httpx.get(f"{backend}/mock/orders/{number}", timeout=5).json() for number in numbers]
            [mine] = [
                record
                for record in records
                if record["request"]["job_number"] == "1001"
                and record["request"]["call_id"] == placed.json()["call_id"]
            ]
            assert mine["request"]["disposition"] == "direct_answer"
            assert mine["request"]["fields"]["caller_name"] == "王建国"
            assert mine["ack"]["status"] == "closed"
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
