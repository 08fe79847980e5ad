"""Floor alerts for the team leader: rules as data, pure evaluation, acknowledgement tracked.

The rules live in ``resources/rules/floor_alerts.json``; each kind of alert appears at most once::

    {"kind": "long_call", "enabled": true, "level": "warning", "threshold_minutes": 20,
     "label_zh": "超长通话", "label_en": "Very long call",
     "text_zh": "{seat} {name}（工号 {job}）通话已 {minutes} 分钟", "text_en": "..."}

==========================  ======================  ================================================
kind                        threshold               fires when
==========================  ======================  ================================================
``away_overrun``            the reason's            away (示忙) longer than the reason's
                            ``max_minutes``         ``max_minutes`` (reasons without a limit never fire)
``wrap_up_overrun``         ``threshold_seconds``   in wrap-up (话后整理) longer than the threshold
``long_call``               ``threshold_minutes``   a call connected longer than the threshold
``ringing_unanswered``      ``threshold_seconds``   ringing (振铃) longer than the threshold
``connection_lost``         none                    a signed-in seat's client lost its connection
``help_requested``          none                    the call-taker raised a hand (举手)
==========================  ======================  ================================================

Texts may use ``{seat}``, ``{name}``, ``{job}`` and ``{team}``; timed kinds also ``{minutes}`` and
``{seconds}`` (time so far, whole units), ``{elapsed}`` (``mm:ss``) and ``{limit}`` (minutes for
``away_overrun`` and ``long_call``, seconds otherwise); ``away_overrun`` also ``{reason}``.

An alert's id is ``<kind>:<seat>:<start>``, where ``<start>`` is when its episode began (the state's
``since``, the call's start, the raised hand's time; empty for a lost connection), so the id stays the
same while the condition lasts and a new episode is a new alert. ``AlertBook`` remembers which alerts
the team leader acknowledged; an acknowledgement ends with its alert.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from seatclient.floor._checks import FloorRuleChecker, child_pointer
from seatclient.floor.records import FloorSeat
from seatclient.i18n import join_list, tr
from seatclient.rules import RuleBook, RuleError, RuleFile
from seatclient.seat.states import ReasonCode, SeatState

FLOOR_ALERT_RULES = "floor_alerts"
"""The rule file's name in ``resources/rules``."""

CALL_STATES = frozenset({SeatState.TALKING, SeatState.HELD, SeatState.CONSULTING, SeatState.CONFERENCE})
"""States with a connected caller: where a call's length counts."""


class AlertLevel(StrEnum):
    """How urgent an alert is, spelled as in the rule file."""

    info = "info"
    warning = "warning"
    critical = "critical"

    @property
    def rank(self) -> int:
        """Higher is more urgent: info 0, warning 1, critical 2."""
        return _LEVEL_RANKS[self]

    def label(self) -> str:
        """The level's name for people."""
        match self:
            case AlertLevel.info:
                return tr("AlertLevel", "提示")
            case AlertLevel.warning:
                return tr("AlertLevel", "警告")
            case AlertLevel.critical:
                return tr("AlertLevel", "紧急")


_LEVEL_RANKS = {AlertLevel.info: 0, AlertLevel.warning: 1, AlertLevel.critical: 2}


class AlertKind(StrEnum):
    """The conditions an alert rule can watch."""

    away_overrun = "away_overrun"
    wrap_up_overrun = "wrap_up_overrun"
    long_call = "long_call"
    ringing_unanswered = "ringing_unanswered"
    connection_lost = "connection_lost"
    help_requested = "help_requested"


_THRESHOLD_KEYS: dict[AlertKind, tuple[str, int, int] | None] = {
    AlertKind.away_overrun: None,
    AlertKind.wrap_up_overrun: ("threshold_seconds", 1, 3600),
    AlertKind.long_call: ("threshold_minutes", 1, 600),
    AlertKind.ringing_unanswered: ("threshold_seconds", 1, 300),
    AlertKind.connection_lost: None,
    AlertKind.help_requested: None,
}
"""Each kind's threshold key and its allowed range, or ``None`` when the kind takes none."""

