"""The outbox (issue 7): commands stored on disk before they are sent, delivered exactly once.

``OutboxStore(path)`` is the SQLite file (WAL, ``synchronous=FULL``); ``Outbox(store, sender, owner)``
enqueues commands and delivers them in order through an ``OrderSender`` with retries, backoff and
idempotency keys, announcing every entry's state and the counts through ``Signal``s. See
``seatclient/outbox/outbox.py`` for the order and retry rules and what "exactly once" relies on.
Qt-free.
"""

from seatclient.outbox.model import (
    FINISHED_STATES,
    PENDING_STATES,
    EntryState,
    Failure,
    FailureKind,
    OutboxEntry,
    OutboxStatus,
    PauseReason,
    RetryPolicy,
    classify_failure,
    failure_reason,
)
from seatclient.outbox.outbox import OrderSender, Outbox
from seatclient.outbox.store import SCHEMA_VERSION, DuplicateKeyError, OutboxStore, OutboxStoreError

__all__ = [
    "FINISHED_STATES",
    "PENDING_STATES",
    "SCHEMA_VERSION",
    "DuplicateKeyError",
    "EntryState",
    "Failure",
    "FailureKind",
    "OrderSender",
    "Outbox",
    "OutboxEntry",
    "OutboxStatus",
    "OutboxStore",
    "OutboxStoreError",
    "PauseReason",
    "RetryPolicy",
    "classify_failure",
    "failure_reason",
]
