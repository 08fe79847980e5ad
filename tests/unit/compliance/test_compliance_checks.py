"""Order text and transcript checks, the compliance policy file, and the wrap-up self-check record."""

from __future__ import annotations

import json
from typing import Any

import pytest

from seatclient.compliance.checks import (
    SELF_CHECK_PAYLOAD_KEY,
    CompliancePolicy,
    FieldFinding,
    HitOutcome,
    WrapUpSelfCheck,
    check_compliance_policy,
    check_order_texts,
    check_transcript_line,
    findings_block,
    load_compliance_policy,
    load_default_policy,
)
from seatclient.compliance.phrases import Mode, PhraseMatcher, load_default_matcher
from seatclient.rules import RuleBook, RuleError
from seatclient.rules.rulebook import parse_rule_text


@pytest.fixture(scope="module")
def matcher() -> PhraseMatcher:
    return load_default_matcher()


@pytest.fixture(scope="module")
def policy() -> CompliancePolicy:
    return load_default_policy()


def order_payload(**fields: Any) -> dict[str, Any]:
    """An order as ``OrderEditor.payload()`` makes it, with a realistic help request."""
    values: dict[str, Any] = {
        "caller_name": "张三丰",
        "phone_withheld": False,
        "caller_phone": "+8613812345678",
        "address": "西湖区文三路 90 号",
        "request_type": "help",
        "confidential": False,
        "occurred_at": "2026-11-23T20:00:00+08:00",
        "occurred_location": "文三路 90 号门口",
        "event_description": "来电人反映文三路 90 号门口路灯不亮，晚上很暗，存在安全隐患。",
        "caller_request": "希望尽快修复路灯。",
        "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
        "matter_place": {"district": "西湖区", "street": "北山街道"},
        "time_limit_class": "general",
    }
    values.update(fields)
    return {
        "form": "intake",
        "form_version": 3,
        "call_id": "call-1",
        "job_number": "1001",
        "fields": values,
        "confidential": False,
        "protected_fields": [],
    }


# --- the policy file --------------------------------------------------------------------------------


def test_the_shipped_policy(policy: CompliancePolicy) -> None:
    assert policy.order_field_keys == (
        "involved_party",
        "occurred_location",
        "event_description",
        "caller_request",
        "notes",
        "direct_answer",
    )
    assert policy.call_taker_speakers == frozenset({"agent"})
    assert policy.transcript_alert_seconds == 6
    assert policy.field_labels()["direct_answer"] == "直接答复内容"
    assert policy.field_labels("en")["notes"] == "Notes"
    assert check_compliance_policy(RuleBook().get("compliance_policy")) == []


def test_the_shipped_policy_names_real_form_fields() -> None:
    schema_keys = {
        field["key"]
        for section in RuleBook().get("intake_form").data["sections"]
        for field in section["fields"]
    }
    missing = set(load_default_policy().order_field_keys) - schema_keys
    assert missing == {"direct_answer"}  # the disposition's text, not a form field


def problems_of(document: object) -> list[RuleError]:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return check_compliance_policy(parse_rule_text("compliance_policy", text, "policy.json"))


def shipped() -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(RuleBook().get("compliance_policy").data))
    return copy


def test_policy_errors_name_the_pointer_and_line() -> None:
    document = shipped()
    document["order_text_fields"][2]["key"] = "Event Description"
    document["order_text_fields"][3]["colour"] = "red"
    document["order_text_fields"].append({"key": "notes", "label": "备注", "label_en": "Notes"})
    document["call_taker_speakers"] = ["agent", ""]
    document["transcript_alert_seconds"] = 0
    document["mode"] = "block"
    found = {(error.pointer, error.problem) for error in problems_of(document)}
    assert found == {
        (
            "mode",
            "未知的键“mode”；允许的键：version、description、order_text_fields、call_taker_speakers、transcript_alert_seconds",
        ),
        (
            "order_text_fields/2/key",
            "key 必须是工单字段名：小写字母开头，只含小写字母、数字和下划线",
        ),
        ("order_text_fields/3/colour", "未知的键“colour”；允许的键：key、label、label_en"),
        ("order_text_fields/6/key", "字段“notes”与 order_text_fields/4 重复"),
        ("call_taker_speakers/1", "说话方代码只能由小写字母、数字、下划线和连字符组成，如 agent"),
        ("transcript_alert_seconds", "transcript_alert_seconds 必须是 2 到 30 之间的整数（秒）"),
    }
    by_pointer = {error.pointer: error for error in problems_of(document)}
    lines = json.dumps(document, ensure_ascii=False, indent=2).splitlines()
    expected_line = next(
        number for number, line in enumerate(lines, start=1) if '"transcript_alert_seconds"' in line
    )
    assert by_pointer["transcript_alert_seconds"].line == expected_line


