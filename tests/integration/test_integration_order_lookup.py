"""Repeat callers over real HTTP: earlier orders by phone (open first, masked when confidential) and by number."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from support.mockproc import MockServer

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.models import OrderStatus
from seatclient.api.order_lookup import ApiOrderLookup
from seatclient.forms.order import OrderDraft
from seatclient.forms.repeat_callers import LookupFailed, RepeatCallerLookup, load_default_lookup_rules
from seatclient.forms.schema import load_default

SEEDED_CALLER_PHONE = "13957100421"
"""王建国, the first caller of resources/rules/training_callers.json (one open and one closed order)."""


def order_body(phone: str, confidential: bool, request: str) -> dict[str, object]:
    schema = load_default()
    values = {
        "caller_name": "赵明华",
        "caller_phone": phone,
        "address": "西湖区文新街道丰潭路 300 号",
        "request_type": "complaint_report",
        "confidential": confidential,
        "involved_party": "小区门口的烧烤摊",
        "occurred_at": "2026-11-20T22:30:00+08:00",
        "occurred_location": "丰潭路 300 号小区门口",
        "event_description": "小区门口的烧烤摊每晚营业到凌晨两点。",
        "caller_request": request,
        "business_topic": {"class": "城乡建设", "item": "市容环卫"},
        "matter_place": {"district": "西湖区", "street": "文新街道"},
        "time_limit_class": "quick",
    }
    draft = OrderDraft.start(schema, f"call-{uuid.uuid4().hex[:8]}", "1001", values)
    body = draft.to_payload(schema)
    body.update({"disposition": "dispatch", "unit_id": "xihu-law-enforcement"})
    return body


@pytest.mark.asyncio
async def test_earlier_orders_by_phone_and_by_number_against_the_mock(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    try:
        await client.sign_in("1001", "demo1234", "L01")
        lookup = RepeatCallerLookup(ApiOrderLookup(client), load_default_lookup_rules())

        seeded = await lookup.caller_history(SEEDED_CALLER_PHONE)
        assert [(order.status, order.is_open) for order in seeded.orders] == [
            (OrderStatus.IN_PROGRESS, True),
            (OrderStatus.CLOSED, False),
        ]
        assert seeded.caller_label == SEEDED_CALLER_PHONE
        assert isinstance(seeded.orders[0].due, date) and seeded.orders[0].unit_name

        # A confidential order of another caller, who said their number while telling the matter.
        phone = "13800002222"
        said = "请回电 13800002222，我叫赵明华"
        first = await client.create_order(order_body(phone, False, "请尽快处理"), str(uuid.uuid4()))
        secret = await client.create_order(order_body(phone, True, said), str(uuid.uuid4()))
        history = await lookup.caller_history("+86 138 0000 2222")
        by_number = {order.order_number: order for order in history.orders}
        assert set(by_number) == {first.order_number, secret.order_number}
        assert by_number[secret.order_number].summary == "请回电 138****2222，我叫赵明华"
        assert by_number[first.order_number].summary == "请尽快处理"
        assert history.caller_label == "138****2222"
        assert all(order.is_open for order in history.orders)

        report = await lookup.order_progress(seeded.orders[1].order_number.lower())
        assert report.order.status is OrderStatus.CLOSED
        assert report.reply and report.latest is not None and report.latest.status_label == "已办结"
        with pytest.raises(LookupFailed) as unknown:
            await lookup.order_progress("HZ19990101000001")
        assert unknown.value.message == "没有工单 HZ19990101000001，请与来电人核对工单号。"

        # The backend gone: a plain, retryable message and nothing raised past the look-up.
        mock_server.stop()
        with pytest.raises(LookupFailed) as offline:
            await lookup.caller_history(SEEDED_CALLER_PHONE)
        assert offline.value.retryable
        assert offline.value.message == "无法连接到服务器。请检查网络，或联系大厅信息技术人员。"
    finally:
        await client.aclose()
