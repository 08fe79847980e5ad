"""Scoring a trainee's call against a scenario (HZ 7.1, 7.2, 10.2.1), with weights as data.

A call is described by a plain :class:`CallRecord`: when it was offered and answered and how many
rings it took, what the trainee said (greeting, everything in between, closing), the order values
submitted (intake-form keys), the disposition, the units chosen, and the reason, emergency line or
earlier order where they apply. :class:`Scorer` compares it with the scenario's expected outcome and
returns a :class:`ScoreReport`: full marks minus a :class:`Deduction` per mistake, each with a Chinese
explanation of what was expected.

What each kind of mistake costs is ``resources/training/scoring.json`` (a hall's trainers may change
it): ``full_marks``, ``pass_mark``, ``script_match_share`` (how much of a script must be said), the
intake-form keys the scorer reads (``record_fields``) and, per :class:`MistakeKind`, a label, the
points and, for mistakes that can happen several times, ``max_total``.

Service scripts are matched loosely, as speech is: punctuation, spaces and width are ignored and a
script counts as said when ``script_match_share`` of its wording appears in order. Job numbers may be
said in Chinese numerals (幺零零幺).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any

from seatclient.compliance.phrases import PhraseMatcher, load_default_matcher
from seatclient.compliance.scripts import (
    CallPhase,
    Language,
    NotAcceptedReason,
    Script,
    ScriptBook,
    ScriptSelectionError,
    load_default_scripts,
)
from seatclient.dispatch.units import UnitDirectory, load_default_units
from seatclient.forms import schema as schema_module
from seatclient.forms import time_limits as time_limits_module
from seatclient.forms.schema import FieldType, FormSchema, is_filled
from seatclient.forms.taxonomy import RuleChecker, child_pointer
from seatclient.forms.time_limits import TimeLimits
from seatclient.forms.validation import parse_phone
from seatclient.i18n import join_list, tr
from seatclient.resources import resource_path
from seatclient.rules import RuleBook, RuleError, RuleFile, load_rule_file
from seatclient.seat.machine import load_default_rules as load_default_seat_rules
from seatclient.training.scenarios import (
    DISPATCH_DISPOSITIONS,
    URGENT_DISPOSITIONS,
    Disposition,
    FactKind,
    Scenario,
    disposition_label,
    disposition_situation,
    fact_label,
    reason_label,
)

SCORING_FILE = ("training", "scoring.json")
"""Where the shipped weights live, under ``resources/``."""

MAX_FULL_MARKS = 1000

CHINA_TIME = timezone(timedelta(hours=8), "CST")


class MistakeKind(StrEnum):
    """Every kind of mistake the scorer finds; ``scoring.json`` gives each its points."""

    MISSED_CALL = "missed_call"
    LATE_ANSWER = "late_answer"
    GREETING_JOB_NUMBER = "greeting_job_number"
    GREETING_SCRIPT = "greeting_script"
    FORBIDDEN_PHRASE = "forbidden_phrase"
    MISSING_SCRIPT = "missing_script"
    INCOMPLETE_ANSWER = "incomplete_answer"
    MISSING_CLOSING = "missing_closing"
    MISSED_EMERGENCY = "missed_emergency"
    WRONGLY_REFUSED = "wrongly_refused"
    WRONG_DISPOSITION = "wrong_disposition"
    WRONG_NOT_ACCEPTED_REASON = "wrong_not_accepted_reason"
    WRONG_EMERGENCY_LINE = "wrong_emergency_line"
    WRONG_UNIT = "wrong_unit"
    WRONG_LINKED_ORDER = "wrong_linked_order"
    MISSING_ORDER = "missing_order"
    NEEDLESS_ORDER = "needless_order"
    MISSING_FIELD = "missing_field"
    WRONG_CALLER_NAME = "wrong_caller_name"
    WRONG_CALLER_PHONE = "wrong_caller_phone"
    WRONG_REQUEST_TYPE = "wrong_request_type"
    WRONG_CONFIDENTIALITY = "wrong_confidentiality"
    CONFIDENTIALITY_LEAK = "confidentiality_leak"
    WRONG_TOPIC = "wrong_topic"
    WRONG_TOPIC_ITEM = "wrong_topic_item"
    WRONG_PLACE = "wrong_place"
    WRONG_PLACE_STREET = "wrong_place_street"
    WRONG_TIME_LIMIT = "wrong_time_limit"
    MISSING_FACT = "missing_fact"


class RecordRole(StrEnum):
    """What the scorer reads from the order; ``scoring.json`` maps each role to an intake-form key."""

    CALLER_NAME = "caller_name"
    CALLER_PHONE = "caller_phone"
    PHONE_WITHHELD = "phone_withheld"
    PHONE_WITHHELD_REASON = "phone_withheld_reason"
    ADDRESS = "address"
    REQUEST_TYPE = "request_type"
    CONFIDENTIAL = "confidential"
    INVOLVED_PARTY = "involved_party"
    OCCURRED_AT = "occurred_at"
    OCCURRED_LOCATION = "occurred_location"
    EVENT_DESCRIPTION = "event_description"
    CALLER_REQUEST = "caller_request"
    TOPIC = "topic"
    PLACE = "place"
    TIME_LIMIT = "time_limit"


_ROLE_TYPES: Mapping[RecordRole, frozenset[FieldType]] = {
    RecordRole.CALLER_NAME: frozenset({FieldType.TEXT}),
    RecordRole.CALLER_PHONE: frozenset({FieldType.PHONE}),
    RecordRole.PHONE_WITHHELD: frozenset({FieldType.BOOL}),
    RecordRole.PHONE_WITHHELD_REASON: frozenset({FieldType.TEXT, FieldType.MULTILINE}),
    RecordRole.ADDRESS: frozenset({FieldType.TEXT, FieldType.MULTILINE}),
    RecordRole.REQUEST_TYPE: frozenset({FieldType.CHOICE}),
    RecordRole.CONFIDENTIAL: frozenset({FieldType.BOOL}),
    RecordRole.INVOLVED_PARTY: frozenset({FieldType.TEXT, FieldType.MULTILINE}),
    RecordRole.OCCURRED_AT: frozenset({FieldType.DATETIME}),
    RecordRole.OCCURRED_LOCATION: frozenset({FieldType.TEXT, FieldType.MULTILINE}),
    RecordRole.EVENT_DESCRIPTION: frozenset({FieldType.TEXT, FieldType.MULTILINE}),
    RecordRole.CALLER_REQUEST: frozenset({FieldType.TEXT, FieldType.MULTILINE}),
    RecordRole.TOPIC: frozenset({FieldType.TOPIC}),
    RecordRole.PLACE: frozenset({FieldType.PLACE}),
    RecordRole.TIME_LIMIT: frozenset({FieldType.CHOICE}),
}


# --- the weights -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeductionRule:
    """What one kind of mistake costs.

    Attributes:
        kind: the mistake.
        label: the Chinese name shown in the report.
        points: the points deducted for one occurrence.
        max_total: the most points all occurrences together may cost, or ``None`` for no cap.
        basis: the clause the check rests on.
    """

    kind: MistakeKind
    label: str
    points: int
    max_total: int | None = None
    basis: str = ""


@dataclass(frozen=True)
class ScoringRules:
    """The validated contents of ``scoring.json``.

    Attributes:
        version: the file's version.
        full_marks: the score of a perfect call.
        pass_mark: the lowest passing score.
        script_match_share: the share (0.5-1) of a script's wording that must be said, in order.
        record_fields: the intake-form key of each role the scorer reads.
        deductions: the cost of each kind of mistake.
    """

    version: str
    full_marks: int
    pass_mark: int
    script_match_share: float
    record_fields: Mapping[RecordRole, str]
    deductions: Mapping[MistakeKind, DeductionRule]

    def key(self, role: RecordRole) -> str:
        """Return the intake-form key of ``role``."""
        return self.record_fields[role]


def _parse_scoring(rule_file: RuleFile, form: FormSchema | None) -> tuple[ScoringRules | None, RuleChecker]:
    check = RuleChecker(rule_file)
    root = check.mapping(
        rule_file.data,
        "",
        required=("version", "full_marks", "pass_mark", "script_match_share", "record_fields", "deductions"),
        optional=("description", "basis"),
    )
    if root is None:
        return None, check
    version = check.text(root, "version", "")
    check.text(root, "description", "")
    check.text(root, "basis", "")
    full_marks = check.integer(root, "full_marks", "", minimum=1, maximum=MAX_FULL_MARKS)
    pass_mark = check.integer(root, "pass_mark", "", minimum=0, maximum=full_marks or MAX_FULL_MARKS)
    share = root.get("script_match_share")
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0.5 <= share <= 1:
        check.fail("script_match_share", tr("Training", "应为 0.5 到 1 之间的小数，如 0.8"))
        share = None
    fields = _parse_record_fields(check, root.get("record_fields"), form)
    deductions = _parse_deductions(check, root.get("deductions"), full_marks or MAX_FULL_MARKS)
    if check.errors or version is None or full_marks is None or pass_mark is None or share is None:
        return None, check
    return (
        ScoringRules(
            version=version,
            full_marks=full_marks,
            pass_mark=pass_mark,
            script_match_share=float(share),
            record_fields=fields,
            deductions=deductions,
        ),
        check,
    )


def _parse_record_fields(check: RuleChecker, value: Any, form: FormSchema | None) -> dict[RecordRole, str]:
    pointer = "record_fields"
    mapping = check.mapping(value, pointer, required=tuple(RecordRole))
    fields: dict[RecordRole, str] = {}
    if mapping is None:
        return fields
    for role in RecordRole:
        key = check.text(mapping, role.value, pointer)
        if key is None:
            continue
        if form is not None:
            if not form.has_field(key):
                check.fail(
                    child_pointer(pointer, role.value),
                    tr("Training", "受理工单中没有字段“{key}”，可用：{allowed}").format(
                        key=key, allowed=join_list(form.keys)
                    ),
                )
                continue
            spec = form.field(key)
            if spec.type not in _ROLE_TYPES[role]:
                check.fail(
                    child_pointer(pointer, role.value),
                    tr("Training", "字段“{key}”的类型是 {type}，这里需要：{allowed}").format(
                        key=key, type=spec.type.value, allowed=join_list(t.value for t in _ROLE_TYPES[role])
                    ),
                )
                continue
        fields[role] = key
    return fields


def _parse_deductions(check: RuleChecker, value: Any, full_marks: int) -> dict[MistakeKind, DeductionRule]:
    pointer = "deductions"
    mapping = check.mapping(value, pointer, required=tuple(MistakeKind))
    rules: dict[MistakeKind, DeductionRule] = {}
    if mapping is None:
        return rules
    for kind in MistakeKind:
        at = child_pointer(pointer, kind.value)
        if kind.value not in mapping:
            continue
        entry = check.mapping(
            mapping[kind.value], at, required=("label", "points"), optional=("max_total", "basis")
        )
        if entry is None:
            continue
        label = check.text(entry, "label", at)
        points = check.integer(entry, "points", at, minimum=0, maximum=full_marks)
        cap = check.integer(entry, "max_total", at, minimum=0, maximum=full_marks)
        basis = check.text(entry, "basis", at) or ""
        if points is not None and cap is not None and cap < points:
            check.fail(
                child_pointer(at, "max_total"),
                tr("Training", "max_total（{cap}）不能小于 points（{points}）").format(
                    cap=cap, points=points
                ),
            )
            continue
        if label is not None and points is not None:
            rules[kind] = DeductionRule(kind=kind, label=label, points=points, max_total=cap, basis=basis)
    return rules


def validate_scoring_rules(rule_file: RuleFile, form: FormSchema | None = None) -> list[RuleError]:
    """Return every problem of a scoring document; with ``form``, field keys are checked against it."""
    return list(_parse_scoring(rule_file, form)[1].errors)


def load_scoring_rules(rule_file: RuleFile, form: FormSchema | None = None) -> ScoringRules:
    """Build the scoring rules; raises the first ``RuleError`` (file, key path, line) when invalid."""
    rules, check = _parse_scoring(rule_file, form)
    check.raise_first()
    assert rules is not None  # no errors means every part was built
    return rules


def default_scoring_path() -> Path:
    """Return the shipped weights file, ``resources/training/scoring.json``."""
    return resource_path(*SCORING_FILE)


# --- the call record --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallRecord:
    """What a trainee did on one call, as the trainer view or mock backend collects it.

    Attributes:
        scenario_id: the scenario played.
        job_number: the trainee's job number (工号).
        offered_at: when the call started ringing at the seat.
        answered_at: when the trainee answered, or ``None`` when the call was never answered.
        rings: the ring the call was answered on; ``None`` to count it from the two times.
        greeting: what the trainee said on answering.
        said: everything else the trainee said or typed to the caller, in order.
        closing: what the trainee said to end the call.
        order: the submitted order values by intake-form key, or ``None`` when none was submitted.
        disposition: what the trainee did with the call, or ``None`` when nothing was chosen.
        units: the handling units chosen, the main unit first.
        not_accepted_reason: the reason code chosen for a refusal.
        emergency_line: the emergency number the call was transferred to.
        linked_order: the earlier order the call was linked to.
        time_limit_policy: the time-limit policy the order's class belongs to; the default when ``None``.
    """

    scenario_id: str
    job_number: str
    offered_at: datetime
    answered_at: datetime | None
    rings: int | None = None
    greeting: str = ""
    said: tuple[str, ...] = ()
    closing: str = ""
    order: Mapping[str, Any] | None = None
    disposition: Disposition | None = None
    units: tuple[str, ...] = ()
    not_accepted_reason: str | None = None
    emergency_line: str | None = None
    linked_order: str | None = None
    time_limit_policy: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the record as JSON-ready values (times in ISO 8601)."""
        return {
            "scenario_id": self.scenario_id,
            "job_number": self.job_number,
            "offered_at": self.offered_at.isoformat(),
            "answered_at": None if self.answered_at is None else self.answered_at.isoformat(),
            "rings": self.rings,
            "greeting": self.greeting,
            "said": list(self.said),
            "closing": self.closing,
            "order": None if self.order is None else dict(self.order),
            "disposition": None if self.disposition is None else self.disposition.value,
            "units": list(self.units),
            "not_accepted_reason": self.not_accepted_reason,
            "emergency_line": self.emergency_line,
            "linked_order": self.linked_order,
            "time_limit_policy": self.time_limit_policy,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CallRecord:
        """Read a record written by :meth:`to_json`.

        Raises:
            ValueError: naming the first key that is missing or of the wrong kind, in Chinese.
        """

        def text(key: str, optional: bool = True) -> str | None:
            value = data.get(key)
            if value is None and optional:
                return None
            if not isinstance(value, str):
                raise ValueError(tr("Training", "通话记录的“{key}”应为文字").format(key=key))
            return value

        def moment(key: str, optional: bool) -> datetime | None:
            value = text(key, optional)
            if value is None:
                return None
            try:
                return datetime.fromisoformat(value)
            except ValueError as exc:
                raise ValueError(
                    tr("Training", "通话记录的“{key}”不是 ISO 8601 时间").format(key=key)
                ) from exc

        def texts(key: str) -> tuple[str, ...]:
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ValueError(tr("Training", "通话记录的“{key}”应为文字列表").format(key=key))
            return tuple(value)

        rings = data.get("rings")
        if rings is not None and (isinstance(rings, bool) or not isinstance(rings, int) or rings < 1):
            raise ValueError(tr("Training", "通话记录的“rings”应为正整数"))
        order = data.get("order")
        if order is not None and not isinstance(order, dict):
            raise ValueError(tr("Training", "通话记录的“order”应为对象"))
        disposition_code = text("disposition")
        try:
            disposition = None if disposition_code is None else Disposition(disposition_code)
        except ValueError as exc:
            raise ValueError(
                tr("Training", "通话记录的处置方式“{value}”不认识").format(value=disposition_code)
            ) from exc
        offered_at = moment("offered_at", optional=False)
        assert offered_at is not None  # not optional: a missing value raised above
        return cls(
            scenario_id=text("scenario_id", optional=False) or "",
            job_number=text("job_number", optional=False) or "",
            offered_at=offered_at,
            answered_at=moment("answered_at", optional=True),
            rings=rings,
            greeting=text("greeting") or "",
            said=texts("said"),
            closing=text("closing") or "",
            order=order,
            disposition=disposition,
            units=texts("units"),
            not_accepted_reason=text("not_accepted_reason"),
            emergency_line=text("emergency_line"),
            linked_order=text("linked_order"),
            time_limit_policy=text("time_limit_policy"),
        )


# --- the report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deduction:
    """One mistake and what it cost.

    Attributes:
        kind: the kind of mistake.
        label: its name from ``scoring.json``.
        points: the points deducted (0 once the kind's ``max_total`` is used up).
        message: what went wrong and what was expected, in Chinese.
    """

    kind: MistakeKind
    label: str
    points: int
    message: str


@dataclass(frozen=True)
class ScoreReport:
    """The score of one call.

    Attributes:
        scenario_id: the scenario played.
        full_marks: the score of a perfect call.
        pass_mark: the lowest passing score.
        score: full marks minus the deductions, never below zero.
        deductions: every mistake, in the order of the call.
    """

    scenario_id: str
    full_marks: int
    pass_mark: int
    score: int
    deductions: tuple[Deduction, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether the score reaches the pass mark."""
        return self.score >= self.pass_mark

    def kinds(self) -> list[MistakeKind]:
        """Return the kinds of mistake found, in order, without repeats."""
        return list(dict.fromkeys(deduction.kind for deduction in self.deductions))

    def points_for(self, kind: MistakeKind) -> int:
        """Return the points all mistakes of ``kind`` cost together."""
        return sum(deduction.points for deduction in self.deductions if deduction.kind is kind)


class _Tally:
    """Adds deductions, keeping each kind within its ``max_total``."""

    def __init__(self, rules: ScoringRules) -> None:
        self.rules = rules
        self.deductions: list[Deduction] = []
        self._spent: dict[MistakeKind, int] = {}

    def add(self, kind: MistakeKind, message: str) -> None:
        rule = self.rules.deductions[kind]
        spent = self._spent.get(kind, 0)
        points = rule.points
        if rule.max_total is not None:
            points = max(0, min(points, rule.max_total - spent))
        self._spent[kind] = spent + points
        self.deductions.append(Deduction(kind=kind, label=rule.label, points=points, message=message))

    def report(self, scenario_id: str) -> ScoreReport:
        lost = sum(deduction.points for deduction in self.deductions)
        return ScoreReport(
            scenario_id=scenario_id,
            full_marks=self.rules.full_marks,
            pass_mark=self.rules.pass_mark,
            score=max(0, self.rules.full_marks - lost),
            deductions=tuple(self.deductions),
        )


# --- text matching ---------------------------------------------------------------------------------

_CHINESE_DIGITS = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")
_NOT_WORD = re.compile(r"[^\w]|_", re.UNICODE)


def fold_speech(text: str) -> str:
    """Fold speech for matching: width and case folded, punctuation and spaces dropped."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def _segments(text: str) -> list[str]:
    normalized = unicodedata.normalize("NFKC", text).lower()
    return [segment for segment in re.split(r"[^\w]+|_", normalized) if segment]


def script_share(template_literals: Sequence[str], speech: str) -> float:
    """Return the share of a script's wording found in ``speech`` in order (1.0 for a script said whole).

    The script's literal parts are cut at punctuation into segments; each segment found after the
    previous one counts with its length, so a reordered or half-said script scores lower.
    """
    segments = [segment for literal in template_literals for segment in _segments(literal)]
    total = sum(len(segment) for segment in segments)
    if total == 0:
        return 1.0
    folded = fold_speech(speech)
    position = 0
    found = 0
    for segment in segments:
        index = folded.find(segment, position)
        if index >= 0:
            found += len(segment)
            position = index + len(segment)
    return found / total


def says_job_number(greeting: str, job_number: str) -> bool:
    """Tell whether ``greeting`` says ``job_number``, in Arabic or Chinese digits (幺零零幺)."""
    wanted = fold_speech(job_number)
    return bool(wanted) and wanted in fold_speech(greeting).translate(_CHINESE_DIGITS)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def _quoted(alternatives: Iterable[str]) -> str:
    return tr("Training", "或").join(f"“{word}”" for word in alternatives)


# --- the scorer ------------------------------------------------------------------------------------


class Scorer:
    """Scores call records against scenarios with the hall's weights, scripts and forbidden phrases.

    Args:
        rules: the weights (``scoring.json``).
        scripts: the service scripts the greeting, closing and situational scripts are checked against.
        matcher: the forbidden-phrase matcher.
        form: the intake form, for required fields and labels.
        time_limits: the time-limit policies, for the default policy and class labels.
        answer_within_rings: the rings within which a call must be answered (HZ 7.1: three).
        ring_period_seconds: the length of one ring, to count rings from times.
        units: the unit directory, to name units in messages (ids are shown without it).
    """

    def __init__(
        self,
        rules: ScoringRules,
        scripts: ScriptBook,
        matcher: PhraseMatcher,
        form: FormSchema,
        time_limits: TimeLimits,
        answer_within_rings: int = 3,
        ring_period_seconds: int = 5,
        units: UnitDirectory | None = None,
    ) -> None:
        self.rules = rules
        self.scripts = scripts
        self.matcher = matcher
        self.form = form
        self.time_limits = time_limits
        self.answer_within_rings = answer_within_rings
        self.ring_period_seconds = ring_period_seconds
        self.units = units

    # -- public ---------------------------------------------------------------------------------------

    def ring_count(self, record: CallRecord) -> int:
        """Return the ring the call was answered on (the record's count, or counted from the times)."""
        if record.rings is not None:
            return record.rings
        if record.answered_at is None:
            return 0
        waited = max(0.0, (record.answered_at - record.offered_at).total_seconds())
        return 1 + int(waited // self.ring_period_seconds)

    def greeting_text(self, job_number: str) -> str:
        """Return the standard greeting with ``job_number`` filled in."""
        return self.scripts.say(CallPhase.RINGING, {"job_number": job_number})[0].text

    def closing_text(self) -> str:
        """Return the standard closing."""
        return " ".join(filled.text for filled in self.scripts.say(CallPhase.ENDING, {}))

    def required_scripts(self, scenario: Scenario) -> list[str]:
        """Return the ids of the scripts the trainee must say: the scenario's and its disposition's.

        The disposition's script (``dispatched``, the refusal of its reason, the transfer to its line) is
        required when the caller made a request, that is when an order is expected: a silent line gets
        the silent-line scripts only.
        """
        ids = list(scenario.expected.scripts)
        situation = disposition_situation(scenario.expected)
        if situation is not None and scenario.expected.order_expected:
            # A scenario checked against other scripts may name a situation these lack: require nothing.
            with contextlib.suppress(ScriptSelectionError):
                ids.extend(
                    script.id for script in self.scripts.select(CallPhase.DISPOSITION_CHOSEN, situation)
                )
        return list(dict.fromkeys(ids))

    def score(self, scenario: Scenario, record: CallRecord) -> ScoreReport:
        """Score ``record`` against ``scenario``'s expected outcome."""
        tally = _Tally(self.rules)
        if not self._answered(scenario, record, tally):
            return tally.report(scenario.id)
        self._check_greeting(record, tally)
        self._check_phrases(record, tally)
        self._check_scripts(scenario, record, tally)
        self._check_answer_points(scenario, record, tally)
        self._check_closing(scenario, record, tally)
        self._check_disposition(scenario, record, tally)
        self._check_order(scenario, record, tally)
        return tally.report(scenario.id)

    # -- the call -------------------------------------------------------------------------------------

    def _answered(self, scenario: Scenario, record: CallRecord, tally: _Tally) -> bool:
        answered = record.answered_at
        if answered is None or (answered - record.offered_at) > timedelta(
            seconds=scenario.abandon_after_seconds
        ):
            tally.add(
                MistakeKind.MISSED_CALL,
                tr("Training", "来电响铃 {seconds} 秒无人接听，来电人已挂断；应在 {rings} 声铃内接听").format(
                    seconds=scenario.abandon_after_seconds, rings=self.answer_within_rings
                ),
            )
            return False
        rings = self.ring_count(record)
        if rings > self.answer_within_rings:
            tally.add(
                MistakeKind.LATE_ANSWER,
                tr("Training", "第 {rings} 声铃才接听；应在 {within} 声铃内接听").format(
                    rings=rings, within=self.answer_within_rings
                ),
            )
        return True

    def _check_greeting(self, record: CallRecord, tally: _Tally) -> None:
        standard = self.greeting_text(record.job_number)
        if not says_job_number(record.greeting, record.job_number):
            tally.add(
                MistakeKind.GREETING_JOB_NUMBER,
                tr("Training", "问候语没有报工号 {job_number}；应说：“{greeting}”").format(
                    job_number=record.job_number, greeting=standard
                ),
            )
        literals = [
            literal for script in self.scripts.select(CallPhase.RINGING) for literal in _literals(script)
        ]
        if script_share(literals, record.greeting) < self.rules.script_match_share:
            tally.add(
                MistakeKind.GREETING_SCRIPT,
                tr("Training", "问候语不规范；标准问候语：“{greeting}”").format(greeting=standard),
            )

    def _check_phrases(self, record: CallRecord, tally: _Tally) -> None:
        for text in (record.greeting, *record.said, record.closing):
            for hit in self.matcher.find(text):
                category = self.matcher.category(hit.category)
                tally.add(
                    MistakeKind.FORBIDDEN_PHRASE,
                    tr("Training", "使用了服务禁语“{phrase}”（{category}）；可改说：“{suggestion}”").format(
                        phrase=hit.matched_text, category=category.label, suggestion=hit.suggestion
                    ),
                )

    def _speech(self, record: CallRecord) -> str:
        return "\n".join((record.greeting, *record.said, record.closing))

    def _check_scripts(self, scenario: Scenario, record: CallRecord, tally: _Tally) -> None:
        speech = self._speech(record)
        for script_id in self.required_scripts(scenario):
            script = self.scripts.get(script_id)
            if script_share(_literals(script), speech) >= self.rules.script_match_share:
                continue
            tally.add(
                MistakeKind.MISSING_SCRIPT,
                tr("Training", "没有使用规范话术；应说：“{text}”").format(
                    text=self.scripts.fill(script, self._script_values(scenario)).text
                ),
            )

    def _script_values(self, scenario: Scenario) -> dict[str, str]:
        values: dict[str, str] = {}
        linked = scenario.expected.linked_order
        earlier = scenario.earlier_order(linked) if linked else None
        if earlier is not None:
            values["order_number"] = earlier.number
            values["order_status"] = earlier.status
        return values

    def _check_answer_points(self, scenario: Scenario, record: CallRecord, tally: _Tally) -> None:
        speech = fold_speech(self._speech(record))
        for point in scenario.expected.answer_points:
            if any(fold_speech(keyword) in speech for keyword in point):
                continue
            tally.add(
                MistakeKind.INCOMPLETE_ANSWER,
                tr("Training", "答复缺少要点：应向来电人讲明{point}").format(point=_quoted(point)),
            )

    def _check_closing(self, scenario: Scenario, record: CallRecord, tally: _Tally) -> None:
        if not scenario.expected.closing_expected:
            return
        literals = [
            literal for script in self.scripts.select(CallPhase.ENDING) for literal in _literals(script)
        ]
        if script_share(literals, record.closing) < self.rules.script_match_share:
            tally.add(
                MistakeKind.MISSING_CLOSING,
                tr("Training", "没有规范地结束通话；结束语：“{closing}”").format(closing=self.closing_text()),
            )

    # -- the disposition ------------------------------------------------------------------------------

    def _check_disposition(self, scenario: Scenario, record: CallRecord, tally: _Tally) -> None:
        expected = scenario.expected
        wanted = expected.disposition
        chosen = record.disposition
        chosen_label = tr("Training", "未选择") if chosen is None else disposition_label(chosen)
        if chosen is not wanted:
            if wanted in URGENT_DISPOSITIONS and chosen not in URGENT_DISPOSITIONS:
                if expected.emergency_line is not None:
                    action = tr("Training", "立即转接 {line}").format(line=expected.emergency_line.value)
                else:
                    action = tr("Training", "按特急件派单并同时电话通知承办单位")
                tally.add(
                    MistakeKind.MISSED_EMERGENCY,
                    tr("Training", "这是需要立即处置的紧急情况，应{action}；实际处置：{chosen}").format(
                        action=action, chosen=chosen_label
                    ),
                )
            elif chosen is Disposition.NOT_ACCEPTED:
                tally.add(
                    MistakeKind.WRONGLY_REFUSED,
                    tr("Training", "该诉求属于受理范围，不应不予受理；应{wanted}").format(
                        wanted=disposition_label(wanted)
                    ),
                )
            else:
                tally.add(
                    MistakeKind.WRONG_DISPOSITION,
                    tr("Training", "处置方式为“{chosen}”，应为“{wanted}”").format(
                        chosen=chosen_label, wanted=disposition_label(wanted)
                    ),
                )
            return
        reason = expected.not_accepted_reason
        if wanted is Disposition.NOT_ACCEPTED and reason is not None and record.not_accepted_reason != reason:
            tally.add(
                MistakeKind.WRONG_NOT_ACCEPTED_REASON,
                tr("Training", "不予受理的情形选为“{chosen}”，应为“{wanted}”").format(
                    chosen=_reason_text(record.not_accepted_reason),
                    wanted=reason_label(reason),
                ),
            )
        line = expected.emergency_line
        if wanted is Disposition.EMERGENCY_TRANSFER and line is not None and record.emergency_line != line:
            tally.add(
                MistakeKind.WRONG_EMERGENCY_LINE,
                tr("Training", "转接到了“{chosen}”，应转接 {wanted}").format(
                    chosen=record.emergency_line or tr("Training", "未选择"),
                    wanted=line.value,
                ),
            )
        if wanted in DISPATCH_DISPOSITIONS and expected.units:
            main = record.units[0] if record.units else None
            if main not in expected.units:
                tally.add(
                    MistakeKind.WRONG_UNIT,
                    tr("Training", "主办单位选为“{chosen}”，应为：{wanted}").format(
                        chosen=self._unit_name(main) if main else tr("Training", "未选择"),
                        wanted=join_list(self._unit_name(unit_id) for unit_id in expected.units),
                    ),
                )
        if expected.linked_order is not None and record.linked_order != expected.linked_order:
            earlier = scenario.earlier_order(expected.linked_order)
            tally.add(
                MistakeKind.WRONG_LINKED_ORDER,
                tr("Training", "应关联来电人的已有工单 {number}（{summary}）").format(
                    number=expected.linked_order, summary=earlier.summary if earlier else ""
                ),
            )

    def _unit_name(self, unit_id: str) -> str:
        unit = self.units.find(unit_id) if self.units is not None else None
        return unit.name if unit is not None else unit_id

    # -- the order ------------------------------------------------------------------------------------

    def _check_order(self, scenario: Scenario, record: CallRecord, tally: _Tally) -> None:
        expected = scenario.expected
        order = record.order
        if order is None:
            if expected.order_expected:
                tally.add(MistakeKind.MISSING_ORDER, tr("Training", "本次来电应登记工单，但没有提交工单"))
            return
        if not expected.order_expected:
            tally.add(MistakeKind.NEEDLESS_ORDER, tr("Training", "本次来电没有可受理的诉求，不应登记工单"))
            return
        missing = self._check_required(order, tally)
        self._check_caller(scenario, order, missing, tally)
        self._check_classification(scenario, record, order, missing, tally)
        self._check_confidentiality(scenario, order, missing, tally)
        self._check_facts(scenario, order, tally)

    def _value(self, order: Mapping[str, Any], role: RecordRole) -> Any:
        return order.get(self.rules.key(role))

    def _label(self, role: RecordRole) -> str:
        key = self.rules.key(role)
        return self.form.field(key).label.zh_CN if self.form.has_field(key) else key

    def _check_required(self, order: Mapping[str, Any], tally: _Tally) -> set[str]:
        effective = self.form.effective_values(order)
        missing: set[str] = set()
        for spec in self.form.fields:
            if self.form.is_required(spec, effective) and not is_filled(effective.get(spec.key)):
                missing.add(spec.key)
                tally.add(
                    MistakeKind.MISSING_FIELD,
                    tr("Training", "工单缺少必填项“{label}”").format(label=spec.label.zh_CN),
                )
        return missing

    def _check_caller(
        self, scenario: Scenario, order: Mapping[str, Any], missing: set[str], tally: _Tally
    ) -> None:
        caller = scenario.caller
        name = self._value(order, RecordRole.CALLER_NAME)
        accepted = caller.accepted_names()
        if accepted and is_filled(name) and str(name).strip() not in accepted:
            tally.add(
                MistakeKind.WRONG_CALLER_NAME,
                tr("Training", "来电人姓名记为“{recorded}”，应为{accepted}").format(
                    recorded=name, accepted=_quoted(accepted)
                ),
            )
        phone_key = self.rules.key(RecordRole.CALLER_PHONE)
        withheld = self._value(order, RecordRole.PHONE_WITHHELD) is True
        phone = self._value(order, RecordRole.CALLER_PHONE)
        wanted = caller.callback_number
        if wanted is None:
            if not withheld:
                tally.add(
                    MistakeKind.WRONG_CALLER_PHONE,
                    tr("Training", "来电号码未显示且来电人不愿留号码，应勾选“{label}”并写明原因").format(
                        label=self._label(RecordRole.PHONE_WITHHELD)
                    ),
                )
            return
        if phone_key in missing:
            return
        spec = self.form.field(phone_key)
        region, area_code = spec.default_region, spec.local_area_code
        recorded = parse_phone(str(phone), region, area_code) if is_filled(phone) and not withheld else None
        target = parse_phone(wanted, region, area_code)
        if recorded is None or target is None or recorded.e164 != target.e164:
            tally.add(
                MistakeKind.WRONG_CALLER_PHONE,
                tr("Training", "联系电话记为“{recorded}”，应为 {wanted}").format(
                    recorded=phone if is_filled(phone) and not withheld else tr("Training", "未填写"),
                    wanted=wanted,
                ),
            )

    def _check_classification(
        self,
        scenario: Scenario,
        record: CallRecord,
        order: Mapping[str, Any],
        missing: set[str],
        tally: _Tally,
    ) -> None:
        expected = scenario.expected
        request_type = self._value(order, RecordRole.REQUEST_TYPE)
        if (
            expected.request_type is not None
            and is_filled(request_type)
            and request_type != expected.request_type
        ):
            spec = self.form.field(self.rules.key(RecordRole.REQUEST_TYPE))
            tally.add(
                MistakeKind.WRONG_REQUEST_TYPE,
                tr("Training", "诉求分类记为“{recorded}”，应为“{wanted}”").format(
                    recorded=spec.option_label(str(request_type)) or request_type,
                    wanted=spec.option_label(expected.request_type) or expected.request_type,
                ),
            )
        topic = self._value(order, RecordRole.TOPIC)
        if expected.topic is not None and is_filled(topic) and isinstance(topic, Mapping):
            recorded = f"{topic.get('class', '')} / {topic.get('item', '')}"
            message = tr("Training", "业务主题记为“{recorded}”，应为“{wanted}”").format(
                recorded=recorded, wanted=expected.topic.label()
            )
            if topic.get("class") != expected.topic.class_name:
                tally.add(MistakeKind.WRONG_TOPIC, message)
            elif topic.get("item") != expected.topic.item_name:
                tally.add(MistakeKind.WRONG_TOPIC_ITEM, message)
        self._check_place(scenario, order, missing, tally)
        self._check_time_limit(scenario, record, order, tally)

    def _check_place(
        self, scenario: Scenario, order: Mapping[str, Any], missing: set[str], tally: _Tally
    ) -> None:
        wanted = scenario.expected.place
        if wanted is None or self.rules.key(RecordRole.PLACE) in missing:
            return
        place = self._value(order, RecordRole.PLACE)
        wanted_text = f"{wanted.district} {wanted.street}"
        if not is_filled(place) or not isinstance(place, Mapping):
            tally.add(
                MistakeKind.WRONG_PLACE,
                tr("Training", "没有选择事项所在地，应为“{wanted}”").format(wanted=wanted_text),
            )
            return
        message = tr("Training", "事项所在地记为“{recorded}”，应为“{wanted}”").format(
            recorded=f"{place.get('district', '')} {place.get('street', '')}".strip(), wanted=wanted_text
        )
        if place.get("district") != wanted.district:
            tally.add(MistakeKind.WRONG_PLACE, message)
        elif place.get("street") != wanted.street:
            tally.add(MistakeKind.WRONG_PLACE_STREET, message)

    def _check_time_limit(
        self, scenario: Scenario, record: CallRecord, order: Mapping[str, Any], tally: _Tally
    ) -> None:
        expected = scenario.expected
        if (
            expected.disposition not in DISPATCH_DISPOSITIONS
            or record.disposition not in DISPATCH_DISPOSITIONS
        ):
            return
        policy_name = record.time_limit_policy or self.time_limits.default_policy
        wanted = expected.time_limits.get(policy_name)
        recorded = self._value(order, RecordRole.TIME_LIMIT)
        if wanted is None or not is_filled(recorded) or recorded == wanted:
            return
        policy = self.time_limits.policy(policy_name)
        labels = {time_class.code: time_class.label for time_class in policy.classes}
        tally.add(
            MistakeKind.WRONG_TIME_LIMIT,
            tr("Training", "办理时限类别记为“{recorded}”，应为“{wanted}”").format(
                recorded=labels.get(str(recorded), str(recorded)), wanted=labels.get(wanted, wanted)
            ),
        )

    def _check_confidentiality(
        self, scenario: Scenario, order: Mapping[str, Any], missing: set[str], tally: _Tally
    ) -> None:
        expected = scenario.expected
        flag_key = self.rules.key(RecordRole.CONFIDENTIAL)
        flagged = self._value(order, RecordRole.CONFIDENTIAL) is True
        label = self._label(RecordRole.CONFIDENTIAL)
        if flagged != expected.confidential and flag_key not in missing:
            if expected.confidential:
                message = tr("Training", "来电人要求保密，工单应勾选“{label}”").format(label=label)
            else:
                message = tr("Training", "来电人没有要求保密，工单不应勾选“{label}”").format(label=label)
            tally.add(MistakeKind.WRONG_CONFIDENTIALITY, message)
        if expected.confidential:
            self._check_leak(scenario, order, tally)

    def _check_leak(self, scenario: Scenario, order: Mapping[str, Any], tally: _Tally) -> None:
        caller = scenario.caller
        number = _digits(caller.callback_number or "")
        leaks: list[str] = []
        for spec in self.form.fields:
            if spec.type not in (FieldType.TEXT, FieldType.MULTILINE) or spec.confidential_mask is not None:
                continue  # masked fields never reach the unit
            value = order.get(spec.key)
            if not isinstance(value, str):
                continue
            compact = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", value))
            if (caller.name and len(caller.name) > 1 and caller.name in compact) or (
                len(number) >= 7 and number in compact
            ):
                leaks.append(spec.label.zh_CN)
        if leaks:
            tally.add(
                MistakeKind.CONFIDENTIALITY_LEAK,
                tr(
                    "Training",
                    "保密工单的“{fields}”中写了来电人的姓名或电话，承办单位会看到；身份信息只能填在受保护的字段中",
                ).format(fields=join_list(leaks)),
            )

    def _check_facts(self, scenario: Scenario, order: Mapping[str, Any], tally: _Tally) -> None:
        text = fold_speech(" ".join(str(value) for value in order.values() if isinstance(value, str)))
        for kind in FactKind:
            keywords = scenario.expected.facts.get(kind)
            if not keywords or any(fold_speech(keyword) in text for keyword in keywords):
                continue
            tally.add(
                MistakeKind.MISSING_FACT,
                tr("Training", "工单内容缺少{element}，应写明{keywords}").format(
                    element=fact_label(kind), keywords=_quoted(keywords)
                ),
            )


def _literals(script: Script) -> list[str]:
    """Return the literal parts of a script's Chinese template (placeholders left out)."""
    return [literal for literal, _ in script.templates[Language.ZH].parts]


def _reason_text(code: str | None) -> str:
    if code is None:
        return tr("Training", "未选择")
    try:
        return reason_label(NotAcceptedReason(code))
    except ValueError:
        return code


def load_default_scorer(rule_book: RuleBook | None = None, scoring_path: Path | None = None) -> Scorer:
    """Build a scorer from the rules in force and the shipped (or given) ``scoring.json``.

    The answer target (rings) and the ring length come from ``seat_rules.json``, so training scores
    what the seat window enforces.

    Raises:
        RuleError: when one of the files is invalid.
    """
    book = rule_book or RuleBook()
    form = schema_module.load_default(book)
    seat_rules = load_default_seat_rules(book)
    return Scorer(
        rules=load_scoring_rules(load_rule_file(scoring_path or default_scoring_path()), form),
        scripts=load_default_scripts(book),
        matcher=load_default_matcher(book),
        form=form,
        time_limits=time_limits_module.load_default(book),
        answer_within_rings=seat_rules.answer_within_rings,
        ring_period_seconds=seat_rules.ring_period_seconds,
        units=load_default_units(book),
    )


# --- the model answer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelOptions:
    """Choices for :func:`model_record` that a scenario does not fix.

    Attributes:
        job_number: the trainee's job number.
        offered_at: when the call rang.
        answer_after_seconds: how long it rang before being answered.
        order_number: the number a new order gets, said in the ``dispatched`` script.
    """

    job_number: str = "1001"
    offered_at: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=CHINA_TIME))
    answer_after_seconds: int = 4
    order_number: str = "HZ20260302000001"


def model_record(scenario: Scenario, scorer: Scorer, options: ModelOptions | None = None) -> CallRecord:
    """Return the call record of a model call-taker for ``scenario``: what the trainer view shows as
    the model answer, and what scores full marks.

    Every required script is said in full, each answer point in its first wording, and the order
    holds the expected values with the facts written into its content.
    """
    choice = options or ModelOptions()
    expected = scenario.expected
    said: list[str] = []
    values = {
        "order_number": choice.order_number,
        "time_limit": _time_limit_words(scenario, scorer),
    }
    if expected.linked_order:
        earlier = scenario.earlier_order(expected.linked_order)
        if earlier is not None:
            values.update(order_number=earlier.number, order_status=earlier.status)
    for script_id in scorer.required_scripts(scenario):
        said.append(scorer.scripts.fill(scorer.scripts.get(script_id), values).text)
    if expected.answer_points:
        said.append("，".join(point[0] for point in expected.answer_points) + "。")
    order: dict[str, Any] | None = None
    if expected.order_expected:
        order = _model_order(scenario, scorer, choice)
    closing = scorer.closing_text() if expected.closing_expected else ""
    return CallRecord(
        scenario_id=scenario.id,
        job_number=choice.job_number,
        offered_at=choice.offered_at,
        answered_at=choice.offered_at + timedelta(seconds=choice.answer_after_seconds),
        greeting=scorer.greeting_text(choice.job_number),
        said=tuple(said),
        closing=closing,
        order=order,
        disposition=expected.disposition,
        units=expected.units[:1],
        not_accepted_reason=None
        if expected.not_accepted_reason is None
        else expected.not_accepted_reason.value,
        emergency_line=None if expected.emergency_line is None else expected.emergency_line.value,
        linked_order=expected.linked_order,
        time_limit_policy=scorer.time_limits.default_policy,
    )


def _time_limit_words(scenario: Scenario, scorer: Scorer) -> str:
    policy = scorer.time_limits.policy()
    code = scenario.expected.time_limits.get(policy.name)
    if code is None:
        return ""
    return tr("Training", "{days} 个工作日").format(days=policy.time_class(code).working_days)


def _model_order(scenario: Scenario, scorer: Scorer, choice: ModelOptions) -> dict[str, Any]:
    expected = scenario.expected
    caller = scenario.caller
    key = scorer.rules.key
    facts = expected.facts

    def first(kind: FactKind) -> str:
        return facts[kind][0] if kind in facts else ""

    place_text = f"{expected.place.district}{expected.place.street}" if expected.place else caller.district
    where = first(FactKind.WHERE) or place_text
    parts = [
        tr("Training", "时间：{text}").format(text=first(FactKind.WHEN)) if FactKind.WHEN in facts else "",
        tr("Training", "地点：{text}").format(text=where),
        tr("Training", "涉及：{text}").format(text=first(FactKind.WHO)) if FactKind.WHO in facts else "",
        tr("Training", "事由：{text}").format(text=first(FactKind.WHAT)),
    ]
    order: dict[str, Any] = scorer.form.defaults()
    order |= {
        key(RecordRole.CALLER_NAME): caller.accepted_names()[0]
        if caller.name
        else tr("Training", "未提供姓名"),
        key(RecordRole.ADDRESS): caller.address or place_text,
        key(RecordRole.REQUEST_TYPE): expected.request_type,
        key(RecordRole.CONFIDENTIAL): expected.confidential,
        key(RecordRole.INVOLVED_PARTY): first(FactKind.WHO) or tr("Training", "来电人本人"),
        key(RecordRole.OCCURRED_AT): choice.offered_at.isoformat(),
        key(RecordRole.OCCURRED_LOCATION): where,
        key(RecordRole.EVENT_DESCRIPTION): "；".join(part for part in parts if part) + "。",
        key(RecordRole.CALLER_REQUEST): first(FactKind.ASK),
        key(RecordRole.PHONE_WITHHELD): caller.callback_number is None,
    }
    if caller.callback_number is None:
        order[key(RecordRole.PHONE_WITHHELD_REASON)] = tr("Training", "来电号码未显示，来电人不愿留号码")
    else:
        order[key(RecordRole.CALLER_PHONE)] = caller.callback_number
    if expected.topic is not None:
        order[key(RecordRole.TOPIC)] = expected.topic.to_json()
    if expected.place is not None:
        order[key(RecordRole.PLACE)] = {"district": expected.place.district, "street": expected.place.street}
    code = expected.time_limits.get(scorer.time_limits.default_policy)
    if code is not None:
        order[key(RecordRole.TIME_LIMIT)] = code
    return order
