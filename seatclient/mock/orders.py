"""The mock backend's orders (工单): creation with checks, numbers, due dates, look-ups and unit inboxes.

An order is checked as the province's platform would: the intake form's required fields (from the
form in force), then what the disposition needs (a known handling unit for a dispatch, an existing
order to link, a reason for not accepting, an emergency line). Every problem is reported at once,
per field, in Chinese.

A dispatched order is delivered to its handling unit's inbox. For a confidential order the unit
receives the hotline's reference instead of the caller's name, phone and address (HZ 7.3, ZJ
art. 19), so a unit can only reach the caller through the hotline. The inbox is what the mock's
``/mock/units/{unit_id}/inbox`` shows, so tests can assert that nothing identifying leaks.

The training callers' numbers are seeded with a few earlier orders, so a repeat-caller look-up in
training finds something to talk about.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from seatclient.api.models import (
    OrderAck,
    OrderDetail,
    OrderDisposition,
    OrderProgress,
    OrderRequest,
    OrderStatus,
    OrderSummary,
)
from seatclient.compliance.scripts import EmergencyLine, NotAcceptedReason
from seatclient.dispatch.units import UnitDirectory
from seatclient.forms.calendar import DueDateCalculator
from seatclient.forms.schema import FormSchema, is_filled
from seatclient.forms.time_limits import TimeLimitLookupError
from seatclient.forms.validation import parse_phone
from seatclient.mock.callers import TrainingCaller

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
ORDER_PREFIX = "HZ"
EXTRA_URGENT_POLICY = "HZ-2020"
EXTRA_URGENT_CLASS = "extra_urgent"
DEFAULT_TIME_LIMIT_CLASS = "general"
HOTLINE_PHONE = "12345"

STATUS_LABELS: dict[OrderStatus, str] = {
    OrderStatus.REGISTERED: "已登记",
    OrderStatus.DISPATCHED: "已派单，待承办单位签收",
    OrderStatus.IN_PROGRESS: "承办单位办理中",
    OrderStatus.REPLIED: "承办单位已答复，待回访",
    OrderStatus.CLOSED: "已办结",
    OrderStatus.NOT_ACCEPTED: "不予受理",
    OrderStatus.TRANSFERRED: "已转紧急热线",
    OrderStatus.LINKED: "已并入原工单",
}
"""How the hotline names each status to a caller (the backend's data, in Chinese)."""

REQUEST_TYPE_VALUES = {
    "咨询": "enquiry",
    "求助": "help",
    "投诉举报": "complaint_report",
    "意见建议": "suggestion",
}
"""The training callers' request types as the intake form's choice values."""

_DISPOSITION_PARTS = ("unit_id", "linked_order_number", "not_accepted_reason", "emergency_line")
_PART_OWNER = {
    "unit_id": (OrderDisposition.DISPATCH, OrderDisposition.DISPATCH_EXTRA_URGENT),
    "linked_order_number": (OrderDisposition.LINK_EXISTING,),
    "not_accepted_reason": (OrderDisposition.NOT_ACCEPTED,),
    "emergency_line": (OrderDisposition.EMERGENCY_TRANSFER,),
}
_PART_NAMES = {
    "unit_id": "承办单位",
    "linked_order_number": "关联工单号",
    "not_accepted_reason": "不予受理的情形",
    "emergency_line": "紧急热线",
}
_DISPOSITION_NAMES = {
    OrderDisposition.DIRECT_ANSWER: "直接答复",
    OrderDisposition.DISPATCH: "派单",
    OrderDisposition.DISPATCH_EXTRA_URGENT: "特急派单",
    OrderDisposition.NOT_ACCEPTED: "不予受理",
    OrderDisposition.EMERGENCY_TRANSFER: "转接紧急热线",
    OrderDisposition.LINK_EXISTING: "关联已有工单",
}
_DISPATCHED = (OrderDisposition.DISPATCH, OrderDisposition.DISPATCH_EXTRA_URGENT)
_SUMMARY_LENGTH = 40


class OrderRejected(Exception):
    """An order the backend refuses; ``fields`` maps each offending part to a Chinese problem."""

    def __init__(self, message: str, fields: Mapping[str, str]) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields)


def phone_key(number: str) -> str:
    """Return the form a phone number is looked up by (E.164 when it parses, else its digits).

    ``13957100421``, ``+8613957100421`` and ``139 5710 0421`` give the same key, as do
    ``0571-87001234`` and ``+8657187001234``.
    """
    info = parse_phone(number, "CN", "0571")
    if info is not None:
        return info.e164
    return re.sub(r"\D", "", number)


