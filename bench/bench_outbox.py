"""Benchmark: the outbox flushing 1,000 orders after an outage, and what fsync on every enqueue costs.

Two figures, each against a baseline measured in the same run:

- ``flush``: 1,000 orders are enqueued while the backend is down (nothing listens on its port); the
  outbox fails a few times and backs off; then a small idempotent order server (Starlette on uvicorn,
  started by this script as a local process on 127.0.0.1) comes up, the outbox is woken, and the time
  until every order is delivered is measured. Each delivery is two fsynced commits (``sending``, then ``delivered``) plus one HTTP
  request. The baseline is the same flush with ``synchronous=NORMAL``. The server counts what it
  created: exactly 1,000 orders, each key once, or the run fails.
- ``enqueue``: latency of ``Outbox.enqueue`` (one fsynced insert) with ``synchronous=FULL``, the
  product's setting, against ``synchronous=NORMAL`` (no fsync per commit in WAL mode), as p50/p99.

Run: ``.venv/bin/python bench/bench_outbox.py [--quick] [--dir DIR]``. The database lives in DIR
(default: a temporary folder under /var/tmp, on disk rather than tmpfs, so fsync is real). The last
line is ``RESULT outbox flush_1000_s=... enqueue_p50_ms=... enqueue_p99_ms=... ...``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from seatclient.api.errors import classify_response, classify_transport_error  # noqa: E402
from seatclient.outbox import EntryState, Outbox, OutboxStore, RetryPolicy  # noqa: E402

OWNER = "8001"
ORDER_PATH = "/api/v1/orders"
STATS_PATH = "/bench/stats"


def order_app() -> Starlette:
    """The idempotent order endpoint: the first request with a key creates an order, a repeat gets its answer."""
    replies: dict[str, dict[str, Any]] = {}
    figures = {"created": 0, "requests": 0}

    async def create(request: Request) -> JSONResponse:
        key = request.headers.get("Idempotency-Key", "")
        if not key:
            return JSONResponse({"code": "key_required", "message": "缺少 Idempotency-Key"}, status_code=400)
        await request.json()
        # One event loop, no await between the look-up and the store: a key acts at most once.
        figures["requests"] += 1
        reply = replies.get(key)
        if reply is None:
            figures["created"] += 1
            reply = {"order_number": f"HZ{figures['created']:06d}"}
            replies[key] = reply
        return JSONResponse(reply, status_code=201)

    async def stats(request: Request) -> JSONResponse:
        return JSONResponse({**figures, "keys": len(replies)})

    return Starlette(
        routes=[Route(ORDER_PATH, create, methods=["POST"]), Route(STATS_PATH, stats, methods=["GET"])]
    )


def serve(port: int) -> None:
    """Serve ``order_app`` on 127.0.0.1:``port`` until terminated (the server process)."""
    uvicorn.run(order_app(), host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none")


class OrderServer:
    """The order server as a separate local process, as the real backend is another machine.

    A server thread inside the benchmark's process would share its GIL: every request would then
    wait on Python's thread switch interval, and the figure would measure that rather than the outbox.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the process; returns once the port accepts connections."""
        self._process = subprocess.Popen([sys.executable, __file__, "--serve", str(self.port)])
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the order server did not start") from None
                time.sleep(0.02)

    def figures(self) -> dict[str, int]:
        """Orders created, requests received, distinct keys seen."""
        answer: dict[str, int] = httpx.get(f"{self.url}{STATS_PATH}", timeout=5, trust_env=False).json()
        return answer

    def stop(self) -> None:
        """Stop the process."""
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)


class HttpSender:
    """The outbox's ``OrderSender`` over httpx, failures classified as the real client does."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(5.0), trust_env=False)

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        """POST one order with its key."""
        try:
            response = await self._http.post(
                ORDER_PATH, json={"kind": kind, **payload}, headers={"Idempotency-Key": idempotency_key}
            )
        except httpx.TransportError as exc:
            raise classify_transport_error(exc) from exc
        if response.status_code >= 400:
            raise classify_response(response)
        answer: dict[str, Any] = response.json()
        return answer

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()


def order_payload(seq: int) -> dict[str, Any]:
    """A realistic order: about 600 bytes of JSON, Chinese text, a phone number."""
    return {
        "form": "hz-12345-intake",
        "form_version": 3,
        "call_id": f"call-{seq}",
        "job_number": OWNER,
        "fields": {
            "caller_name": f"王{seq}",
            "caller_phone": f"+86138{seq:08d}",
            "request_type": "complaint",
            "topic": ["城乡建设", "城市建设和管理"],
            "district": "西湖区",
            "street": "北山街道",
            "event_description": f"第 {seq} 件：邻居在楼顶违章搭建阳光房，已持续两周，影响采光，请尽快处理。",
        },
        "confidential": seq % 5 == 0,
        "disposition": "dispatch",
        "unit_id": "xihu-law-enforcement",
    }


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(samples: list[float], share: float) -> float:
    """The ``share`` quantile (0-1) of ``samples``, nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def time_enqueues(folder: Path, synchronous: str, count: int) -> list[float]:
    """Milliseconds per ``enqueue`` into a fresh store."""
    path = folder / f"enqueue-{synchronous.lower()}.sqlite3"
    with OutboxStore(path, synchronous=synchronous) as store:
        outbox = Outbox(store, HttpSender("http://127.0.0.1:9"), OWNER)
        samples: list[float] = []
        for seq in range(count):
            payload = order_payload(seq)
            started = time.perf_counter()
            outbox.enqueue("order.create", payload)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


