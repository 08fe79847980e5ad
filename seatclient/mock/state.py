"""The mock backend's in-memory world: accounts, sessions, tokens, seats and idempotent replies."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from seatclient.api.models import ReasonCode, Role
from seatclient.dispatch.units import UNITS_RULE_NAME, load_units
from seatclient.forms.calendar import RULE_SET_NAME as HOLIDAYS_RULE_FILE
from seatclient.forms.calendar import DueDateCalculator, WorkingDayCalendar, load_holidays
from seatclient.forms.schema import RULE_NAME as FORM_RULE_FILE
from seatclient.forms.schema import load_form_schema
from seatclient.forms.time_limits import RULE_SET_NAME as TIME_LIMITS_RULE_FILE
from seatclient.forms.time_limits import load_time_limits
from seatclient.knowledge.model import Article, load_demo_base
from seatclient.mock.accounts import DEMO_ACCOUNTS, DemoAccount
from seatclient.mock.callers import RULE_FILE_NAME as CALLERS_RULE_FILE
from seatclient.mock.callers import load_training_callers
from seatclient.mock.events import EventHub
from seatclient.mock.floor import FloorBoard
from seatclient.mock.hall import Hall, HallTuning, patched_seat_rules
from seatclient.mock.orders import OrderBook
from seatclient.rules import RuleBook, RuleFile
from seatclient.seat import SeatRules, load_seat_rules
from seatclient.seat.machine import RULE_FILE_NAME as SEAT_RULE_FILE


@dataclass
class MockOptions:
    """How the mock backend behaves; tests shorten the timings.

    Attributes:
        access_ttl: access token lifetime in seconds.
        refresh_ttl: refresh token lifetime in seconds.
        heartbeat: seconds between heartbeats on an idle event stream.
        training: whether this backend is a training backend (shown in the client).
        hall_id: the hall this backend serves.
        admin: whether the ``/mock/...`` control endpoints (cut streams, expire tokens) are enabled.
        hall: arrival rate, caller patience and the connection grace of the simulated hall.
        ring_timeout: a trainer's ring timeout in seconds, replacing the rule file's.
        wrap_up_seconds: a trainer's wrap-up time in seconds, replacing the rule file's.
        order_required: whether wrap-up waits for a saved order, replacing the rule file's.
        floor_figures_interval: seconds between the ``floor.figures`` events sent to team leaders.
        seed_orders: whether the training callers' numbers start with a few earlier orders.
    """

    access_ttl: int = 900
    refresh_ttl: int = 12 * 3600
    heartbeat: float = 15.0
    training: bool = True
    hall_id: str = "hz-12345"
    admin: bool = True
    hall: HallTuning = field(default_factory=HallTuning)
    ring_timeout: int | None = None
    wrap_up_seconds: int | None = None
    order_required: bool | None = None
    floor_figures_interval: float = 5.0
    seed_orders: bool = True


def training_options() -> MockOptions:
    """The embedded training backend's options: a gentle flow of callers while the trainee is ready.

    Two callers a minute per ready seat is a call every 30 seconds on average (most gaps between
    10 and 60 seconds), enough to practise without a queue building up.
    """
    return MockOptions(hall=HallTuning(calls_per_minute_per_ready_seat=2.0, patience_seconds=90.0))


@dataclass
class Session:
    """A signed-in agent at a seat."""

    account: DemoAccount
    seat_id: str
    access_token: str
    access_expires: float
    refresh_token: str
    refresh_expires: float


@dataclass
class Failure:
    """An injected fault: the next ``count`` requests under ``path_prefix`` wait ``delay`` s, then fail with ``status``.

    ``retry_after``, when set, is sent as the failure's ``Retry-After`` header (seconds or an HTTP date);
    ``fields`` names refused fields (field → problem), as a 422 of the real backend does.
    """

    path_prefix: str
    status: int | None
    count: int
    delay: float = 0.0
    retry_after: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


def bundle_version(files: dict[str, Any]) -> str:
    """Return a short content hash of the rule files, so the version changes exactly when they do."""
    canonical = json.dumps(files, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:16]


@dataclass
class MockWorld:
    """Everything the mock backend knows, in memory."""

    options: MockOptions
    rulebook: RuleBook = field(default_factory=RuleBook)
    hub: EventHub = field(default_factory=EventHub)
    accounts: dict[str, DemoAccount] = field(default_factory=lambda: {a.job_number: a for a in DEMO_ACCOUNTS})
    sessions_by_access: dict[str, Session] = field(default_factory=dict)
    sessions_by_refresh: dict[str, Session] = field(default_factory=dict)
    idempotent_replies: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    streams_blocked_until: float = 0.0
    idempotent_in_progress: set[tuple[str, str]] = field(default_factory=set)
    idempotent_fingerprints: dict[tuple[str, str], str] = field(default_factory=dict)
    order_delay: float = 0.0
    knowledge_feedback: list[dict[str, Any]] = field(default_factory=list)
    hall: Hall = field(init=False)
    orders: OrderBook = field(init=False)
    knowledge: list[Article] = field(init=False)
    floor: FloorBoard = field(init=False)
    _seat_rules_data: dict[str, Any] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        """Build the simulated hall from the rule files in force and the trainer's overrides."""
        opts = self.options
        self._seat_rules_data = patched_seat_rules(
            self.rulebook.get(SEAT_RULE_FILE).data,
            opts.ring_timeout,
            opts.wrap_up_seconds,
            opts.order_required,
        )
        rules = load_seat_rules(RuleFile(SEAT_RULE_FILE, self._seat_rules_data, "seat_rules (mock)"))
        callers = load_training_callers(self.rulebook.get(CALLERS_RULE_FILE))
        self.hall = Hall(rules, callers, self.hub, opts.hall, training=opts.training)
        self.knowledge = load_demo_base()
        self.orders = OrderBook(
            load_form_schema(self.rulebook.get(FORM_RULE_FILE)),
            load_units(self.rulebook.get(UNITS_RULE_NAME)),
            DueDateCalculator(
                WorkingDayCalendar(load_holidays(self.rulebook.get(HOLIDAYS_RULE_FILE))),
                load_time_limits(self.rulebook.get(TIME_LIMITS_RULE_FILE)),
            ),
            (article.id for article in self.knowledge),
        )
        if opts.seed_orders:
            self.orders.seed_training_history(callers)
        self.floor = FloorBoard(
            self.hall, self.hub, self.accounts, self.team_leaders_signed_in, opts.floor_figures_interval
        )

    def team_leaders_signed_in(self) -> list[str]:
        """The job numbers of the team leaders with a live session (they receive floor events)."""
        return sorted(
            {
                session.account.job_number
                for session in self.sessions_by_access.values()
                if Role.TEAM_LEADER in session.account.roles
            }
        )

    @property
    def rules(self) -> SeatRules:
        """The seat rules the hall runs by (the same document the config bundle hands out)."""
        return self.hall.rules

    def check_password(self, job_number: str, password: str) -> DemoAccount | None:
        """Return the account when the password matches, comparing in constant time."""
        account = self.accounts.get(job_number)
        if account is None:
            hmac.compare_digest(password.encode(), b"x" * 8)
            return None
        return account if hmac.compare_digest(password.encode(), account.password.encode()) else None

    def seat_holder(self, seat_id: str) -> Session | None:
        """Return the live session at ``seat_id``, if any."""
        for session in self.sessions_by_access.values():
            if session.seat_id == seat_id:
                return session
        return None

    def open_session(self, account: DemoAccount, seat_id: str) -> Session:
        """Create a session, replacing any earlier one of the same person (a crashed client signing in again)."""
        self.close_sessions_of(account.job_number)
        now = time.monotonic()
        session = Session(
            account=account,
            seat_id=seat_id,
            access_token=secrets.token_urlsafe(24),
            access_expires=now + self.options.access_ttl,
            refresh_token=secrets.token_urlsafe(32),
            refresh_expires=now + self.options.refresh_ttl,
        )
        self.sessions_by_access[session.access_token] = session
        self.sessions_by_refresh[session.refresh_token] = session
        return session

    def rotate_tokens(self, session: Session) -> Session:
        """Issue a new token pair for ``session``; the old refresh token stops working."""
        self.sessions_by_access.pop(session.access_token, None)
        self.sessions_by_refresh.pop(session.refresh_token, None)
        now = time.monotonic()
        session.access_token = secrets.token_urlsafe(24)
        session.access_expires = now + self.options.access_ttl
        session.refresh_token = secrets.token_urlsafe(32)
        session.refresh_expires = now + self.options.refresh_ttl
        self.sessions_by_access[session.access_token] = session
        self.sessions_by_refresh[session.refresh_token] = session
        return session

    def close_sessions_of(self, job_number: str) -> None:
        """Revoke every token of ``job_number``."""
        for token, session in list(self.sessions_by_access.items()):
            if session.account.job_number == job_number:
                del self.sessions_by_access[token]
                self.sessions_by_refresh.pop(session.refresh_token, None)

    def expire_access_tokens(self) -> None:
        """Make every access token expired (refresh tokens still work), for tests and trainers."""
        for session in self.sessions_by_access.values():
            session.access_expires = 0.0

    def reason_codes(self) -> list[ReasonCode]:
        """The away reasons in force, from the seat rules."""
        return [
            ReasonCode(
                code=reason.code,
                label_zh=reason.label_zh,
                label_en=reason.label_en,
                selectable=reason.selectable,
                max_minutes=reason.max_minutes,
            )
            for reason in self.rules.reasons.values()
        ]

    def config_files(self) -> dict[str, Any]:
        """The rule files the backend hands to clients in its config bundle.

        The seat rules are the hall's own, with a trainer's overrides, so the client's pre-checks
        follow the same rules as the backend. The simulated callers stay at the backend.
        """
        files = {
            name: self.rulebook.get(name).data
            for name in self.rulebook.shipped_names()
            if name != CALLERS_RULE_FILE
        }
        files[SEAT_RULE_FILE] = self._seat_rules_data
        return files

    def take_failure(self, path: str) -> Failure | None:
        """Consume one use of an injected fault matching ``path``, if one is armed."""
        for failure in self.failures:
            if path.startswith(failure.path_prefix) and failure.count > 0:
                failure.count -= 1
                return failure
        return None
