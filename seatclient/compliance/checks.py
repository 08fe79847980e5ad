"""Where forbidden phrases are looked for: the order's texts before submission, the call-taker's live speech.

HZ 7.1 forbids service phrases in what a call-taker says; HZ 7.2 wants the record written properly, and
quality checkers (HZ 10.2.1) read both. Which order fields are checked and which transcript speaker is the
call-taker are hall data (``resources/rules/compliance_policy.json``). This module finds the hits; the
widgets show them. :class:`WrapUpSelfCheck` remembers what was shown and what the call-taker did about it,
as a plain dict stored with the order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from seatclient.compliance.phrases import Hit, Mode, PhraseMatcher
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

POLICY_RULE_NAME = "compliance_policy"

SELF_CHECK_PAYLOAD_KEY = "compliance_self_check"
"""The key under which :meth:`WrapUpSelfCheck.to_payload` is stored in an order payload."""

_FIELD_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_SPEAKER = re.compile(r"^[a-z][a-z0-9_-]*$")
_TOP_KEYS = ("version", "description", "order_text_fields", "call_taker_speakers", "transcript_alert_seconds")
_FIELD_KEYS = ("key", "label", "label_en")
_MIN_ALERT_SECONDS = 2
_MAX_ALERT_SECONDS = 30


# --- the policy -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedField:
    """An order field whose text is checked before submission.

    Attributes:
        key: the field's key in the order values (``event_description``).
        label: the Chinese name shown when the form has no such field (the form's label wins).
        label_en: the English name.
    """

    key: str
    label: str
    label_en: str


@dataclass(frozen=True)
class CompliancePolicy:
    """Where the hall wants forbidden phrases looked for.

    Attributes:
        version: the file's version.
        order_fields: the order fields checked before submission, in the order findings are listed.
        call_taker_speakers: transcript speaker codes meaning the call-taker's side (lower case).
        transcript_alert_seconds: how long a live alert stays on screen.
    """

    version: str
    order_fields: tuple[CheckedField, ...]
    call_taker_speakers: frozenset[str]
    transcript_alert_seconds: int

    @property
    def order_field_keys(self) -> tuple[str, ...]:
        """The keys of the checked order fields, in order."""
        return tuple(field.key for field in self.order_fields)

    def field_labels(self, language: str = "zh_CN") -> dict[str, str]:
        """Field key -> its name from the policy, in ``language`` (``"zh_CN"`` or ``"en"``)."""
        return {field.key: field.label_en if language == "en" else field.label for field in self.order_fields}


def _parse_policy(rule_file: RuleFile) -> tuple[CompliancePolicy | None, list[RuleError]]:
    errors: list[RuleError] = []

    def problem(pointer: str, text: str) -> None:
        errors.append(rule_file.error(pointer, text))

    def nonempty_text(value: object, pointer: str) -> str:
        if not isinstance(value, str) or not value.strip():
            problem(pointer, tr("CompliancePolicy", "必须是非空字符串"))
            return ""
        return value

    data = rule_file.data
    if not isinstance(data, dict):
        return None, [rule_file.error("", tr("CompliancePolicy", "文件内容必须是一个 JSON 对象"))]
    for key in data:
        if key not in _TOP_KEYS:
            problem(
                key,
                tr("CompliancePolicy", "未知的键“{key}”；允许的键：{allowed}").format(
                    key=key, allowed="、".join(_TOP_KEYS)
                ),
            )
    version = nonempty_text(data.get("version"), "version")
    if "description" in data and not isinstance(data["description"], str):
        problem("description", tr("CompliancePolicy", "description 必须是字符串"))

    fields: list[CheckedField] = []
    raw_fields = data.get("order_text_fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        problem(
            "order_text_fields",
            tr("CompliancePolicy", 'order_text_fields 必须是非空数组，每项形如 {"key": …, "label": …}'),
        )
        raw_fields = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(raw_fields):
        pointer = f"order_text_fields/{index}"
        if not isinstance(raw, dict):
            problem(pointer, tr("CompliancePolicy", "每个字段必须是 JSON 对象：key、label、label_en"))
            continue
        for key in raw:
            if key not in _FIELD_KEYS:
                problem(
                    f"{pointer}/{key}",
                    tr("CompliancePolicy", "未知的键“{key}”；允许的键：key、label、label_en").format(key=key),
                )
        field_key = raw.get("key")
        if not isinstance(field_key, str) or not _FIELD_KEY.match(field_key):
            problem(
                f"{pointer}/key",
                tr("CompliancePolicy", "key 必须是工单字段名：小写字母开头，只含小写字母、数字和下划线"),
            )
            continue
        if field_key in seen:
            problem(
                f"{pointer}/key",
                tr("CompliancePolicy", "字段“{key}”与 {other} 重复").format(
                    key=field_key, other=seen[field_key]
                ),
            )
            continue
        seen[field_key] = pointer
        label = nonempty_text(raw.get("label"), f"{pointer}/label")
        label_en = nonempty_text(raw.get("label_en"), f"{pointer}/label_en")
        if label and label_en:
            fields.append(CheckedField(field_key, label, label_en))

    speakers: list[str] = []
    raw_speakers = data.get("call_taker_speakers")
    if not isinstance(raw_speakers, list) or not raw_speakers:
        problem(
            "call_taker_speakers",
            tr(
                "CompliancePolicy",
                "call_taker_speakers 必须是非空数组，列出受话人员一方的说话方代码，如 agent",
            ),
        )
        raw_speakers = []
    for index, speaker in enumerate(raw_speakers):
        if not isinstance(speaker, str) or not _SPEAKER.match(speaker):
            problem(
                f"call_taker_speakers/{index}",
                tr("CompliancePolicy", "说话方代码只能由小写字母、数字、下划线和连字符组成，如 agent"),
            )
        else:
            speakers.append(speaker)

    seconds = data.get("transcript_alert_seconds")
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, int)
        or not _MIN_ALERT_SECONDS <= seconds <= _MAX_ALERT_SECONDS
    ):
        problem(
            "transcript_alert_seconds",
            tr("CompliancePolicy", "transcript_alert_seconds 必须是 {low} 到 {high} 之间的整数（秒）").format(
                low=_MIN_ALERT_SECONDS, high=_MAX_ALERT_SECONDS
            ),
        )
        seconds = 6
    if errors:
        return None, errors
    return CompliancePolicy(version, tuple(fields), frozenset(speakers), seconds), []


def check_compliance_policy(rule_file: RuleFile) -> list[RuleError]:
    """Validate a ``compliance_policy`` rule file and return every problem (empty when valid)."""
    return _parse_policy(rule_file)[1]


def load_compliance_policy(rule_file: RuleFile) -> CompliancePolicy:
    """Parse and validate a ``compliance_policy`` rule file.

    Raises:
        RuleError: the first problem found, with its pointer and line.
    """
    policy, errors = _parse_policy(rule_file)
    if errors:
        raise errors[0]
    assert policy is not None
    return policy


def load_default_policy(book: RuleBook | None = None) -> CompliancePolicy:
    """Load the compliance policy in force from ``book`` (a fresh ``RuleBook`` when omitted).

    Raises:
        RuleError: when the file is missing or invalid.
    """
    return load_compliance_policy((book or RuleBook()).get(POLICY_RULE_NAME))


# --- the order's texts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldFinding:
    """The forbidden phrases found in one order field.

    Attributes:
        field_key: the field's key.
        text: the text that was checked (the hits' spans index into it).
        hits: the hits, in text order.
    """

    field_key: str
    text: str
    hits: tuple[Hit, ...]

    @property
    def blocks(self) -> bool:
        """Whether a hit of this field is in block mode."""
        return any(hit.mode is Mode.BLOCK for hit in self.hits)


def findings_block(findings: Iterable[FieldFinding]) -> bool:
    """Whether any of ``findings`` must be fixed before the order may be submitted."""
    return any(finding.blocks for finding in findings)


def _order_values(payload_or_values: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """Split a payload (``{"fields": {...}, ...}``) into its field values and its top level."""
    fields = payload_or_values.get("fields")
    if isinstance(fields, Mapping):
        return fields, payload_or_values
    return payload_or_values, {}


def check_order_texts(
    payload_or_values: Mapping[str, Any],
    matcher: PhraseMatcher,
    fields: Sequence[str] | None = None,
) -> list[FieldFinding]:
    """Look for forbidden phrases in an order's text fields.

    Args:
        payload_or_values: an order payload (``OrderEditor.payload()``, values under ``"fields"``) or
            the values themselves. A key missing from the values is looked up at the payload's top
            level, where a disposition's text (the direct answer) may travel.
        matcher: the forbidden-phrase matcher.
        fields: the keys to check, in the order findings are listed; the policy in force
            (``compliance_policy.json``) when ``None``.

    Returns:
        One finding per field with hits, in ``fields`` order; empty when the texts are clean. Values
        that are absent, empty or not text are skipped.
    """
    keys = load_default_policy().order_field_keys if fields is None else tuple(fields)
    values, top_level = _order_values(payload_or_values)
    findings: list[FieldFinding] = []
    for key in keys:
        text = values.get(key, top_level.get(key))
        if not isinstance(text, str) or not text.strip():
            continue
        hits = matcher.find(text)
        if hits:
            findings.append(FieldFinding(key, text, tuple(hits)))
    return findings


# --- the live transcript ----------------------------------------------------------------------------


def is_call_taker(speaker: str, call_taker_speakers: Iterable[str]) -> bool:
    """Whether a transcript ``speaker`` code is the call-taker's side (case and spaces ignored)."""
    return speaker.strip().casefold() in {code.casefold() for code in call_taker_speakers}


def check_transcript_line(
    text: str,
    speaker: str,
    matcher: PhraseMatcher,
    call_taker_speakers: Iterable[str] | None = None,
) -> list[Hit]:
    """Return the forbidden phrases in one transcript line, only when the call-taker said it.

    A caller may say anything; a hit is only useful to the person who can still change how they speak.

    Args:
        text: the transcribed line.
        speaker: the speaker code the transcript gives (``agent``, ``caller``).
        matcher: the forbidden-phrase matcher.
        call_taker_speakers: the codes meaning the call-taker; the policy in force when ``None``.
    """
    speakers = (
        load_default_policy().call_taker_speakers if call_taker_speakers is None else call_taker_speakers
    )
    if not text or not is_call_taker(speaker, speakers):
        return []
    return matcher.find(text)


# --- the wrap-up self-check -------------------------------------------------------------------------


class HitSource(StrEnum):
    """Where a hit was shown to the call-taker."""

    ORDER = "order"
    """In the order's text, before submission."""
    TRANSCRIPT = "transcript"
    """In the live transcript of what the call-taker said."""


class HitOutcome(StrEnum):
    """What became of a hit that was shown."""

    ACCEPTED = "accepted"
    """The call-taker changed the wording: the submitted text no longer has the phrase."""
    IGNORED = "ignored"
    """The call-taker submitted the text with the phrase in it."""
    SPOKEN = "spoken"
    """Said on the call and shown live; speech cannot be taken back, so there is nothing to accept."""


@dataclass(frozen=True)
class SelfCheckEntry:
    """One forbidden phrase shown to the call-taker during a call, and what became of it.

    Attributes:
        source: where it was shown.
        field_key: the order field, for ``ORDER`` entries; ``""`` for the transcript.
        phrase_id: the phrase's id.
        category: the phrase's category id.
        matched_text: the words as first written or said.
        suggestion: the better wording that was offered.
        mode: the hall's mode for it (``warn`` or ``block``).
        times_shown: how many times it was shown.
        revise_requested: whether the call-taker asked to go to the text to change it.
        outcome: what became of it.
    """

    source: HitSource
    field_key: str
    phrase_id: str
    category: str
    matched_text: str
    suggestion: str
    mode: Mode
    times_shown: int
    revise_requested: bool
    outcome: HitOutcome

    def to_payload(self) -> dict[str, Any]:
        """The entry as plain JSON values."""
        return {
            "source": self.source.value,
            "field": self.field_key,
            "phrase_id": self.phrase_id,
            "category": self.category,
            "matched_text": self.matched_text,
            "suggestion": self.suggestion,
            "mode": self.mode.value,
            "times_shown": self.times_shown,
            "revise_requested": self.revise_requested,
            "outcome": self.outcome.value,
        }


class SelfCheckItem(StrEnum):
    """One point of the short wrap-up self-check (HZ 7.1, 10.2.1)."""

    GREETING = "greeting"
    """The standard greeting was said."""
    JOB_NUMBER = "job_number"
    """The job number was said in the greeting."""
    NO_FORBIDDEN_PHRASE = "no_forbidden_phrase"
    """No forbidden phrase was said, and none is left in the order."""
    RECORD_COMPLETE = "record_complete"
    """The order was completed and submitted."""
    CLOSING = "closing"
    """The standard closing was said."""


SELF_CONFIRMED_ITEMS = (SelfCheckItem.GREETING, SelfCheckItem.JOB_NUMBER, SelfCheckItem.CLOSING)
"""The points only the call-taker can tell without a transcript, confirmed by ticking them."""


def self_check_label(item: SelfCheckItem) -> str:
    """The point's short Chinese name, as the checklist shows it."""
    labels = {
        SelfCheckItem.GREETING: tr("SelfCheck", "使用规范问候语"),
        SelfCheckItem.JOB_NUMBER: tr("SelfCheck", "报出工号"),
        SelfCheckItem.NO_FORBIDDEN_PHRASE: tr("SelfCheck", "未使用服务禁语"),
        SelfCheckItem.RECORD_COMPLETE: tr("SelfCheck", "工单记录完整并已提交"),
        SelfCheckItem.CLOSING: tr("SelfCheck", "使用规范结束语"),
    }
    return labels[item]


@dataclass(frozen=True)
class ChecklistItem:
    """One point of the wrap-up self-check as it stands.

    Attributes:
        item: which point.
        label: its Chinese name.
        passed: ``True`` met, ``False`` not met, ``None`` not confirmed yet.
        automatic: judged by the client from what it saw (phrases, submission), not ticked by the person.
    """

    item: SelfCheckItem
    label: str
    passed: bool | None
    automatic: bool

    def to_payload(self) -> dict[str, Any]:
        """The point as plain JSON values."""
        return {"item": self.item.value, "passed": self.passed, "automatic": self.automatic}


@dataclass
class _Tally:
    hit: Hit
    times_shown: int = 1
    revise_requested: bool = False
    outcome: HitOutcome = HitOutcome.IGNORED


class WrapUpSelfCheck:
    """The record of forbidden phrases shown during one call and what the call-taker did about each.

    Order hits are counted per field and phrase: shown again after an edit, they count once more.
    :meth:`conclude` judges them against the texts actually submitted: gone means accepted, still
    there means ignored. Stored with the order under :data:`SELF_CHECK_PAYLOAD_KEY`, so a quality
    checker sees it next to the record (HZ 10.2.1).

    Args:
        call_id: the call the record belongs to.
    """

    def __init__(self, call_id: str = "") -> None:
        self.call_id = call_id
        self._order: dict[tuple[str, str], _Tally] = {}
        self._spoken: dict[str, _Tally] = {}
        self._concluded = False
        self._confirmed: dict[SelfCheckItem, bool] = {}

    def confirm(self, item: SelfCheckItem, passed: bool) -> None:
        """Record the call-taker's own answer for ``item`` (greeting, job number, closing).

        Raises:
            ValueError: ``item`` is judged by the client, not confirmed by the person.
        """
        if item not in SELF_CONFIRMED_ITEMS:
            raise ValueError(f"{item.value} is judged by the client, not confirmed")
        self._confirmed[item] = passed

    def phrase_free(self) -> bool:
        """Whether no forbidden phrase was said and none stays in the order.

        Before submission a phrase shown in the order counts until the submitted text is judged.
        """
        if self._spoken:
            return False
        if self._concluded:
            return all(tally.outcome is not HitOutcome.IGNORED for tally in self._order.values())
        return not self._order

    def checklist(self) -> tuple[ChecklistItem, ...]:
        """The five points of the wrap-up self-check as they stand, in the order they happen on a call."""
        judged = {
            SelfCheckItem.NO_FORBIDDEN_PHRASE: self.phrase_free(),
            # The order is only submitted once the form validates; submission is when it is judged.
            SelfCheckItem.RECORD_COMPLETE: self._concluded,
        }
        return tuple(
            ChecklistItem(
                item=item,
                label=self_check_label(item),
                passed=judged[item] if item in judged else self._confirmed.get(item),
                automatic=item in judged,
            )
            for item in SelfCheckItem
        )

    @property
    def empty(self) -> bool:
        """Whether nothing was shown yet."""
        return not self._order and not self._spoken

    def record_order_findings(self, findings: Iterable[FieldFinding]) -> None:
        """Note that ``findings`` were shown to the call-taker before submitting."""
        for finding in findings:
            for hit in finding.hits:
                key = (finding.field_key, hit.phrase_id)
                tally = self._order.get(key)
                if tally is None:
                    self._order[key] = _Tally(hit)
                else:
                    tally.times_shown += 1
        self._concluded = False

    def record_revise_request(self, field_key: str, phrase_id: str) -> None:
        """Note that the call-taker asked to go to ``field_key`` to change phrase ``phrase_id``."""
        tally = self._order.get((field_key, phrase_id))
        if tally is not None:
            tally.revise_requested = True

    def record_transcript_hits(self, hits: Iterable[Hit]) -> None:
        """Note that ``hits`` of the call-taker's speech were shown as live alerts."""
        for hit in hits:
            tally = self._spoken.get(hit.phrase_id)
            if tally is None:
                self._spoken[hit.phrase_id] = _Tally(hit, outcome=HitOutcome.SPOKEN)
            else:
                tally.times_shown += 1

    def conclude(self, submitted_findings: Iterable[FieldFinding]) -> None:
        """Judge every order hit against the findings of the texts being submitted."""
        still_there = {
            (finding.field_key, hit.phrase_id) for finding in submitted_findings for hit in finding.hits
        }
        for key, tally in self._order.items():
            tally.outcome = HitOutcome.IGNORED if key in still_there else HitOutcome.ACCEPTED
        self._concluded = True

    def entries(self) -> tuple[SelfCheckEntry, ...]:
        """Every hit shown, order fields first (in the order first shown), then speech."""
        rows: list[SelfCheckEntry] = []
        for (field_key, _), tally in self._order.items():
            rows.append(self._entry(HitSource.ORDER, field_key, tally))
        for tally in self._spoken.values():
            rows.append(self._entry(HitSource.TRANSCRIPT, "", tally))
        return tuple(rows)

    @staticmethod
    def _entry(source: HitSource, field_key: str, tally: _Tally) -> SelfCheckEntry:
        hit = tally.hit
        return SelfCheckEntry(
            source=source,
            field_key=field_key,
            phrase_id=hit.phrase_id,
            category=hit.category,
            matched_text=hit.matched_text,
            suggestion=hit.suggestion,
            mode=hit.mode,
            times_shown=tally.times_shown,
            revise_requested=tally.revise_requested,
            outcome=tally.outcome,
        )

    def to_payload(self) -> dict[str, Any]:
        """The record as plain JSON values, to store under :data:`SELF_CHECK_PAYLOAD_KEY`.

        Raises:
            RuntimeError: when order hits were shown but :meth:`conclude` was not called since, as
                their outcome would then be a guess.
        """
        if self._order and not self._concluded:
            raise RuntimeError("conclude() the self-check against the submitted texts first")
        entries = self.entries()
        return {
            "call_id": self.call_id,
            "shown": len(entries),
            "accepted": sum(entry.outcome is HitOutcome.ACCEPTED for entry in entries),
            "ignored": sum(entry.outcome is HitOutcome.IGNORED for entry in entries),
            "spoken": sum(entry.outcome is HitOutcome.SPOKEN for entry in entries),
            "entries": [entry.to_payload() for entry in entries],
            "checklist": [item.to_payload() for item in self.checklist()],
        }

    def attach_to(
        self, payload: Mapping[str, Any], submitted_findings: Iterable[FieldFinding]
    ) -> dict[str, Any]:
        """Conclude against ``submitted_findings`` and return a copy of ``payload`` carrying the record."""
        self.conclude(submitted_findings)
        return {**payload, SELF_CHECK_PAYLOAD_KEY: self.to_payload()}
