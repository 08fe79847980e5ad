"""Benchmark: click-to-acknowledged latency of an order, over loopback, against a real ``seatclient-mock``.

The seat client is assembled as in production (``seatclient.app.assemble``, offscreen Qt on the
qasync loop) against a ``seatclient-mock`` process (uvicorn) started by this script on 127.0.0.1,
and signed in through its dialog. For each of N orders a complete order is put in the intake form,
a handling unit is chosen in the dispatch panel, and the clock starts at the click on "派单"
(``DispatchPanel.request_disposition``): the form is validated, the payload built, the entry
stored in the outbox (an fsynced commit), sent with its idempotency key, and the clock stops when
the outbox announces the backend's acknowledgement (the entry is ``delivered``, its answer stored).

Baseline, measured in the same run on the same loop: a bare ``httpx`` POST of the same payload to
``/api/v1/orders`` with a fresh ``Idempotency-Key`` (signed in as another call-taker), from
sending to the answer. The difference is what the client adds to the network round trip.

Run: ``.venv/bin/python bench/bench_click_to_ack.py [--quick] [--orders N]``. The last line is
``RESULT click_to_ack p50_ms=... p99_ms=... baseline_p50_ms=... baseline_p99_ms=... ratio_p50=... ratio_p99=... orders=N``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import httpx  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from seatclient.api.models import API_PREFIX  # noqa: E402
from seatclient.app import SeatClient, assemble  # noqa: E402
from seatclient.config import Settings  # noqa: E402
from seatclient.credentials import CredentialStore  # noqa: E402
from seatclient.forms.calendar import load_default_calculator  # noqa: E402
from seatclient.forms.editor import OrderEditorFactory  # noqa: E402
from seatclient.outbox import EntryState, OutboxEntry  # noqa: E402
from seatclient.ui.dispatch_panel import Disposition  # noqa: E402
from seatclient.ui.event_loop import SeatEventLoop  # noqa: E402

UNIT_ID = "xihu-law-enforcement"
ORDER_VALUES: dict[str, Any] = {
    "caller_name": "赵明华",
    "caller_phone": "13800001111",
    "address": "西湖区文新街道丰潭路 300 号 5 幢 2 单元 301 室",
    "request_type": "complaint_report",
    "involved_party": "小区门口的烧烤摊",
    "occurred_location": "丰潭路 300 号小区门口",
    "event_description": "小区门口的烧烤摊每晚营业到凌晨两点，油烟很大。",
    "caller_request": "希望城管部门依法处理。",
    "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
    "matter_place": {"district": "西湖区", "street": "文新街道"},
    "time_limit_class": "quick",
}
"""A complete complaint, as a call-taker records it."""


def free_port() -> int:
    """A loopback TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_mock(log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``seatclient-mock`` on a free port; return the process and its URL once it answers."""
    port = free_port()
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "seatclient.mock.cli", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the mock backend exited: {log_path.read_text()}")
        try:
            httpx.get(f"{url}{API_PREFIX}/health", timeout=1).raise_for_status()
            return process, url
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                process.terminate()
                raise
            time.sleep(0.1)


async def _until(condition: Any, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def sign_in(client: SeatClient) -> None:
    """Sign in through the dialog, as a person does."""
    client.controller.start()
    dialog = client.controller.dialog
    dialog.job_number_edit.setText("1001")
    dialog.password_edit.setText("demo1234")
    dialog.seat_edit.setText("B01")
    dialog.remember_check.setChecked(False)
    dialog.sign_in_button.click()
    await _until(client.controller.window.isVisible, "the seat window")
    await _until(
        lambda: client.controller.order_desk is not None and client.controller.order_desk.outbox is not None,
        "the outbox",
    )


async def click_to_ack(client: SeatClient, count: int) -> tuple[list[float], dict[str, Any]]:
    """Dispatch ``count`` orders through the form; return each click-to-ack latency (ms) and one payload."""
    desk = client.controller.order_desk
    assert desk is not None and desk.outbox is not None
    outbox = desk.outbox
    schema = desk.form.editor.schema
    # The same schema object as the form's (the form shows only editors of its own schema).
    factory = OrderEditorFactory(
        schema, desk.form.editor.catalog, load_default_calculator(), clock=client.session.clock.now
    )
    loop = asyncio.get_running_loop()
    waiting: dict[str, asyncio.Future[float]] = {}

    def on_entry(entry: OutboxEntry) -> None:
        # The clock stops as the acknowledgement is announced, not when this coroutine wakes.
        future = waiting.get(entry.idempotency_key)
        if future is None or future.done():
            return
        if entry.state is EntryState.DELIVERED:
            future.set_result(time.perf_counter())
        elif entry.state in (EntryState.REJECTED, EntryState.FAILED):
            future.set_exception(RuntimeError(f"order not delivered: {entry.problem_text()}"))

    outbox.entry_changed.connect(on_entry)
    latencies: list[float] = []
    sample: dict[str, Any] = {}
    try:
        for number in range(count):
            call_id = f"bench-{uuid.uuid4().hex[:10]}"
            now = client.session.clock.now()
            values = {**ORDER_VALUES, "occurred_at": (now - timedelta(days=1)).isoformat()}
            editor = factory.new_order(call_id, "1001", now, values)
            desk.form.set_editor(editor)
            desk.form.setEnabled(True)
            if not desk.dispatch_panel.choose_unit(UNIT_ID):
                raise RuntimeError(f"the unit directory has no {UNIT_ID}")
            key = f"order:1001:{call_id}"
            waiting[key] = loop.create_future()
            started = time.perf_counter()
            if not desk.dispatch_panel.request_disposition(Disposition.DISPATCH):
                raise RuntimeError("the dispatch button is not available")
            try:
                acknowledged = await asyncio.wait_for(waiting[key], 10)
            except TimeoutError:
                problems = [(error.field_key, error.message) for error in desk.form.editor.errors()]
                states = [(entry.state.value, entry.problem_text()) for entry in outbox.entries()][-3:]
                raise RuntimeError(f"no acknowledgement: {desk.notice} {problems} {states}") from None
            del waiting[key]
            latencies.append((acknowledged - started) * 1000)
            if number == 0:
                entry = outbox.latest_revision(key)
                assert entry is not None
                sample = dict(entry.payload)
    finally:
        outbox.entry_changed.disconnect(on_entry)
    return latencies, sample


async def bare_posts(base_url: str, payload: dict[str, Any], count: int) -> list[float]:
    """POST the same payload ``count`` times with fresh keys over one kept-alive connection; ms each."""
    async with httpx.AsyncClient(base_url=base_url, trust_env=False, timeout=10) as http:
        signed = await http.post(
            f"{API_PREFIX}/session",
            json={"job_number": "1002", "password": "demo1234", "seat_id": "B02", "client_version": "bench"},
        )
        signed.raise_for_status()
        headers = {"Authorization": f"Bearer {signed.json()['access_token']}"}
        latencies: list[float] = []
        for _ in range(count):
            body = {**payload, "call_id": f"bench-{uuid.uuid4().hex[:10]}", "job_number": "1002"}
            started = time.perf_counter()
            response = await http.post(
                f"{API_PREFIX}/orders", json=body, headers={**headers, "Idempotency-Key": str(uuid.uuid4())}
            )
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status_code != 201:
                raise RuntimeError(f"the baseline order was refused: {response.status_code} {response.text}")
    return latencies


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (0-1) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


async def run(count: int, warmup: int, profile: Path, url: str) -> dict[str, float]:
    """Measure both series on the running loop."""
    errors: list[BaseException] = []
    client = await assemble(
        Settings(backend_url=url), profile, lambda: None, errors.append, credentials=CredentialStore()
    )
    try:
        await sign_in(client)
        await click_to_ack(client, warmup)
        latencies, sample = await click_to_ack(client, count)
        await bare_posts(url, sample, warmup)
        baseline = await bare_posts(url, sample, count)
    finally:
        await client.shutdown()
        client.controller.window.allow_close()
        client.controller.window.close()
    if errors:
        raise RuntimeError(f"background work failed: {errors[0]!r}")
    return {
        "p50": statistics.median(latencies),
        "p99": percentile(latencies, 0.99),
        "mean": statistics.fmean(latencies),
        "baseline_p50": statistics.median(baseline),
        "baseline_p99": percentile(baseline, 0.99),
        "baseline_mean": statistics.fmean(baseline),
    }


def main() -> int:
    """Run the benchmark and print its figures; the last line is the RESULT line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 orders instead of 200 (a short run)")
    parser.add_argument("--orders", type=int, default=None, help="how many orders to time")
    arguments = parser.parse_args()
    count = arguments.orders or (20 if arguments.quick else 200)
    warmup = 3 if arguments.quick else 10
    logging.basicConfig(level=logging.ERROR)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-click-to-ack-") as folder:
        profile = Path(folder)
        process, url = start_mock(profile / "mock.log")
        try:
            with asyncio.Runner(loop_factory=lambda: SeatEventLoop(app)) as runner:
                figures = runner.run(run(count, warmup, profile / "profile", url))
        finally:
            process.terminate()
            process.wait(10)
    print(f"orders timed: {count} (after {warmup} warm-up), {datetime.now():%Y-%m-%d %H:%M}")
    print(
        f"click → acknowledged: p50 {figures['p50']:.2f} ms, p99 {figures['p99']:.2f} ms, "
        f"mean {figures['mean']:.2f} ms"
    )
    print(
        f"bare httpx POST:      p50 {figures['baseline_p50']:.2f} ms, p99 {figures['baseline_p99']:.2f} ms, "
        f"mean {figures['baseline_mean']:.2f} ms"
    )
    ratio_p50 = figures["p50"] / figures["baseline_p50"]
    ratio_p99 = figures["p99"] / figures["baseline_p99"]
    print(f"client overhead: ×{ratio_p50:.2f} at p50, ×{ratio_p99:.2f} at p99")
    print(
        f"RESULT click_to_ack p50_ms={figures['p50']:.2f} p99_ms={figures['p99']:.2f} "
        f"baseline_p50_ms={figures['baseline_p50']:.2f} baseline_p99_ms={figures['baseline_p99']:.2f} "
        f"ratio_p50={ratio_p50:.2f} ratio_p99={ratio_p99:.2f} orders={count}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
