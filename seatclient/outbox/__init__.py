"""The outbox (issue 7): commands stored on disk before they are sent, delivered exactly once.

``OutboxStore(path)`` is the SQLite file (WAL, ``synchronous=FULL``); ``Outbox(store, sender, owner)``
enqueues commands and delivers them in order through an ``OrderSender`` with retries, backoff and
idempotency keys, announcing every entry's state and the counts through ``Signal``s. See
``seatclient/outbox/outbox.py`` for the order and retry rules and what "exactly once" relies on.
``rejection.py`` maps a refusal's field names onto the form; ``today.py`` lists today's orders with
their delivery state. Qt-free.
"""

from seatclient.outbox.model import (
    FINISHED_STATES,
    MAX_RETRY_AFTER,
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
    parse_retry_after,
    revision_key,
    split_revision,
)
from seatclient.outbox.outbox import OrderSender, Outbox
from seatclient.outbox.rejection import FormErrors, draft_from_payload, form_key_for, map_field_errors
from seatclient.outbox.store import SCHEMA_VERSION, DuplicateKeyError, OutboxStore, OutboxStoreError
from seatclient.outbox.today import DeliveryState, PayloadKeys, RowChange, TodayList, TodayOrder, today_order

__all__ = [
    "FINISHED_STATES",
    "MAX_RETRY_AFTER",
    "PENDING_STATES",
    "SCHEMA_VERSION",
    "DeliveryState",
    "DuplicateKeyError",
    "EntryState",
    "Failure",
    "FailureKind",
    "FormErrors",
    "OrderSender",
    "Outbox",
    "OutboxEntry",
    "OutboxStatus",
    "OutboxStore",
    "OutboxStoreError",
    "PauseReason",
    "PayloadKeys",
    "RetryPolicy",
    "RowChange",
    "TodayList",
    "TodayOrder",
    "classify_failure",
    "draft_from_payload",
    "failure_reason",
    "form_key_for",
    "map_field_errors",
    "parse_retry_after",
    "revision_key",
    "split_revision",
    "today_order",
]
