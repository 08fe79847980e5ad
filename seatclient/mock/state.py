"""The mock backend's in-memory world: accounts, sessions, tokens, seats and idempotent replies."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from seatclient.api.models import ReasonCode, SeatState, SeatStatus
from seatclient.mock.accounts import DEMO_ACCOUNTS, DemoAccount
from seatclient.mock.events import EventHub
from seatclient.rules import RuleBook


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
    """

    access_ttl: int = 900
    refresh_ttl: int = 12 * 3600
    heartbeat: float = 15.0
    training: bool = True
    hall_id: str = "hz-12345"
    admin: bool = True


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
    """An injected fault: the next ``count`` requests under ``path_prefix`` wait ``delay`` s, then fail with ``status``."""

    path_prefix: str
    status: int | None
    count: int
    delay: float = 0.0


def _now() -> datetime:
    return datetime.now(UTC)


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
    seats: dict[str, SeatStatus] = field(default_factory=dict)
    idempotent_replies: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

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

    def set_seat(
        self, job_number: str, seat_id: str, state: SeatState, reason_code: str | None
    ) -> SeatStatus:
        """Record a seat state with the server time it began."""
        status = SeatStatus(
            job_number=job_number, seat_id=seat_id, state=state, reason_code=reason_code, since=_now()
        )
        self.seats[job_number] = status
        return status

    def reason_codes(self) -> list[ReasonCode]:
        """The away reasons in force, from the ``seat_rules`` rule file."""
        data = self.rulebook.get("seat_rules").data
        return [
            ReasonCode(
                code=entry["code"],
                label_zh=entry["label_zh"],
                label_en=entry["label_en"],
                selectable=entry.get("selectable", True),
                max_minutes=entry.get("max_minutes"),
            )
            for entry in data["reasons"]
        ]

    def config_files(self) -> dict[str, Any]:
        """The rule files the backend hands to clients in its config bundle."""
        return {name: self.rulebook.get(name).data for name in self.rulebook.shipped_names()}

    def take_failure(self, path: str) -> Failure | None:
        """Consume one use of an injected fault matching ``path``, if one is armed."""
        for failure in self.failures:
            if path.startswith(failure.path_prefix) and failure.count > 0:
                failure.count -= 1
                return failure
        return None
