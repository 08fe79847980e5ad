"""The five-point wrap-up self-check: judged points from what the client saw, the rest ticked by the person."""

from __future__ import annotations

import pytest

from seatclient.compliance.checks import (
    SELF_CHECK_PAYLOAD_KEY,
    FieldFinding,
    SelfCheckItem,
    WrapUpSelfCheck,
)
from seatclient.compliance.phrases import PhraseMatcher, load_default_matcher


@pytest.fixture(scope="module")
def matcher() -> PhraseMatcher:
    return load_default_matcher()


def passed(record: WrapUpSelfCheck) -> dict[str, bool | None]:
    return {item.item.value: item.passed for item in record.checklist()}


def test_a_clean_call_with_everything_confirmed_passes_every_point() -> None:
    record = WrapUpSelfCheck("call-1")
    assert [item.label for item in record.checklist()] == [
        "使用规范问候语",
        "报出工号",
        "未使用服务禁语",
        "工单记录完整并已提交",
        "使用规范结束语",
    ]
    for item in (SelfCheckItem.GREETING, SelfCheckItem.JOB_NUMBER, SelfCheckItem.CLOSING):
        record.confirm(item, True)
    stored = record.attach_to({"call_id": "call-1"}, [])[SELF_CHECK_PAYLOAD_KEY]
    assert stored["checklist"] == [
        {"item": "greeting", "passed": True, "automatic": False},
        {"item": "job_number", "passed": True, "automatic": False},
        {"item": "no_forbidden_phrase", "passed": True, "automatic": True},
        {"item": "record_complete", "passed": True, "automatic": True},
        {"item": "closing", "passed": True, "automatic": False},
    ]


def test_a_phrase_shown_counts_until_the_submitted_text_is_judged(matcher: PhraseMatcher) -> None:
    record = WrapUpSelfCheck("call-1")
    finding = FieldFinding("notes", "急什么", tuple(matcher.find("急什么")))
    record.record_order_findings([finding])
    assert passed(record)["no_forbidden_phrase"] is False
    assert passed(record)["record_complete"] is False
    record.conclude([])  # the call-taker changed the words before submitting
    assert passed(record)["no_forbidden_phrase"] is True
    record.conclude([finding])  # ... or submitted them as written
    assert passed(record)["no_forbidden_phrase"] is False


def test_a_phrase_said_on_the_call_fails_the_point_for_good(matcher: PhraseMatcher) -> None:
    record = WrapUpSelfCheck("call-1")
    record.record_transcript_hits(matcher.find("你急什么"))
    record.conclude([])
    assert passed(record)["no_forbidden_phrase"] is False


def test_the_person_may_say_no_and_change_their_mind_but_not_tick_judged_points() -> None:
    record = WrapUpSelfCheck("call-1")
    record.confirm(SelfCheckItem.JOB_NUMBER, False)
    assert passed(record)["job_number"] is False
    record.confirm(SelfCheckItem.JOB_NUMBER, True)
    assert passed(record)["job_number"] is True
    assert passed(record)["greeting"] is None
    with pytest.raises(ValueError):
        record.confirm(SelfCheckItem.RECORD_COMPLETE, True)
    with pytest.raises(ValueError):
        record.confirm(SelfCheckItem.NO_FORBIDDEN_PHRASE, True)