async def flush_after_outage(folder: Path, synchronous: str, count: int) -> tuple[float, int]:
    """Enqueue ``count`` orders with the backend down, bring it up, wake; seconds until all are delivered.

    Returns the seconds and the number of requests the server received.
    """
    port = free_port()
    sender = HttpSender(f"http://127.0.0.1:{port}")
    server = OrderServer(port)
    path = folder / f"flush-{synchronous.lower()}-{count}.sqlite3"
    try:
        with OutboxStore(path, synchronous=synchronous) as store:
            outbox = Outbox(store, sender, OWNER, policy=RetryPolicy(base_delay=0.05, max_delay=1.0))
            first = outbox.enqueue("order.create", order_payload(0), lane="call-0")
            for seq in range(1, count):
                outbox.enqueue("order.create", order_payload(seq), lane=f"call-{seq}")
            task = asyncio.create_task(outbox.run())
            try:
                while (outbox.get(first.id) or first).attempts < 3:  # the outage: a few refused probes
                    await asyncio.sleep(0.01)
                server.start()
                started = time.perf_counter()
                outbox.wake()
                await asyncio.wait_for(outbox.drained(), 600)
                elapsed = time.perf_counter() - started
            finally:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
                await sender.aclose()
            delivered = outbox.entries((EntryState.DELIVERED,))
        figures = server.figures()
    finally:
        server.stop()
    if len(delivered) != count or figures["created"] != count or figures["keys"] != count:
        raise SystemExit(f"delivery broken: {len(delivered)} delivered, {figures} for {count} orders")
    return elapsed, figures["requests"]


def main() -> None:
    """Run the benchmark and print its figures; the last line is the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer orders and enqueues (a short run)")
    parser.add_argument("--dir", type=Path, default=None, help="where the databases go (default: /var/tmp)")
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve is not None:
        serve(arguments.serve)
        return
    # The outage's retry warnings are expected here; keep the output to the figures.
    logging.basicConfig(level=logging.ERROR)
    orders = 200 if arguments.quick else 1000
    enqueues = 200 if arguments.quick else 1000
    base = arguments.dir or (Path("/var/tmp") if Path("/var/tmp").is_dir() else None)

    with tempfile.TemporaryDirectory(prefix="bench-outbox-", dir=base) as temporary:
        folder = Path(temporary)
        warm = folder / "warm"
        warm.mkdir()
        time_enqueues(warm, "FULL", 20)

        full = time_enqueues(folder, "FULL", enqueues)
        normal = time_enqueues(folder, "NORMAL", enqueues)
        flush_full, requests_full = asyncio.run(flush_after_outage(folder, "FULL", orders))
        flush_normal, _ = asyncio.run(flush_after_outage(folder, "NORMAL", orders))

    p50_full, p99_full = statistics.median(full), percentile(full, 0.99)
    p50_normal, p99_normal = statistics.median(normal), percentile(normal, 0.99)
    print(f"folder: {base or tempfile.gettempdir()} (databases deleted afterwards)")
    print(f"enqueue x{enqueues}, synchronous=FULL:   p50 {p50_full:.3f} ms  p99 {p99_full:.3f} ms")
    print(f"enqueue x{enqueues}, synchronous=NORMAL: p50 {p50_normal:.3f} ms  p99 {p99_normal:.3f} ms")
    print(f"  FULL/NORMAL: p50 x{p50_full / p50_normal:.1f}, p99 x{p99_full / p99_normal:.1f}")
    print(
        f"flush {orders} orders after an outage, FULL:   {flush_full:.2f} s "
        f"({flush_full / orders * 1000:.2f} ms per order, {requests_full} requests)"
    )
    print(f"flush {orders} orders after an outage, NORMAL: {flush_normal:.2f} s")
    print(f"  FULL/NORMAL flush: x{flush_full / flush_normal:.2f}")
    flush_1000 = flush_full * 1000 / orders
    print(
        f"RESULT outbox flush_1000_s={flush_1000:.2f} enqueue_p50_ms={p50_full:.3f} "
        f"enqueue_p99_ms={p99_full:.3f} enqueue_p50_normal_ms={p50_normal:.3f} "
        f"enqueue_p99_normal_ms={p99_normal:.3f} fsync_ratio_p50={p50_full / p50_normal:.1f} "
        f"flush_1000_normal_s={flush_normal * 1000 / orders:.2f} orders={orders}"
    )


if __name__ == "__main__":
    main()
