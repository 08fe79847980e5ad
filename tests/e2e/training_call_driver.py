"""Drives the real seat client in training mode through one scenario call, on a real X display.

Run by ``test_training_call_xvfb.py`` (not collected by pytest itself):
``python training_call_driver.py OUT_DIR PROFILE_DIR``. It starts the client as ``seatclient`` does
(the embedded training backend, the real window), signs in, picks a scenario from the 培训 menu's
picker, answers with F5, types the call-taker's words into the transcript panel, hangs up with F6,
submits the order, ends wrap-up with F10 and waits for the score card. It saves
``e2e_training_call.png`` (the window during the call, transcript and live alert in view) and
``e2e_score_card.png``, and prints one JSON line with what it saw. Exit code 0 on success.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.keyrings import MemoryKeyring

from seatclient.api.models import SeatState
from seatclient.app import assemble, make_qt_application
from seatclient.config import Settings
from seatclient.credentials import CredentialStore
from seatclient.rules import load_rule_file
from seatclient.training.scenarios import ScenarioReferences, default_scenario_dir, load_scenario
from seatclient.training.scoring import ModelOptions, load_default_scorer, model_record
from seatclient.ui.event_loop import SeatEventLoop

SCENARIO = "gas-smell-stairwell"
FORBIDDEN = "这个我也不清楚，您问别人吧。"


async def until(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def drive(out_dir: Path, profile: Path) -> dict[str, object]:
    errors: list[BaseException] = []
    settings = Settings()
    seat = await assemble(
        settings, profile, lambda: None, errors.append, credentials=CredentialStore(MemoryKeyring())
    )
    assert seat.embedded is not None
    controller = seat.controller
    room = controller.training_room
    assert room is not None
    window = controller.window

    def state() -> SeatState | None:
        return seat.session.status.state if seat.session.status else None

    try:
        async with httpx.AsyncClient(base_url=seat.embedded.url, trust_env=False) as admin:
            quiet = {"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0}
            (await admin.post("/mock/hall", json=quiet)).raise_for_status()
        controller.start()
        dialog = controller.dialog
        dialog.job_number_edit.setText("1001")
        dialog.password_edit.setText("demo1234")
        dialog.seat_edit.setText("A01")
        dialog.sign_in_button.click()
        await until(window.isVisible, "the seat window")
        window.resize(1400, 860)
        window.activateWindow()
        controller.state_bar.ready_action.trigger()
        await until(lambda: state() is SeatState.READY, "ready")

        room.pick_action.trigger()
        await until(lambda: room.picker.isVisible() and room.picker.list.count() > 1, "the scenario picker")
        picker = room.picker
        wanted = next(
            row
            for row in range(picker.list.count())
            if picker.list.item(row).data(Qt.ItemDataRole.UserRole) == SCENARIO
        )
        picker.list.setCurrentRow(wanted)
        QTest.keyClick(picker.list, Qt.Key.Key_Return)
        await until(lambda: state() is SeatState.RINGING, "the scenario call ringing")
        await until(lambda: not picker.isVisible(), "the picker closed")
        window.activateWindow()
        await until(window.isActiveWindow, "the seat window active again")
        QTest.keyClick(window, Qt.Key.Key_F5)
        await until(lambda: state() is SeatState.TALKING, "answered with F5")
        panel = room.panel
        window.docks["transcript"].show()
        window.docks["transcript"].raise_()
        await until(
            lambda: any(line.speaker == "caller" for line in panel.lines()), "the caller's first line"
        )

        scorer = load_default_scorer()
        scenario = load_scenario(
            load_rule_file(default_scenario_dir() / f"{SCENARIO}.json"), ScenarioReferences.load()
        )
        model = model_record(scenario, scorer, ModelOptions(job_number="1001"))

        async def say(text: str) -> None:
            count = len(panel.lines())
            panel.say_edit.setFocus()
            panel.say_edit.insert(text)  # as an input method types Chinese
            QTest.keyClick(panel.say_edit, Qt.Key.Key_Return)
            await until(lambda: len(panel.lines()) > count, f"the echo of {text!r}")

        await say(model.greeting)
        for text in model.said:
            await say(text)
        await until(lambda: sum(line.speaker == "caller" for line in panel.lines()) >= 2, "two caller lines")
        await say(FORBIDDEN)
        await until(room.alert.isVisible, "the live phrase alert")
        if model.closing:  # a call transferred to an emergency line has no closing
            await say(model.closing)
        window.resizeDocks([window.docks["transcript"]], [520], Qt.Orientation.Vertical)
        await asyncio.sleep(0.2)
        assert room.alert.isVisible()
        window.grab().save(str(out_dir / "e2e_training_call.png"))
        call_id = seat.session.status.call_id if seat.session.status else None
        assert call_id

        QTest.keyClick(window, Qt.Key.Key_F6)
        await until(lambda: state() is SeatState.WRAP_UP, "hung up with F6")
        assert model.order is not None and model.disposition is not None
        payload = {
            "call_id": call_id,
            "job_number": "1001",
            "fields": dict(model.order),
            "confidential": scenario.expected.confidential,
            "disposition": model.disposition.value,
            "unit_id": model.units[0] if model.units else None,
            "emergency_line": model.emergency_line,
        }
        await seat.client.create_order(payload, idempotency_key=f"e2e:{call_id}")
        await seat.session.report_order_saved(call_id)
        await until(lambda: room.last_score is not None, "the score")
        assert not room.score_card.isVisible(), "the card waits for the end of wrap-up"
        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_F10)
        await until(room.score_card.isVisible, "the score card after wrap-up")
        await asyncio.sleep(0.3)
        room.score_card.grab().save(str(out_dir / "e2e_score_card.png"))
        score = room.last_score
        assert score is not None
        return {
            "score": score.score,
            "kinds": [deduction.kind for deduction in score.deductions],
            "lines": len(panel.lines()),
            "caller_lines": sum(line.speaker == "caller" for line in panel.lines()),
            "alert": room.alert.message(),
            "errors": [repr(error) for error in errors],
        }
    finally:
        await seat.shutdown()
        window.allow_close()
        window.close()


def main() -> int:
    out_dir, profile = Path(sys.argv[1]), Path(sys.argv[2])
    app = make_qt_application(Settings())

    with asyncio.Runner(loop_factory=lambda: SeatEventLoop(app)) as runner:
        print(json.dumps(runner.run(drive(out_dir, profile)), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
