"""What the outbox holds and reports: entries and their states, the outbox's status, failures and backoff.

Qt-free and free of I/O: the store (``store.py``) persists these, the delivery loop (``outbox.py``)
moves entries between states.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from seatclient.api.errors import BackendError, ErrorKind
from seatclient.i18n import tr


class EntryState(StrEnum):
    """Where an entry is on its way to the backend.

    ``queued`` and ``sending`` are *pending*: the outbox will (re)send them. ``delivered``,
    ``rejected`` and ``failed`` are *finished*: the outbox never sends them again by itself.
    """

    QUEUED = "queued"
    """Stored and waiting for its turn (new, or after a retryable failure)."""
    SENDING = "sending"
    """A request is (or was, when the client died) on its way; resent with the same key after a restart."""
    DELIVERED = "delivered"
    """The backend acknowledged it; its answer is kept in ``ack``."""
    REJECTED = "rejected"
    """The backend refused it (HTTP 4xx); its message and field errors are kept. Fix and submit anew."""
    FAILED = "failed"
    """It cannot be sent as it is (an unreadable answer, an internal error); ``Outbox.retry`` sends it
    again with the same idempotency key once the cause is fixed."""

    @property
    def pending(self) -> bool:
        """Whether the outbox will still send the entry."""
        return self in (EntryState.QUEUED, EntryState.SENDING)


PENDING_STATES = (EntryState.QUEUED, EntryState.SENDING)
FINISHED_STATES = (EntryState.DELIVERED, EntryState.REJECTED, EntryState.FAILED)


class FailureKind(StrEnum):
    """How the outbox treats a send that did not end in an acknowledgement."""

    TRANSIENT = "transient"
    """The backend could not be reached or had a passing problem: retry with backoff, same key."""
    REJECTED = "rejected"
    """The backend refused this entry (4xx): stop retrying it, keep its field errors."""
    BLOCKED = "blocked"
    """Nothing can be sent until the person acts (the session expired): pause until ``wake()``."""
    FAILED = "failed"
    """The answer cannot be understood, or the client failed: stop, keep it for a manual retry."""


INTERNAL_ERROR = "internal"
"""The ``error_kind`` of a failure inside the client (an exception that is not a ``BackendError``)."""

_RETRYABLE_STATUSES = frozenset({408, 425, 429})
"""4xx answers that ask to try again later rather than refuse the request."""

_RETRYABLE_CODES = frozenset({"idempotency_in_progress"})
"""Error codes meaning "the first request with this key is still being processed": not a refusal."""


@dataclass(frozen=True)
class Failure:
    """One unsuccessful send, classified.

    Attributes:
        kind: what the outbox does next.
        error_kind: the ``ErrorKind`` value of the backend error, or ``"internal"``.
        status: the HTTP status, when an answer arrived.
        message: the backend's message (or the exception's text for an internal error); may be "".
        field_errors: field key → problem, as the backend named them (for a 422).
        retry_after: seconds the backend asked to wait before the next attempt (``Retry-After``),
            for a transient failure that carried one.
    """

    kind: FailureKind
    error_kind: str
    status: int | None = None
    message: str = ""
    field_errors: Mapping[str, str] = field(default_factory=dict)
    retry_after: float | None = None


MAX_RETRY_AFTER = 3600.0
"""The longest ``Retry-After`` wait honoured (seconds): a mistaken header must not stall the orders
for days; the connection coming back (``Outbox.wake``) ends the wait earlier anyway."""

_DELTA_SECONDS = re.compile(r"^\s*(\d+)\s*$")


def parse_retry_after(header: str | None, now: datetime) -> float | None:
    """Read a ``Retry-After`` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.

    Args:
        header: the header's text, or ``None`` when the answer had none.
        now: the current time (aware), to turn a date into seconds.

    Returns:
        The seconds to wait, between 0 and ``MAX_RETRY_AFTER``; ``None`` when there is no header
        or it cannot be read (then the ordinary backoff applies).
    """
    if header is None:
        return None
    match = _DELTA_SECONDS.match(header)
    if match is not None:
        return min(float(match.group(1)), MAX_RETRY_AFTER)
    try:
        moment = parsedate_to_datetime(header.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        # RFC 9110 dates are always GMT; email.utils gives a naive value for "-0000".
        moment = moment.replace(tzinfo=UTC)
    return min(max(0.0, (moment - now).total_seconds()), MAX_RETRY_AFTER)


def classify_failure(error: BaseException, now: datetime | None = None) -> Failure:
    """Decide what a send's exception means for the entry.

    Unreachable, timeout, TLS failures and 5xx are transient (TLS included: a hall's proxy or
    certificate is fixed by IT staff while the orders wait). 408, 425, 429 and a 409
    ``idempotency_in_progress`` are transient too. An expired session blocks the whole outbox.
    Any other 4xx is a rejection. An unreadable answer or any non-``BackendError`` exception is a
    failure needing a person. A transient failure keeps the backend's ``Retry-After`` in seconds.

    Args:
        error: what the send raised.
        now: the current time (aware), for a ``Retry-After`` given as a date; the UTC clock when ``None``.
    """
    if not isinstance(error, BackendError):
        return Failure(FailureKind.FAILED, INTERNAL_ERROR, None, f"{type(error).__name__}: {error}")
    message = error.body.message if error.body is not None else ""
    code = error.body.code if error.body is not None else ""
    if error.retryable or error.kind is ErrorKind.TLS:
        kind = FailureKind.TRANSIENT
    elif error.kind in (ErrorKind.SESSION_EXPIRED, ErrorKind.INVALID_CREDENTIALS):
        kind = FailureKind.BLOCKED
    elif error.kind is ErrorKind.PROTOCOL and not (error.status and 400 <= error.status < 500):
        kind = FailureKind.FAILED
    elif error.status in _RETRYABLE_STATUSES or code in _RETRYABLE_CODES:
        kind = FailureKind.TRANSIENT
    elif error.status is not None and 400 <= error.status < 500:
        kind = FailureKind.REJECTED
    else:
        kind = FailureKind.FAILED
    retry_after = (
        parse_retry_after(error.retry_after, now or datetime.now(UTC))
        if kind is FailureKind.TRANSIENT
        else None
    )
    return Failure(kind, error.kind.value, error.status, message, dict(error.field_errors), retry_after)


REVISION_SEPARATOR = "#r"
"""Joins an idempotency key and its revision number: ``order:1001:call-7#r2``."""