_KIND_VALUES = frozenset(kind.value for kind in AlertKind)

_PERSON_FIELDS = ("seat", "name", "job", "team")
_TIMED_FIELDS = ("minutes", "seconds", "elapsed", "limit")
_TEXT_FIELDS: dict[AlertKind, tuple[str, ...]] = {
    AlertKind.away_overrun: (*_PERSON_FIELDS, *_TIMED_FIELDS, "reason"),
    AlertKind.wrap_up_overrun: (*_PERSON_FIELDS, *_TIMED_FIELDS),
    AlertKind.long_call: (*_PERSON_FIELDS, *_TIMED_FIELDS),
    AlertKind.ringing_unanswered: (*_PERSON_FIELDS, *_TIMED_FIELDS),
    AlertKind.connection_lost: _PERSON_FIELDS,
    AlertKind.help_requested: _PERSON_FIELDS,
}
"""The placeholders each kind's texts may use."""


@dataclass(frozen=True)
class AlertRule:
    """One alert rule from the rule file.

    Attributes:
        kind: the condition watched.
        level: how urgent its alerts are.
        enabled: whether the rule is evaluated at all.
        threshold: how long the condition may last before it alerts; ``None`` for kinds without one
            (``away_overrun`` takes each reason's own limit).
        label_zh: the short Chinese label, e.g. ``超长通话``.
        label_en: the short English label.
        text_zh: the Chinese message template.
        text_en: the English message template.
    """

    kind: AlertKind
    level: AlertLevel
    enabled: bool
    threshold: timedelta | None
    label_zh: str
    label_en: str
    text_zh: str
    text_en: str

    def label(self, language: str = "zh_CN") -> str:
        """Return the short label in ``language`` (``zh_CN`` or ``en``)."""
        return self.label_en if language == "en" else self.label_zh

    def text(self, language: str = "zh_CN") -> str:
        """Return the message template in ``language`` (``zh_CN`` or ``en``)."""
        return self.text_en if language == "en" else self.text_zh


@dataclass(frozen=True)
class AlertRules:
    """The alert rules in force, at most one per kind, in file order.

    Attributes:
        rules: the rules.
    """

    rules: tuple[AlertRule, ...]

    def rule(self, kind: AlertKind) -> AlertRule | None:
        """Return the rule for ``kind``, or ``None`` when the file has none."""
        return next((rule for rule in self.rules if rule.kind is kind), None)


@dataclass(frozen=True)
class Alert:
    """One active alert about one seat.

    Attributes:
        alert_id: stable while the condition lasts: ``<kind>:<seat>:<episode start>``.
        kind: the condition.
        level: how urgent it is.
        seat_id: the seat it concerns.
        since: when the alert became due (the condition's start plus its limit), or ``None``
            when unknown (a lost connection).
        label: the short label in the board's language.
        text: the message in the board's language, with the current figures filled in.
    """

    alert_id: str
    kind: AlertKind
    level: AlertLevel
    seat_id: str
    since: datetime | None
    label: str
    text: str


def _whole_minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _clock_text(delta: timedelta) -> str:
    minutes, seconds = divmod(int(delta.total_seconds()), 60)
    return f"{minutes:02d}:{seconds:02d}"


def _reason_label(seat: FloorSeat, reasons: Mapping[str, ReasonCode], language: str) -> str:
    if seat.reason is None:
        return ""
    reason = reasons.get(seat.reason)
    return seat.reason if reason is None else reason.label(language)


def _alert(
    rule: AlertRule,
    seat: FloorSeat,
    episode: datetime | None,
    due: datetime | None,
    language: str,
    fields: Mapping[str, Any],
) -> Alert:
    values = {"seat": seat.seat_id, "name": seat.name, "job": seat.job_number, "team": seat.team, **fields}
    start = "" if episode is None else episode.isoformat()
    return Alert(
        alert_id=f"{rule.kind.value}:{seat.seat_id}:{start}",
        kind=rule.kind,
        level=rule.level,
        seat_id=seat.seat_id,
        since=due,
        label=rule.label(language),
        text=rule.text(language).format_map(values),
    )


