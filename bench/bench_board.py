"""Benchmark: the team leader's board under a busy hall's event stream, on the Qt event loop.

1,000 seats; 200 seat state events a second (the full record, parsed as it arrives from the backend)
and new figures every 2 s, applied through ``FloorState`` → ``SeatBoardModel`` → a visible
``SeatBoardWidget`` (offscreen), with its once-a-second alert evaluation and repaint running as in
production. Measured:

- event loop lag: a timer re-armed every 10 ms records how late it fires; p99 against the 16 ms
  (one frame) target;
- CPU share of the process: ``time.process_time`` over wall time;
- rows touched per event: rows in ``dataChanged`` + inserted + removed, divided by events.

The baseline is the same board with no events, measured first in the same run; the load is reported
as a ratio of it.

Usage: ``.venv/bin/python bench/bench_board.py [--quick] [--seats N] [--rate EVENTS_PER_S] [--seconds S]``
(``--quick``: 10 s of load instead of 60).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication

from seatclient.floor import (
    AlertBook,
    FloorArea,
    FloorPlan,
    FloorState,
    figures_to_payload,
    load_default_alert_rules,
    seat_to_payload,
)
from seatclient.floor.synthetic import (
    next_seat_record,
    seat_ids_for,
    synthetic_figures,
    synthetic_floor,
)
from seatclient.rules import RuleBook
from seatclient.seat.states import ReasonCode, SeatState
from seatclient.ui.seat_board import SeatBoardWidget
from seatclient.ui.seat_board_model import SeatBoardModel

HALL_TIME = timezone(timedelta(hours=8))
PROBE_INTERVAL_MS = 10
FRAME_TARGET_MS = 16.0
DELIVERY_INTERVAL_MS = 20
"""Events arrive in small bursts, as server-sent events read from a socket do."""
FIGURES_INTERVAL_MS = 2000


def hall_plan(seat_ids: list[str], per_area: int = 40, per_row: int = 8) -> FloorPlan:
    """A plan of areas of ``per_area`` seats in rows of ``per_row``, like the shipped one, scaled up."""
    areas = []
    for start in range(0, len(seat_ids), per_area):
        area_seats = seat_ids[start : start + per_area]
        rows = tuple(tuple(area_seats[i : i + per_row]) for i in range(0, len(area_seats), per_row))
        number = start // per_area + 1
        areas.append(FloorArea(f"area_{number}", f"{number} 区", f"Area {number}", rows))
    return FloorPlan(areas)


class ServerClock:
    """Server time that advances with the wall clock from a fixed start."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._origin = time.perf_counter()

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=time.perf_counter() - self._origin)


@dataclass
class LagProbe:
    """A single-shot timer re-armed on every firing; records how late each firing was, in ms."""

    samples: list[float] = field(default_factory=list)
    timer: QTimer = field(default_factory=QTimer)
    _armed_at: float = 0.0
    _recording: bool = False

    def start(self) -> None:
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._fired)
        self._arm()

    def record(self, on: bool) -> None:
        self._recording = on
        if on:
            self.samples.clear()

    def _arm(self) -> None:
        self._armed_at = time.perf_counter()
        self.timer.start(PROBE_INTERVAL_MS)

    def _fired(self) -> None:
        late = (time.perf_counter() - self._armed_at) * 1000 - PROBE_INTERVAL_MS
        if self._recording:
            self.samples.append(max(0.0, late))
        self._arm()


