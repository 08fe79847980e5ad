"""``seatclient --self-test``: the real seat client driven through its own widgets, offscreen.

It starts the embedded backend, signs in as a demo call-taker, goes ready, takes a simulated
call (it rings, is answered, the order is typed into the intake form and its draft saved and
reported, then dispatched to a handling unit and confirmed by the backend, the call is held and taken back, a specialist seat is consulted and the consultation
cancelled, and the call is hung up; the wrap-up ends as the rules require),
goes away with a reason and signs out, printing one line per step with its time; the exit code is
0, or 1 naming the failed step. Hall IT staff run it on a freshly installed workstation; CI runs it
on the bundle. Against a real backend (not training) the call steps are skipped: no call can be
placed there on demand.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from seatclient.api.models import SeatState
from seatclient.config import Settings
from seatclient.credentials import CredentialStore
from seatclient.mock.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from seatclient.ui.event_loop import SeatEventLoop
from seatclient.ui.gc_guard import GuiThreadGarbageCollector

if TYPE_CHECKING:
    from seatclient.app import SeatClient

STEP_TIMEOUT = 15.0


class StepFailed(Exception):
    """A self-test step did not reach its goal."""


async def _until(condition: Callable[[], bool], what: str, timeout: float = STEP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise StepFailed(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


ORDER_TEXTS = (
    ("caller_name", "王先生"),
    ("event_description", "小区门口的路灯坏了一个星期，晚上看不清路"),
    ("caller_request", "希望尽快修好路灯"),
)
"""What the self-test types into the order (field key, text); fields the hall's form lacks are skipped."""

DISPATCH_TEXTS = (
    ("business_topic", ("城乡建设 / 城市建设和管理",)),
    ("matter_place", ("西湖区", "北山街道")),
)
"""What the self-test types before dispatching (field key, text of each input), so units are suggested."""


def _type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as a Chinese input method commits it."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


