"""Repeat callers: the look-up rules file, earlier orders open first and masked, superseded look-ups."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import OrderDetail, OrderDisposition, OrderProgress, OrderStatus, OrderSummary
from seatclient.forms.repeat_callers import (
    CallerHistory,
    LookupFailed,
    LookupRules,
    RepeatCallerLookup,
    load_default_lookup_rules,
    load_lookup_rules,
    lookup_rules_problems,
)
from seatclient.rules import RuleError, RuleFile
from seatclient.rules.rulebook import parse_rule_text

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def summary(
    number: str,
    status: OrderStatus,
    days_ago: int,
    *,
    text: str = "小区门口烧烤油烟扰民",
    confidential: bool = False,
    due: date | None = None,
) -> OrderSummary:
    return OrderSummary(
        order_number=number,
        registered_at=NOW - timedelta(days=days_ago),
        status=status,
        status_label={OrderStatus.IN_PROGRESS: "承办单位办理中", OrderStatus.CLOSED: "已办结"}.get(
            status, status.value
        ),
        disposition=OrderDisposition.DISPATCH,
        topic="城乡建设 / 市容环卫",
        summary=text,
        unit_name="西湖区综合行政执法局",
        due=due,
        confidential=confidential,
    )


class FakeBackend:
    """Answers from a dict; a look-up can be held until ``release`` is set."""

    def __init__(self, by_phone: dict[str, list[OrderSummary]], details: dict[str, OrderDetail]) -> None:
        self.by_phone = by_phone
        self.details = details
        self.error: BackendError | None = None
        self.release: asyncio.Event | None = None
        self.asked: list[str] = []
        self.finished: list[str] = []

    async def orders_for_phone(self, phone: str) -> list[OrderSummary]:
        self.asked.append(phone)
        if self.release is not None:
            await self.release.wait()
        if self.error is not None:
            raise self.error
        self.finished.append(phone)
        return list(self.by_phone.get(phone, []))

    async def order_detail(self, order_number: str) -> OrderDetail | None:
        self.asked.append(order_number)
        if self.error is not None:
            raise self.error
        return self.details.get(order_number)


@pytest.fixture
def rules() -> LookupRules:
    return load_default_lookup_rules()


def rule_file(document: object) -> RuleFile:
    return parse_rule_text(
        "order_lookup", json.dumps(document, ensure_ascii=False, indent=2), "order_lookup.json"
    )


# -- the rules file ------------------------------------------------------------------------------


def test_the_shipped_rules_know_the_order_number_format_and_the_open_statuses(rules: LookupRules) -> None:
    assert rules.open_statuses == {
        OrderStatus.REGISTERED,
        OrderStatus.DISPATCHED,
        OrderStatus.IN_PROGRESS,
        OrderStatus.REPLIED,
    }
    assert rules.max_orders == 20
    assert rules.order_number_problem("HZ20261122000123") is None
    assert rules.order_number_problem(" hz2026 1122 000123 ") is None
    assert rules.normalize_order_number(" hz2026 1122 000123 ") == "HZ20261122000123"
    assert (
        rules.order_number_problem("HZ2026112200012")
        == "工单号“HZ2026112200012”格式不对，应形如 HZ20261122000123"
    )
    assert rules.order_number_problem("  ") == "请输入工单号，例如 HZ20261122000123"


def test_a_broken_rules_file_names_each_problem_with_its_key_and_line() -> None:
    broken = rule_file(
        {
            "order_number": {"pattern": "HZ(\\d{14}", "example": "HZ1"},
            "open_statuses": ["in_progress", "pending", "in_progress"],
            "max_orders": 0,
            "colour": "red",
        }
    )
    problems = lookup_rules_problems(broken)
    by_pointer = {problem.pointer: problem for problem in problems}
    assert set(by_pointer) == {
        "colour",
        "order_number/pattern",
        "open_statuses/1",
        "open_statuses/2",
        "max_orders",
    }
    assert "不认识的工单状态“pending”" in by_pointer["open_statuses/1"].problem
    assert "in_progress" in by_pointer["open_statuses/1"].problem  # names what is allowed
    assert "不是合法的正则表达式" in by_pointer["order_number/pattern"].problem
    assert by_pointer["open_statuses/1"].line == 8  # {, order_number (4 lines), open_statuses, [0], [1]
    with pytest.raises(RuleError) as raised:
        load_lookup_rules(broken)
    assert raised.value.source == "order_lookup.json"


def test_an_example_that_does_not_fit_its_pattern_is_named() -> None:
    problems = lookup_rules_problems(
        rule_file(
            {"order_number": {"pattern": "HZ\\d{14}", "example": "ZJ1"}, "open_statuses": ["dispatched"]}
        )
    )
    assert [(problem.pointer, problem.problem) for problem in problems] == [
        ("order_number/example", "例子“ZJ1”不符合 pattern 的格式")
    ]


# -- a caller's earlier orders -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_open_orders_come_first_newest_first_then_closed_ones(rules: LookupRules) -> None:
    backend = FakeBackend(
        {
            "13957100421": [
                summary("HZ20261120000002", OrderStatus.CLOSED, 2),
                summary("HZ20261001000001", OrderStatus.IN_PROGRESS, 52, due=date(2026, 10, 13)),
                summary("HZ20261118000004", OrderStatus.DISPATCHED, 4, due=date(2026, 11, 27)),
                summary("HZ20261010000003", OrderStatus.NOT_ACCEPTED, 43),
            ]
        },
        {},
    )
    history = await RepeatCallerLookup(backend, rules).caller_history(" 13957100421 ")
    assert backend.asked == ["13957100421"]
    assert [order.order_number for order in history.orders] == [
        "HZ20261118000004",
        "HZ20261001000001",
        "HZ20261120000002",
        "HZ20261010000003",
    ]
    assert [order.is_open for order in history.orders] == [True, True, False, False]
    assert history.latest_open is not None and history.latest_open.order_number == "HZ20261118000004"
    assert history.total == 4
    assert history.caller_label == "13957100421"
    today = date(2026, 11, 22)
    assert [order.overdue(today) for order in history.orders] == [False, True, False, False]


@pytest.mark.asyncio
async def test_the_list_is_cut_at_the_rules_limit_but_counts_everything(rules: LookupRules) -> None:
    few = LookupRules(rules.order_number_pattern, rules.order_number_example, rules.open_statuses, 2)
    backend = FakeBackend(
        {
            "13800001111": [
                summary(f"HZ2026110{day}000001", OrderStatus.CLOSED, 20 - day) for day in range(1, 6)
            ]
        },
        {},
    )
    history = await RepeatCallerLookup(backend, few).caller_history("13800001111")
    assert [order.order_number for order in history.orders] == ["HZ20261105000001", "HZ20261104000001"]
    assert history.total == 5
    assert history.open_orders == ()
    assert history.latest_open is None


@pytest.mark.asyncio
async def test_a_confidential_earlier_order_is_masked_and_masks_the_callers_number(
    rules: LookupRules,
) -> None:
    said = "我叫张三丰，电话13957100421，身份证330106198001011234，家住文三路"
    backend = FakeBackend(
        {
            "13957100421": [
                summary("HZ20261118000004", OrderStatus.IN_PROGRESS, 4, text=said, confidential=True),
                summary("HZ20261001000001", OrderStatus.CLOSED, 52, text="路灯不亮 0571-87001234"),
            ]
        },
        {},
    )
    history = await RepeatCallerLookup(backend, rules).caller_history("13957100421")
    secret, ordinary = history.orders
    assert secret.summary == "我叫张三丰，电话139****0421，身份证330106********1234，家住文三路"
    assert "13957100421" not in secret.summary and "198001011234" not in secret.summary
    assert ordinary.summary == "路灯不亮 0571-87001234"  # not confidential: shown as said
    assert history.caller_label == "139****0421"


@pytest.mark.asyncio
async def test_an_unknown_caller_has_an_empty_history(rules: LookupRules) -> None:
    history = await RepeatCallerLookup(FakeBackend({}, {}), rules).caller_history("0571-87001234")
    assert history == CallerHistory("0571-87001234", (), 0)


@pytest.mark.asyncio
async def test_a_withheld_number_is_not_looked_up(rules: LookupRules) -> None:
    backend = FakeBackend({}, {})
    with pytest.raises(LookupFailed) as failed:
        await RepeatCallerLookup(backend, rules).caller_history("")
    assert failed.value.message == "来电号码未显示，无法按号码查询历史工单；可按工单号查询。"
    assert backend.asked == []


@pytest.mark.asyncio
async def test_an_unreachable_backend_is_a_retryable_failure_with_the_users_message(
    rules: LookupRules,
) -> None:
    backend = FakeBackend({}, {})
    backend.error = BackendError(ErrorKind.UNREACHABLE)
    with pytest.raises(LookupFailed) as failed:
        await RepeatCallerLookup(backend, rules).caller_history("13957100421")
    assert failed.value.retryable
    assert failed.value.message == "无法连接到服务器。请检查网络，或联系大厅信息技术人员。"
    backend.error = BackendError(ErrorKind.SESSION_EXPIRED, 401)
    with pytest.raises(LookupFailed) as failed:
        await RepeatCallerLookup(backend, rules).caller_history("13957100421")
    assert not failed.value.retryable


@pytest.mark.asyncio
async def test_a_new_ring_supersedes_the_previous_lookup(rules: LookupRules) -> None:
    backend = FakeBackend(
        {
            "13957100421": [summary("HZ20261118000004", OrderStatus.IN_PROGRESS, 4)],
            "13800001111": [summary("HZ20261119000001", OrderStatus.CLOSED, 3)],
        },
        {},
    )
    backend.release = asyncio.Event()
    lookup = RepeatCallerLookup(backend, rules)
    first = lookup.start_caller_lookup("13957100421")
    await asyncio.sleep(0)
    second = lookup.start_caller_lookup("13800001111")
    await asyncio.sleep(0)
    assert backend.asked == ["13957100421", "13800001111"]
    backend.release.set()
    history = await second
    assert [order.order_number for order in history.orders] == ["HZ20261119000001"]
    assert first.cancelled()
    assert backend.finished == ["13800001111"]  # the first never got its answer

    third = lookup.start_caller_lookup("13957100421")
    lookup.cancel()
    with pytest.raises(asyncio.CancelledError):
        await third


# -- "how is my matter going" --------------------------------------------------------------------


def detail(number: str, confidential: bool) -> OrderDetail:
    base = summary(number, OrderStatus.IN_PROGRESS, 4, due=date(2026, 11, 27), confidential=confidential)
    registered = base.registered_at
    return OrderDetail(
        **base.model_dump(),
        due_deadline=datetime(2026, 11, 27, 15, 59, 59, tzinfo=UTC),
        district="西湖区",
        reply="已联系来电人 13957100421",
        progress=[
            OrderProgress(
                at=registered + timedelta(hours=2),
                status=OrderStatus.IN_PROGRESS,
                status_label="承办单位办理中",
                note="电话 13957100421 回访",
            ),
            OrderProgress(at=registered, status=OrderStatus.DISPATCHED, status_label="已派单"),
        ],
    )


@pytest.mark.asyncio
async def test_an_order_by_number_shows_status_unit_due_date_and_the_latest_step(rules: LookupRules) -> None:
    backend = FakeBackend({}, {"HZ20261118000004": detail("HZ20261118000004", confidential=False)})
    report = await RepeatCallerLookup(backend, rules).order_progress("hz2026 1118 000004")
    assert backend.asked == ["HZ20261118000004"]
    assert (report.order.status_label, report.order.unit_name, report.order.due) == (
        "承办单位办理中",
        "西湖区综合行政执法局",
        date(2026, 11, 27),
    )
    assert [step.status_label for step in report.steps] == ["已派单", "承办单位办理中"]
    assert report.latest is not None and report.latest.note == "电话 13957100421 回访"
    assert report.district == "西湖区"


@pytest.mark.asyncio
async def test_a_confidential_order_by_number_is_masked(rules: LookupRules) -> None:
    backend = FakeBackend({}, {"HZ20261118000004": detail("HZ20261118000004", confidential=True)})
    report = await RepeatCallerLookup(backend, rules).order_progress("HZ20261118000004")
    assert report.reply == "已联系来电人 139****0421"
    assert report.latest is not None and report.latest.note == "电话 139****0421 回访"


@pytest.mark.asyncio
async def test_a_malformed_or_unknown_number_is_explained_and_a_malformed_one_never_asked(
    rules: LookupRules,
) -> None:
    backend = FakeBackend({}, {})
    lookup = RepeatCallerLookup(backend, rules)
    with pytest.raises(LookupFailed) as failed:
        await lookup.order_progress("12345")
    assert failed.value.message == "工单号“12345”格式不对，应形如 HZ20261122000123"
    assert backend.asked == []
    with pytest.raises(LookupFailed) as failed:
        await lookup.order_progress("HZ20261118000009")
    assert failed.value.message == "没有工单 HZ20261118000009，请与来电人核对工单号。"
    assert not failed.value.retryable
