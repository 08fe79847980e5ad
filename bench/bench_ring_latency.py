"""Ring latency: from the mock backend offering a call to the ringing call panel painted on screen.

The training backend runs in its own thread on loopback, as in the app; the client side is the
real chain: SSE stream → ``SeatSession`` → ``BackendPhone`` → ``CallPanel`` (shown offscreen). For
each call the time runs from the backend's ``offered_at`` stamp to the first paint of the ringing
banner (``RingBanner.painted``); both clocks are this machine's. The baseline, measured in the
same run, is the event's delivery alone (offered → the session has the ``call.offered`` event), so
the ratio shows what the Qt side adds. Then the caller hangs up and the seat is ready again.

    .venv/bin/python bench/bench_ring_latency.py           # 1,000 calls
    .venv/bin/python bench/bench_ring_latency.py --quick   # 100 calls

Target: p99 < 50 ms on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.events import StreamTuning
from seatclient.api.models import CallInfo, SeatState, SeatStatus
from seatclient.mock.embedded import EmbeddedBackend
from seatclient.mock.state import MockOptions
from seatclient.rules import RuleBook
from seatclient.session import SeatSession
from seatclient.softphone.backend import BackendPhone
from seatclient.ui.call_panel import CallPanel
from seatclient.ui.event_loop import SeatEventLoop

TARGET_P99_MS = 50.0


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def run(calls: int) -> tuple[list[float], list[float]]:
    backend = EmbeddedBackend(MockOptions(heartbeat=5.0))
    await asyncio.get_running_loop().run_in_executor(None, backend.start)
    session = SeatSession(ApiClient(make_http_client(backend.url)), RuleBook(), stream_tuning=StreamTuning())
    phone = BackendPhone(session)
    rules = session.rules
    panel = CallPanel(session.clock.now, session.wrap_up_countdown, rules.ring_period_seconds)
    panel.resize(380, 700)
    phone.call_changed.connect(panel.set_call)

    def on_status(status: SeatStatus) -> None:
        panel.set_seat(status.state, session.pending_text(), None)
        panel.set_available(session.available_requests())

    session.status_changed.connect(on_status)
    painted: dict[str, float] = {}
    delivered: dict[str, float] = {}
    offered_at: dict[str, datetime] = {}
    waiter: asyncio.Future[str] | None = None

    def on_painted(call_id: str) -> None:
        painted[call_id] = datetime.now(UTC).timestamp()
        if waiter is not None and not waiter.done():
            waiter.set_result(call_id)

    def on_call(info: CallInfo | None) -> None:
        if info is not None and info.offered_at is not None and info.call_id not in delivered:
            delivered[info.call_id] = datetime.now(UTC).timestamp()
            offered_at[info.call_id] = info.offered_at

    panel.ringing_painted.connect(on_painted)
    session.call_changed.connect(on_call)
    paint_ms: list[float] = []
    delivery_ms: list[float] = []
    try:
        await session.sign_in("1001", "demo1234", "BENCH")
        panel.show()
        await session.request_state("ready")
        async with httpx.AsyncClient(base_url=backend.url, trust_env=False) as admin:
            for _ in range(calls):
                waiter = asyncio.get_running_loop().create_future()
                reply = await admin.post("/mock/calls", json={"job_number": "1001"})
                call_id = reply.json()["call_id"]
                await asyncio.wait_for(waiter, 5)
                offered = offered_at[call_id].timestamp()
                paint_ms.append((painted[call_id] - offered) * 1000)
                delivery_ms.append((delivered[call_id] - offered) * 1000)
                (await admin.post(f"/mock/calls/{call_id}/hangup")).raise_for_status()
                deadline = time.monotonic() + 5
                while session.status is None or session.status.state is not SeatState.READY:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the seat did not come back to ready")
                    await asyncio.sleep(0.001)
    finally:
        panel.close()
        await session.sign_out()
        await session.close()
        await session._client.aclose()
        await asyncio.get_running_loop().run_in_executor(None, backend.stop)
    return paint_ms, delivery_ms


def _quiet_qt(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform's complaints about window features would drown the figures.
    if "does not support" not in message:
        print(message, file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="100 calls instead of 1,000")
    args = parser.parse_args()
    calls = 100 if args.quick else 1000
    qInstallMessageHandler(_quiet_qt)
    app = QApplication.instance() or QApplication([])
    # Only the panel is shown; hiding it must not quit the application under the running loop.
    app.setQuitOnLastWindowClosed(False)
    started = time.perf_counter()
    with asyncio.Runner(loop_factory=lambda: SeatEventLoop(app)) as runner:
        paint_ms, delivery_ms = runner.run(run(calls))
    elapsed = time.perf_counter() - started
    p50, p99 = percentile(paint_ms, 0.50), percentile(paint_ms, 0.99)
    base50, base99 = percentile(delivery_ms, 0.50), percentile(delivery_ms, 0.99)
    print(f"calls: {calls} in {elapsed:.1f} s over loopback")
    print(f"baseline (offered -> event in the session):  p50 {base50:6.2f} ms  p99 {base99:6.2f} ms")
    print(f"ring latency (offered -> panel painted):     p50 {p50:6.2f} ms  p99 {p99:6.2f} ms")
    print(f"  mean {statistics.fmean(paint_ms):.2f} ms, max {max(paint_ms):.2f} ms")
    print(f"ratio painted / delivered: p50 {p50 / base50:.2f}x  p99 {p99 / base99:.2f}x")
    print(f"target p99 < {TARGET_P99_MS:.0f} ms: {'met' if p99 < TARGET_P99_MS else 'MISSED'}")
    print(f"RESULT ring_latency p50_ms={p50:.2f} p99_ms={p99:.2f} calls={calls}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