def _timed_alert(
    rule: AlertRule,
    seat: FloorSeat,
    start: datetime,
    limit: timedelta,
    limit_value: int,
    now: datetime,
    language: str,
    extra: Mapping[str, Any] | None = None,
) -> Alert | None:
    elapsed = now - start
    if elapsed <= limit:
        return None
    fields = {
        "minutes": _whole_minutes(elapsed),
        "seconds": int(elapsed.total_seconds()),
        "elapsed": _clock_text(elapsed),
        "limit": limit_value,
        **(extra or {}),
    }
    return _alert(rule, seat, start, start + limit, language, fields)


def _threshold_value(rule: AlertRule) -> int:
    assert rule.threshold is not None  # the loader gives every timed kind but away_overrun a threshold
    seconds = int(rule.threshold.total_seconds())
    return seconds // 60 if rule.kind is AlertKind.long_call else seconds


def _timed_window(
    rule: AlertRule, seat: FloorSeat, reasons: Mapping[str, ReasonCode]
) -> tuple[datetime, timedelta, int] | None:
    """For a timed rule watching ``seat`` now: when the watched period began, its limit, and the limit
    as the text shows it (minutes or seconds); ``None`` when the rule does not watch the seat."""
    match rule.kind:
        case AlertKind.away_overrun:
            reason = reasons.get(seat.reason) if seat.reason is not None else None
            if seat.state is not SeatState.AWAY or reason is None or reason.max_minutes is None:
                return None
            return seat.since, timedelta(minutes=reason.max_minutes), reason.max_minutes
        case AlertKind.wrap_up_overrun | AlertKind.ringing_unanswered:
            watched = SeatState.WRAP_UP if rule.kind is AlertKind.wrap_up_overrun else SeatState.RINGING
            if seat.state is not watched or rule.threshold is None:
                return None
            return seat.since, rule.threshold, _threshold_value(rule)
        case AlertKind.long_call:
            if seat.state not in CALL_STATES or seat.call_started is None or rule.threshold is None:
                return None
            return seat.call_started, rule.threshold, _threshold_value(rule)
        case AlertKind.connection_lost | AlertKind.help_requested:
            return None


def evaluate_rule(
    rule: AlertRule,
    seat: FloorSeat,
    now: datetime,
    reasons: Mapping[str, ReasonCode],
    language: str = "zh_CN",
) -> Alert | None:
    """Return the alert ``rule`` raises for ``seat`` at server time ``now``, or ``None``.

    Args:
        rule: the rule; a disabled rule never raises.
        seat: the seat as the floor knows it.
        now: the server time.
        reasons: the away reason codes by code, for ``max_minutes`` and labels.
        language: ``zh_CN`` or ``en``, for the label and text.
    """
    if not rule.enabled:
        return None
    if rule.kind is AlertKind.connection_lost:
        if not seat.connection_lost or not seat.signed_in:
            return None
        return _alert(rule, seat, None, None, language, {})
    if rule.kind is AlertKind.help_requested:
        if seat.help_requested_at is None:
            return None
        at = seat.help_requested_at
        return _alert(rule, seat, at, at, language, {})
    window = _timed_window(rule, seat, reasons)
    if window is None:
        return None
    start, limit, limit_value = window
    extra = (
        {"reason": _reason_label(seat, reasons, language)} if rule.kind is AlertKind.away_overrun else None
    )
    return _timed_alert(rule, seat, start, limit, limit_value, now, language, extra)


def next_alert_time(
    seat: FloorSeat, now: datetime, rules: AlertRules, reasons: Mapping[str, ReasonCode]
) -> datetime | None:
    """Return when a timed alert not yet raised for ``seat`` comes due, if its record stays as it is.

    An alert is raised once its limit is exceeded, so re-evaluating the seat at the first moment after
    this time is enough; ``None`` when no timed rule is pending for the seat.
    """
    due_times = []
    for rule in rules.rules:
        window = _timed_window(rule, seat, reasons) if rule.enabled else None
        if window is not None:
            due = window[0] + window[1]
            if due >= now:
                due_times.append(due)
    return min(due_times, default=None)