@dataclass
class RowCounter:
    """Counts the rows the model reports touched."""

    rows: int = 0
    emissions: int = 0

    def connect(self, model: SeatBoardModel) -> None:
        model.dataChanged.connect(self._changed)
        model.rowsInserted.connect(self._inserted_or_removed)
        model.rowsRemoved.connect(self._inserted_or_removed)

    def _changed(self, top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        self.rows += bottom.row() - top.row() + 1
        self.emissions += 1

    def _inserted_or_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.rows += last - first + 1
        self.emissions += 1


class EventSource:
    """Feeds ``rate`` seat events a second into the floor, in bursts every ``DELIVERY_INTERVAL_MS``."""

    def __init__(self, floor: FloorState, clock: Callable[[], datetime], rate: float, seed: int = 7) -> None:
        self._floor = floor
        self._clock = clock
        self._rate = rate
        self._rng = random.Random(seed)
        self._movable = [seat.seat_id for seat in floor.seats() if seat.state is not SeatState.SIGNED_OUT]
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(DELIVERY_INTERVAL_MS)
        self._timer.timeout.connect(self._deliver)
        self._figures_timer = QTimer()
        self._figures_timer.setInterval(FIGURES_INTERVAL_MS)
        self._figures_timer.timeout.connect(self._deliver_figures)
        self._started = 0.0
        self.sent = 0
        self.apply_seconds = 0.0
        self.generate_seconds = 0.0

    def start(self) -> None:
        self._started = time.perf_counter()
        self.sent = 0
        self.apply_seconds = 0.0
        self.generate_seconds = 0.0
        self._timer.start()
        self._figures_timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._figures_timer.stop()

    def _deliver(self) -> None:
        due = int((time.perf_counter() - self._started) * self._rate) - self.sent
        if due <= 0:
            return
        # The backend's side: the next record of random seats, as the JSON objects an event carries.
        began = time.perf_counter()
        now = self._clock()
        payloads = []
        for seat_id in self._rng.choices(self._movable, k=due):
            seat = self._floor.seat(seat_id)
            assert seat is not None
            payloads.append({"seat": seat_to_payload(next_seat_record(seat, now, self._rng))})
        applying = time.perf_counter()
        self.generate_seconds += applying - began
        # The client's side, measured: parse, floor state, model, proxies, views, alerts.
        for payload in payloads:
            self._floor.apply_event("floor.seat", payload)
        self.apply_seconds += time.perf_counter() - applying
        self.sent += due

    def _deliver_figures(self) -> None:
        now = self._clock()
        figures = synthetic_figures(now, self._floor.seats(), seed=self.sent)
        self._floor.apply_event("floor.figures", {"figures": figures_to_payload(figures)})


def run_for(app: QApplication, seconds: float) -> None:
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()


@dataclass
class Phase:
    lag_p50_ms: float
    lag_p99_ms: float
    lag_max_ms: float
    cpu_share: float
    samples: int


def measure(app: QApplication, probe: LagProbe, seconds: float) -> Phase:
    probe.record(True)
    wall, cpu = time.perf_counter(), time.process_time()
    run_for(app, seconds)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    probe.record(False)
    samples = sorted(probe.samples)
    if not samples:
        raise SystemExit("the lag probe never fired: the event loop did not run")
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return Phase(statistics.median(samples), p99, samples[-1], cpu / wall, len(samples))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s of load instead of 60")
    parser.add_argument("--seats", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=200.0, help="seat events per second")
    parser.add_argument("--seconds", type=float, default=None, help="seconds of load (default 60, quick 10)")
    args = parser.parse_args(argv)
    load_seconds = args.seconds if args.seconds is not None else (10.0 if args.quick else 60.0)
    baseline_seconds = 3.0 if args.quick else 10.0

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    start = datetime(2026, 3, 2, 10, 0, 0, tzinfo=HALL_TIME)
    clock = ServerClock(start)
    ids = seat_ids_for(args.seats)
    reasons = {entry["code"]: ReasonCode(**entry) for entry in RuleBook().get("seat_rules").data["reasons"]}
    floor = FloorState(hall_plan(ids))
    seats = synthetic_floor(args.seats, start, seat_ids=ids)
    built = time.perf_counter()
    floor.apply_event(
        "floor.snapshot",
        {
            "seats": [seat_to_payload(seat) for seat in seats],
            "figures": figures_to_payload(synthetic_figures(start, seats)),
        },
    )
    snapshot_ms = (time.perf_counter() - built) * 1000
    model = SeatBoardModel(floor, AlertBook(load_default_alert_rules(), reasons), reasons, clock)
    board = SeatBoardWidget(model)
    board.resize(1600, 1000)
    board.show()
    app.processEvents()
    counter = RowCounter()
    counter.connect(model)
    probe = LagProbe()
    probe.start()
    source = EventSource(floor, clock, args.rate)

    print(f"board benchmark: {args.seats} seats, {args.rate:g} seat events/s, offscreen, tile view visible")
    print(f"snapshot of {args.seats} seats parsed and applied in {snapshot_ms:.1f} ms")
    run_for(app, 0.5)  # let the first layout and paint settle
    baseline = measure(app, probe, baseline_seconds)
    print(
        f"baseline (no events, {baseline_seconds:g} s): lag p50 {baseline.lag_p50_ms:.2f} ms, "
        f"p99 {baseline.lag_p99_ms:.2f} ms, max {baseline.lag_max_ms:.2f} ms, CPU {baseline.cpu_share:.1%}"
    )

    counter.rows = counter.emissions = 0
    source.start()
    load = measure(app, probe, load_seconds)
    source.stop()
    events = max(1, source.sent)
    rows_per_event = counter.rows / events
    print(
        f"load ({load_seconds:g} s, {source.sent} events = {source.sent / load_seconds:.0f}/s): "
        f"lag p50 {load.lag_p50_ms:.2f} ms, p99 {load.lag_p99_ms:.2f} ms, max {load.lag_max_ms:.2f} ms, "
        f"CPU {load.cpu_share:.1%}"
    )
    print(
        f"applying events: {source.apply_seconds / events * 1e6:.0f} µs per event "
        f"(parse + FloorState + model + proxies + alerts for the seat; generating them, the backend's part "
        f"in this process: {source.generate_seconds / events * 1e6:.0f} µs); "
        f"rows touched {counter.rows} in {counter.emissions} signals = {rows_per_event:.2f} per event"
    )
    print(
        f"ratio to baseline: lag p99 ×{load.lag_p99_ms / max(baseline.lag_p99_ms, 0.01):.1f}, "
        f"CPU ×{load.cpu_share / max(baseline.cpu_share, 0.001):.1f}; "
        f"target lag p99 ≤ {FRAME_TARGET_MS:g} ms: {'met' if load.lag_p99_ms <= FRAME_TARGET_MS else 'MISSED'}"
    )
    model.detach()
    print(
        f"RESULT board lag_p99_ms={load.lag_p99_ms:.2f} cpu_share={load.cpu_share:.3f} "
        f"rows_per_event={rows_per_event:.2f} baseline_lag_p99_ms={baseline.lag_p99_ms:.2f} "
        f"baseline_cpu_share={baseline.cpu_share:.3f} events={source.sent}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
