"""Repeat callers and "how is my matter going" (ZJ art. 12, HZ 4.3): a caller's earlier orders and their progress.

When a call rings, the caller's earlier orders are looked up by phone number at the backend: open
orders first (the ones a repeat call is most likely about, and the ones ZJ art. 12 says must not be
accepted again as new orders), each with its status and due date. The same look-up by order number
answers a caller asking how their matter is going.

Nothing here knows Qt or HTTP: the backend is an ``OrderLookupBackend`` (``seatclient.api.order_lookup``
implements it over the REST client), which statuses count as open and what an order number looks like
come from ``resources/rules/order_lookup.json``. A confidential earlier order is shown masked
(``seatclient.forms.masking``): its free texts lose every phone and ID card number, and the caller's
number is masked wherever the look-up names it. Only one look-up of each kind runs at a time: a new
ring supersedes (cancels) the previous caller look-up, a new order number the previous one.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Coroutine, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from seatclient.api.errors import BackendError
from seatclient.api.models import OrderDetail, OrderStatus, OrderSummary
from seatclient.forms.masking import mask_phone, mask_sensitive_text
from seatclient.forms.taxonomy import RuleChecker, child_pointer
from seatclient.forms.validation import parse_phone
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

log = logging.getLogger(__name__)

ORDER_LOOKUP_RULE_NAME = "order_lookup"
"""The rule file (``resources/rules/order_lookup.json``) with the order-number format and open statuses."""

_TOP_KEYS = ("order_number", "open_statuses")
_OPTIONAL_TOP_KEYS = ("version", "description", "max_orders")
_ORDER_NUMBER_KEYS = ("pattern", "example")
_DEFAULT_MAX_ORDERS = 20
_MAX_ORDERS_LIMIT = 200
_SPACES = re.compile(r"\s+")

ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class LookupRules:
    """How earlier orders are looked up and shown, as the hall configured it.

    Attributes:
        order_number_pattern: what an order number looks like (matched against the whole number).
        order_number_example: an order number in that format, shown when one typed is malformed.
        open_statuses: the statuses of an order still being handled (shown first, offered for linking).
        max_orders: the most earlier orders listed for a caller.
    """

    order_number_pattern: re.Pattern[str]
    order_number_example: str
    open_statuses: frozenset[OrderStatus]
    max_orders: int = _DEFAULT_MAX_ORDERS

    @staticmethod
    def normalize_order_number(text: str) -> str:
        """The order number as the backend knows it: without spaces, letters in upper case."""
        return _SPACES.sub("", text).upper()

    def order_number_problem(self, text: str) -> str | None:
        """Why ``text`` is no order number (a Chinese message naming the format), ``None`` when it is one."""
        number = self.normalize_order_number(text)
        if not number:
            return tr("RepeatCallers", "请输入工单号，例如 {example}").format(
                example=self.order_number_example
            )
        if self.order_number_pattern.fullmatch(number) is None:
            return tr("RepeatCallers", "工单号“{number}”格式不对，应形如 {example}").format(
                number=number, example=self.order_number_example
            )
        return None

    def is_open(self, status: OrderStatus) -> bool:
        """Whether an order in ``status`` is still being handled."""
        return status in self.open_statuses


def lookup_rules_problems(rule_file: RuleFile) -> list[RuleError]:
    """Every problem of an order-lookup rule file, each with its pointer and line (empty when it is sound)."""
    return _check_rules(rule_file)[1]


def load_lookup_rules(rule_file: RuleFile) -> LookupRules:
    """Build the look-up rules from a rule file.

    Raises:
        RuleError: the first problem found (``lookup_rules_problems`` lists them all).
    """
    rules, problems = _check_rules(rule_file)
    if problems or rules is None:
        raise problems[0] if problems else rule_file.error("", tr("RepeatCallers", "规则文件无法使用"))
    return rules


def load_default_lookup_rules(book: RuleBook | None = None) -> LookupRules:
    """Load ``order_lookup.json`` from the rule book in force (shipped, hall override or config bundle)."""
    return load_lookup_rules((book or RuleBook()).get(ORDER_LOOKUP_RULE_NAME))


def _check_rules(rule_file: RuleFile) -> tuple[LookupRules | None, list[RuleError]]:
    checker = RuleChecker(rule_file)
    document = checker.mapping(rule_file.data, "", _TOP_KEYS, _OPTIONAL_TOP_KEYS)
    if document is None:
        return None, checker.errors
    for key in ("version", "description"):
        checker.text(document, key, "")
    pattern, example = _check_order_number(checker, document.get("order_number"))
    statuses = _check_statuses(checker, document)
    max_orders = checker.integer(document, "max_orders", "", 1, _MAX_ORDERS_LIMIT)
    if checker.errors or pattern is None or example is None or statuses is None:
        return None, checker.errors
    return LookupRules(pattern, example, statuses, max_orders or _DEFAULT_MAX_ORDERS), []


def _check_order_number(checker: RuleChecker, value: Any) -> tuple[re.Pattern[str] | None, str | None]:
    if value is None:
        return None, None
    entry = checker.mapping(value, "order_number", _ORDER_NUMBER_KEYS)
    if entry is None:
        return None, None
    source = checker.text(entry, "pattern", "order_number")
    example = checker.text(entry, "example", "order_number")
    if source is None or example is None:
        return None, None
    try:
        pattern = re.compile(source)
    except re.error as exc:
        checker.fail(
            "order_number/pattern",
            tr("RepeatCallers", "不是合法的正则表达式：{reason}").format(reason=str(exc)),
        )
        return None, None
    if pattern.fullmatch(LookupRules.normalize_order_number(example)) is None:
        checker.fail(
            "order_number/example",
            tr("RepeatCallers", "例子“{example}”不符合 pattern 的格式").format(example=example),
        )
        return None, None
    return pattern, example


def _check_statuses(checker: RuleChecker, document: dict[str, Any]) -> frozenset[OrderStatus] | None:
    items = checker.array(document, "open_statuses", "")
    if items is None:
        return None
    allowed = "、".join(status.value for status in OrderStatus)
    statuses: set[OrderStatus] = set()
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        pointer = child_pointer("open_statuses", index)
        if not isinstance(item, str) or item not in {status.value for status in OrderStatus}:
            checker.fail(
                pointer,
                tr("RepeatCallers", "不认识的工单状态“{value}”，可选：{allowed}").format(
                    value=item, allowed=allowed
                ),
            )
            continue
        if checker.unique(seen, item, pointer, tr("RepeatCallers", "工单状态")):
            statuses.add(OrderStatus(item))
    return frozenset(statuses)


# --------------------------------------------------------------------------------------- results


class LookupFailed(Exception):
    """A look-up that found no answer; ``message`` says why in the user's language.

    Attributes:
        message: what to show the call-taker.
        retryable: whether the same look-up may succeed later (the link was down, the server busy).
    """

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable


class OrderLookupBackend(Protocol):
    """Where earlier orders come from (the backend's order API)."""

    async def orders_for_phone(self, phone: str) -> list[OrderSummary]:
        """A caller's orders, newest first.

        Raises:
            BackendError: the backend could not answer.
        """
        ...

    async def order_detail(self, order_number: str) -> OrderDetail | None:
        """One order in full, ``None`` when the backend has no such order.

        Raises:
            BackendError: the backend could not answer.
        """
        ...


@dataclass(frozen=True)
class EarlierOrder:
    """One of a caller's orders as the seat shows it (masked when the order is confidential).

    Attributes:
        order_number: the number the caller was told.
        registered_at: when it was registered.
        status: where it stands.
        status_label: the status in the hotline's words (办理中).
        is_open: whether it is still being handled (the hall's ``open_statuses``).
        topic: the business topic, ``类别 / 内容``.
        summary: the caller's request, shortened; phone and ID numbers masked when confidential.
        unit_name: the handling unit, ``""`` when there is none.
        due: the last working day allowed, when the order has a time limit.
        confidential: whether the caller asked for confidentiality.
    """

    order_number: str
    registered_at: datetime
    status: OrderStatus
    status_label: str
    is_open: bool
    topic: str
    summary: str
    unit_name: str
    due: date | None
    confidential: bool

    @classmethod
    def from_summary(cls, summary: OrderSummary, rules: LookupRules) -> EarlierOrder:
        """Build from the backend's summary, masking a confidential order's free text."""
        text = summary.summary
        return cls(
            order_number=summary.order_number,
            registered_at=summary.registered_at,
            status=summary.status,
            status_label=summary.status_label,
            is_open=rules.is_open(summary.status),
            topic=summary.topic,
            summary=mask_sensitive_text(text) if summary.confidential else text,
            unit_name=summary.unit_name or "",
            due=summary.due,
            confidential=summary.confidential,
        )

    def overdue(self, today: date) -> bool:
        """Whether an open order is past its due date on ``today`` (the hall's date)."""
        return self.is_open and self.due is not None and self.due < today


@dataclass(frozen=True)
class CallerHistory:
    """A caller's earlier orders, open ones first, each group newest first.

    Attributes:
        caller_label: the caller's number as it may be shown (masked when any order is confidential).
        orders: the orders listed (at most the rules' ``max_orders``).
        total: how many orders the backend found (more than listed when cut).
    """

    caller_label: str
    orders: tuple[EarlierOrder, ...]
    total: int

    @property
    def open_orders(self) -> tuple[EarlierOrder, ...]:
        """The orders still being handled."""
        return tuple(order for order in self.orders if order.is_open)

    @property
    def latest_open(self) -> EarlierOrder | None:
        """The newest open order (the one a repeat call is most likely about), if any."""
        return next(iter(self.open_orders), None)


@dataclass(frozen=True)
class ProgressStep:
    """One step of an order's handling.

    Attributes:
        at: when it happened.
        status_label: the status reached, in the hotline's words.
        note: what was noted (masked when the order is confidential), ``""`` when nothing.
    """

    at: datetime
    status_label: str
    note: str


@dataclass(frozen=True)
class OrderProgressReport:
    """An order looked up by number: "how is my matter going".

    Attributes:
        order: the order's summary values.
        district: the district of the matter, ``""`` when unknown.
        due_deadline: the moment the time limit runs out, when it has one.
        reply: the handling unit's answer once replied (masked when confidential), else ``""``.
        steps: the handling steps, oldest first.
    """

    order: EarlierOrder
    district: str
    due_deadline: datetime | None
    reply: str
    steps: tuple[ProgressStep, ...]

    @property
    def latest(self) -> ProgressStep | None:
        """The most recent step, if any."""
        return self.steps[-1] if self.steps else None


def order_earlier_orders(orders: Iterable[EarlierOrder]) -> list[EarlierOrder]:
    """Open orders first, then the rest; within each, newest first (ties by order number, descending)."""
    ranked = sorted(orders, key=lambda order: (order.registered_at, order.order_number), reverse=True)
    return [order for order in ranked if order.is_open] + [order for order in ranked if not order.is_open]


def caller_label(phone: str, confidential: bool) -> str:
    """The caller's number as a list may show it: masked for a confidential caller, else as dialled."""
    if confidential:
        return mask_phone(phone)
    info = parse_phone(phone, "CN", None)
    return info.display if info is not None else phone.strip()


def _masked(text: str, confidential: bool) -> str:
    return mask_sensitive_text(text) if confidential else text


# --------------------------------------------------------------------------------------- look-ups


class RepeatCallerLookup:
    """Looks up earlier orders by phone and by number; a newer look-up of a kind cancels the older one.

    Args:
        backend: where the orders come from.
        rules: the hall's look-up rules.
    """

    def __init__(self, backend: OrderLookupBackend, rules: LookupRules) -> None:
        self._backend = backend
        self._rules = rules
        self._caller_task: asyncio.Task[CallerHistory] | None = None
        self._order_task: asyncio.Task[OrderProgressReport] | None = None

    @property
    def rules(self) -> LookupRules:
        """The look-up rules in force."""
        return self._rules

    async def caller_history(self, phone: str) -> CallerHistory:
        """A caller's earlier orders, open ones first.

        Raises:
            LookupFailed: no number to look up, or the backend could not answer.
        """
        number = phone.strip()
        if not number:
            raise LookupFailed(
                tr("RepeatCallers", "来电号码未显示，无法按号码查询历史工单；可按工单号查询。")
            )
        try:
            summaries = await self._backend.orders_for_phone(number)
        except BackendError as exc:
            log.warning("earlier orders of %s not looked up: %s", mask_phone(number), exc.kind.value)
            raise LookupFailed(exc.user_message(), exc.retryable) from exc
        earlier = order_earlier_orders(EarlierOrder.from_summary(each, self._rules) for each in summaries)
        listed = tuple(earlier[: self._rules.max_orders])
        confidential = any(order.confidential for order in earlier)
        log.info(
            "earlier orders of %s: %d found, %d open",
            mask_phone(number),
            len(earlier),
            sum(order.is_open for order in earlier),
        )
        return CallerHistory(caller_label(number, confidential), listed, len(earlier))

    async def order_progress(self, text: str) -> OrderProgressReport:
        """The order numbered ``text`` with its handling steps.

        Raises:
            LookupFailed: ``text`` is no order number, the backend has no such order, or it could not answer.
        """
        problem = self._rules.order_number_problem(text)
        if problem is not None:
            raise LookupFailed(problem)
        number = self._rules.normalize_order_number(text)
        try:
            detail = await self._backend.order_detail(number)
        except BackendError as exc:
            log.warning("order %s not looked up: %s", number, exc.kind.value)
            raise LookupFailed(exc.user_message(), exc.retryable) from exc
        if detail is None:
            raise LookupFailed(
                tr("RepeatCallers", "没有工单 {number}，请与来电人核对工单号。").format(number=number)
            )
        secret = detail.confidential
        steps = tuple(
            ProgressStep(step.at, step.status_label, _masked(step.note, secret))
            for step in sorted(detail.progress, key=lambda step: step.at)
        )
        return OrderProgressReport(
            order=EarlierOrder.from_summary(detail, self._rules),
            district=detail.district,
            due_deadline=detail.due_deadline,
            reply=_masked(detail.reply, secret),
            steps=steps,
        )

    # -- one at a time -----------------------------------------------------------------------------

    def start_caller_lookup(self, phone: str) -> asyncio.Task[CallerHistory]:
        """Start looking up ``phone``'s earlier orders, cancelling a caller look-up still running."""
        self._caller_task = self._restart(self._caller_task, self.caller_history(phone))
        return self._caller_task

    def start_order_lookup(self, text: str) -> asyncio.Task[OrderProgressReport]:
        """Start looking up the order numbered ``text``, cancelling an order look-up still running."""
        self._order_task = self._restart(self._order_task, self.order_progress(text))
        return self._order_task

    def cancel(self) -> None:
        """Cancel every look-up still running (the call went away, the seat signed out)."""
        for task in (self._caller_task, self._order_task):
            if task is not None and not task.done():
                task.cancel()

    @staticmethod
    def _restart(
        running: asyncio.Task[Any] | None, work: Coroutine[Any, Any, ResultT]
    ) -> asyncio.Task[ResultT]:
        if running is not None and not running.done():
            running.cancel()
        return asyncio.ensure_future(work)
