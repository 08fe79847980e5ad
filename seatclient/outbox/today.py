"""The call-taker's orders of today, as the outbox knows them: number, caller, topic, due date, delivery.

``TodayList`` turns outbox entries into rows (``TodayOrder``), one per order: a corrected order
(a new revision after the backend refused the first) replaces the refused one's row. It is fed
every entry the outbox announces (``apply``) and says which row changed, so a view updates one row
per change even while a thousand queued orders are flushed. Qt-free.

Which orders are "today's": those submitted since midnight in the hall (Beijing time), and any older
one that still needs the call-taker (not delivered yet, or refused and not corrected).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from enum import StrEnum
from typing import Any

from seatclient.forms.calendar import SHANGHAI
from seatclient.forms.masking import mask_name, mask_phone
from seatclient.forms.schema import FieldType, FormSchema
from seatclient.i18n import tr
from seatclient.outbox.model import EntryState, OutboxEntry, split_revision


class DeliveryState(StrEnum):
    """Where an order is on its way to the backend, as the today list shows it."""

    QUEUED = "queued"
    """Stored, waiting for its turn."""
    SENDING = "sending"
    """On its way now."""
    RETRYING = "retrying"
    """A send failed for a passing reason; the next try is planned (``TodayOrder.retry_at``)."""
    DELIVERED = "delivered"
    """The backend registered it (``TodayOrder.order_number``)."""
    REJECTED = "rejected"
    """The backend refused it; the call-taker corrects the form and submits again."""
    FAILED = "failed"
    """It could not be sent as it is; it waits for a person (or IT staff)."""


def _state_labels() -> dict[DeliveryState, str]:
    return {
        DeliveryState.QUEUED: tr("TodayOrders", "待发送"),
        DeliveryState.SENDING: tr("TodayOrders", "发送中"),
        DeliveryState.RETRYING: tr("TodayOrders", "等待重试"),
        DeliveryState.DELIVERED: tr("TodayOrders", "已送达"),
        DeliveryState.REJECTED: tr("TodayOrders", "被退回，待修改"),
        DeliveryState.FAILED: tr("TodayOrders", "发送失败"),
    }


def disposition_label(payload: Mapping[str, Any]) -> str:
    """The disposition of an order payload in words (``派单``, ``转接 119``); the wire value when unknown."""
    wire = str(payload.get("disposition") or "")
    if wire == "emergency_transfer":
        line = str(payload.get("emergency_line") or "")
        return (
            tr("TodayOrders", "转接 {line}").format(line=line) if line else tr("TodayOrders", "转接紧急热线")
        )
    labels = {
        "direct_answer": tr("TodayOrders", "直接答复"),
        "dispatch": tr("TodayOrders", "派单"),
        "dispatch_extra_urgent": tr("TodayOrders", "特急派单"),
        "not_accepted": tr("TodayOrders", "不予受理"),
        "link_existing": tr("TodayOrders", "关联已有工单"),
    }
    return labels.get(wire, wire)


@dataclass(frozen=True)
class PayloadKeys:
    """Where the today list finds the caller and the topic in an order payload's ``fields``.

    Attributes:
        caller_name: the caller's name field.
        caller_phone: the caller's phone field.
        topic: the business-topic field (a ``{"class", "item"}`` value).
    """

    caller_name: str = "caller_name"
    caller_phone: str = "caller_phone"
    topic: str = "business_topic"

    @classmethod
    def from_schema(cls, schema: FormSchema) -> PayloadKeys:
        """Take the topic field from the form in force (its first topic-typed field)."""
        topic = next((spec.key for spec in schema.fields if spec.type is FieldType.TOPIC), cls.topic)
        return cls(topic=topic)


@dataclass(frozen=True)
class TodayOrder:
    """One order of the call-taker, as the today list shows it.

    Attributes:
        base_key: the idempotency key of its first submission (the same for every revision).
        entry_id: the outbox entry of its newest revision.
        revision: 1 for the first submission, 2 after one correction, ...
        call_id: the call it records.
        submitted_at: when its newest revision was submitted (UTC).
        order_number: the backend's order number, once delivered.
        caller: the caller's name (or phone), masked when the order is confidential.
        topic: the business topic as ``类别 / 内容``.
        disposition: the disposition in words.
        unit_name: the handling unit the backend named, once delivered.
        due: the last working day allowed, once the backend set it.
        state: the delivery state.
        retry_at: when the next try is planned (UTC), while retrying.
        problem: what went wrong (a refusal with its field errors, a failure), "" when nothing.
        field_errors: the backend's field errors of a refusal.
        needs_attention: refused or failed, and nobody has dealt with it yet.
    """

    base_key: str
    entry_id: int
    revision: int
    call_id: str
    submitted_at: datetime
    order_number: str | None
    caller: str
    topic: str
    disposition: str
    unit_name: str
    due: date | None
    state: DeliveryState
    retry_at: datetime | None = None
    problem: str = ""
    field_errors: Mapping[str, str] = field(default_factory=dict)
    needs_attention: bool = False

    def state_text(self, zone: tzinfo = SHANGHAI) -> str:
        """The delivery state in words; a retry names its time (``10:32 重试``)."""
        if self.state is DeliveryState.RETRYING and self.retry_at is not None:
            return tr("TodayOrders", "{time} 重试").format(
                time=self.retry_at.astimezone(zone).strftime("%H:%M")
            )
        if self.state is DeliveryState.REJECTED and not self.needs_attention:
            return tr("TodayOrders", "被退回（已处理）")
        return _state_labels()[self.state]

    def due_text(self) -> str:
        """The due date as ``11-24``; "" when none is known yet."""
        return f"{self.due:%m-%d}" if self.due is not None else ""


def _delivery_state(entry: OutboxEntry) -> DeliveryState:
    if entry.state is EntryState.QUEUED:
        return DeliveryState.RETRYING if entry.next_attempt_at is not None else DeliveryState.QUEUED
    return {
        EntryState.SENDING: DeliveryState.SENDING,
        EntryState.DELIVERED: DeliveryState.DELIVERED,
        EntryState.REJECTED: DeliveryState.REJECTED,
        EntryState.FAILED: DeliveryState.FAILED,
    }[entry.state]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _topic_text(value: Any) -> str:
    if not isinstance(value, Mapping):
        return ""
    return " / ".join(_text(value.get(part)) for part in ("class", "item") if _text(value.get(part)))


def _due(ack: Mapping[str, Any] | None) -> date | None:
    raw = ack.get("due") if ack is not None else None
    if not isinstance(raw, str):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def today_order(entry: OutboxEntry, keys: PayloadKeys | None = None) -> TodayOrder:
    """The row for one outbox entry (an order payload as ``OrderDesk`` submits it).

    Args:
        entry: the entry.
        keys: where the caller and the topic are in the payload's ``fields``.
    """
    chosen = keys or PayloadKeys()
    payload = entry.payload
    fields = payload.get("fields")
    values: Mapping[str, Any] = fields if isinstance(fields, Mapping) else {}
    confidential = payload.get("confidential") is True
    name = _text(values.get(chosen.caller_name))
    phone = _text(values.get(chosen.caller_phone))
    # A confidential caller's identity stays off the screen even in one's own list (HZ 7.3).
    masked = mask_name(name) if name else mask_phone(phone)
    caller = masked if confidential else (name or phone)
    ack = entry.ack
    base_key, revision = split_revision(entry.idempotency_key)
    state = _delivery_state(entry)
    return TodayOrder(
        base_key=base_key,
        entry_id=entry.id,
        revision=revision,
        call_id=_text(payload.get("call_id")),
        submitted_at=entry.enqueued_at,
        order_number=(_text(ack.get("order_number")) or None) if ack is not None else None,
        caller=caller,
        topic=_topic_text(values.get(chosen.topic)),
        disposition=disposition_label(payload),
        unit_name=_text(ack.get("unit_name")) if ack is not None else "",
        due=_due(ack),
        state=state,
        retry_at=entry.next_attempt_at if state is DeliveryState.RETRYING else None,
        problem=entry.problem_text(),
        field_errors=dict(entry.field_errors),
        needs_attention=entry.state in (EntryState.REJECTED, EntryState.FAILED) and not entry.acknowledged,
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RowChange:
    """What ``TodayList.apply`` did.

    Attributes:
        row: the index of the row (newest order first).
        inserted: ``True`` when the row is new, ``False`` when an existing row changed.
    """

    row: int
    inserted: bool


class TodayList:
    """The rows of the today list, newest order first, kept up to date from outbox entries.

    Args:
        kinds: the entry kinds that are orders (other commands are left out).
        keys: where the caller and the topic are in a payload.
        zone: the hall's time zone, which says when "today" began.
        now: the current time (aware).
    """

    def __init__(
        self,
        kinds: Iterable[str] = ("order.create",),
        keys: PayloadKeys | None = None,
        zone: tzinfo = SHANGHAI,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._kinds = frozenset(kinds)
        self._keys = keys or PayloadKeys()
        self._zone = zone
        self._now = now
        # Oldest first internally, so a new order is an append; rows are read newest first.
        self._orders: list[TodayOrder] = []
        self._positions: dict[str, int] = {}
        # Kept as rows change, so a summary costs the same with ten rows or a thousand.
        self._tally: Counter[DeliveryState] = Counter()
        self._attention = 0

    def __len__(self) -> int:
        """The number of rows."""
        return len(self._orders)

    def rows(self) -> list[TodayOrder]:
        """Every row, newest order first."""
        return list(reversed(self._orders))

    def row(self, index: int) -> TodayOrder:
        """The row at ``index`` (0 is the newest order)."""
        return self._orders[len(self._orders) - 1 - index]

    def find(self, entry_id: int) -> int | None:
        """The row index of the order whose newest revision is entry ``entry_id``, or ``None``."""
        for position, order in enumerate(self._orders):
            if order.entry_id == entry_id:
                return len(self._orders) - 1 - position
        return None

    def belongs_today(self, entry: OutboxEntry) -> bool:
        """Whether the entry is an order of today, or an older one that still needs the call-taker."""
        if entry.kind not in self._kinds:
            return False
        if entry.state.pending or (
            entry.state in (EntryState.REJECTED, EntryState.FAILED) and not entry.acknowledged
        ):
            return True
        today = self._now().astimezone(self._zone).date()
        return entry.enqueued_at.astimezone(self._zone).date() >= today

    def load(self, entries: Iterable[OutboxEntry]) -> None:
        """Replace every row with those of ``entries`` (in enqueue order, e.g. ``Outbox.entries()``)."""
        self._orders = []
        self._positions = {}
        self._tally = Counter()
        self._attention = 0
        for entry in entries:
            self.apply(entry)

    def would_insert(self, entry: OutboxEntry) -> bool:
        """Whether ``apply(entry)`` would add a row (a view announces the insertion first)."""
        if entry.kind not in self._kinds:
            return False
        base_key, _ = split_revision(entry.idempotency_key)
        return base_key not in self._positions and self.belongs_today(entry)

    def apply(self, entry: OutboxEntry) -> RowChange | None:
        """Take an entry as the outbox announced it; returns the row it changed, or ``None``.

        An entry of an order not listed yet is added when it ``belongs_today``; an older revision
        never replaces a newer one (the acknowledgement of a corrected refusal arrives after its
        correction was queued).
        """
        if entry.kind not in self._kinds:
            return None
        order = today_order(entry, self._keys)
        position = self._positions.get(order.base_key)
        if position is None:
            if not self.belongs_today(entry):
                return None
            self._orders.append(order)
            self._positions[order.base_key] = len(self._orders) - 1
            self._count(order, 1)
            return RowChange(0, inserted=True)
        current = self._orders[position]
        if order.revision < current.revision or order == current:
            return None
        self._orders[position] = order
        self._count(current, -1)
        self._count(order, 1)
        return RowChange(len(self._orders) - 1 - position, inserted=False)

    def _count(self, order: TodayOrder, step: int) -> None:
        self._tally[order.state] += step
        self._attention += step if order.needs_attention else 0

    def count(self, state: DeliveryState) -> int:
        """Orders whose delivery state is ``state``."""
        return self._tally[state]

    def attention_count(self) -> int:
        """Orders refused or failed that nobody has dealt with yet."""
        return self._attention

    def pending_count(self) -> int:
        """Orders not delivered yet (queued, sending or retrying)."""
        return sum(
            self._tally[state]
            for state in (DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.RETRYING)
        )
