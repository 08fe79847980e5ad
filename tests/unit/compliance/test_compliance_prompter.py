"""The script prompter: it follows a call's phases and fills scripts with the job number and call values."""

from __future__ import annotations

import pytest

from seatclient.compliance.prompter import (
    CallerInfo,
    Disposition,
    Prompt,
    PromptStage,
    ScriptPrompter,
    Situation,
)
from seatclient.compliance.scripts import (
    CallPhase,
    EmergencyLine,
    Language,
    NotAcceptedReason,
    ScriptBook,
    ScriptSelectionError,
    load_default_scripts,
)

GREETING_1001 = "您好，12345热线，1001号为您服务，请讲。"
CLOSING = "感谢您的来电，祝您生活愉快，再见！"


@pytest.fixture(scope="module")
def book() -> ScriptBook:
    return load_default_scripts()


@pytest.fixture
def prompter(book: ScriptBook) -> ScriptPrompter:
    return ScriptPrompter(book, job_number="1001")


def record(prompter: ScriptPrompter) -> list[Prompt]:
    seen: list[Prompt] = []
    prompter.prompt_changed.connect(seen.append)
    return seen


def test_nothing_to_say_before_a_call(prompter: ScriptPrompter) -> None:
    prompt = prompter.prompt
    assert prompt.stage is PromptStage.IDLE
    assert prompt.steps == () and prompt.text == "" and prompt.current is None
    assert prompt.title == "无通话"


def test_a_whole_call_in_order(prompter: ScriptPrompter) -> None:
    seen = record(prompter)
    prompter.call_ringing(CallerInfo("call-1"))
    assert prompter.prompt.stage is PromptStage.GREETING
    assert prompter.prompt.title == "问候语"
    assert prompter.prompt.text == GREETING_1001
    assert prompter.prompt.problems == ()
    prompter.call_answered()  # the greeting stays: it is said now
    assert prompter.prompt.text == GREETING_1001
    prompter.caller_speaking()
    assert prompter.prompt.stage is PromptStage.TALKING and prompter.prompt.text == ""
    prompter.update_values({"order_number": "HZ20261124-0042", "time_limit": "7个工作日"})
    prompter.disposition_chosen(Disposition.DISPATCHED)
    assert prompter.prompt.stage is PromptStage.DISPOSITION
    assert prompter.prompt.title == "派单告知"
    assert prompter.prompt.text == (
        "您反映的问题已经登记，工单号HZ20261124-0042，我们会转交承办单位在7个工作日内办理，请您保持电话畅通。"
    )
    prompter.call_ending()
    assert prompter.prompt.stage is PromptStage.CLOSING and prompter.prompt.text == CLOSING
    prompter.call_ended()
    assert prompter.prompt.stage is PromptStage.IDLE and prompter.caller is None
    assert [prompt.stage for prompt in seen] == [
        PromptStage.GREETING,
        PromptStage.TALKING,
        PromptStage.DISPOSITION,
        PromptStage.CLOSING,
        PromptStage.IDLE,
    ]  # values given while no script used them changed nothing shown, so no extra prompt


def test_missing_values_show_the_placeholder_labels_and_say_what_is_missing(book: ScriptBook) -> None:
    prompter = ScriptPrompter(book)  # nobody signed in yet
    prompter.call_ringing(CallerInfo("call-1"))
    assert prompter.prompt.text == "您好，12345热线，【工号】号为您服务，请讲。"
    assert prompter.prompt.problems == ("缺少工号，请先填写",)
    prompter.disposition_chosen(Disposition.DISPATCHED)
    assert prompter.prompt.text == (
        "您反映的问题已经登记，工单号【工单号】，我们会转交承办单位在【办理时限】内办理，请您保持电话畅通。"
    )
    assert prompter.prompt.problems == ("缺少工单号，请先填写", "缺少办理时限，请先填写")
    seen = record(prompter)
    prompter.update_values({"order_number": "HZ-7", "time_limit": "3个工作日"})
    assert prompter.prompt.problems == ()
    assert "工单号HZ-7" in prompter.prompt.text and "在3个工作日内" in prompter.prompt.text
    assert len(seen) == 1


