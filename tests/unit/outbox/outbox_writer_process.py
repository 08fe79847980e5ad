"""Helper for the crash tests: a seat client that enqueues orders (and sends them) until it is killed.

Run as one of:

- ``python outbox_writer_process.py DB OWNER enqueue``: enqueue orders in a loop, never sending;
  after each ``enqueue`` has returned, print ``<id> <idempotency key>`` (flushed);
- ``python outbox_writer_process.py DB OWNER send URL COUNT``: enqueue COUNT orders, printing each
  as above, print ``enqueued``, then deliver them to the test server at URL until killed.

A printed line therefore means "committed to disk": every printed entry must be there after the
process is killed.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from outbox_testkit import HttpOrderSender, payload_for

from seatclient.outbox import Outbox, OutboxStore, RetryPolicy

TIME_LIMIT_SECONDS = 60.0


class NoSending:
    """A sender for the enqueue-only mode: the outbox is never run there, so a call is a bug."""

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        """Refuse loudly."""
        raise AssertionError("the enqueue-only writer must not send")


def enqueue_forever(store: OutboxStore, owner: str) -> None:
    """Enqueue orders until killed (or the time limit, so a broken test never leaves it running)."""
    outbox = Outbox(store, NoSending(), owner)
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    print("ready", flush=True)
    seq = 0
    while time.monotonic() < deadline:
        seq += 1
        entry = outbox.enqueue(
            "order.create", payload_for(seq, call=f"call-{seq % 4}"), lane=f"call-{seq % 4}"
        )
        print(f"{entry.id} {entry.idempotency_key}", flush=True)


async def enqueue_and_send(store: OutboxStore, owner: str, url: str, count: int) -> None:
    """Enqueue ``count`` orders, then deliver them until killed."""
    sender = HttpOrderSender(url)
    outbox = Outbox(store, sender, owner, policy=RetryPolicy(base_delay=0.05, max_delay=0.5))
    for seq in range(1, count + 1):
        entry = outbox.enqueue("order.create", payload_for(seq))
        print(f"{entry.id} {entry.idempotency_key}", flush=True)
    print("enqueued", flush=True)
    try:
        await asyncio.wait_for(outbox.run(), TIME_LIMIT_SECONDS)
    finally:
        await sender.aclose()


def main(argv: list[str]) -> int:
    """Run the mode named on the command line."""
    database, owner, mode = Path(argv[1]), argv[2], argv[3]
    with OutboxStore(database) as store:
        if mode == "enqueue":
            enqueue_forever(store, owner)
        elif mode == "send":
            asyncio.run(enqueue_and_send(store, owner, argv[4], int(argv[5])))
        else:
            raise SystemExit(f"unknown mode {mode!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