def evaluate_seat(
    seat: FloorSeat,
    now: datetime,
    rules: AlertRules,
    reasons: Mapping[str, ReasonCode],
    language: str = "zh_CN",
) -> list[Alert]:
    """Return every alert for ``seat`` at server time ``now``, most urgent first (then rule order)."""
    alerts = [
        alert
        for rule in rules.rules
        if (alert := evaluate_rule(rule, seat, now, reasons, language)) is not None
    ]
    alerts.sort(key=lambda alert: -alert.level.rank)
    return alerts


def evaluate_alerts(
    seats: Iterable[FloorSeat],
    now: datetime,
    rules: AlertRules,
    reasons: Mapping[str, ReasonCode],
    language: str = "zh_CN",
) -> list[Alert]:
    """Return every alert on the floor at server time ``now``, seat by seat in the given order."""
    return [alert for seat in seats for alert in evaluate_seat(seat, now, rules, reasons, language)]


@dataclass(frozen=True)
class AlertEntry:
    """An active alert with what the team leader did about it.

    Attributes:
        alert: the alert, as last evaluated.
        first_seen: the server time it was first seen.
        acknowledged: whether the team leader acknowledged it.
    """

    alert: Alert
    first_seen: datetime
    acknowledged: bool = False


@dataclass(frozen=True)
class AlertUpdate:
    """What one evaluation changed.

    Attributes:
        changed_seats: seats whose set of alerts, or their acknowledgement, changed.
        raised: alerts that are new.
        cleared: ids of alerts that ended.
    """

    changed_seats: frozenset[str] = frozenset()
    raised: tuple[Alert, ...] = ()
    cleared: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.changed_seats or self.raised or self.cleared)