def test_policy_structure_errors() -> None:
    assert [error.problem for error in problems_of([])] == ["文件内容必须是一个 JSON 对象"]
    found = {error.pointer for error in problems_of({"version": "1"})}
    assert found == {"order_text_fields", "call_taker_speakers", "transcript_alert_seconds"}
    document = shipped()
    document["order_text_fields"][0] = "notes"
    document["order_text_fields"][1]["label"] = " "
    document["transcript_alert_seconds"] = True
    found = {(error.pointer, error.problem) for error in problems_of(document)}
    assert found == {
        ("order_text_fields/0", "每个字段必须是 JSON 对象：key、label、label_en"),
        ("order_text_fields/1/label", "必须是非空字符串"),
        ("transcript_alert_seconds", "transcript_alert_seconds 必须是 2 到 30 之间的整数（秒）"),
    }
    with pytest.raises(RuleError) as caught:
        load_compliance_policy(parse_rule_text("compliance_policy", json.dumps(document), "p.json"))
    assert caught.value.pointer == "order_text_fields/0"


# --- the order's texts ------------------------------------------------------------------------------


def test_a_clean_order_has_no_findings(matcher: PhraseMatcher, policy: CompliancePolicy) -> None:
    payload = order_payload(
        notes="来电人称已多次向物业反映，物业不知道具体维修时间。",  # about a third party: fine
        involved_party="北山街道城管中队",
    )
    assert check_order_texts(payload, matcher, policy.order_field_keys) == []


def test_flagged_texts_are_found_per_field_in_policy_order(
    matcher: PhraseMatcher, policy: CompliancePolicy
) -> None:
    description = "来电人情绪激动，坐席回复：急什么，部门还没回复。"
    notes = "已告知来电人这个事情不归我们管，让其自行联系物业。"
    payload = order_payload(notes=notes, event_description=description)
    findings = check_order_texts(payload, matcher, policy.order_field_keys)
    assert [finding.field_key for finding in findings] == ["event_description", "notes"]
    first, second = findings
    assert first.text == description
    assert [(hit.phrase_id, hit.original_span, hit.matched_text) for hit in first.hits] == [
        ("impatient-01", (13, 16), "急什么")
    ]
    assert [(hit.phrase_id, hit.original_span, hit.matched_text) for hit in second.hits] == [
        ("shirking-04", (10, 15), "不归我们管")
    ]
    assert second.hits[0].suggestion == "这个事项由相关部门负责，我帮您转派或告诉您具体的办理渠道。"
    assert not findings_block(findings)  # the shipped list warns


def test_only_the_listed_fields_are_checked(matcher: PhraseMatcher) -> None:
    payload = order_payload(caller_name="急什么", notes="我们保证解决，请您放心。")
    findings = check_order_texts(payload, matcher, ("notes",))
    assert [(finding.field_key, finding.hits[0].phrase_id) for finding in findings] == [
        ("notes", "promise-02")
    ]


def test_values_without_a_payload_and_the_direct_answer_at_top_level(matcher: PhraseMatcher) -> None:
    values = {"event_description": "我也不清楚具体政策。", "business_topic": {"class": "急什么"}}
    findings = check_order_texts(values, matcher, ("event_description", "business_topic"))
    assert [(finding.field_key, finding.hits[0].matched_text) for finding in findings] == [
        ("event_description", "我也不清楚")
    ]
    payload = order_payload()
    payload["direct_answer"] = "这个不归我管，您去问社区吧。"
    findings = check_order_texts(payload, matcher, ("event_description", "direct_answer"))
    assert [(finding.field_key, finding.hits[0].phrase_id) for finding in findings] == [
        ("direct_answer", "shirking-05")
    ]


def test_the_default_field_list_comes_from_the_policy(matcher: PhraseMatcher) -> None:
    payload = order_payload(notes="你有病吧", caller_name="你有病吧")
    assert [finding.field_key for finding in check_order_texts(payload, matcher)] == ["notes"]


def test_block_mode_findings_block() -> None:
    hits_text = "急什么"
    block_rules = json.loads(json.dumps(RuleBook().get("forbidden_phrases").data))
    block_rules["mode"] = "block"
    book = RuleBook()
    book.apply_bundle(
        "test", {"forbidden_phrases": block_rules, "lookalikes": RuleBook().get("lookalikes").data}
    )
    blocking = load_default_matcher(book)
    findings = check_order_texts({"notes": hits_text}, blocking, ("notes",))
    assert findings[0].hits[0].mode is Mode.BLOCK
    assert findings[0].blocks and findings_block(findings)


