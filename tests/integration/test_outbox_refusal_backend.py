"""A refused order and a busy backend over real HTTP: field errors back to the form's keys, Retry-After honoured."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.mockproc import MockServer, start_mock

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.orders import ORDER_CREATE, ApiOrderSender
from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import load_default
from seatclient.outbox import EntryState, Outbox, OutboxStore, RetryPolicy, map_field_errors

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    server = start_mock(["--heartbeat", "0.5"], tmp_path_factory.mktemp("refusals"))
    yield server
    server.stop()


def payload(phone: str = "13800002222", unit_id: str = "xihu-law-enforcement") -> dict[str, Any]:
    schema = load_default()
    values = {
        "caller_name": "钱丽",
        "caller_phone": phone,
        "address": "西湖区北山街道曙光路 12 号",
        "request_type": "complaint_report",
        "involved_party": "楼顶加建的住户",
        "occurred_at": "2026-11-20T09:00:00+08:00",
        "occurred_location": "曙光路 12 号楼顶",
        "event_description": "邻居在楼顶违章搭建阳光房。",
        "caller_request": "请依法拆除。",
        "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
        "matter_place": {"district": "西湖区", "street": "北山街道"},
        "time_limit_class": "general",
    }
    draft = OrderDraft.start(schema, f"call-{uuid.uuid4().hex[:8]}", "1001", values)
    body = draft.to_payload(schema)
    body.update({"disposition": "dispatch", "unit_id": unit_id})
    return body


def order_numbers(server: MockServer) -> list[str]:
    return list(httpx.get(f"{server.url}/mock/orders", timeout=5).json()["order_numbers"])


@asynccontextmanager
async def outbox_of(server: MockServer, tmp_path: Path) -> AsyncIterator[Outbox]:
    client = ApiClient(make_http_client(server.url))
    await client.sign_in("1001", "demo1234", f"R{uuid.uuid4().hex[:6]}")
    with OutboxStore(tmp_path / "outbox.sqlite3") as store:
        outbox = Outbox(
            store, ApiOrderSender(client), "1001", policy=RetryPolicy(base_delay=0.05, max_delay=0.2)
        )
        runner = asyncio.create_task(outbox.run())
        try:
            yield outbox
        finally:
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
            await client.aclose()


@pytest.mark.asyncio
async def test_a_422_comes_back_per_form_field_and_the_correction_is_registered_once(
    backend: MockServer, tmp_path: Path
) -> None:
    before = order_numbers(backend)
    backend.admin(
        "/mock/failures",
        {
            "path_prefix": "/api/v1/orders",
            "status": 422,
            "fields": {"fields.caller_phone": "号码不存在", "caller.name": "姓名与身份证不符"},
        },
    )
    async with outbox_of(backend, tmp_path) as outbox:
        body = payload()
        base = f"order:1001:{body['call_id']}"
        first = outbox.enqueue_revision(ORDER_CREATE, body, base)
        await asyncio.wait_for(outbox.drained(), 10)
        refused = outbox.get(first.id)
        assert refused is not None and refused.state is EntryState.REJECTED
        assert (refused.error_status, refused.error_message) == (422, "工单内容不完整或有误")
        errors = map_field_errors(refused.field_errors, load_default().keys)
        assert dict(errors.by_field) == {"caller_phone": "号码不存在", "caller_name": "姓名与身份证不符"}
        assert dict(errors.outside) == {}
        assert order_numbers(backend) == before

        # The backend's own check: an unknown unit is refused with a problem outside the form.
        wrong_unit = payload(unit_id="no-such-unit")
        wrong = outbox.enqueue_revision(ORDER_CREATE, wrong_unit, f"order:1001:{wrong_unit['call_id']}")
        await asyncio.wait_for(outbox.drained(), 10)
        refused_unit = outbox.get(wrong.id)
        assert refused_unit is not None and refused_unit.state is EntryState.REJECTED
        unit_errors = map_field_errors(refused_unit.field_errors, load_default().keys)
        assert dict(unit_errors.by_field) == {}
        assert dict(unit_errors.outside) == {"unit_id": "没有编号为 no-such-unit 的承办单位"}

        corrected = dict(body)
        corrected["fields"] = {**body["fields"], "caller_phone": "+8613800003333"}
        second = outbox.enqueue_revision(ORDER_CREATE, corrected, base)
        assert second.idempotency_key == f"{base}#r2"
        await asyncio.wait_for(outbox.drained(), 10)
        delivered = outbox.get(second.id)
        assert delivered is not None and delivered.state is EntryState.DELIVERED
        assert delivered.ack is not None
        number = str(delivered.ack["order_number"])
        assert order_numbers(backend) == sorted([*before, number])
        assert outbox.status().rejected == 1  # the unknown unit; the corrected one is dealt with


@pytest.mark.asyncio
async def test_a_503_with_retry_after_is_not_retried_before_the_backend_asked(
    backend: MockServer, tmp_path: Path
) -> None:
    before = order_numbers(backend)
    backend.admin(
        "/mock/failures", {"path_prefix": "/api/v1/orders", "status": 503, "count": 1, "retry_after": 1}
    )
    async with outbox_of(backend, tmp_path) as outbox:
        attempts: list[float] = []
        outbox.entry_changed.connect(
            lambda entry: attempts.append(time.monotonic()) if entry.state is EntryState.SENDING else None
        )
        entry = outbox.enqueue(ORDER_CREATE, payload())
        await asyncio.wait_for(outbox.drained(), 10)
        delivered = outbox.get(entry.id)
        assert delivered is not None and delivered.state is EntryState.DELIVERED and delivered.attempts == 2
    # The policy alone would have retried after at most 0.05 s; the backend asked for 1 s.
    assert attempts[1] - attempts[0] >= 1.0
    assert len(order_numbers(backend)) == len(before) + 1