class AlertBook:
    """The floor's active alerts and which of them the team leader acknowledged.

    Evaluate the whole floor with ``refresh`` (once a second: time-based alerts come due without any
    event) and changed seats with ``update_seats`` (on every floor change, so a raised hand shows at
    once).

    Args:
        rules: the alert rules.
        reasons: the away reason codes by code.
        language: ``zh_CN`` or ``en``, for labels and texts.
    """

    def __init__(self, rules: AlertRules, reasons: Mapping[str, ReasonCode], language: str = "zh_CN") -> None:
        self._rules = rules
        self._reasons = dict(reasons)
        self._language = language
        self._by_seat: dict[str, dict[str, AlertEntry]] = {}
        # The record each seat was last evaluated with (by identity: records are immutable) and when
        # its next timed alert comes due, so ``refresh`` evaluates only what can have changed.
        self._seen: dict[str, FloorSeat] = {}
        self._due: dict[str, datetime] = {}

    @property
    def rules(self) -> AlertRules:
        """The alert rules in force."""
        return self._rules

    def refresh(self, seats: Iterable[FloorSeat], now: datetime) -> AlertUpdate:
        """Bring the whole floor up to ``now``: ``seats`` are every seat; alerts of other seats end.

        Only seats that need it are evaluated: a record not evaluated before, a timed alert coming
        due, or an active alert (whose text counts the minutes); so a calm floor of a thousand seats
        costs almost nothing.
        """
        seat_list = list(seats)
        present = {seat.seat_id for seat in seat_list}
        gone = [seat_id for seat_id in self._seen if seat_id not in present]
        due = [
            seat
            for seat in seat_list
            if self._seen.get(seat.seat_id) is not seat
            or seat.seat_id in self._by_seat
            or ((at := self._due.get(seat.seat_id)) is not None and at <= now)
        ]
        return self.update_seats(due, now, removed=gone)

    def update_seats(
        self, seats: Iterable[FloorSeat], now: datetime, removed: Iterable[str] = ()
    ) -> AlertUpdate:
        """Re-evaluate ``seats`` only and end the alerts of the ``removed`` seats."""
        changed: set[str] = set()
        raised: list[Alert] = []
        cleared: list[str] = []
        for seat_id in removed:
            self._seen.pop(seat_id, None)
            self._due.pop(seat_id, None)
            entries = self._by_seat.pop(seat_id, None)
            if entries:
                changed.add(seat_id)
                cleared.extend(entries)
        for seat in seats:
            before = self._by_seat.get(seat.seat_id, {})
            after: dict[str, AlertEntry] = {}
            for alert in evaluate_seat(seat, now, self._rules, self._reasons, self._language):
                entry = before.get(alert.alert_id)
                if entry is None:
                    raised.append(alert)
                    after[alert.alert_id] = AlertEntry(alert, now)
                else:
                    after[alert.alert_id] = AlertEntry(alert, entry.first_seen, entry.acknowledged)
            cleared.extend(alert_id for alert_id in before if alert_id not in after)
            if before.keys() != after.keys():
                changed.add(seat.seat_id)
            if after:
                self._by_seat[seat.seat_id] = after
            else:
                self._by_seat.pop(seat.seat_id, None)
            self._seen[seat.seat_id] = seat
            due = next_alert_time(seat, now, self._rules, self._reasons)
            if due is None:
                self._due.pop(seat.seat_id, None)
            else:
                self._due[seat.seat_id] = due
        return AlertUpdate(frozenset(changed), tuple(raised), tuple(cleared))

    def acknowledge(self, alert_id: str) -> str | None:
        """Mark ``alert_id`` acknowledged.

        Returns:
            the seat of the alert, or ``None`` when no such alert is active or it was already
            acknowledged.
        """
        for seat_id, entries in self._by_seat.items():
            entry = entries.get(alert_id)
            if entry is not None:
                if entry.acknowledged:
                    return None
                entries[alert_id] = AlertEntry(entry.alert, entry.first_seen, acknowledged=True)
                return seat_id
        return None

    def entries(self) -> list[AlertEntry]:
        """Return every active alert: unacknowledged first, then most urgent, then oldest."""
        every = [entry for entries in self._by_seat.values() for entry in entries.values()]
        every.sort(key=lambda entry: (entry.acknowledged, -entry.alert.level.rank, entry.first_seen))
        return every

    def for_seat(self, seat_id: str) -> list[AlertEntry]:
        """Return the active alerts of ``seat_id``, most urgent first."""
        return list(self._by_seat.get(seat_id, {}).values())

    def worst_for_seat(self, seat_id: str) -> AlertEntry | None:
        """Return the seat's most urgent alert, preferring unacknowledged ones; ``None`` when calm."""
        entries = self._by_seat.get(seat_id)
        if not entries:
            return None
        return min(entries.values(), key=lambda entry: (entry.acknowledged, -entry.alert.level.rank))

    def unacknowledged_count(self) -> int:
        """Return how many active alerts nobody acknowledged yet."""
        return sum(
            1 for entries in self._by_seat.values() for entry in entries.values() if not entry.acknowledged
        )


