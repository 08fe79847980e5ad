"""Scoring a trainee's call: a perfect run scores full marks, each kind of mistake costs what scoring.json says."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from seatclient.rules import RuleError, load_rule_file
from seatclient.rules.rulebook import parse_rule_text
from seatclient.training.scenarios import Disposition, Scenario, ScenarioReferences, load_scenarios
from seatclient.training.scoring import (
    CallRecord,
    MistakeKind,
    ModelOptions,
    Scorer,
    default_scoring_path,
    load_default_scorer,
    load_scoring_rules,
    model_record,
    says_job_number,
    script_share,
    validate_scoring_rules,
)

CST = timezone(timedelta(hours=8))
OFFERED = datetime(2026, 3, 2, 9, 30, tzinfo=CST)
GREETING = "您好，12345热线，1001号为您服务，请讲。"
CLOSING = "感谢您的来电，祝您生活愉快，再见！"
CONFIDENTIALITY = "好的，请您放心，您的个人信息我们会严格保密，不会透露给被反映的单位和个人。"
DISPATCHED = (
    "您反映的问题已经登记，工单号HZ20260302000117，我们会转交承办单位在7个工作日内办理，请您保持电话畅通。"
)

# What a good call-taker typed and said on the rooftop call, written by hand (not built from the scenario).
PERFECT_ORDER: dict[str, Any] = {
    "caller_name": "沈女士",
    "phone_withheld": False,
    "caller_phone": "137 5716 3590",
    "address": "西湖区翠苑街道翠苑一区12幢4单元",
    "request_type": "complaint_report",
    "confidential": True,
    "involved_party": "翠苑一区12幢702住户",
    "occurred_at": "2026-02-27T09:00:00+08:00",
    "occurred_location": "翠苑一区12幢屋顶平台",
    "event_description": (
        "来电人反映，翠苑一区12幢702住户自上个月底起在楼顶公共平台搭建阳光房，钢架已立起，近日在电焊、"
        "装玻璃；平台为全楼公用，搭建后其他住户无法使用，且下雨时楼梯间漏水。"
    ),
    "caller_request": "请执法部门核查该违章建筑并依法拆除。",
    "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
    "matter_place": {"district": "西湖区", "street": "翠苑街道"},
    "time_limit_class": "general",
}
PERFECT = CallRecord(
    scenario_id="rooftop-illegal-building",
    job_number="1001",
    offered_at=OFFERED,
    answered_at=OFFERED + timedelta(seconds=6),
    greeting=GREETING,
    said=(CONFIDENTIALITY, "请问具体是哪幢楼？什么时候开始搭的？", DISPATCHED),
    closing=CLOSING,
    order=PERFECT_ORDER,
    disposition=Disposition.DISPATCH,
    units=("xihu-law-enforcement",),
)


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return load_default_scorer()


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    return {scenario.id: scenario for scenario in load_scenarios(references=ScenarioReferences.load())}


def _order(**changes: Any) -> dict[str, Any]:
    order = dict(PERFECT_ORDER)
    for key, value in changes.items():
        if value is None:
            order.pop(key, None)
        else:
            order[key] = value
    return order


def _deductions(scorer: Scorer, scenario: Scenario, record: CallRecord) -> list[tuple[str, int, str]]:
    report = scorer.score(scenario, record)
    assert report.score == max(0, 100 - sum(d.points for d in report.deductions))
    return [(d.kind.value, d.points, d.message) for d in report.deductions]


# --- perfect runs ---------------------------------------------------------------------------------


def test_hand_written_perfect_run_scores_full_marks(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    report = scorer.score(scenarios["rooftop-illegal-building"], PERFECT)
    assert report.deductions == ()
    assert (report.score, report.full_marks, report.pass_mark, report.passed) == (100, 100, 85, True)


def test_job_number_in_chinese_numerals_counts(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    record = dataclasses.replace(PERFECT, greeting="您好，12345热线，幺零零幺号为您服务，请讲。")
    assert scorer.score(scenarios["rooftop-illegal-building"], record).score == 100


def test_every_scenario_model_answer_scores_full_marks(
    scorer: Scorer, scenarios: dict[str, Scenario]
) -> None:
    for scenario in scenarios.values():
        report = scorer.score(scenario, model_record(scenario, scorer))
        assert report.deductions == (), (scenario.id, report.deductions)
    # And it survives the trip through JSON the trainer view or mock backend would make.
    scenario = scenarios["repeat-parking-same-complaint"]
    record = model_record(scenario, scorer, ModelOptions(job_number="9001"))
    again = CallRecord.from_json(json.loads(json.dumps(record.to_json(), ensure_ascii=False)))
    assert again == dataclasses.replace(record, order=again.order)
    assert again.order == record.order
    assert scorer.score(scenario, again).score == 100


def test_every_scenario_punishes_the_wrong_disposition(
    scorer: Scorer, scenarios: dict[str, Scenario]
) -> None:
    for scenario in scenarios.values():
        wrong = next(d for d in Disposition if d is not scenario.expected.disposition)
        report = scorer.score(
            scenario, dataclasses.replace(model_record(scenario, scorer), disposition=wrong)
        )
        assert report.score < 100, scenario.id
        assert report.kinds()[0] in {
            MistakeKind.WRONG_DISPOSITION,
            MistakeKind.MISSED_EMERGENCY,
            MistakeKind.WRONGLY_REFUSED,
        }


# --- one test per kind of mistake ------------------------------------------------------------------

Case = tuple[str, Callable[[CallRecord], CallRecord], list[tuple[str, int, str]]]

ROOFTOP_CASES: list[Case] = [
    (
        "missed_call",
        lambda r: dataclasses.replace(r, answered_at=None),
        [("missed_call", 100, "来电响铃 40 秒无人接听，来电人已挂断；应在 3 声铃内接听")],
    ),
    (
        "missed_call_after_abandon",
        lambda r: dataclasses.replace(r, answered_at=OFFERED + timedelta(seconds=41)),
        [("missed_call", 100, "来电响铃 40 秒无人接听，来电人已挂断；应在 3 声铃内接听")],
    ),
    (
        "late_answer_from_times",
        lambda r: dataclasses.replace(r, answered_at=OFFERED + timedelta(seconds=16)),
        [("late_answer", 5, "第 4 声铃才接听；应在 3 声铃内接听")],
    ),
    (
        "late_answer_counted",
        lambda r: dataclasses.replace(r, rings=5),
        [("late_answer", 5, "第 5 声铃才接听；应在 3 声铃内接听")],
    ),
    (
        "greeting_job_number",
        lambda r: dataclasses.replace(r, greeting="您好，12345热线，号为您服务，请讲。"),
        [("greeting_job_number", 5, f"问候语没有报工号 1001；应说：“{GREETING}”")],
    ),
    (
        "greeting_script",
        lambda r: dataclasses.replace(r, greeting="喂，1001号，你说。"),
        [("greeting_script", 3, f"问候语不规范；标准问候语：“{GREETING}”")],
    ),
    (
        "forbidden_phrase",
        lambda r: dataclasses.replace(r, said=(*r.said, "你听不懂吗？我再说一遍。")),
        [
            (
                "forbidden_phrase",
                10,
                "使用了服务禁语“听不懂吗”（质问）；可改说：“我再为您详细解释一遍，您看哪里还不清楚。”",
            )
        ],
    ),
    (
        "missing_script",
        lambda r: dataclasses.replace(r, said=r.said[1:]),
        [
            (
                "missing_script",
                5,
                "没有使用规范话术；应说：“请您放心，您的个人信息我们会严格保密，不会透露给被反映的单位和个人。”",
            )
        ],
    ),
    (
        "missing_dispatched_script",
        lambda r: dataclasses.replace(r, said=r.said[:2]),
        [
            (
                "missing_script",
                5,
                "没有使用规范话术；应说：“您反映的问题已经登记，工单号【工单号】，我们会转交承办单位在【办理时限】内办理，"
                "请您保持电话畅通。”",
            )
        ],
    ),
    (
        "missing_closing",
        lambda r: dataclasses.replace(r, closing="好的，拜拜。"),
        [("missing_closing", 3, f"没有规范地结束通话；结束语：“{CLOSING}”")],
    ),
    (
        "wrongly_refused",
        lambda r: dataclasses.replace(
            r, disposition=Disposition.NOT_ACCEPTED, units=(), not_accepted_reason="litigation"
        ),
        [("wrongly_refused", 30, "该诉求属于受理范围，不应不予受理；应派单")],
    ),
    (
        "wrong_disposition",
        lambda r: dataclasses.replace(r, disposition=Disposition.DIRECT_ANSWER, units=()),
        [("wrong_disposition", 20, "处置方式为“直接答复”，应为“派单”")],
    ),
    (
        "no_disposition",
        lambda r: dataclasses.replace(r, disposition=None, units=()),
        [("wrong_disposition", 20, "处置方式为“未选择”，应为“派单”")],
    ),
    (
        "wrong_unit",
        lambda r: dataclasses.replace(r, units=("xihu-housing", "xihu-law-enforcement")),
        [("wrong_unit", 10, "主办单位选为“西湖区住房和城乡建设局”，应为：西湖区综合行政执法局")],
    ),
    (
        "missing_order",
        lambda r: dataclasses.replace(r, order=None),
        [("missing_order", 30, "本次来电应登记工单，但没有提交工单")],
    ),
    (
        "missing_field",
        lambda r: dataclasses.replace(r, order=_order(involved_party=None, occurred_at="  ")),
        [
            ("missing_field", 3, "工单缺少必填项“涉及对象”"),
            ("missing_field", 3, "工单缺少必填项“事发时间”"),
        ],
    ),
    (
        "wrong_caller_name",
        lambda r: dataclasses.replace(r, order=_order(caller_name="沈先生")),
        [("wrong_caller_name", 3, "来电人姓名记为“沈先生”，应为“沈丽萍”或“沈女士”")],
    ),
    (
        "wrong_caller_phone",
        lambda r: dataclasses.replace(r, order=_order(caller_phone="13757163509")),
        [("wrong_caller_phone", 5, "联系电话记为“13757163509”，应为 13757163590")],
    ),
    (
        "wrong_request_type",
        lambda r: dataclasses.replace(r, order=_order(request_type="help")),
        [("wrong_request_type", 5, "诉求分类记为“求助”，应为“投诉举报”")],
    ),
    (
        "wrong_confidentiality",
        lambda r: dataclasses.replace(r, order=_order(confidential=False)),
        [("wrong_confidentiality", 10, "来电人要求保密，工单应勾选“是否保密”")],
    ),
    (
        "confidentiality_leak",
        lambda r: dataclasses.replace(
            r,
            order=_order(
                event_description="来电人沈丽萍（137-5716-3590）反映，" + PERFECT_ORDER["event_description"]
            ),
        ),
        [
            (
                "confidentiality_leak",
                20,
                "保密工单的“事由”中写了来电人的姓名或电话，承办单位会看到；身份信息只能填在受保护的字段中",
            )
        ],
    ),
    (
        "wrong_topic",
        lambda r: dataclasses.replace(
            r, order=_order(business_topic={"class": "生态环境", "item": "环境管理"})
        ),
        [("wrong_topic", 8, "业务主题记为“生态环境 / 环境管理”，应为“城乡建设 / 城市建设和管理”")],
    ),
    (
        "wrong_topic_item",
        lambda r: dataclasses.replace(
            r, order=_order(business_topic={"class": "城乡建设", "item": "城乡规划"})
        ),
        [("wrong_topic_item", 4, "业务主题记为“城乡建设 / 城乡规划”，应为“城乡建设 / 城市建设和管理”")],
    ),
    (
        "wrong_place",
        lambda r: dataclasses.replace(
            r, order=_order(matter_place={"district": "拱墅区", "street": "半山街道"})
        ),
        [("wrong_place", 8, "事项所在地记为“拱墅区 半山街道”，应为“西湖区 翠苑街道”")],
    ),
    (
        "wrong_place_street",
        lambda r: dataclasses.replace(
            r, order=_order(matter_place={"district": "西湖区", "street": "文新街道"})
        ),
        [("wrong_place_street", 4, "事项所在地记为“西湖区 文新街道”，应为“西湖区 翠苑街道”")],
    ),
    (
        "wrong_time_limit",
        lambda r: dataclasses.replace(r, order=_order(time_limit_class="quick")),
        [("wrong_time_limit", 5, "办理时限类别记为“快速事项”，应为“一般事项”")],
    ),
    (
        "wrong_time_limit_hz_policy",
        lambda r: dataclasses.replace(
            r, time_limit_policy="HZ-2020", order=_order(time_limit_class="routine")
        ),
        [("wrong_time_limit", 5, "办理时限类别记为“常规件”，应为“疑难件”")],
    ),
    (
        "missing_fact",
        lambda r: dataclasses.replace(
            r,
            order=_order(
                event_description="翠苑一区12幢702住户自上个月底起占用楼顶公共平台。",
                caller_request="请执法部门依法拆除。",
            ),
        ),
        [("missing_fact", 3, "工单内容缺少事由，应写明“阳光房”或“违章建筑”或“违建”")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [case[1:] for case in ROOFTOP_CASES], ids=[c[0] for c in ROOFTOP_CASES]
)
def test_each_mistake_costs_its_weight(
    scorer: Scorer,
    scenarios: dict[str, Scenario],
    change: Callable[[CallRecord], CallRecord],
    expected: list[tuple[str, int, str]],
) -> None:
    assert _deductions(scorer, scenarios["rooftop-illegal-building"], change(PERFECT)) == expected


def test_time_limit_of_hz_policy_is_accepted(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    record = dataclasses.replace(
        PERFECT, time_limit_policy="HZ-2020", order=_order(time_limit_class="difficult")
    )
    assert scorer.score(scenarios["rooftop-illegal-building"], record).score == 100


def _model(scorer: Scorer, scenario: Scenario, **changes: Any) -> CallRecord:
    return dataclasses.replace(model_record(scenario, scorer), **changes)


def test_missed_emergency_transfer(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    gas = scenarios["gas-smell-stairwell"]
    record = _model(scorer, gas, disposition=Disposition.DISPATCH, units=("hz-gas",), emergency_line=None)
    assert _deductions(scorer, gas, record) == [
        ("missed_emergency", 40, "这是需要立即处置的紧急情况，应立即转接 119；实际处置：派单")
    ]


def test_missed_extra_urgent_dispatch(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    manhole = scenarios["manhole-cover-missing"]
    record = _model(scorer, manhole, disposition=Disposition.DISPATCH)
    assert _deductions(scorer, manhole, record) == [
        (
            "missed_emergency",
            40,
            "这是需要立即处置的紧急情况，应按特急件派单并同时电话通知承办单位；实际处置：派单",
        )
    ]


def test_wrong_emergency_line(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    gas = scenarios["gas-smell-stairwell"]
    assert _deductions(scorer, gas, _model(scorer, gas, emergency_line="110")) == [
        ("wrong_emergency_line", 20, "转接到了“110”，应转接 119")
    ]


def test_wrong_not_accepted_reason(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    loan = scenarios["loan-dispute-lawsuit"]
    assert _deductions(scorer, loan, _model(scorer, loan, not_accepted_reason="arbitration")) == [
        ("wrong_not_accepted_reason", 5, "不予受理的情形选为“应通过仲裁解决”，应为“应通过诉讼解决”")
    ]


def test_refusal_without_its_script(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    loan = scenarios["loan-dispute-lawsuit"]
    assert _deductions(scorer, loan, _model(scorer, loan, said=("这个您去法院起诉吧。",))) == [
        (
            "missing_script",
            5,
            "没有使用规范话术；应说：“您反映的事项已经或者依法应当通过诉讼途径解决，12345热线不予受理。"
            "您可以向有管辖权的人民法院提起诉讼，也可以拨打12348公共法律服务热线咨询。”",
        )
    ]


def test_wrong_linked_order(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    repeat = scenarios["repeat-streetlight-progress"]
    assert _deductions(scorer, repeat, _model(scorer, repeat, linked_order=None)) == [
        (
            "wrong_linked_order",
            10,
            "应关联来电人的已有工单 HZ20260223000418（良渚街道古墩路（近良渚文化村段）约 300 米路灯不亮，来电人要求尽快维修。）",
        )
    ]


def test_needless_order(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    silent = scenarios["silent-line"]
    assert _deductions(scorer, silent, _model(scorer, silent, order=dict(PERFECT_ORDER))) == [
        ("needless_order", 5, "本次来电没有可受理的诉求，不应登记工单")
    ]


def test_silent_line_hung_up_too_early(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    silent = scenarios["silent-line"]
    record = _model(scorer, silent, said=("您好，这里是12345热线，请问有什么可以帮您？",))
    assert [kind for kind, _, _ in _deductions(scorer, silent, record)] == [
        "missing_script",
        "missing_script",
    ]


def test_incomplete_answer(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    pension = scenarios["pension-first-payment"]
    record = _model(scorer, pension, said=("退休手续可以由用人单位或您本人通过浙里办提交申请。",))
    assert _deductions(scorer, pension, record) == [
        ("incomplete_answer", 5, "答复缺少要点：应向来电人讲明“市民卡”或“社会保障卡”")
    ]


def test_withheld_number_must_be_marked(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    piling = scenarios["night-piling-withheld"]
    model = model_record(piling, scorer)
    assert model.order is not None
    order = {**model.order, "phone_withheld": False, "caller_phone": "13900000000"}
    order.pop("phone_withheld_reason")
    assert _deductions(scorer, piling, dataclasses.replace(model, order=order)) == [
        ("wrong_caller_phone", 5, "来电号码未显示且来电人不愿留号码，应勾选“未留联系电话”并写明原因")
    ]


def test_confidential_flag_where_none_was_asked(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    taxi = scenarios["taxi-detour"]
    model = model_record(taxi, scorer)
    assert model.order is not None
    record = dataclasses.replace(model, order={**model.order, "confidential": True})
    assert _deductions(scorer, taxi, record) == [
        ("wrong_confidentiality", 10, "来电人没有要求保密，工单不应勾选“是否保密”")
    ]


def test_repeated_mistakes_stop_at_their_cap(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    record = dataclasses.replace(PERFECT, said=(*PERFECT.said, "闭嘴，神经病，滚蛋，白痴"))
    deductions = _deductions(scorer, scenarios["rooftop-illegal-building"], record)
    assert [(kind, points) for kind, points, _ in deductions] == [
        ("forbidden_phrase", p) for p in (10, 10, 10, 0)
    ]
    assert scorer.score(scenarios["rooftop-illegal-building"], record).score == 70

    emptied = _order(
        caller_name=None,
        address=None,
        involved_party=None,
        occurred_at=None,
        occurred_location=None,
        event_description=None,
        caller_request=None,
    )
    report = scorer.score(scenarios["rooftop-illegal-building"], dataclasses.replace(PERFECT, order=emptied))
    assert report.points_for(MistakeKind.MISSING_FIELD) == 15
    assert report.points_for(MistakeKind.MISSING_FACT) == 15
    assert report.score == 70


def test_score_never_goes_below_zero(scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    record = CallRecord(
        scenario_id="rooftop-illegal-building",
        job_number="1001",
        offered_at=OFFERED,
        answered_at=OFFERED + timedelta(seconds=30),
        greeting="喂？",
        said=("你听不懂吗", "闭嘴", "神经病"),
    )
    report = scorer.score(scenarios["rooftop-illegal-building"], record)
    assert report.score == 0 and not report.passed
    assert sum(d.points for d in report.deductions) > 100


# --- weights are data --------------------------------------------------------------------------------


def _weights(**changes: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(default_scoring_path().read_text(encoding="utf-8"))
    for kind, change in changes.items():
        data["deductions"][kind].update(change)
    return data


def test_weights_come_from_the_file(tmp_path: Path, scorer: Scorer, scenarios: dict[str, Scenario]) -> None:
    path = tmp_path / "scoring.json"
    path.write_text(
        json.dumps(
            _weights(late_answer={"points": 7}, forbidden_phrase={"points": 4, "max_total": 6}),
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    custom = copy.copy(scorer)
    custom.rules = load_scoring_rules(load_rule_file(path), scorer.form)
    record = dataclasses.replace(PERFECT, rings=4, said=(*PERFECT.said, "闭嘴，神经病"))
    assert [
        (d.kind.value, d.points)
        for d in custom.score(scenarios["rooftop-illegal-building"], record).deductions
    ] == [
        ("late_answer", 7),
        ("forbidden_phrase", 4),
        ("forbidden_phrase", 2),
    ]


def test_scoring_file_errors_name_key_and_line(scorer: Scorer) -> None:
    data = _weights(wrong_unit={"points": 10, "max_total": 5})
    del data["deductions"]["late_answer"]
    data["record_fields"]["topic"] = "topic"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    rule_file = parse_rule_text("scoring", text, "scoring.json")
    problems = validate_scoring_rules(rule_file, scorer.form)
    lines = text.splitlines()
    described = [(p.pointer, p.line, p.problem) for p in problems]
    assert described == [
        (
            "record_fields/topic",
            1 + next(i for i, line in enumerate(lines) if '"topic": "topic"' in line),
            "受理工单中没有字段“topic”，可用：" + "、".join(scorer.form.keys),
        ),
        ("deductions", 1 + lines.index('  "deductions": {'), "缺少必填键“late_answer”"),
        (
            "deductions/wrong_unit/max_total",
            1 + next(i for i, line in enumerate(lines) if '"max_total": 5' in line),
            "max_total（5）不能小于 points（10）",
        ),
    ]
    with pytest.raises(RuleError):
        load_scoring_rules(rule_file, scorer.form)


def test_shipped_weights_cover_every_mistake(scorer: Scorer) -> None:
    assert set(scorer.rules.deductions) == set(MistakeKind)
    assert scorer.rules.full_marks == 100
    assert scorer.rules.deductions[MistakeKind.MISSED_CALL].points == 100
    assert all(rule.label and rule.basis for rule in scorer.rules.deductions.values())


# --- the call record and matching helpers -----------------------------------------------------------


def test_call_record_from_json_refuses_bad_values() -> None:
    good = PERFECT.to_json()
    assert CallRecord.from_json(good) == dataclasses.replace(PERFECT, order=good["order"])
    with pytest.raises(ValueError, match="通话记录的“offered_at”应为文字"):
        CallRecord.from_json({**good, "offered_at": None})
    with pytest.raises(ValueError, match="不是 ISO 8601 时间"):
        CallRecord.from_json({**good, "answered_at": "昨天"})
    with pytest.raises(ValueError, match="处置方式“transfer”不认识"):
        CallRecord.from_json({**good, "disposition": "transfer"})
    with pytest.raises(ValueError, match="“rings”应为正整数"):
        CallRecord.from_json({**good, "rings": 0})
    with pytest.raises(ValueError, match="“said”应为文字列表"):
        CallRecord.from_json({**good, "said": "你好"})


def test_script_share_counts_wording_in_order() -> None:
    literals = ["您好，12345热线，", "号为您服务，请讲。"]
    assert script_share(literals, "您好 12345热线 1001 号为您服务 请讲") == 1.0
    assert script_share(literals, "您好，12345热线") == 9 / 16
    assert script_share(literals, "请讲，号为您服务，12345热线，您好") == 2 / 16
    assert script_share([], "随便") == 1.0


def test_job_number_matching() -> None:
    assert says_job_number("您好，１００１号为您服务", "1001")
    assert says_job_number("您好，一零零一号为您服务", "1001")
    assert not says_job_number("您好，1002号为您服务", "1001")
    assert not says_job_number("您好", "")