async def _run_steps(settings: Settings, profile: Path, out: Callable[[str], None]) -> int:
    from seatclient.app import assemble

    failures: list[BaseException] = []
    seat_client: SeatClient | None = None
    call_taker = next(a for a in DEMO_ACCOUNTS if a.job_number == "1001")

    async def step(name: str, action: Callable[[], Awaitable[str]]) -> None:
        started = time.perf_counter()
        try:
            detail = await asyncio.wait_for(action(), STEP_TIMEOUT * 2)
        except Exception as exc:
            elapsed = (time.perf_counter() - started) * 1000
            out(f"FAIL  {name:<14} {elapsed:7.0f} ms  {type(exc).__name__}: {exc}")
            raise StepFailed(name) from exc
        if failures:
            raise StepFailed(name) from failures[0]
        elapsed = (time.perf_counter() - started) * 1000
        out(f"PASS  {name:<14} {elapsed:7.0f} ms  {detail}")

    async def start_backend() -> str:
        nonlocal seat_client
        seat_client = await assemble(
            settings, profile, lambda: None, failures.append, credentials=CredentialStore()
        )
        seat_client.controller.start()
        if seat_client.embedded is None:
            return settings.backend_url
        # Only the call this test places may ring: no simulated callers arrive on their own.
        await _admin(
            seat_client.embedded.url,
            "/mock/hall",
            {"calls_per_minute": 0, "calls_per_minute_per_ready_seat": 0},
        )
        return seat_client.embedded.url

    async def sign_in() -> str:
        assert seat_client is not None
        dialog = seat_client.controller.dialog
        dialog.job_number_edit.setText(call_taker.job_number)
        dialog.password_edit.setText(DEMO_PASSWORD)
        dialog.seat_edit.setText("ST-01")
        dialog.remember_check.setChecked(False)
        dialog.sign_in_button.click()
        await _until(lambda: seat_client.controller.window.isVisible(), "the seat window")
        if dialog.error_label.isVisible():
            raise StepFailed(dialog.error_label.text())
        status = seat_client.session.status
        return f"{call_taker.name}（{call_taker.job_number}） {status.state.value if status else '?'}"

    async def go_ready() -> str:
        assert seat_client is not None
        seat_client.controller.state_bar.ready_action.trigger()
        await _until(lambda: _state(seat_client) is SeatState.READY, "state ready")
        return "ready"

    def call_steps() -> list[tuple[str, Callable[[], Awaitable[str]]]]:
        assert seat_client is not None
        client = seat_client
        controller = client.controller
        panel = controller.call_panel

        async def settled(key: str) -> None:
            # A person's next press comes after the answer to this one (a press while the
            # command is still under way is ignored as a double press).
            await _until(lambda: not client.tasks.is_running(key), f"the {key} command to finish")

        async def rings() -> str:
            assert client.embedded is not None
            # The first simulated caller shows a mobile number, so the order is complete enough to dispatch.
            await _admin(
                client.embedded.url, "/mock/calls", {"job_number": call_taker.job_number, "caller_index": 0}
            )
            await _until(lambda: _state(client) is SeatState.RINGING, "state ringing")
            await _until(lambda: panel.banner.ringing_call_id is not None, "the ringing call panel")
            call = client.session.current_call
            return f"{call.call_id if call else '?'} {panel.ring_label.text()}"

        async def answer() -> str:
            panel.answer_action.trigger()
            await _until(lambda: _state(client) is SeatState.TALKING, "state talking")
            await settled("call-control")
            return "talking"

        async def record_order() -> str:
            desk = controller.order_desk
            if desk is None:
                raise StepFailed("the seat window has no intake form")
            call_id = _call_id(client)
            await _until(lambda: desk.order_call_id == call_id, "a new order for the answered call")
            form = desk.form
            schema = form.editor.schema
            saved: list[str] = []
            desk.autosave.draft_saved.connect(saved.append)
            try:
                typed = [key for key, _ in ORDER_TEXTS if schema.has_field(key)]
                for key, text in ORDER_TEXTS:
                    if key in typed:
                        _type_text(form.controls(key)[0], text)
                first_option = form.controls("request_type")[0] if schema.has_field("request_type") else None
                if isinstance(first_option, QAbstractButton):
                    first_option.click()
                    typed.append("request_type")
                if not typed:
                    raise StepFailed("the form has none of the fields the self-test types")
                await _until(lambda: call_id in saved, "the draft to be saved")
                await _until(
                    lambda: bool(client.session.status and client.session.status.order_saved),
                    "the saved order reported to the backend",
                )
            finally:
                desk.autosave.draft_saved.disconnect(saved.append)
            return f"typed {'、'.join(typed)}; draft saved and reported"

        async def dispatch() -> str:
            # The call's order goes to the best suggested unit through the outbox; the backend must
            # have registered it exactly once and put it in that unit's inbox.
            from seatclient.ui.dispatch_panel import Disposition as DispatchDisposition

            desk = controller.order_desk
            if desk is None or desk.outbox is None or client.embedded is None:
                raise StepFailed("the seat window has no order outbox")
            outbox = desk.outbox
            form = desk.form
            for key, parts in DISPATCH_TEXTS:
                if form.editor.schema.has_field(key):
                    for index, text in enumerate(parts):
                        _type_text(form.controls(key)[index], text)
            dispatch_panel = desk.dispatch_panel
            await _until(lambda: bool(dispatch_panel.suggestions()), "dispatch suggestions")
            unit = dispatch_panel.suggestions()[0].unit
            dispatch_panel.choose_suggestion(1)
            if not dispatch_panel.request_disposition(DispatchDisposition.DISPATCH) or form.isEnabled():
                problems = "；".join(error.message for error in form.editor.errors())
                raise StepFailed(f"not submitted: {desk.notice} {problems}")
            key = f"order:{call_taker.job_number}:{_call_id(client)}"
            await _until(
                lambda: (entry := outbox.latest_revision(key)) is not None and entry.ack is not None,
                "the backend's acknowledgement",
            )
            entry = outbox.latest_revision(key)
            number = str(entry.ack["order_number"]) if entry is not None and entry.ack else ""
            async with httpx.AsyncClient(base_url=client.embedded.url, trust_env=False, timeout=5) as http:
                registered = (await http.get("/mock/orders")).json()["order_numbers"]
                inbox = (await http.get(f"/mock/units/{unit.id}/inbox")).json()
            received = [item["order_number"] for item in inbox]
            if registered.count(number) != 1 or received.count(number) != 1:
                raise StepFailed(
                    f"{number}: registered {registered.count(number)}×, in the unit's inbox {received.count(number)}×"
                )
            return f"{number} → {unit.name}, registered once"

        async def hold() -> str:
            panel.hold_action.trigger()
            await _until(lambda: _state(client) is SeatState.HELD, "state held")
            await _until(lambda: panel.hold_action.text() == "取回", "the resume control")
            await settled("call-control")
            return "held"

        async def resume() -> str:
            panel.hold_action.trigger()
            await _until(lambda: _state(client) is SeatState.TALKING, "state talking again")
            await settled("call-control")
            return "talking"

        async def consult() -> str:
            # The specialist answers at once, so the step takes well under a second.
            assert client.embedded is not None
            await _admin(
                client.embedded.url,
                "/mock/transfers/targets",
                {"target_id": "specialist:hrss", "mode": "answer", "delay": 0.2},
            )
            box = panel.transfer
            box.search_edit.setText("社保")
            box.search_edit.returnPressed.emit()
            await _until(lambda: _state(client) is SeatState.CONSULTING, "state consulting")
            await settled("call-control")
            await _until(box.conference_action.isEnabled, "the specialist answering")
            answered = box.status_label.text()
            box.cancel_action.trigger()
            await _until(lambda: _state(client) is SeatState.TALKING, "back with the caller")
            await settled("call-control")
            return f"{answered}; cancelled"

        async def hang_up() -> str:
            panel.hang_up_action.trigger()
            await _until(lambda: _state(client) is SeatState.WRAP_UP, "state wrap-up")
            await _until(panel.wrap_up.isVisible, "the wrap-up panel")
            await settled("call-control")
            return panel.wrap_up.time_label.text()

        async def end_wrap_up() -> str:
            session = client.session
            saved = ""
            if session.rules.wrap_up.order_required:
                # As the intake form does once the order is saved.
                call_id = session.status.call_id if session.status else None
                await session.report_order_saved(call_id or "")
                saved = "order saved, "
            await _until(panel.wrap_up.end_action.isEnabled, "end wrap-up enabled")
            panel.wrap_up.end_action.trigger()
            await _until(lambda: _state(client) is SeatState.READY, "state ready after wrap-up")
            await settled("wrap-up")
            return f"{saved}ready"

        if client.embedded is None:
            out("SKIP  call steps: a real backend places no call on demand")
            return []
        return [
            ("call-rings", rings),
            ("answer", answer),
            ("record-order", record_order),
            ("dispatch", dispatch),
            ("hold", hold),
            ("resume", resume),
            ("consult", consult),
            ("hang-up", hang_up),
            ("wrap-up", end_wrap_up),
        ]

    async def go_away() -> str:
        assert seat_client is not None
        reason = seat_client.session.selectable_reasons()[0]
        menu = seat_client.controller.state_bar.away_menu
        action = next(a for a in menu.actions() if a.objectName() == f"awayReason_{reason.code}")
        action.trigger()
        await _until(
            lambda: (
                _state(seat_client) is SeatState.AWAY
                and seat_client.session.status is not None
                and seat_client.session.status.reason_code == reason.code
            ),
            f"away ({reason.code})",
        )
        return f"away {reason.code} {reason.label_zh}"

    async def sign_out() -> str:
        assert seat_client is not None
        seat_client.controller.state_bar.sign_out_action.trigger()
        await _until(lambda: seat_client.session.sign_in_result is None, "sign-out")
        await _until(lambda: seat_client.controller.dialog.isVisible(), "the sign-in dialog again")
        return "signed out"

    async def shutdown() -> str:
        assert seat_client is not None
        await seat_client.shutdown()
        return "clean"

    try:
        for name, action in (
            ("start-backend", start_backend),
            ("sign-in", sign_in),
            ("ready", go_ready),
        ):
            await step(name, action)
        later: list[tuple[str, Callable[[], Awaitable[str]]]] = [
            *call_steps(),
            ("away", go_away),
            ("sign-out", sign_out),
            ("shutdown", shutdown),
        ]
        for later_name, later_action in later:
            await step(later_name, later_action)
    except StepFailed as exc:
        out(f"self-test FAILED at step: {exc.args[0]}")
        if seat_client is not None:
            await seat_client.shutdown()
        return 1
    out("self-test passed")
    return 0


async def _admin(base_url: str, path: str, body: object) -> None:
    """Call one of the embedded training backend's ``/mock/...`` control endpoints."""
    async with httpx.AsyncClient(base_url=base_url, trust_env=False, timeout=5) as http:
        (await http.post(path, json=body)).raise_for_status()


def _call_id(seat_client: SeatClient) -> str | None:
    status = seat_client.session.status
    return status.call_id if status else None


def _state(seat_client: SeatClient) -> SeatState | None:
    status = seat_client.session.status
    return status.state if status else None


def run_self_test(settings: Settings) -> int:
    """Run the self-test offscreen in a throw-away profile; returns the exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from seatclient.app import make_qt_application

    app = make_qt_application(settings)

    def out(line: str) -> None:
        print(line, flush=True)

    collector = GuiThreadGarbageCollector()
    collector.start()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="seatclient-selftest-") as profile,
            asyncio.Runner(loop_factory=lambda: SeatEventLoop(app)) as runner,
        ):
            code = runner.run(_run_steps(settings, Path(profile), out))
    finally:
        collector.stop()
    if sys.stdout is not None:  # a windowed Windows executable has no stdout
        sys.stdout.flush()
    return code