def china_day_start(moment: datetime) -> datetime:
    """Midnight in the hall (China time) of the day ``moment`` falls on."""
    local = moment.astimezone(CHINA)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass
class StoredOrder:
    """One order held by the mock backend."""

    ack: OrderAck
    request: OrderRequest
    caller_phone_key: str
    district: str = ""
    reply: str = ""
    progress: list[OrderProgress] = field(default_factory=list)

    def summary(self) -> OrderSummary:
        """The order as a look-up lists it."""
        return OrderSummary(**self._summary_values())

    def detail(self) -> OrderDetail:
        """The order in full."""
        return OrderDetail(
            **self._summary_values(),
            due_deadline=self.ack.due_deadline,
            district=self.district,
            reply=self.reply,
            progress=list(self.progress),
        )

    def _summary_values(self) -> dict[str, Any]:
        fields = self.request.fields
        topic = fields.get("business_topic")
        topic_text = ""
        if isinstance(topic, Mapping):
            topic_text = " / ".join(str(topic[part]) for part in ("class", "item") if topic.get(part))
        request_text = str(fields.get("caller_request") or fields.get("event_description") or "")
        if len(request_text) > _SUMMARY_LENGTH:
            request_text = request_text[: _SUMMARY_LENGTH - 1] + "…"
        return {
            "order_number": self.ack.order_number,
            "registered_at": self.ack.registered_at,
            "status": self.ack.status,
            "status_label": self.ack.status_label,
            "disposition": self.ack.disposition,
            "request_type": str(fields.get("request_type") or ""),
            "topic": topic_text,
            "summary": request_text,
            "unit_name": self.ack.unit_name,
            "due": self.ack.due,
            "confidential": self.ack.confidential,
        }