def alert_rules_problems(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem of a floor alert rule file (an empty list when it is sound)."""
    checker = FloorRuleChecker(rule_file)
    _collect_rules(checker, rule_file.data)
    return checker.problems


def load_alert_rules(rule_file: RuleFile) -> AlertRules:
    """Build the alert rules from ``rule_file``.

    Raises:
        RuleError: the first problem found, naming its key path and line.
    """
    checker = FloorRuleChecker(rule_file)
    rules = _collect_rules(checker, rule_file.data)
    if checker.problems:
        raise checker.problems[0]
    return AlertRules(tuple(rules))


def load_default_alert_rules(rule_book: RuleBook | None = None) -> AlertRules:
    """Load ``floor_alerts`` from the rule book in force (shipped, hall folder or config bundle).

    Raises:
        RuleError: the file is missing or unsound.
    """
    return load_alert_rules((rule_book or RuleBook()).get(FLOOR_ALERT_RULES))


def _collect_rules(checker: FloorRuleChecker, document: object) -> list[AlertRule]:
    root = checker.object("", document, required=("version", "rules"), optional=("description",))
    if root is None:
        return []
    if "version" in root:
        checker.text("version", root["version"])
    if "description" in root:
        checker.text("description", root["description"])
    entries = checker.array("rules", root.get("rules"))
    if entries is None:
        return []
    rules: list[AlertRule] = []
    seen: dict[AlertKind, str] = {}
    for index, entry in enumerate(entries):
        here = child_pointer("rules", index)
        rule = _collect_rule(checker, here, entry)
        if rule is None:
            continue
        if rule.kind in seen:
            checker.report(
                child_pointer(here, "kind"),
                tr("FloorRules", "告警类型“{kind}”重复，已在 {where} 定义；每种类型只能有一条规则").format(
                    kind=rule.kind.value, where=seen[rule.kind]
                ),
            )
            continue
        seen[rule.kind] = here
        rules.append(rule)
    return rules


def _collect_rule(checker: FloorRuleChecker, here: str, entry: object) -> AlertRule | None:
    base = ("kind", "enabled", "level", "label_zh", "label_en", "text_zh", "text_en")
    kind_value = entry.get("kind") if isinstance(entry, dict) else None
    kind = AlertKind(kind_value) if isinstance(kind_value, str) and kind_value in _KIND_VALUES else None
    threshold_spec = _THRESHOLD_KEYS[kind] if kind is not None else None
    required = (*base, threshold_spec[0]) if threshold_spec else base
    item = checker.object(here, entry, required=required)
    if item is None:
        return None
    problems_before = len(checker.problems)
    if kind is None:
        checker.choice(child_pointer(here, "kind"), kind_value, [member.value for member in AlertKind])

    # A missing key was already reported by ``checker.object``; check only the keys present.
    enabled = checker.boolean(child_pointer(here, "enabled"), item["enabled"]) if "enabled" in item else None
    level = (
        checker.choice(child_pointer(here, "level"), item["level"], [level.value for level in AlertLevel])
        if "level" in item
        else None
    )
    label_zh = checker.text(child_pointer(here, "label_zh"), item["label_zh"]) if "label_zh" in item else None
    label_en = checker.text(child_pointer(here, "label_en"), item["label_en"]) if "label_en" in item else None
    threshold: timedelta | None = None
    if threshold_spec is not None and threshold_spec[0] in item:
        key, minimum, maximum = threshold_spec
        amount = checker.integer(child_pointer(here, key), item[key], minimum, maximum)
        if amount is not None:
            threshold = timedelta(minutes=amount) if key == "threshold_minutes" else timedelta(seconds=amount)
    texts: dict[str, str] = {}
    for key in ("text_zh", "text_en"):
        if key not in item:
            continue
        text = checker.text(child_pointer(here, key), item[key])
        if (
            text is not None
            and kind is not None
            and _check_template(checker, child_pointer(here, key), text, kind)
        ):
            texts[key] = text
    if len(checker.problems) > problems_before or kind is None:
        return None
    assert enabled is not None and level is not None and label_zh is not None and label_en is not None
    return AlertRule(
        kind=kind,
        level=AlertLevel(level),
        enabled=enabled,
        threshold=threshold,
        label_zh=label_zh,
        label_en=label_en,
        text_zh=texts["text_zh"],
        text_en=texts["text_en"],
    )


def _check_template(checker: FloorRuleChecker, pointer: str, text: str, kind: AlertKind) -> bool:
    allowed = _TEXT_FIELDS[kind]
    allowed_text = join_list(f"{{{name}}}" for name in allowed)
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        checker.report(
            pointer,
            tr("FloorRules", "花括号不成对；要显示花括号请写 {{{{ 或 }}}}；可用的占位符：{allowed}").format(
                allowed=allowed_text
            ),
        )
        return False
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in allowed or spec or conversion:
            checker.report(
                pointer,
                tr("FloorRules", "占位符“{{{field}}}”不可用；此类告警可用的占位符：{allowed}").format(
                    field=field, allowed=allowed_text
                ),
            )
            return False
    return True
