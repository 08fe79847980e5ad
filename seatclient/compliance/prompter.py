"""The script prompter: which script the call-taker should say now, following the call as it goes.

The seat tells the prompter what happens (ringing, answered, disposition chosen, ending, ended, a
situation arose) as plain method calls; the prompter picks the scripts from the hall's ``ScriptBook``,
fills them with the signed-in job number and whatever else it knows (the new order's number and time
limit, the earlier order of a repeat caller) and announces the result on ``prompt_changed``. A value it
does not have shows as the script's 【label】 placeholder, never as an error (HZ 7.1: the greeting with
the job number must still be said).

A situation (an upset caller, a silent line) is shown over the call's phase script until dismissed or
until the call moves on, so the call-taker can go back to where they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from seatclient.compliance.scripts import (
    CallPhase,
    EmergencyLine,
    FilledScript,
    Language,
    NotAcceptedReason,
    Script,
    ScriptBook,
    ScriptKind,
    ScriptSelectionError,
)
from seatclient.i18n import tr
from seatclient.observable import Signal


class PromptStage(StrEnum):
    """Where the call is, as the prompt panel shows it."""

    IDLE = "idle"
    """No call: nothing to say."""
    GREETING = "greeting"
    """The call rings or was just answered: the greeting with the job number."""
    TALKING = "talking"
    """The caller is speaking; no script until a situation or disposition calls for one."""
    DISPOSITION = "disposition"
    """What happens to the request was chosen: tell the caller."""
    CLOSING = "closing"
    """The call is being closed: thanks and goodbye."""


class Disposition(StrEnum):
    """What the call-taker decided to do with the request (the order's disposition)."""

    DIRECT_ANSWER = "direct_answer"
    """Answered from the knowledge base during the call; no script to read out."""
    DISPATCHED = "dispatched"
    NOT_ACCEPTED = "not_accepted"
    EMERGENCY_TRANSFER = "emergency_transfer"


class Situation(StrEnum):
    """A situation during the call that has its own script."""

    SOOTHING = ScriptKind.SOOTHING.value
    REPEAT_CALLER = ScriptKind.REPEAT_CALLER.value
    CONFIDENTIALITY = ScriptKind.CONFIDENTIALITY.value
    SILENT_LINE = ScriptKind.SILENT_LINE.value
    ABUSIVE_CALLER = ScriptKind.ABUSIVE_CALLER.value


def situation_label(situation: Situation) -> str:
    """The situation as call-takers call it."""
    labels = {
        Situation.SOOTHING: tr("ScriptPrompter", "安抚情绪"),
        Situation.REPEAT_CALLER: tr("ScriptPrompter", "重复来电"),
        Situation.CONFIDENTIALITY: tr("ScriptPrompter", "保密承诺"),
        Situation.SILENT_LINE: tr("ScriptPrompter", "无声电话"),
        Situation.ABUSIVE_CALLER: tr("ScriptPrompter", "辱骂骚扰"),
    }
    return labels[situation]


def not_accepted_label(reason: NotAcceptedReason) -> str:
    """The reason a matter is not accepted, as call-takers call it (HZ 5.2, ZJ art. 11-12)."""
    labels = {
        NotAcceptedReason.LITIGATION: tr("ScriptPrompter", "诉讼途径"),
        NotAcceptedReason.ARBITRATION: tr("ScriptPrompter", "仲裁途径"),
        NotAcceptedReason.DISCIPLINE_INSPECTION: tr("ScriptPrompter", "纪检监察"),
        NotAcceptedReason.ADMINISTRATIVE_REVIEW: tr("ScriptPrompter", "行政复议"),
        NotAcceptedReason.INFORMATION_DISCLOSURE: tr("ScriptPrompter", "政府信息公开"),
        NotAcceptedReason.PETITION: tr("ScriptPrompter", "信访途径"),
        NotAcceptedReason.LEGISLATURE_COURTS_PROCURATORATES: tr("ScriptPrompter", "人大、法院、检察院事项"),
        NotAcceptedReason.MILITARY: tr("ScriptPrompter", "军队、武警事项"),
        NotAcceptedReason.SECRETS_PRIVACY: tr("ScriptPrompter", "涉密或个人隐私"),
        NotAcceptedReason.NO_CONCRETE_REQUEST: tr("ScriptPrompter", "无具体诉求"),
        NotAcceptedReason.REPEAT_MATTER: tr("ScriptPrompter", "重复诉求"),
        NotAcceptedReason.AGAINST_LAW_OR_PUBLIC_ORDER: tr("ScriptPrompter", "违反法律或公序良俗"),
        NotAcceptedReason.DESIGNATED_BODY: tr("ScriptPrompter", "已有指定受理单位"),
    }
    return labels[reason]


def emergency_label(line: EmergencyLine) -> str:
    """The emergency line with what it is for."""
    labels = {
        EmergencyLine.POLICE: tr("ScriptPrompter", "110 报警"),
        EmergencyLine.FIRE: tr("ScriptPrompter", "119 火警"),
        EmergencyLine.AMBULANCE: tr("ScriptPrompter", "120 急救"),
        EmergencyLine.TRAFFIC_ACCIDENT: tr("ScriptPrompter", "122 交通事故"),
    }
    return labels[line]


@dataclass(frozen=True)
class CallerInfo:
    """What the seat knows about the caller when the call rings.

    Attributes:
        call_id: the backend's id of the call.
        earlier_order_number: the caller's open or recent order, when the backend found one (a
            repeat caller); ``""`` when none.
        earlier_order_status: that order's status in words (办理中), ``""`` when unknown.
    """

    call_id: str
    earlier_order_number: str = ""
    earlier_order_status: str = ""


@dataclass(frozen=True)
class Pick:
    """A script the call-taker may pick by hand.

    Attributes:
        phase: the call phase the script belongs to.
        situation: the situation code for ``ScriptBook.select`` (``None`` for greeting and closing).
        label: what the pick is called in lists.
    """

    phase: CallPhase
    situation: str | None
    label: str


@dataclass(frozen=True)
class PromptStep:
    """One step of a prompt, ready to read out.

    Attributes:
        filled: the filled script (its ``missing`` and ``problems`` say what could not be filled).
        step: the step number, from 1.
        note: guidance for the call-taker, not said to the caller ("" when none).
    """

    filled: FilledScript
    step: int
    note: str

    @property
    def text(self) -> str:
        """The text to say."""
        return self.filled.text


@dataclass(frozen=True)
class Prompt:
    """What the scripts panel shows now.

    Attributes:
        stage: where the call is.
        title: what the prompt is (问候语, 不予受理告知：诉讼途径).
        steps: the scripts in the order they are said; empty when there is nothing to say.
        current_step: the index of the step to say now.
        situational: whether a situation or a hand-picked script is shown over the phase's script.
        language: the language of the texts.
    """

    stage: PromptStage
    title: str
    steps: tuple[PromptStep, ...] = ()
    current_step: int = 0
    situational: bool = False
    language: Language = Language.ZH

    @property
    def current(self) -> PromptStep | None:
        """The step to say now, or ``None`` when there is nothing to say."""
        return self.steps[self.current_step] if self.steps else None

    @property
    def text(self) -> str:
        """The text to say now, ``""`` when none."""
        current = self.current
        return current.text if current is not None else ""

    @property
    def problems(self) -> tuple[str, ...]:
        """What could not be filled in the current step (Chinese messages)."""
        current = self.current
        return current.filled.problems if current is not None else ()


@dataclass(frozen=True)
class _Selection:
    """What a prompt was built from, so it can be refilled when a value or the language changes."""

    stage: PromptStage
    title: str
    phase: CallPhase | None
    situation: str | None
    situational: bool


class ScriptPrompter:
    """Follows a call and says which script to show, filled, in the chosen language.

    Call the phase methods as the call goes; read :attr:`prompt` or listen to :attr:`prompt_changed`
    (emitted with the new :class:`Prompt` whenever what is shown changes). Not thread-safe: call it
    from the thread the UI runs on.

    Args:
        book: the hall's scripts.
        job_number: the signed-in call-taker's job number (工号), said in the greeting.
        language: the language scripts are said in.
    """

    def __init__(self, book: ScriptBook, job_number: str = "", language: Language = Language.ZH) -> None:
        self.prompt_changed: Signal[Prompt] = Signal()
        self._book = book
        self._job_number = job_number
        self._language = language
        self._caller: CallerInfo | None = None
        self._call_values: dict[str, object] = {}
        self._phase_selection = _Selection(
            PromptStage.IDLE, tr("ScriptPrompter", "无通话"), None, None, False
        )
        self._overlay: _Selection | None = None
        self._prompt = self._build(self._phase_selection, 0)

    # -- what is shown -----------------------------------------------------------------------------

    @property
    def prompt(self) -> Prompt:
        """What to show now."""
        return self._prompt

    @property
    def book(self) -> ScriptBook:
        """The scripts the prompter picks from."""
        return self._book

    @property
    def language(self) -> Language:
        """The language scripts are said in."""
        return self._language

    @property
    def job_number(self) -> str:
        """The signed-in call-taker's job number."""
        return self._job_number

    @property
    def caller(self) -> CallerInfo | None:
        """The caller of the call in progress, ``None`` between calls."""
        return self._caller

    def values(self, kind: ScriptKind | None = None, trigger: str | None = None) -> dict[str, object]:
        """The placeholder values a script of ``kind`` (with ``trigger``) is filled with.

        ``order_number`` means the order being made, except in the scripts about the caller's
        earlier order (repeat caller, repeat matter), where it is that earlier order.
        """
        values: dict[str, object] = dict(self._call_values)
        values["job_number"] = self._job_number
        about_earlier_order = kind is ScriptKind.REPEAT_CALLER or (
            kind is ScriptKind.NOT_ACCEPTED and trigger == NotAcceptedReason.REPEAT_MATTER.value
        )
        if about_earlier_order:
            values.pop("order_number", None)
            values.pop("order_status", None)
            if self._caller is not None:
                if self._caller.earlier_order_number:
                    values["order_number"] = self._caller.earlier_order_number
                if self._caller.earlier_order_status:
                    values["order_status"] = self._caller.earlier_order_status
        return values

    def picks(self) -> tuple[Pick, ...]:
        """Every script the call-taker may pick by hand: situations, not accepted, emergencies, greeting, closing."""
        picks: list[Pick] = [
            Pick(CallPhase.IN_CALL, situation.value, situation_label(situation)) for situation in Situation
        ]
        picks += [
            Pick(
                CallPhase.DISPOSITION_CHOSEN,
                reason.value,
                tr("ScriptPrompter", "不予受理：{reason}").format(reason=not_accepted_label(reason)),
            )
            for reason in NotAcceptedReason
        ]
        picks += [
            Pick(
                CallPhase.DISPOSITION_CHOSEN,
                line.value,
                tr("ScriptPrompter", "紧急转接：{line}").format(line=emergency_label(line)),
            )
            for line in EmergencyLine
        ]
        picks += [
            Pick(CallPhase.DISPOSITION_CHOSEN, ScriptKind.DISPATCHED.value, tr("ScriptPrompter", "派单告知")),
            Pick(CallPhase.RINGING, None, tr("ScriptPrompter", "问候语")),
            Pick(CallPhase.ENDING, None, tr("ScriptPrompter", "结束语")),
        ]
        return tuple(picks)

    # -- settings ----------------------------------------------------------------------------------

    def set_job_number(self, job_number: str) -> None:
        """Take the job number of the call-taker who signed in (``""`` after signing out)."""
        self._job_number = job_number
        self._refresh()

    def set_language(self, language: Language) -> None:
        """Say scripts in ``language`` from now on (a foreign-language caller)."""
        self._language = language
        self._refresh()

    def update_values(self, values: Mapping[str, object]) -> None:
        """Add or replace placeholder values of this call (``order_number``, ``time_limit``, ...).

        A value of ``None`` removes it. The values are forgotten when the call ends.
        """
        for name, value in values.items():
            if value is None:
                self._call_values.pop(name, None)
            else:
                self._call_values[name] = value
        self._refresh()

    def set_book(self, book: ScriptBook) -> None:
        """Use another set of scripts (the backend sent a new config bundle)."""
        self._book = book
        self._refresh()

    # -- the call ----------------------------------------------------------------------------------

    def call_ringing(self, caller: CallerInfo) -> None:
        """A call rings at the seat: show the greeting, so it is ready when the call is answered."""
        self._caller = caller
        self._call_values = {}
        self._set_phase(PromptStage.GREETING, tr("ScriptPrompter", "问候语"), CallPhase.RINGING, None)

    def call_answered(self) -> None:
        """The call was answered: the greeting stays up until the call-taker moves on."""
        if self._phase_selection.stage is not PromptStage.GREETING:
            self._set_phase(PromptStage.GREETING, tr("ScriptPrompter", "问候语"), CallPhase.RINGING, None)

    def caller_speaking(self) -> None:
        """The greeting was said: clear it and wait for a situation or a disposition."""
        self._set_phase(PromptStage.TALKING, tr("ScriptPrompter", "通话中"), None, None)

    def disposition_chosen(self, kind: Disposition | str, detail: str | None = None) -> None:
        """The call-taker chose what happens to the request: show what to tell the caller.

        Args:
            kind: the disposition (or its value, ``"not_accepted"``).
            detail: the ``NotAcceptedReason`` value for ``NOT_ACCEPTED``, the ``EmergencyLine``
                number for ``EMERGENCY_TRANSFER``; ignored otherwise.

        Raises:
            ScriptSelectionError: when ``detail`` is missing or unknown for a kind that needs it.
            ValueError: when ``kind`` is no ``Disposition``.
        """
        kind = Disposition(kind)
        if kind is Disposition.DIRECT_ANSWER:
            self._set_phase(PromptStage.DISPOSITION, tr("ScriptPrompter", "直接答复"), None, None)
            return
        if kind is Disposition.DISPATCHED:
            self._set_phase(
                PromptStage.DISPOSITION,
                tr("ScriptPrompter", "派单告知"),
                CallPhase.DISPOSITION_CHOSEN,
                ScriptKind.DISPATCHED.value,
            )
            return
        if kind is Disposition.NOT_ACCEPTED:
            reason = self._reason(detail)
            title = tr("ScriptPrompter", "不予受理告知：{reason}").format(reason=not_accepted_label(reason))
            self._set_phase(PromptStage.DISPOSITION, title, CallPhase.DISPOSITION_CHOSEN, reason.value)
            return
        line = self._line(detail)
        title = tr("ScriptPrompter", "紧急转接：{line}").format(line=emergency_label(line))
        self._set_phase(PromptStage.DISPOSITION, title, CallPhase.DISPOSITION_CHOSEN, line.value)

    def call_ending(self) -> None:
        """The call is being closed: thanks and goodbye."""
        self._set_phase(PromptStage.CLOSING, tr("ScriptPrompter", "结束语"), CallPhase.ENDING, None)

    def call_ended(self) -> None:
        """The call ended: nothing to say; this call's values are forgotten."""
        self._caller = None
        self._call_values = {}
        self._set_phase(PromptStage.IDLE, tr("ScriptPrompter", "无通话"), None, None)

    def situation(self, situation: Situation | str) -> None:
        """A situation arose: show its script over the phase's one until dismissed or the call moves on.

        Raises:
            ValueError: when ``situation`` is no ``Situation`` (or its value, ``"silent_line"``).
        """
        situation = Situation(situation)
        self._overlay = _Selection(
            self._phase_selection.stage,
            situation_label(situation),
            CallPhase.IN_CALL,
            situation.value,
            True,
        )
        self._show(0)

    def pick(self, pick: Pick) -> None:
        """Show a hand-picked script over the phase's one, like a situation."""
        self._overlay = _Selection(self._phase_selection.stage, pick.label, pick.phase, pick.situation, True)
        self._show(0)

    def dismiss_situation(self) -> None:
        """Go back to the phase's script."""
        if self._overlay is not None:
            self._overlay = None
            self._show(0)

    # -- steps -------------------------------------------------------------------------------------

    def set_step(self, index: int) -> None:
        """Show step ``index`` (0-based) of a script said in several steps.

        Raises:
            IndexError: when the prompt has no such step.
        """
        if not 0 <= index < len(self._prompt.steps):
            raise IndexError(index)
        if index != self._prompt.current_step:
            self._prompt = replace(self._prompt, current_step=index)
            self.prompt_changed.emit(self._prompt)

    def next_step(self) -> bool:
        """Move to the next step; returns ``False`` (and stays) at the last one."""
        if self._prompt.current_step + 1 >= len(self._prompt.steps):
            return False
        self.set_step(self._prompt.current_step + 1)
        return True

    def previous_step(self) -> bool:
        """Move to the previous step; returns ``False`` (and stays) at the first one."""
        if self._prompt.current_step == 0:
            return False
        self.set_step(self._prompt.current_step - 1)
        return True

    # -- building ----------------------------------------------------------------------------------

    @staticmethod
    def _reason(detail: str | None) -> NotAcceptedReason:
        try:
            return NotAcceptedReason(str(detail))
        except ValueError:
            raise ScriptSelectionError(
                tr("ScriptPrompter", "未知的不予受理情形“{detail}”；可选：{allowed}").format(
                    detail=detail, allowed="、".join(reason.value for reason in NotAcceptedReason)
                )
            ) from None

    @staticmethod
    def _line(detail: str | None) -> EmergencyLine:
        try:
            return EmergencyLine(str(detail))
        except ValueError:
            raise ScriptSelectionError(
                tr("ScriptPrompter", "未知的紧急热线“{detail}”；可选：{allowed}").format(
                    detail=detail, allowed="、".join(line.value for line in EmergencyLine)
                )
            ) from None

    def _set_phase(
        self, stage: PromptStage, title: str, phase: CallPhase | None, situation: str | None
    ) -> None:
        self._phase_selection = _Selection(stage, title, phase, situation, False)
        self._overlay = None
        self._show(0)

    def _refresh(self) -> None:
        self._show(self._prompt.current_step)

    def _show(self, step: int) -> None:
        prompt = self._build(self._overlay or self._phase_selection, step)
        if prompt != self._prompt:
            self._prompt = prompt
            self.prompt_changed.emit(prompt)

    def _build(self, selection: _Selection, step: int) -> Prompt:
        scripts: tuple[Script, ...] = ()
        if selection.phase is not None:
            scripts = self._book.select(selection.phase, selection.situation)
        steps = tuple(
            PromptStep(
                self._book.fill(script, self.values(script.kind, script.trigger), self._language),
                script.step,
                script.note,
            )
            for script in scripts
        )
        return Prompt(
            stage=selection.stage,
            title=selection.title,
            steps=steps,
            current_step=min(step, max(len(steps) - 1, 0)),
            situational=selection.situational,
            language=self._language,
        )
