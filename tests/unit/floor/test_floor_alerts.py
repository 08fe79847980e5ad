"""Floor alert rules: the rule file, pure evaluation at each threshold, stable ids, acknowledgement."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from seatclient.floor import (
    AlertBook,
    AlertKind,
    AlertLevel,
    AlertRules,
    FloorSeat,
    alert_rules_problems,
    evaluate_alerts,
    evaluate_seat,
    load_alert_rules,
    load_default_alert_rules,
    next_alert_time,
)
from seatclient.floor.synthetic import next_seat_record, synthetic_floor
from seatclient.rules import RuleError
from seatclient.rules.rulebook import parse_rule_text
from seatclient.seat.states import ReasonCode, SeatState

SeatFactory = Callable[..., FloorSeat]


@pytest.fixture(scope="module")
def rules() -> AlertRules:
    return load_default_alert_rules()


def kinds(
    seat: FloorSeat, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> list[AlertKind]:
    return [alert.kind for alert in evaluate_seat(seat, now, rules, reasons)]


def test_the_shipped_rules(rules: AlertRules) -> None:
    assert {rule.kind for rule in rules.rules} == set(AlertKind)
    ringing = rules.rule(AlertKind.ringing_unanswered)
    assert ringing is not None and ringing.threshold == timedelta(seconds=10)
    wrap_up = rules.rule(AlertKind.wrap_up_overrun)
    assert wrap_up is not None and wrap_up.threshold == timedelta(seconds=120)
    long_call = rules.rule(AlertKind.long_call)
    assert long_call is not None and long_call.threshold == timedelta(minutes=20)
    help_rule = rules.rule(AlertKind.help_requested)
    assert help_rule is not None and help_rule.level is AlertLevel.critical


def test_away_past_the_reasons_limit(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    # The shipped "break" allows 15 minutes: exactly 15:00 is fine, 15:01 is an alert.
    at_limit = make_seat("A01", SeatState.AWAY, seconds_ago=15 * 60, reason="break")
    assert kinds(at_limit, now, rules, reasons) == []
    over = make_seat(
        "A01", SeatState.AWAY, seconds_ago=15 * 60 + 1, reason="break", name="张敏", job_number="1001"
    )
    [alert] = evaluate_seat(over, now, rules, reasons)
    assert alert.kind is AlertKind.away_overrun and alert.level is AlertLevel.warning
    assert alert.text == "A01 张敏（工号 1001）示忙“小休”已 15 分钟，超过 15 分钟"
    assert alert.since == over.since + timedelta(minutes=15)
    assert alert.alert_id == f"away_overrun:A01:{over.since.isoformat()}"
    # Meal allows 45 minutes; training has no limit at all.
    assert kinds(replace(over, reason="meal"), now, rules, reasons) == []
    long_training = make_seat("A01", SeatState.AWAY, seconds_ago=5 * 3600, reason="training")
    assert kinds(long_training, now, rules, reasons) == []


def test_away_with_a_reason_the_client_does_not_know_has_no_limit(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    seat = make_seat("A01", SeatState.AWAY, seconds_ago=3 * 3600, reason="new_reason")
    assert kinds(seat, now, rules, reasons) == []


def test_wrap_up_overrun_ringing_and_long_call_thresholds(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    assert kinds(make_seat("A01", SeatState.WRAP_UP, seconds_ago=120), now, rules, reasons) == []
    assert kinds(make_seat("A01", SeatState.WRAP_UP, seconds_ago=121), now, rules, reasons) == [
        AlertKind.wrap_up_overrun
    ]
    assert kinds(make_seat("A01", SeatState.RINGING, seconds_ago=10), now, rules, reasons) == []
    assert kinds(make_seat("A01", SeatState.RINGING, seconds_ago=11), now, rules, reasons) == [
        AlertKind.ringing_unanswered
    ]
    # A call counts from its start, not from the last state change (hold, consult …).
    started = now - timedelta(minutes=20, seconds=1)
    held = make_seat("A01", SeatState.HELD, seconds_ago=5, call_started=started)
    [alert] = evaluate_seat(held, now, rules, reasons)
    assert alert.kind is AlertKind.long_call and alert.level is AlertLevel.info
    assert alert.alert_id == f"long_call:A01:{started.isoformat()}"
    assert "通话已 20 分钟，超过 20 分钟" in alert.text
    in_wrap_up = make_seat("A01", SeatState.WRAP_UP, seconds_ago=5, call_started=started)
    assert kinds(in_wrap_up, now, rules, reasons) == []


def test_connection_lost_and_help_requested(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    lost = make_seat("A01", SeatState.AWAY, reason="connection_lost", connection_lost=True)
    [alert] = evaluate_seat(lost, now, rules, reasons)
    assert alert.kind is AlertKind.connection_lost and alert.alert_id == "connection_lost:A01:"
    assert alert.since is None
    signed_out = make_seat("A01", SeatState.SIGNED_OUT, connection_lost=True)
    assert kinds(signed_out, now, rules, reasons) == []
    raised = now - timedelta(seconds=3)
    hand = make_seat(
        "A02", SeatState.TALKING, call_started=now, help_requested_at=raised, name="李娜", job_number="1002"
    )
    [alert] = evaluate_seat(hand, now, rules, reasons)
    assert alert.kind is AlertKind.help_requested
    assert alert.text == "A02 李娜（工号 1002）举手求助"
    assert alert.since == raised


def test_several_alerts_come_most_urgent_first(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    seat = make_seat("A01", SeatState.RINGING, seconds_ago=30, help_requested_at=now, connection_lost=True)
    levels = [alert.level for alert in evaluate_seat(seat, now, rules, reasons)]
    assert levels == [AlertLevel.critical, AlertLevel.critical, AlertLevel.warning]


def test_english_texts(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    seat = make_seat(
        "A01", SeatState.AWAY, seconds_ago=11 * 60 + 5, reason="restroom", name="Zhang", job_number="1001"
    )
    [alert] = evaluate_seat(seat, now, rules, reasons, language="en")
    assert alert.label == "Away too long"
    assert alert.text == "A01 Zhang (job number 1001) has been away (Restroom) for 11 min, limit 10 min"


def test_a_disabled_rule_never_fires(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    disabled = AlertRules(tuple(replace(rule, enabled=False) for rule in rules.rules))
    seat = make_seat("A01", SeatState.RINGING, seconds_ago=60, help_requested_at=now)
    assert evaluate_seat(seat, now, disabled, reasons) == []


def test_evaluation_of_a_floor_is_seat_by_seat(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    seats = [
        make_seat("A01", SeatState.RINGING, seconds_ago=30),
        make_seat("A02"),
        make_seat("A03", SeatState.READY, help_requested_at=now),
    ]
    alerts = evaluate_alerts(seats, now, rules, reasons)
    assert [(alert.seat_id, alert.kind) for alert in alerts] == [
        ("A01", AlertKind.ringing_unanswered),
        ("A03", AlertKind.help_requested),
    ]
    assert evaluate_alerts(seats, now, rules, reasons) == alerts  # pure: same input, same output


def test_the_alert_book_tracks_raising_clearing_and_acknowledgement(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    book = AlertBook(rules, reasons)
    away = make_seat("A01", SeatState.AWAY, seconds_ago=14 * 60, reason="break")
    calm = make_seat("A02")
    assert book.refresh([away, calm], now).empty

    later = now + timedelta(minutes=2)
    update = book.refresh([away, calm], later)
    assert update.changed_seats == {"A01"}
    [raised] = update.raised
    assert raised.kind is AlertKind.away_overrun
    assert book.unacknowledged_count() == 1

    # Re-evaluating a minute later updates the text but is no change for the board.
    update = book.refresh([away, calm], later + timedelta(minutes=1))
    assert update.empty
    [entry] = book.for_seat("A01")
    assert entry.first_seen == later and "已 17 分钟" in entry.alert.text

    assert book.acknowledge(raised.alert_id) == "A01"
    assert book.acknowledge(raised.alert_id) is None
    assert book.acknowledge("no-such-alert") is None
    assert book.unacknowledged_count() == 0
    assert book.worst_for_seat("A01") is not None and book.worst_for_seat("A01").acknowledged  # type: ignore[union-attr]
    assert book.refresh([away, calm], later + timedelta(minutes=2)).empty
    assert book.for_seat("A01")[0].acknowledged

    # The seat comes back: the alert ends and its acknowledgement with it.
    back = make_seat("A01", SeatState.READY, seconds_ago=0)
    update = book.refresh([back, calm], later + timedelta(minutes=3))
    assert update.changed_seats == {"A01"} and update.cleared == (raised.alert_id,)
    assert book.entries() == []

    # A new break is a new episode: a new id, not acknowledged.
    again = make_seat("A01", SeatState.AWAY, seconds_ago=16 * 60, reason="break")
    update = book.refresh([again, calm], now + timedelta(seconds=1))
    [new_alert] = update.raised
    assert new_alert.alert_id != raised.alert_id
    assert not book.for_seat("A01")[0].acknowledged


def test_the_alert_book_forgets_seats_that_left(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    book = AlertBook(rules, reasons)
    hand = make_seat("A01", help_requested_at=now)
    book.update_seats([hand], now)
    update = book.update_seats([], now, removed=["A01"])
    assert update.changed_seats == {"A01"} and len(update.cleared) == 1
    book.update_seats([hand], now)
    assert book.refresh([], now).changed_seats == {"A01"}


def test_entries_put_unacknowledged_and_urgent_first(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    book = AlertBook(rules, reasons)
    book.refresh(
        [
            make_seat("A01", SeatState.RINGING, seconds_ago=20),
            make_seat("A02", help_requested_at=now),
            make_seat("A03", SeatState.AWAY, reason="connection_lost", connection_lost=True),
        ],
        now,
    )
    first_help = book.entries()[0].alert
    assert [entry.alert.seat_id for entry in book.entries()] == ["A02", "A03", "A01"]
    book.acknowledge(first_help.alert_id)
    assert [entry.alert.seat_id for entry in book.entries()] == ["A03", "A01", "A02"]


# --- the rule file ---------------------------------------------------------------------------------


def rule(kind: str, **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": kind, "enabled": True, "level": "warning",
        "label_zh": "标签", "label_en": "Label", "text_zh": "{seat} 告警", "text_en": "{seat} alert",
    }  # fmt: skip
    entry.update(changes)
    return {key: value for key, value in entry.items() if value is not None}


def problems_of(entries: list[dict[str, Any]]) -> tuple[list[RuleError], str]:
    text = json.dumps({"version": "1", "rules": entries}, ensure_ascii=False, indent=2)
    return alert_rules_problems(parse_rule_text("floor_alerts", text, "floor_alerts.json")), text


def test_a_sound_file_loads() -> None:
    text = json.dumps({"version": "1", "rules": [rule("long_call", threshold_minutes=30, level="critical")]})
    rules = load_alert_rules(parse_rule_text("floor_alerts", text, "floor_alerts.json"))
    [long_call] = rules.rules
    assert long_call.threshold == timedelta(minutes=30) and long_call.level is AlertLevel.critical


@pytest.mark.parametrize(
    ("entry", "pointer", "fragment"),
    [
        (rule("lunch_too_long"), "rules/0/kind", "允许的取值"),
        (rule("long_call"), "rules/0", "threshold_minutes"),
        (rule("long_call", threshold_minutes=0), "rules/0/threshold_minutes", "1 到 600"),
        (rule("ringing_unanswered", threshold_seconds="10"), "rules/0/threshold_seconds", "整数"),
        (rule("help_requested", threshold_seconds=5), "rules/0/threshold_seconds", "未知的键"),
        (rule("help_requested", level="loud"), "rules/0/level", "critical"),
        (rule("help_requested", enabled="yes"), "rules/0/enabled", "true 或 false"),
        (rule("help_requested", label_en=""), "rules/0/label_en", "非空"),
        (rule("help_requested", text_zh="{seat} 已 {minutes} 分钟"), "rules/0/text_zh", "{minutes}"),
        (rule("away_overrun", text_en="{seat} {reason:>5}"), "rules/0/text_en", "占位符"),
        (rule("away_overrun", text_en="{seat} {0}"), "rules/0/text_en", "占位符"),
        (rule("away_overrun", text_zh="{seat"), "rules/0/text_zh", "花括号不成对"),
    ],
)
def test_a_broken_rule_names_its_key_and_line(entry: dict[str, Any], pointer: str, fragment: str) -> None:
    problems, text = problems_of([entry])
    assert [problem.pointer for problem in problems] == [pointer]
    assert fragment in problems[0].problem
    assert problems[0].line is not None and 1 <= problems[0].line <= len(text.splitlines())


def test_the_brace_problem_shows_how_to_write_a_brace() -> None:
    problems, _ = problems_of([rule("away_overrun", text_zh="{seat")])
    assert "{{ 或 }}" in problems[0].problem


def test_a_kind_twice_is_refused_with_both_places() -> None:
    problems, _ = problems_of([rule("help_requested"), rule("connection_lost"), rule("help_requested")])
    assert [problem.pointer for problem in problems] == ["rules/2/kind"]
    assert "rules/0" in problems[0].problem


def test_an_empty_rule_list_and_a_missing_version() -> None:
    text = json.dumps({"rules": []})
    problems = alert_rules_problems(parse_rule_text("floor_alerts", text, "floor_alerts.json"))
    assert [problem.pointer for problem in problems] == ["", "rules"]
    with pytest.raises(RuleError):
        load_alert_rules(parse_rule_text("floor_alerts", text, "floor_alerts.json"))


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_shipped_text_fills_in(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode], language: str
) -> None:
    started = now - timedelta(hours=1)
    seats = [
        make_seat("A01", SeatState.AWAY, seconds_ago=3600, reason="break"),
        make_seat("A02", SeatState.WRAP_UP, seconds_ago=600),
        make_seat("A03", SeatState.TALKING, seconds_ago=60, call_started=started),
        make_seat("A04", SeatState.RINGING, seconds_ago=60),
        make_seat("A05", SeatState.READY, connection_lost=True, help_requested_at=now),
    ]
    alerts = evaluate_alerts(seats, now, rules, reasons, language)
    assert {alert.kind for alert in alerts} == set(AlertKind)
    for alert in alerts:
        assert alert.seat_id in alert.text
        assert "{" not in alert.text and "}" not in alert.text


def test_next_alert_time(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    ringing = make_seat("A01", SeatState.RINGING, seconds_ago=3)
    assert next_alert_time(ringing, now, rules, reasons) == ringing.since + timedelta(seconds=10)
    away = make_seat("A01", SeatState.AWAY, seconds_ago=60, reason="restroom")
    assert next_alert_time(away, now, rules, reasons) == away.since + timedelta(minutes=10)
    started = now - timedelta(minutes=5)
    talking = make_seat("A01", SeatState.TALKING, seconds_ago=60, call_started=started)
    assert next_alert_time(talking, now, rules, reasons) == started + timedelta(minutes=20)
    assert next_alert_time(make_seat("A01", SeatState.READY), now, rules, reasons) is None
    overdue = make_seat("A01", SeatState.RINGING, seconds_ago=30)  # already raised: nothing more to come
    assert next_alert_time(overdue, now, rules, reasons) is None


def test_the_books_shortcuts_agree_with_evaluating_everything(
    make_seat: SeatFactory, now: datetime, rules: AlertRules, reasons: dict[str, ReasonCode]
) -> None:
    rng = random.Random(3)
    seats = synthetic_floor(120, now)
    book = AlertBook(rules, reasons)
    clock = now
    for step in range(150):
        clock += timedelta(seconds=rng.choice([0.5, 1, 1, 7, 61]))
        for _ in range(rng.randrange(4)):
            index = rng.randrange(len(seats))
            seats[index] = next_seat_record(seats[index], clock, rng)
        if step % 25 == 24:
            seats = seats[:-1]  # a seat leaves now and then
        book.refresh(seats, clock)
        expected = {alert.alert_id for alert in evaluate_alerts(seats, clock, rules, reasons)}
        assert {entry.alert.alert_id for entry in book.entries()} == expected, step
