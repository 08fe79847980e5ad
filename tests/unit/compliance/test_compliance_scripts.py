"""Service scripts: selection by call phase, safe filling, coverage of the rules, data validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seatclient.compliance.phrases import load_default_matcher
from seatclient.compliance.scripts import (
    CallPhase,
    EmergencyLine,
    Language,
    NotAcceptedReason,
    ScriptBook,
    ScriptKind,
    ScriptSelectionError,
    check_scripts,
    load_default_scripts,
    load_scripts,
)
from seatclient.rules import RuleBook, RuleError, RuleFile, load_rule_file


@pytest.fixture(scope="module")
def book() -> ScriptBook:
    return load_default_scripts()


def shipped_document() -> dict[str, Any]:
    data = RuleBook().get("scripts").data
    copy: dict[str, Any] = json.loads(json.dumps(data))
    return copy


def write(document: object, tmp_path: Path) -> RuleFile:
    path = tmp_path / "scripts.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return load_rule_file(path)


def line_of(document: object, needle: str) -> int:
    """The 1-based line of the first line containing ``needle`` when dumped like ``write`` does."""
    lines = json.dumps(document, ensure_ascii=False, indent=2).splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# --- filling ------------------------------------------------------------------------------------------


def test_greeting_is_filled_with_the_signed_in_job_number(book: ScriptBook) -> None:
    (greeting,) = book.say(CallPhase.RINGING, {"job_number": "1023"})
    assert greeting.ok
    assert greeting.text == "您好，12345热线，1023号为您服务，请讲。"
    (english,) = book.say(CallPhase.RINGING, {"job_number": 1023}, language=Language.EN)
    assert english.text == "Hello, this is the 12345 hotline, operator number 1023. How may I help you?"


def test_missing_job_number_is_a_message_not_a_crash(book: ScriptBook) -> None:
    (greeting,) = book.say(CallPhase.RINGING, {})
    assert not greeting.ok
    assert greeting.missing == ("job_number",)
    assert greeting.problems == ("缺少工号，请先填写",)
    assert greeting.text == "您好，12345热线，【工号】号为您服务，请讲。"
    (english,) = book.say(CallPhase.RINGING, {"job_number": "  "}, language=Language.EN)
    assert (
        english.text == "Hello, this is the 12345 hotline, operator number [job number]. How may I help you?"
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("{0.a}", "工号“{0.a}”格式不对"),
        ("1023 号", "工号“1023 号”格式不对"),
        ("1" * 13, "工号太长：最多 12 个字符"),
    ],
)
def test_invalid_job_number_is_refused_with_a_message(book: ScriptBook, value: str, problem: str) -> None:
    (greeting,) = book.say(CallPhase.RINGING, {"job_number": value})
    assert greeting.problems == (problem,)
    assert "【工号】" in greeting.text
    assert value not in greeting.text


def test_values_are_inserted_as_plain_text(book: ScriptBook) -> None:
    script = book.get("not_accepted-designated_body")
    filled = book.fill(script, {"designated_body": "市{job_number}局\n\u200b（窗口）"})
    assert filled.ok
    assert filled.text.count("市{job_number}局 （窗口）") == 2
    assert "\n" not in filled.text and "\u200b" not in filled.text


def test_every_missing_value_is_listed_once(book: ScriptBook) -> None:
    filled = book.fill(book.get("not_accepted-repeat_matter"), {"order_status": "办理中"})
    assert filled.missing == ("order_number",)
    assert filled.problems == ("缺少工单号，请先填写",)
    assert "【工单号】" in filled.text and "办理中" in filled.text


# --- selection ----------------------------------------------------------------------------------------


def test_ending_selects_the_closing(book: ScriptBook) -> None:
    (closing,) = book.select(CallPhase.ENDING)
    assert closing.kind is ScriptKind.CLOSING
    assert "感谢" in closing.text_zh and "再见" in closing.text_zh


@pytest.mark.parametrize("reason", list(NotAcceptedReason))
def test_every_non_acceptance_reason_has_its_script(book: ScriptBook, reason: NotAcceptedReason) -> None:
    (script,) = book.select(CallPhase.DISPOSITION_CHOSEN, reason)
    assert script.kind is ScriptKind.NOT_ACCEPTED
    assert script.trigger == reason.value
    assert any(words in script.text_zh for words in ("不予受理", "不再重复受理", "不能提供", "无法办理"))


@pytest.mark.parametrize(
    ("reason", "route"),
    [
        (NotAcceptedReason.LITIGATION, "人民法院"),
        (NotAcceptedReason.ARBITRATION, "仲裁委员会"),
        (NotAcceptedReason.DISCIPLINE_INSPECTION, "12388"),
        (NotAcceptedReason.ADMINISTRATIVE_REVIEW, "行政复议机关"),
        (NotAcceptedReason.INFORMATION_DISCLOSURE, "政府信息公开申请"),
        (NotAcceptedReason.PETITION, "信访"),
        (NotAcceptedReason.LEGISLATURE_COURTS_PROCURATORATES, "人民检察院"),
        (NotAcceptedReason.MILITARY, "人民武装部"),
    ],
)
def test_non_acceptance_scripts_name_the_legal_route(
    book: ScriptBook, reason: NotAcceptedReason, route: str
) -> None:
    (script,) = book.select(CallPhase.DISPOSITION_CHOSEN, reason.value)
    assert route in script.text_zh


@pytest.mark.parametrize("line", list(EmergencyLine))
def test_every_emergency_line_has_a_transfer_script(book: ScriptBook, line: EmergencyLine) -> None:
    (script,) = book.select(CallPhase.DISPOSITION_CHOSEN, line)
    assert script.kind is ScriptKind.EMERGENCY_TRANSFER
    assert script.text_zh.count(line.value) == 2  # transferring now, and dial it yourself if cut off
    assert line.value in script.text_en


def test_series_come_in_step_order(book: ScriptBook) -> None:
    silent = book.select(CallPhase.IN_CALL, "silent_line")
    assert [script.step for script in silent] == [1, 2, 3]
    assert "挂机" in silent[-1].text_zh
    abusive = book.select(CallPhase.IN_CALL, ScriptKind.ABUSIVE_CALLER)
    assert [script.id for script in abusive] == ["abusive_caller-1", "abusive_caller-2"]


@pytest.mark.parametrize(
    ("phase", "situation"),
    [
        (CallPhase.IN_CALL, None),
        (CallPhase.IN_CALL, "greeting"),
        (CallPhase.RINGING, "closing"),
        (CallPhase.DISPOSITION_CHOSEN, "999"),
    ],
)
def test_impossible_selection_explains_itself(
    book: ScriptBook, phase: CallPhase, situation: str | None
) -> None:
    with pytest.raises(ScriptSelectionError) as caught:
        book.select(phase, situation)
    assert phase.value in caught.value.message


def test_unknown_script_id_explains_itself(book: ScriptBook) -> None:
    with pytest.raises(ScriptSelectionError, match="nope"):
        book.get("nope")


def test_no_script_uses_a_forbidden_phrase(book: ScriptBook) -> None:
    matcher = load_default_matcher()
    offending = [(script.id, matcher.find(script.text_zh)) for script in book.scripts]
    assert [entry for entry in offending if entry[1]] == []


# --- validation ---------------------------------------------------------------------------------------


def test_shipped_scripts_are_valid() -> None:
    assert check_scripts(RuleBook().get("scripts")) == []


def test_greeting_without_job_number_is_rejected(tmp_path: Path) -> None:
    document = shipped_document()
    greeting = document["scripts"][0]
    greeting["text_zh"] = "您好，12345热线，请讲。"
    greeting["text_en"] = "Hello, 12345 hotline."
    greeting["placeholders"] = []
    errors = check_scripts(write(document, tmp_path))
    assert [error.pointer for error in errors] == ["scripts/0/placeholders"]
    assert "job_number" in errors[0].problem
    assert errors[0].line == line_of(document, '"placeholders": []')


def test_format_spec_and_attribute_access_are_rejected(tmp_path: Path) -> None:
    document = shipped_document()
    document["scripts"][0]["text_zh"] = "您好，{job_number:>5}号"
    document["scripts"][0]["text_en"] = "Hello {job_number.__class__}"
    errors = check_scripts(write(document, tmp_path))
    assert [error.pointer for error in errors] == ["scripts/0/text_zh", "scripts/0/text_en"]
    assert all("{名称}" in error.problem for error in errors)


def test_undeclared_and_unbalanced_placeholders_are_rejected(tmp_path: Path) -> None:
    document = shipped_document()
    document["scripts"][1]["text_zh"] = "感谢{caller_name}来电"
    document["scripts"][1]["text_en"] = "Thanks {"
    errors = check_scripts(write(document, tmp_path))
    assert [error.pointer for error in errors] == ["scripts/1/text_zh", "scripts/1/text_en"]
    assert "caller_name" in errors[0].problem
    assert errors[0].line == line_of(document, "感谢{caller_name}来电")


def test_declared_placeholders_must_match_the_texts(tmp_path: Path) -> None:
    document = shipped_document()
    document["scripts"][1]["placeholders"] = ["job_number"]
    errors = check_scripts(write(document, tmp_path))
    assert [error.pointer for error in errors] == ["scripts/1/text_zh", "scripts/1/text_en"]


def test_missing_reason_and_duplicate_id_are_reported(tmp_path: Path) -> None:
    document = shipped_document()
    document["scripts"] = [script for script in document["scripts"] if script.get("trigger") != "military"]
    document["scripts"][2]["id"] = document["scripts"][0]["id"]
    errors = check_scripts(write(document, tmp_path))
    assert sorted((error.pointer, error.problem) for error in errors) == [
        ("scripts", "缺少话术：not_accepted / military"),
        ("scripts/2/id", "id“greeting”与 scripts/0 重复"),
    ]


def test_bad_trigger_kind_and_step_are_reported_with_lines(tmp_path: Path) -> None:
    document = shipped_document()
    by_id = {script["id"]: script for script in document["scripts"]}
    by_id["emergency-110"]["trigger"] = "911"
    by_id["silent_line-3"]["step"] = 4
    by_id["closing"]["kind"] = "farewell"
    errors = check_scripts(write(document, tmp_path))
    pointers = {error.pointer: error for error in errors}
    index_110 = document["scripts"].index(by_id["emergency-110"])
    index_silent = document["scripts"].index(by_id["silent_line-3"])
    assert set(pointers) == {
        f"scripts/{index_110}/trigger",
        f"scripts/{index_silent}/step",
        "scripts/1/kind",
        "scripts",  # the closing and the 110 transfer are now missing
    }
    assert pointers[f"scripts/{index_110}/trigger"].line == line_of(document, '"trigger": "911"')
    assert pointers[f"scripts/{index_silent}/step"].line == line_of(document, '"step": 4')
    assert "3" in pointers[f"scripts/{index_silent}/step"].problem


def test_load_raises_the_first_problem(tmp_path: Path) -> None:
    document = shipped_document()
    document["placeholders"]["job_number"]["pattern"] = "[0-9"
    with pytest.raises(RuleError) as caught:
        load_scripts(write(document, tmp_path))
    assert caught.value.pointer == "placeholders/job_number/pattern"
    assert caught.value.line == line_of(document, '"pattern": "[0-9"')
