"""Over real HTTP: nothing listening (connection refused), then the backend comes up and the outbox is woken."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from outbox_testkit import OWNER, HttpOrderSender, OrderDesk, ServerThread, free_port, order_app, payload_for

from seatclient.outbox import EntryState, Outbox, OutboxStore, RetryPolicy


@pytest.mark.asyncio
async def test_orders_wait_out_a_dead_backend_and_arrive_once_when_it_returns(tmp_path: Path) -> None:
    port = free_port()
    desk = OrderDesk(reject=lambda payload: {"caller_phone": "号码无效"} if payload["seq"] == 3 else None)
    sender = HttpOrderSender(f"http://127.0.0.1:{port}")
    with OutboxStore(tmp_path / "outbox.sqlite3") as store:
        outbox = Outbox(store, sender, OWNER, policy=RetryPolicy(base_delay=0.02, max_delay=5.0))
        entries = [outbox.enqueue("order.create", payload_for(n)) for n in range(5)]
        task = asyncio.create_task(outbox.run())
        server: ServerThread | None = None
        try:
            while outbox.entries()[0].attempts < 3:
                assert not task.done()
                await asyncio.sleep(0.01)
            head = outbox.entries()[0]
            assert head.state.pending and head.error_kind == "unreachable"
            assert outbox.status().pending == 5

            server = ServerThread(order_app(desk), port=port).start()
            outbox.wake()  # the connection is back
            await asyncio.wait_for(outbox.drained(), 10)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await sender.aclose()
            if server is not None:
                server.stop()
        stored = outbox.entries()

    keys = [entry.idempotency_key for entry in entries]
    assert desk.effects == [key for n, key in enumerate(keys) if n != 3]
    assert desk.received == keys  # while down nothing arrived; then each once
    assert [entry.state for entry in stored] == [EntryState.DELIVERED] * 3 + [
        EntryState.REJECTED,
        EntryState.DELIVERED,
    ]
    assert dict(stored[3].field_errors) == {"caller_phone": "号码无效"}
    assert stored[3].error_status == 422
