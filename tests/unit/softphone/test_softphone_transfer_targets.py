"""Transfer targets as data: the shipped file, its checks, the search, unit numbers and the handoff packet."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from seatclient.api.models import ConsultInfo, ConsultOutcome, ConsultPhase, TransferKind
from seatclient.dispatch.units import load_default_units
from seatclient.rules import RuleBook, RuleError, RuleFile
from seatclient.rules.rulebook import parse_rule_text
from seatclient.softphone.transfers import (
    RULE_FILE_NAME,
    TargetKind,
    TransferTargets,
    describe_consult,
    emergency_handoff,
    load_default_targets,
    load_targets_in_force,
    load_transfer_targets,
    resolve_target,
    transfer_target_problems,
)

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def shipped() -> TransferTargets:
    return load_default_targets(RuleBook())


@pytest.fixture(scope="module")
def shipped_data() -> dict[str, Any]:
    data = RuleBook().get(RULE_FILE_NAME).data
    assert isinstance(data, dict)
    return data


def from_text(data: object) -> RuleFile:
    """A rule file parsed from indented text, so problems carry their line numbers."""
    return parse_rule_text(
        RULE_FILE_NAME, json.dumps(data, ensure_ascii=False, indent=2), "transfer_targets.json"
    )


def test_the_shipped_targets_hold_the_specialists_hotlines_and_emergency_bridges(
    shipped: TransferTargets,
) -> None:
    specialists = shipped.of_kind(TargetKind.SPECIALIST)
    assert [t.name for t in specialists[:4]] == ["人力社保专席", "公积金专席", "交通运输专席", "法律咨询专席"]
    assert specialists[0].id == "specialist:hrss" and specialists[0].number == "8101"
    hotlines = {t.id: t.number for t in shipped.of_kind(TargetKind.HOTLINE)}
    assert {
        "hotline:12315": "12315",
        "hotline:12328": "12328",
        "hotline:12333": "12333",
    }.items() <= hotlines.items()
    assert shipped.emergency_lines == ["110", "119", "120", "122"]
    fire = shipped.emergency_line("119")
    assert fire is not None and fire.name == "119 火警" and fire.number == "9119" and fire.line == "119"
    assert shipped.emergency_line("999") is None
    assert shipped.consult_ring_seconds == 20 and shipped.version == "2026.1"
    # The emergency lines are never offered for a consultation.
    assert all(t.kind is not TargetKind.EMERGENCY for t in shipped.consultable())


def test_search_by_pinyin_keyword_number_and_several_terms(shipped: TransferTargets) -> None:
    assert shipped.search("gjj")[0].name == "公积金专席"
    assert shipped.search("社保")[0].name == "人力社保专席"
    assert [t.id for t in shipped.search("12315")] == ["hotline:12315"]
    assert shipped.search("出租车")[0].id == "specialist:transport"
    assert [t.id for t in shipped.search("专席 法律")] == ["specialist:legal"]
    assert shipped.search("火灾") == []
    assert [t.id for t in shipped.search("火灾", include_emergency=True)] == ["emergency:119"]
    assert len(shipped.search("")) == len(shipped.consultable())
    assert shipped.search("没有这样的对象") == []


def test_units_with_a_contact_number_become_targets_before_the_emergency_lines(
    shipped: TransferTargets,
) -> None:
    directory = load_default_units()
    with_units = shipped.with_units(directory.units)
    fund = with_units.find("unit:hz-provident-fund")
    assert fund is not None and fund.kind is TargetKind.UNIT
    assert (fund.name, fund.number) == ("杭州住房公积金管理中心", "12329")
    assert with_units.targets[-1].kind is TargetKind.EMERGENCY
    numbered = [unit for unit in directory.units if unit.phone]
    assert len(with_units.of_kind(TargetKind.UNIT)) == len(numbered) > 0
    assert with_units.search("市公积金中心")[0].id == "unit:hz-provident-fund"
    # A unit without a number cannot be called; a configured id resolves without the directory.
    assert resolve_target("unit:xihu-law-enforcement", shipped, directory) is None
    assert resolve_target("unit:hz-provident-fund", shipped, directory) == fund
    assert resolve_target("specialist:legal", shipped) == shipped.find("specialist:legal")
    assert load_targets_in_force(RuleBook()) == with_units


def test_every_problem_names_its_key_path_and_line(shipped_data: dict[str, Any]) -> None:
    assert transfer_target_problems(from_text(shipped_data)) == []
    broken = copy.deepcopy(shipped_data)
    broken["specialists"][1]["number"] = "八一零二"
    broken["specialists"][2]["colour"] = "red"
    del broken["hotlines"][0]["name"]
    broken["hotlines"][1]["id"] = "12333"
    broken["emergency_lines"][3]["line"] = "1x2"
    broken["consult_ring_seconds"] = 2
    problems = transfer_target_problems(from_text(broken))
    described = sorted((p.pointer, p.problem) for p in problems)
    assert described == sorted(
        [
            ("specialists/1/number", "格式不对：应为数字号码（可含连字符，3 到 20 位）"),
            ("specialists/2/colour", "不认识的键“colour”；可用的键：id、name、number、keywords、description"),
            ("hotlines/0", "缺少必填的键“name”"),
            ("emergency_lines/3/line", "格式不对：应为3 到 8 位数字，如 110"),
            ("consult_ring_seconds", "应为 5 到 120 之间的整数（秒）"),
            ("", "转接对象 hotline:12333 重复出现 2 次；每个编号只能出现一次"),
        ]
    )
    number_problem = next(p for p in problems if p.pointer == "specialists/1/number")
    assert number_problem.line is not None and number_problem.line > 1
    assert "transfer_targets.json:" in number_problem.describe()
    with pytest.raises(RuleError):
        load_transfer_targets(from_text(broken))


def test_the_emergency_lines_are_required(shipped_data: dict[str, Any]) -> None:
    without = {**shipped_data, "emergency_lines": []}
    assert [(p.pointer, p.problem) for p in transfer_target_problems(from_text(without))] == [
        ("emergency_lines", "应为非空的列表")
    ]
    assert [p.pointer for p in transfer_target_problems(RuleFile(RULE_FILE_NAME, [], "x"))] == [""]


def test_the_handoff_takes_the_order_fields_and_falls_back_to_the_call() -> None:
    values = {
        "event_description": "  楼道起火，有浓烟 ",
        "caller_request": "请派消防",
        "occurred_location": "",
        "address": "西湖区文三路 100 号",
        "caller_phone": "",
    }
    handoff = emergency_handoff(values, "C-9", caller_number="13957100421")
    assert handoff.model_dump() == {
        "summary": "楼道起火，有浓烟",
        "address": "西湖区文三路 100 号",
        "callback_number": "13957100421",
        "order_id": "C-9",
    }
    recorded = emergency_handoff({"caller_request": "有人晕倒", "caller_phone": "13800000000"}, "C-10")
    assert (recorded.summary, recorded.address, recorded.callback_number) == ("有人晕倒", "", "13800000000")
    assert emergency_handoff({}, "C-11").summary == ""


def leg(phase: ConsultPhase, outcome: ConsultOutcome | None = None, **extra: Any) -> ConsultInfo:
    return ConsultInfo(
        consult_id="X1",
        call_id="C-1",
        kind=extra.pop("kind", TransferKind.CONSULT),
        target_id="specialist:hrss",
        target_name="人力社保专席",
        number="8101",
        phase=phase,
        started_at=T0,
        outcome=outcome,
        **extra,
    )


@pytest.mark.parametrize(
    ("consult", "text"),
    [
        (leg(ConsultPhase.RINGING), "正在呼叫 人力社保专席，来电人保持中…"),
        (leg(ConsultPhase.TALKING), "人力社保专席 已接通：可三方通话、完成转接或结束咨询"),
        (leg(ConsultPhase.CONFERENCE), "三方通话中：来电人、人力社保专席 和您"),
        (
            leg(ConsultPhase.ENDED, ConsultOutcome.BUSY, caller_returned=True),
            "人力社保专席 忙，已回到来电人。",
        ),
        (leg(ConsultPhase.ENDED, ConsultOutcome.BUSY), "人力社保专席 忙，未能接通。"),
        (
            leg(ConsultPhase.ENDED, ConsultOutcome.NO_ANSWER, caller_returned=True),
            "人力社保专席 无人接听，已回到来电人。",
        ),
        (leg(ConsultPhase.ENDED, ConsultOutcome.TARGET_HUNG_UP), "人力社保专席 已挂断，已回到来电人。"),
        (leg(ConsultPhase.ENDED, ConsultOutcome.CANCELLED), "已结束咨询 人力社保专席，回到来电人。"),
        (
            leg(ConsultPhase.ENDED, ConsultOutcome.CALLER_HUNG_UP),
            "来电人已挂断，与 人力社保专席 的咨询已结束。",
        ),
        (leg(ConsultPhase.ENDED, ConsultOutcome.AGENT_HUNG_UP), "三方通话已结束。"),
        (leg(ConsultPhase.ENDED, ConsultOutcome.TRANSFERRED), "已转接给 人力社保专席。"),
        (
            leg(ConsultPhase.ENDED, ConsultOutcome.TRANSFERRED, kind=TransferKind.EMERGENCY),
            "已紧急转接 人力社保专席，交接信息已发送。",
        ),
        (leg(ConsultPhase.RINGING, kind=TransferKind.BLIND), "正在转接 人力社保专席…"),
    ],
)
def test_what_the_panel_says_about_the_leg(consult: ConsultInfo, text: str) -> None:
    assert describe_consult(consult) == text