_REVISION = re.compile(r"^(?P<base>.+)#r(?P<number>[2-9]|[1-9]\d+)$")


def split_revision(idempotency_key: str) -> tuple[str, int]:
    """Split a key into its base and revision: ``order:1001:c7#r3`` → (``order:1001:c7``, 3).

    A key without a revision suffix is revision 1 (the first submission).
    """
    match = _REVISION.match(idempotency_key)
    if match is None:
        return idempotency_key, 1
    return match.group("base"), int(match.group("number"))


def revision_key(base_key: str, revision: int) -> str:
    """The idempotency key of revision ``revision`` of a submission (1 is the base key itself).

    A corrected order goes out under a new key, so the backend does not answer it with the
    refusal it stored for the earlier key.

    Raises:
        ValueError: ``revision`` is below 1.
    """
    if revision < 1:
        raise ValueError("revisions count from 1")
    return base_key if revision == 1 else f"{base_key}{REVISION_SEPARATOR}{revision}"


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter.

    The n-th consecutive failure waits ``min(max_delay, base_delay * factor ** (n - 1))`` seconds,
    shortened by up to ``jitter`` of itself at random, so seats that lost the network together do
    not all come back in the same second.

    Attributes:
        base_delay: seconds after the first failure.
        factor: growth per further failure.
        max_delay: the longest wait; an outage of any length is retried at least this often.
        jitter: the share (0-1) of a delay that may be taken off at random.
    """

    base_delay: float = 1.0
    factor: float = 2.0
    max_delay: float = 60.0
    jitter: float = 0.5

    def __post_init__(self) -> None:
        if self.base_delay <= 0 or self.factor < 1 or self.max_delay < self.base_delay:
            raise ValueError("retry policy needs 0 < base_delay <= max_delay and factor >= 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")

    def delay(self, failures: int, random: Callable[[], float]) -> float:
        """Seconds to wait after ``failures`` consecutive failures (1 or more).

        Args:
            failures: how many failures in a row, this one included.
            random: a source of numbers in [0, 1), e.g. ``random.random``.
        """
        if failures < 1:
            return 0.0
        # Cap the exponent so a days-long outage cannot overflow a float.
        raw = min(self.max_delay, self.base_delay * self.factor ** min(failures - 1, 64))
        return raw * (1.0 - self.jitter * random())


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def failure_reason(error_kind: str | None, status: int | None = None, message: str | None = None) -> str:
    """A short Chinese phrase for a failure, e.g. ``无法连接服务器``.

    Args:
        error_kind: an ``ErrorKind`` value or ``"internal"``.
        status: the HTTP status, shown for server errors.
        message: the backend's (or the exception's) message, used when nothing better is known.
    """
    if error_kind == ErrorKind.UNREACHABLE.value:
        return tr("Outbox", "无法连接服务器")
    if error_kind == ErrorKind.TIMEOUT.value:
        return tr("Outbox", "服务器响应超时")
    if error_kind == ErrorKind.TLS.value:
        return tr("Outbox", "服务器证书校验失败")
    if error_kind == ErrorKind.SERVER_ERROR.value:
        return tr("Outbox", "服务器出错（{status}）").format(status=status)
    if error_kind in (ErrorKind.SESSION_EXPIRED.value, ErrorKind.INVALID_CREDENTIALS.value):
        return tr("Outbox", "登录已失效")
    if error_kind == ErrorKind.PROTOCOL.value:
        return tr("Outbox", "服务器的应答无法识别")
    if error_kind == INTERNAL_ERROR:
        return tr("Outbox", "客户端内部错误（{message}）").format(message=message or "")
    return message or tr("Outbox", "未知原因")


@dataclass(frozen=True)
class OutboxEntry:
    """One command in the outbox, as last stored.

    Attributes:
        id: the entry's number; increases with every enqueue and is never reused (FIFO order).
        idempotency_key: sent as ``Idempotency-Key`` on every attempt, so the backend acts once.
        owner: the job number (工号) that enqueued it; only that person's session sends it.
        kind: what it is (``order.create``, ...); the sender maps it to an endpoint.
        lane: entries of one lane are delivered strictly in enqueue order.
        payload: the JSON body, read-only.
        state: see ``EntryState``.
        attempts: sends tried so far (a send cut by a crash counts).
        enqueued_at: when it was stored (UTC).
        last_attempt_at: when it was last sent (UTC).
        next_attempt_at: when the next retry is planned (UTC), while it waits after a failure.
        finished_at: when it was delivered, rejected or failed (UTC).
        error_kind: the last failure's ``ErrorKind`` value, or ``"internal"``.
        error_status: the last failure's HTTP status.
        error_message: the last failure's message from the backend.
        field_errors: field key → problem, for a rejected entry.
        ack: the backend's answer to the delivered entry (e.g. the order number).
        acknowledged: a person has seen the rejection or failure and dealt with it.
    """

    id: int
    idempotency_key: str
    owner: str
    kind: str
    lane: str
    payload: Mapping[str, Any]
    state: EntryState
    attempts: int
    enqueued_at: datetime
    last_attempt_at: datetime | None = None
    next_attempt_at: datetime | None = None
    finished_at: datetime | None = None
    error_kind: str | None = None
    error_status: int | None = None
    error_message: str | None = None
    field_errors: Mapping[str, str] = field(default_factory=dict)
    ack: Mapping[str, Any] | None = None
    acknowledged: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "payload", _frozen(self.payload))
        object.__setattr__(self, "field_errors", _frozen(self.field_errors))
        if self.ack is not None:
            object.__setattr__(self, "ack", _frozen(self.ack))

    def payload_json(self) -> str:
        """The payload as the compact JSON text that is stored and sent."""
        return json.dumps(dict(self.payload), ensure_ascii=False, separators=(",", ":"))

    def problem_text(self) -> str:
        """What went wrong with the entry, for the order list; "" when nothing did."""
        if self.state is EntryState.REJECTED:
            text = tr("Outbox", "服务器退回：{message}").format(
                message=self.error_message or tr("Outbox", "未说明原因")
            )
            if self.field_errors:
                details = "；".join(f"{key}：{problem}" for key, problem in self.field_errors.items())
                text += tr("Outbox", "（{details}）").format(details=details)
            return text
        if self.state is EntryState.FAILED:
            return tr("Outbox", "发送失败，需人工处理：{reason}").format(
                reason=failure_reason(self.error_kind, self.error_status, self.error_message)
            )
        if self.state.pending and self.error_kind is not None:
            return tr("Outbox", "第 {attempts} 次发送未成功：{reason}").format(
                attempts=self.attempts,
                reason=failure_reason(self.error_kind, self.error_status, self.error_message),
            )
        return ""


class PauseReason(StrEnum):
    """Why the outbox sends nothing until it is woken."""

    SESSION_EXPIRED = "session_expired"
    """The backend no longer accepts this session; sign in again, then ``wake()``."""


@dataclass(frozen=True)
class OutboxStatus:
    """The outbox at a glance, for the status bar.

    Attributes:
        pending: entries still to deliver (queued or sending) of this owner.
        sending_id: the entry on its way right now, if any.
        rejected: rejected entries nobody has acknowledged yet.
        failed: failed entries nobody has acknowledged yet.
        oldest_pending_at: when the oldest pending entry was enqueued (UTC).
        retry_at: when sending resumes after a failure (UTC); ``None`` when not waiting.
        paused: why sending stopped until ``wake()``, or ``None``.
        last_error_kind: the kind of the most recent transient failure, while waiting on it.
        last_error_status: its HTTP status, when an answer arrived.
    """

    pending: int = 0
    sending_id: int | None = None
    rejected: int = 0
    failed: int = 0
    oldest_pending_at: datetime | None = None
    retry_at: datetime | None = None
    paused: PauseReason | None = None
    last_error_kind: str | None = None
    last_error_status: int | None = None

    @property
    def needs_attention(self) -> int:
        """Entries a person must look at (rejected or failed, not yet acknowledged)."""
        return self.rejected + self.failed

    def summary(self) -> str:
        """One line for the status bar, e.g. ``待发送 3 条（无法连接服务器，10:32:05 重试）``; "" when all is sent."""
        parts: list[str] = []
        if self.pending:
            text = tr("Outbox", "待发送 {count} 条").format(count=self.pending)
            if self.paused is PauseReason.SESSION_EXPIRED:
                text += tr("Outbox", "（登录已失效，重新签入后继续发送）")
            elif self.retry_at is not None:
                reason = failure_reason(self.last_error_kind, self.last_error_status)
                text += tr("Outbox", "（{reason}，{time} 重试）").format(
                    reason=reason, time=self.retry_at.astimezone().strftime("%H:%M:%S")
                )
            parts.append(text)
        if self.rejected:
            parts.append(tr("Outbox", "{count} 条被退回").format(count=self.rejected))
        if self.failed:
            parts.append(tr("Outbox", "{count} 条发送失败").format(count=self.failed))
        return "，".join(parts)