class OrderBook:
    """Every order of the mock backend, with the checks, numbering and deliveries described above.

    Args:
        schema: the intake form in force (its required fields and protected fields).
        units: the handling units orders may be dispatched to.
        due_dates: the due-date calculator (time limits and the working-day calendar).
        article_ids: the knowledge articles a direct answer may cite.
    """

    def __init__(
        self,
        schema: FormSchema,
        units: UnitDirectory,
        due_dates: DueDateCalculator,
        article_ids: Iterable[str],
    ) -> None:
        self.schema = schema
        self.units = units
        self.due_dates = due_dates
        self.article_ids = frozenset(article_ids)
        self.orders: dict[str, StoredOrder] = {}
        self.unit_inboxes: dict[str, list[dict[str, Any]]] = {}
        self._sequences: dict[str, itertools.count[int]] = {}

    # ------------------------------------------------------------------------------ creating

    def check(self, request: OrderRequest) -> OrderDisposition:
        """Check an order; return its disposition.

        Raises:
            OrderRejected: every problem found, per field.
        """
        problems: dict[str, str] = {}
        try:
            disposition = OrderDisposition(request.disposition)
        except ValueError:
            allowed = "、".join(f"{d.value}（{_DISPOSITION_NAMES[d]}）" for d in OrderDisposition)
            problems["disposition"] = f"处置方式必须是以下之一：{allowed}"
            raise OrderRejected("工单内容不完整或有误", problems) from None
        if disposition is not OrderDisposition.EMERGENCY_TRANSFER:
            # An emergency is transferred at once; the record is completed afterwards.
            problems.update(self._form_problems(request.fields))
        for part in _DISPOSITION_PARTS:
            value = getattr(request, part)
            if value and disposition not in _PART_OWNER[part]:
                problems[part] = f"处置方式为{_DISPOSITION_NAMES[disposition]}时不填{_PART_NAMES[part]}"
        if disposition in _DISPATCHED:
            if not request.unit_id:
                problems["unit_id"] = "派单须选择承办单位"
            elif self.units.find(request.unit_id) is None:
                problems["unit_id"] = f"没有编号为 {request.unit_id} 的承办单位"
        elif disposition is OrderDisposition.LINK_EXISTING:
            if not request.linked_order_number:
                problems["linked_order_number"] = "关联已有工单须填写原工单号"
            elif request.linked_order_number not in self.orders:
                problems["linked_order_number"] = f"没有工单 {request.linked_order_number}"
        elif disposition is OrderDisposition.NOT_ACCEPTED:
            allowed_reasons = {reason.value for reason in NotAcceptedReason}
            if request.not_accepted_reason not in allowed_reasons:
                problems["not_accepted_reason"] = (
                    "不予受理须选择不予受理的情形（" + "、".join(sorted(allowed_reasons)) + "）"
                )
        elif disposition is OrderDisposition.EMERGENCY_TRANSFER:
            lines = [line.value for line in EmergencyLine]
            if request.emergency_line not in lines:
                problems["emergency_line"] = "转接紧急热线须选择 " + "、".join(lines) + " 之一"
        if request.knowledge_article_id and request.knowledge_article_id not in self.article_ids:
            problems["knowledge_article_id"] = f"知识库中没有编号为 {request.knowledge_article_id} 的知识"
        if request.confidential and not request.fields.get(self.schema.confidential_field, True):
            problems[f"fields.{self.schema.confidential_field}"] = "保密标记与表单中的“是否保密”不一致"
        if problems:
            raise OrderRejected("工单内容不完整或有误", problems)
        return disposition

    def _form_problems(self, values: Mapping[str, Any]) -> dict[str, str]:
        problems: dict[str, str] = {}
        effective = self.schema.effective_values(values)
        for spec in self.schema.fields:
            if self.schema.is_required(spec, effective) and not is_filled(effective.get(spec.key)):
                problems[f"fields.{spec.key}"] = f"“{spec.label.text()}”为必填项"
        return problems

    def create(self, request: OrderRequest, now: datetime | None = None) -> OrderAck:
        """Check and register an order; a dispatched one is delivered to its unit's inbox.

        Raises:
            OrderRejected: the order cannot be registered as it is.
        """
        disposition = self.check(request)
        registered = now or datetime.now(UTC)
        number = self._next_number(registered)
        status = {
            OrderDisposition.DIRECT_ANSWER: OrderStatus.CLOSED,
            OrderDisposition.DISPATCH: OrderStatus.DISPATCHED,
            OrderDisposition.DISPATCH_EXTRA_URGENT: OrderStatus.DISPATCHED,
            OrderDisposition.NOT_ACCEPTED: OrderStatus.NOT_ACCEPTED,
            OrderDisposition.EMERGENCY_TRANSFER: OrderStatus.TRANSFERRED,
            OrderDisposition.LINK_EXISTING: OrderStatus.LINKED,
        }[disposition]
        unit = self.units.find(request.unit_id) if request.unit_id else None
        due = due_deadline = time_class = None
        if disposition in _DISPATCHED:
            try:
                if disposition is OrderDisposition.DISPATCH_EXTRA_URGENT:
                    result = self.due_dates.due(registered, EXTRA_URGENT_CLASS, EXTRA_URGENT_POLICY)
                else:
                    wanted = str(request.fields.get("time_limit_class") or DEFAULT_TIME_LIMIT_CLASS)
                    result = self.due_dates.due(registered, wanted)
            except TimeLimitLookupError as exc:
                raise OrderRejected("工单内容不完整或有误", {"fields.time_limit_class": str(exc)}) from exc
            due, due_deadline, time_class = result.due_date, result.deadline, result.class_code
        ack = OrderAck(
            order_id=str(uuid.uuid4()),
            order_number=number,
            status=status,
            status_label=STATUS_LABELS[status],
            disposition=disposition,
            registered_at=registered,
            due=due,
            due_deadline=due_deadline,
            time_limit_class=time_class,
            unit_id=unit.id if unit else None,
            unit_name=unit.name if unit else None,
            linked_order_number=request.linked_order_number,
            confidential=request.confidential,
        )
        place = request.fields.get("matter_place")
        stored = StoredOrder(
            ack=ack,
            request=request,
            caller_phone_key=phone_key(str(request.fields.get("caller_phone") or "")),
            district=str(place.get("district", "")) if isinstance(place, Mapping) else "",
            progress=[OrderProgress(at=registered, status=status, status_label=STATUS_LABELS[status])],
        )
        self.orders[number] = stored
        if unit is not None:
            self.unit_inboxes.setdefault(unit.id, []).append(self._unit_copy(stored))
        return ack

    def _next_number(self, registered: datetime) -> str:
        day = registered.astimezone(CHINA).strftime("%Y%m%d")
        counter = self._sequences.setdefault(day, itertools.count(1))
        while True:
            number = f"{ORDER_PREFIX}{day}{next(counter):06d}"
            if number not in self.orders:
                return number

    def _unit_copy(self, stored: StoredOrder) -> dict[str, Any]:
        """What the handling unit receives: the order, with the caller's identity withheld when confidential."""
        request = stored.request
        fields = dict(request.fields)
        if request.confidential:
            protected = set(request.protected_fields) | set(self.schema.protected_fields())
            reference = f"12345热线保密件，请经热线联系（工单 {stored.ack.order_number}）"
            for key in protected:
                if key in fields:
                    fields[key] = HOTLINE_PHONE if key == "caller_phone" else reference
        return {
            "order_number": stored.ack.order_number,
            "registered_at": stored.ack.registered_at.isoformat(),
            "disposition": stored.ack.disposition.value,
            "due": stored.ack.due.isoformat() if stored.ack.due else None,
            "confidential": request.confidential,
            "fields": fields,
        }

    # ------------------------------------------------------------------------------ looking up

    def for_phone(self, number: str) -> list[OrderSummary]:
        """A caller's orders, newest first (none for an empty or unknown number)."""
        key = phone_key(number)
        if not key:
            return []
        found = [stored for stored in self.orders.values() if stored.caller_phone_key == key]
        found.sort(key=lambda stored: (stored.ack.registered_at, stored.ack.order_number), reverse=True)
        return [stored.summary() for stored in found]

    def detail(self, order_number: str) -> OrderDetail | None:
        """One order in full, or ``None`` when there is no such order."""
        stored = self.orders.get(order_number)
        return None if stored is None else stored.detail()

    # ------------------------------------------------------------------------------ seeding

    def seed_training_history(self, callers: Iterable[TrainingCaller], now: datetime | None = None) -> int:
        """Register earlier orders for the training callers' numbers; returns how many.

        Each caller with a number gets one earlier order; every second one a closed order a month
        before that as well, so a look-up shows a matter in progress and one already closed.
        """
        moment = now or datetime.now(UTC)
        unit = next(iter(self.units.units), None)
        created = 0
        with_number = [caller for caller in callers if not caller.withheld and caller.number]
        for index, caller in enumerate(with_number):
            histories = [(3 + index % 5, OrderStatus.IN_PROGRESS)]
            if index % 2 == 0:
                histories.append((35 + index, OrderStatus.CLOSED))
            # The matter's own district's first unit when there is one: a believable handler.
            local = next(iter(self.units.units_in(caller.district)), unit)
            for days_ago, final in histories:
                self._seed_one(caller, moment - timedelta(days=days_ago, hours=index), final, local)
                created += 1
        return created

    def _seed_one(self, caller: TrainingCaller, registered: datetime, final: OrderStatus, unit: Any) -> None:
        fields: dict[str, Any] = {
            "caller_name": caller.name or "来电人",
            "caller_phone": caller.number,
            "address": f"{caller.district}{caller.address}",
            "request_type": REQUEST_TYPE_VALUES.get(caller.request_type, "enquiry"),
            "event_description": caller.topic,
            "caller_request": caller.topic,
            "time_limit_class": DEFAULT_TIME_LIMIT_CLASS,
        }
        request = OrderRequest(
            form=self.schema.form_id,
            form_version=self.schema.version,
            call_id=f"seed-{registered:%Y%m%d%H%M}",
            job_number="1001",
            fields=fields,
            disposition=OrderDisposition.DISPATCH.value,
            unit_id=unit.id if unit is not None else None,
        )
        number = self._next_number(registered)
        due = self.due_dates.due(registered, DEFAULT_TIME_LIMIT_CLASS)
        ack = OrderAck(
            order_id=str(uuid.uuid4()),
            order_number=number,
            status=final,
            status_label=STATUS_LABELS[final],
            disposition=OrderDisposition.DISPATCH,
            registered_at=registered,
            due=due.due_date,
            due_deadline=due.deadline,
            time_limit_class=due.class_code,
            unit_id=unit.id if unit is not None else None,
            unit_name=unit.name if unit is not None else None,
        )
        steps = [
            (registered, OrderStatus.DISPATCHED, ""),
            (registered + timedelta(hours=2), OrderStatus.IN_PROGRESS, ""),
        ]
        reply = ""
        if final is OrderStatus.CLOSED:
            reply = "承办单位已联系来电人并处理完毕，来电人表示满意。"
            steps.append((registered + timedelta(days=2), OrderStatus.REPLIED, reply))
            steps.append((registered + timedelta(days=3), OrderStatus.CLOSED, "回访满意"))
        self.orders[number] = StoredOrder(
            ack=ack,
            request=request,
            caller_phone_key=phone_key(caller.number),
            district=caller.district,
            reply=reply,
            progress=[
                OrderProgress(at=at, status=status, status_label=STATUS_LABELS[status], note=note)
                for at, status, note in steps
            ],
        )