# --- the transcript ---------------------------------------------------------------------------------


def test_transcript_lines_are_checked_only_for_the_call_taker(matcher: PhraseMatcher) -> None:
    line = "这个我也不清楚，不归我们管。"
    hits = check_transcript_line(line, "agent", matcher, ("agent",))
    assert [(hit.phrase_id, hit.matched_text) for hit in hits] == [
        ("shirking-02", "我也不清楚"),
        ("shirking-04", "不归我们管"),
    ]
    assert check_transcript_line(line, "caller", matcher, ("agent",)) == []
    assert check_transcript_line("你们有病吧，一直不处理！", "caller", matcher, ("agent",)) == []
    assert check_transcript_line(line, " Agent ", matcher, ("agent",)) != []  # codes are not case-sensitive
    assert check_transcript_line(line, "agent", matcher) != []  # the policy's speakers by default
    assert check_transcript_line("您好，请讲。", "agent", matcher, ("agent",)) == []
    assert check_transcript_line("", "agent", matcher, ("agent",)) == []


# --- the wrap-up self-check -------------------------------------------------------------------------


def test_self_check_records_what_was_accepted_and_ignored(matcher: PhraseMatcher) -> None:
    fields = ("event_description", "notes")
    first = order_payload(
        event_description="来电人情绪激动，坐席回复：急什么，部门还没回复。",
        notes="已告知来电人这个事情不归我们管。",
    )
    record = WrapUpSelfCheck("call-1")
    assert record.empty
    record.record_order_findings(check_order_texts(first, matcher, fields))
    record.record_revise_request("event_description", "impatient-01")
    # The call-taker rewrote the description and kept the note, then submitted anyway.
    second = order_payload(
        event_description="来电人情绪激动，已安抚。",
        notes="已告知来电人这个事情不归我们管。",
    )
    remaining = check_order_texts(second, matcher, fields)
    record.record_order_findings(remaining)  # shown again at the second submission
    record.record_transcript_hits(check_transcript_line("急什么，我在查。", "agent", matcher, ("agent",)))
    stored = record.attach_to(second, remaining)
    assert stored["fields"] == second["fields"] and SELF_CHECK_PAYLOAD_KEY not in second
    summary = stored[SELF_CHECK_PAYLOAD_KEY]
    assert summary["call_id"] == "call-1"
    assert (summary["shown"], summary["accepted"], summary["ignored"], summary["spoken"]) == (3, 1, 1, 1)
    assert summary["entries"] == [
        {
            "source": "order",
            "field": "event_description",
            "phrase_id": "impatient-01",
            "category": "impatient",
            "matched_text": "急什么",
            "suggestion": "请您别着急，我这就帮您处理。",
            "mode": "warn",
            "times_shown": 1,
            "revise_requested": True,
            "outcome": "accepted",
        },
        {
            "source": "order",
            "field": "notes",
            "phrase_id": "shirking-04",
            "category": "shirking",
            "matched_text": "不归我们管",
            "suggestion": "这个事项由相关部门负责，我帮您转派或告诉您具体的办理渠道。",
            "mode": "warn",
            "times_shown": 2,
            "revise_requested": False,
            "outcome": "ignored",
        },
        {
            "source": "transcript",
            "field": "",
            "phrase_id": "impatient-01",
            "category": "impatient",
            "matched_text": "急什么",
            "suggestion": "请您别着急，我这就帮您处理。",
            "mode": "warn",
            "times_shown": 1,
            "revise_requested": False,
            "outcome": "spoken",
        },
    ]
    json.dumps(stored, ensure_ascii=False)  # plain JSON values only


def test_self_check_must_be_concluded_before_it_is_stored(matcher: PhraseMatcher) -> None:
    record = WrapUpSelfCheck("call-1")
    assert record.to_payload() == {
        "call_id": "call-1",
        "shown": 0,
        "accepted": 0,
        "ignored": 0,
        "spoken": 0,
        "entries": [],
        "checklist": [
            {"item": "greeting", "passed": None, "automatic": False},
            {"item": "job_number", "passed": None, "automatic": False},
            {"item": "no_forbidden_phrase", "passed": True, "automatic": True},
            {"item": "record_complete", "passed": False, "automatic": True},
            {"item": "closing", "passed": None, "automatic": False},
        ],
    }
    record.record_order_findings([FieldFinding("notes", "急什么", tuple(matcher.find("急什么")))])
    with pytest.raises(RuntimeError):
        record.to_payload()
    record.conclude([])
    assert [entry.outcome for entry in record.entries()] == [HitOutcome.ACCEPTED]