def test_a_malformed_job_number_is_not_said(prompter: ScriptPrompter) -> None:
    prompter.set_job_number("10 01{x}")
    prompter.call_ringing(CallerInfo("call-1"))
    assert prompter.prompt.text == "您好，12345热线，【工号】号为您服务，请讲。"
    assert prompter.prompt.problems == ("工号“10 01{x}”格式不对",)
    prompter.set_job_number("9001")
    assert prompter.prompt.text == "您好，12345热线，9001号为您服务，请讲。"


def test_the_chosen_language_is_used_and_kept(prompter: ScriptPrompter) -> None:
    prompter.set_language(Language.EN)
    prompter.call_ringing(CallerInfo("call-1"))
    assert prompter.prompt.text == (
        "Hello, this is the 12345 hotline, operator number 1001. How may I help you?"
    )
    assert prompter.prompt.language is Language.EN
    prompter.set_language(Language.ZH)
    assert prompter.prompt.text == GREETING_1001


def test_repeat_caller_scripts_speak_of_the_earlier_order(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-2", "HZ20261101-0001", "办理中"))
    prompter.update_values({"order_number": "HZ20261124-0099"})  # the new order of this call
    prompter.situation(Situation.REPEAT_CALLER)
    assert prompter.prompt.situational and prompter.prompt.title == "重复来电"
    assert prompter.prompt.text == (
        "您好，您之前反映的问题已经登记，工单号HZ20261101-0001，目前办理中。"
        "请问您这次是想了解办理进度，还是有新的情况需要补充？"
    )
    prompter.disposition_chosen(Disposition.NOT_ACCEPTED, NotAcceptedReason.REPEAT_MATTER.value)
    assert prompter.prompt.title == "不予受理告知：重复诉求"
    assert "工单HZ20261101-0001" in prompter.prompt.text and "HZ20261124-0099" not in prompter.prompt.text
    prompter.update_values({"time_limit": "7个工作日"})
    prompter.disposition_chosen(Disposition.DISPATCHED)
    assert "工单号HZ20261124-0099" in prompter.prompt.text


def test_a_situation_shows_over_the_phase_until_dismissed_or_the_call_moves_on(
    prompter: ScriptPrompter,
) -> None:
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.situation(Situation.SOOTHING)
    assert prompter.prompt.stage is PromptStage.GREETING  # still the greeting phase underneath
    assert prompter.prompt.text.startswith("您先别着急")
    prompter.dismiss_situation()
    assert prompter.prompt.text == GREETING_1001 and not prompter.prompt.situational
    prompter.situation(Situation.CONFIDENTIALITY)
    prompter.call_ending()
    assert prompter.prompt.text == CLOSING and not prompter.prompt.situational


def test_steps_of_a_silent_line(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.situation(Situation.SILENT_LINE)
    prompt = prompter.prompt
    assert [step.step for step in prompt.steps] == [1, 2, 3]
    assert prompt.current_step == 0 and prompt.text == "您好，这里是12345热线，请问有什么可以帮您？"
    assert prompt.current is not None and prompt.current.note == ""
    assert prompter.next_step()
    assert prompter.prompt.current is not None
    assert prompter.prompt.current.note == "第一次提示后约10秒仍无声音时使用。"
    assert prompter.next_step()
    assert prompter.prompt.text.startswith("很抱歉，一直听不到您的声音")
    assert not prompter.next_step() and prompter.prompt.current_step == 2
    assert prompter.previous_step() and prompter.prompt.current_step == 1
    prompter.set_step(0)
    assert not prompter.previous_step()
    with pytest.raises(IndexError):
        prompter.set_step(3)


def test_refilling_keeps_the_step(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.situation(Situation.ABUSIVE_CALLER)
    prompter.next_step()
    prompter.set_language(Language.EN)
    assert prompter.prompt.current_step == 1
    assert prompter.prompt.text.startswith("As you keep using abusive language")


def test_emergency_and_not_accepted_titles_and_texts(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.disposition_chosen(Disposition.EMERGENCY_TRANSFER, EmergencyLine.FIRE.value)
    assert prompter.prompt.title == "紧急转接：119 火警"
    assert "119" in prompter.prompt.text
    prompter.disposition_chosen(Disposition.NOT_ACCEPTED, "litigation")
    assert prompter.prompt.title == "不予受理告知：诉讼途径"
    assert prompter.prompt.current is not None
    assert prompter.prompt.current.filled.script_id == "not_accepted-litigation"
    prompter.disposition_chosen(Disposition.DIRECT_ANSWER)
    assert prompter.prompt.title == "直接答复" and prompter.prompt.steps == ()


def test_an_unknown_disposition_detail_is_refused(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-1"))
    with pytest.raises(ScriptSelectionError) as caught:
        prompter.disposition_chosen(Disposition.EMERGENCY_TRANSFER, "999")
    assert caught.value.message == "未知的紧急热线“999”；可选：110、119、120、122"
    with pytest.raises(ScriptSelectionError):
        prompter.disposition_chosen(Disposition.NOT_ACCEPTED, None)
    assert prompter.prompt.text == GREETING_1001  # what was shown stays


def test_values_are_forgotten_when_the_call_ends(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-1", "HZ-1", "已办结"))
    prompter.update_values({"order_number": "HZ-2", "time_limit": "3个工作日"})
    prompter.call_ended()
    prompter.call_ringing(CallerInfo("call-2"))
    prompter.disposition_chosen(Disposition.DISPATCHED)
    assert prompter.prompt.problems == ("缺少工单号，请先填写", "缺少办理时限，请先填写")
    assert prompter.values()["job_number"] == "1001"


def test_update_values_with_none_removes_a_value(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.update_values({"order_number": "HZ-2", "time_limit": "3个工作日"})
    prompter.disposition_chosen(Disposition.DISPATCHED)
    assert prompter.prompt.problems == ()
    prompter.update_values({"time_limit": None})
    assert prompter.prompt.problems == ("缺少办理时限，请先填写",)


def test_picks_cover_every_script_and_show_it(prompter: ScriptPrompter, book: ScriptBook) -> None:
    picks = prompter.picks()
    labels = [pick.label for pick in picks]
    assert labels[:5] == ["安抚情绪", "重复来电", "保密承诺", "无声电话", "辱骂骚扰"]
    assert "不予受理：信访途径" in labels and "紧急转接：122 交通事故" in labels
    assert len(set(labels)) == len(labels)
    shown_ids = {script.id for pick in picks for script in book.select(pick.phase, pick.situation)}
    assert shown_ids == {script.id for script in book.scripts}
    petition = picks[labels.index("不予受理：信访途径")]
    assert petition.phase is CallPhase.DISPOSITION_CHOSEN
    prompter.pick(petition)
    assert prompter.prompt.situational and prompter.prompt.title == "不予受理：信访途径"
    assert prompter.prompt.current is not None
    assert prompter.prompt.current.filled.script_id == "not_accepted-petition"


def test_a_failing_listener_does_not_stop_the_prompter(prompter: ScriptPrompter) -> None:
    def broken(prompt: Prompt) -> None:
        raise RuntimeError("view gone")

    prompter.prompt_changed.connect(broken)
    seen = record(prompter)
    prompter.call_ringing(CallerInfo("call-1"))
    assert [prompt.text for prompt in seen] == [GREETING_1001]


def test_phase_and_situation_values_are_taken_as_text(prompter: ScriptPrompter) -> None:
    prompter.call_ringing(CallerInfo("call-1"))
    prompter.situation("confidentiality")
    assert prompter.prompt.title == "保密承诺"
    prompter.disposition_chosen("emergency_transfer", EmergencyLine.POLICE)
    assert prompter.prompt.title == "紧急转接：110 报警"
    with pytest.raises(ValueError):
        prompter.situation("crying")
    with pytest.raises(ValueError):
        prompter.disposition_chosen("returned")
