"""Orders over real HTTP: creation, idempotency, field errors, confidentiality, the outbox and repeat callers."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.mockproc import MockServer, start_mock

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import OrderStatus
from seatclient.api.orders import ORDER_CREATE, ApiOrderSender
from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import load_default
from seatclient.outbox import EntryState, Outbox, OutboxStore, RetryPolicy

SEEDED_CALLER_PHONE = "13957100421"
"""王建国, the first caller of resources/rules/training_callers.json."""


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    server = start_mock(["--heartbeat", "0.5"], tmp_path_factory.mktemp("orders"))
    yield server
    server.stop()


@asynccontextmanager
async def signed_in(server: MockServer, job_number: str = "1001") -> AsyncIterator[ApiClient]:
    client = ApiClient(make_http_client(server.url))
    try:
        await client.sign_in(job_number, "demo1234", f"O{job_number}")
        yield client
    finally:
        await client.aclose()


def order_count(server: MockServer) -> int:
    return int(httpx.get(f"{server.url}/mock/orders", timeout=5).json()["count"])


def payload(
    *,
    confidential: bool = False,
    phone: str = "13800001111",
    disposition: str = "dispatch",
    unit_id: str | None = "xihu-law-enforcement",
    **changes: Any,
) -> dict[str, Any]:
    schema = load_default()
    values = {
        "caller_name": "赵明华",
        "caller_phone": phone,
        "address": "西湖区文新街道丰潭路 300 号 5 幢 2 单元 301 室",
        "request_type": "complaint_report",
        "confidential": confidential,
        "involved_party": "小区门口的烧烤摊",
        "occurred_at": "2026-11-20T22:30:00+08:00",
        "occurred_location": "丰潭路 300 号小区门口",
        "event_description": "小区门口的烧烤摊每晚营业到凌晨两点，油烟很大。",
        "caller_request": "希望城管部门依法处理。",
        "business_topic": {"class": "城乡建设", "item": "市容环卫"},
        "matter_place": {"district": "西湖区", "street": "文新街道"},
        "time_limit_class": "quick",
    }
    draft = OrderDraft.start(schema, f"call-{uuid.uuid4().hex[:8]}", "1001", values)
    body = draft.to_payload(schema)
    body.update({"disposition": disposition, "unit_id": unit_id, **changes})
    return body


@pytest.mark.asyncio
async def test_an_order_is_registered_once_however_often_its_key_is_sent(backend: MockServer) -> None:
    async with signed_in(backend) as client:
        before = order_count(backend)
        key = str(uuid.uuid4())
        body = payload()
        first = await client.create_order(body, key)
        # The same key with the same body: the very same answer, no second order.
        repeated = await client.create_order(body, key)
        other = await client.create_order(payload(), str(uuid.uuid4()))
        with pytest.raises(BackendError) as reused:
            await client.create_order(payload(), key)
    assert re.fullmatch(r"HZ\d{8}\d{6}", first.order_number)
    assert first.status is OrderStatus.DISPATCHED and first.unit_id == "xihu-law-enforcement"
    assert first.unit_name
    assert first.due is not None and first.due > first.registered_at.date()
    assert first.time_limit_class == "quick"
    assert repeated == first
    assert other.order_number != first.order_number
    assert reused.value.status == 422 and reused.value.body is not None
    assert reused.value.body.code == "idempotency_key_reused"
    assert order_count(backend) == before + 2


@pytest.mark.asyncio
async def test_a_key_still_in_progress_gets_409_and_a_later_retry_the_first_answer(
    backend: MockServer,
) -> None:
    backend.admin("/mock/orders/settings", {"delay": 0.8})
    try:
        async with signed_in(backend, "1002") as client:
            before = order_count(backend)
            body, key = payload(), str(uuid.uuid4())
            results = await asyncio.gather(
                client.create_order(body, key),
                _late(client.create_order(body, key), 0.2),
                return_exceptions=True,
            )
            acks = [r for r in results if not isinstance(r, BaseException)]
            errors = [r for r in results if isinstance(r, BackendError)]
            assert len(acks) == 1 and len(errors) == 1, results
            assert errors[0].status == 409 and errors[0].body is not None
            assert errors[0].body.code == "idempotency_in_progress"
            retried = await client.create_order(body, key)
            assert retried == acks[0]
            assert order_count(backend) == before + 1
    finally:
        backend.admin("/mock/orders/settings", {"delay": 0.0})


async def _late(coroutine: Any, delay: float) -> Any:
    await asyncio.sleep(delay)
    return await coroutine


@pytest.mark.asyncio
async def test_missing_parts_are_refused_with_chinese_messages_per_field(backend: MockServer) -> None:
    async with signed_in(backend) as client:
        before = order_count(backend)
        body = payload(unit_id=None)
        del body["fields"]["caller_name"]
        with pytest.raises(BackendError) as caught:
            await client.create_order(body, str(uuid.uuid4()))
        with pytest.raises(BackendError) as not_accepted:
            await client.create_order(
                payload(disposition="not_accepted", unit_id="xihu-market"), str(uuid.uuid4())
            )
        with pytest.raises(BackendError) as missing_key:
            await client._authorized("POST", "/orders", json=payload())
    error = caught.value
    assert error.status == 422 and error.kind is ErrorKind.REJECTED
    assert error.field_errors == {"fields.caller_name": "“姓名”为必填项", "unit_id": "派单须选择承办单位"}
    assert set(not_accepted.value.field_errors) == {"unit_id", "not_accepted_reason"}
    assert "不予受理" in not_accepted.value.field_errors["not_accepted_reason"]
    assert missing_key.value.status == 400
    assert order_count(backend) == before


@pytest.mark.asyncio
async def test_a_confidential_order_reaches_the_unit_without_the_callers_identity(
    backend: MockServer,
) -> None:
    async with signed_in(backend) as client:
        secret = await client.create_order(
            payload(confidential=True, phone="13711112222", unit_id="xihu-housing"), str(uuid.uuid4())
        )
        open_order = await client.create_order(
            payload(phone="13733334444", unit_id="xihu-housing"), str(uuid.uuid4())
        )
    inbox = httpx.get(f"{backend.url}/mock/units/xihu-housing/inbox", timeout=5).json()
    by_number = {item["order_number"]: item for item in inbox}
    hidden = json.dumps(by_number[secret.order_number], ensure_ascii=False)
    shown = json.dumps(by_number[open_order.order_number], ensure_ascii=False)
    for identity in ("赵明华", "13711112222", "2 单元 301 室"):
        assert identity not in hidden
    assert by_number[secret.order_number]["fields"]["caller_phone"] == "12345"
    assert secret.order_number in by_number[secret.order_number]["fields"]["caller_name"]
    # What the unit needs to act stays, and an ordinary order carries the caller's details.
    assert "烧烤摊" in hidden
    assert "赵明华" in shown and "+8613733334444" in shown


@pytest.mark.asyncio
async def test_the_outbox_delivers_each_order_once_through_a_backend_outage(
    backend: MockServer, tmp_path: Path
) -> None:
    async with signed_in(backend, "1003") as client:
        before = order_count(backend)
        backend.admin("/mock/failures", {"path_prefix": "/api/v1/orders", "status": 503, "count": 5})
        with OutboxStore(tmp_path / "outbox.sqlite3") as store:
            outbox = Outbox(
                store,
                ApiOrderSender(client),
                "1003",
                policy=RetryPolicy(base_delay=0.05, factor=2.0, max_delay=0.2, jitter=0.0),
            )
            entries = [outbox.enqueue(ORDER_CREATE, payload(phone=f"1380000{n:04d}")) for n in range(3)]
            runner = asyncio.create_task(outbox.run())
            try:
                await asyncio.wait_for(outbox.drained(), 20)
            finally:
                runner.cancel()
                await asyncio.gather(runner, return_exceptions=True)
            delivered = [outbox.get(entry.id) for entry in entries]
    assert all(entry is not None and entry.state is EntryState.DELIVERED for entry in delivered)
    assert sum(entry.attempts for entry in delivered if entry is not None) == 3 + 5
    numbers = {str(entry.ack["order_number"]) for entry in delivered if entry is not None and entry.ack}
    assert len(numbers) == 3
    assert order_count(backend) == before + 3


@pytest.mark.asyncio
async def test_the_sender_refuses_a_kind_it_does_not_know(backend: MockServer) -> None:
    async with signed_in(backend) as client:
        with pytest.raises(ValueError, match=r"order\.cancel"):
            await ApiOrderSender(client).submit("order.cancel", {}, "k")


@pytest.mark.asyncio
async def test_a_repeat_caller_is_found_by_phone_and_by_order_number(backend: MockServer) -> None:
    async with signed_in(backend, "1004") as client:
        seeded = await client.orders_for_phone(SEEDED_CALLER_PHONE)
        new = await client.create_order(payload(phone=SEEDED_CALLER_PHONE), str(uuid.uuid4()))
        after = await client.orders_for_phone("+86 139 5710 0421")
        detail = await client.order_detail(seeded[-1].order_number)
        fresh = await client.order_detail(new.order_number)
        with pytest.raises(BackendError) as unknown:
            await client.order_detail("HZ19990101000001")
        nobody = await client.orders_for_phone("13600000000")
    assert len(seeded) == 2
    assert [o.status for o in seeded] == [OrderStatus.IN_PROGRESS, OrderStatus.CLOSED]
    assert seeded[0].registered_at > seeded[1].registered_at and seeded[0].due is not None
    assert "养老金" in seeded[0].summary
    assert [o.order_number for o in after] == [new.order_number] + [o.order_number for o in seeded]
    assert detail.status is OrderStatus.CLOSED and detail.reply
    assert [step.status for step in detail.progress][-1] is OrderStatus.CLOSED
    assert fresh.status is OrderStatus.DISPATCHED and fresh.topic == "城乡建设 / 市容环卫"
    assert unknown.value.status == 404 and unknown.value.body is not None
    assert unknown.value.body.code == "unknown_order"
    assert nobody == []
