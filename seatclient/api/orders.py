"""The outbox's way to the backend: ``ApiOrderSender`` sends stored commands over the ``ApiClient``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seatclient.api.client import ApiClient

ORDER_CREATE = "order.create"
"""The outbox kind of a new order; sent as ``POST /api/v1/orders``."""


class ApiOrderSender:
    """Implements the outbox's ``OrderSender`` against the backend contract.

    The idempotency key goes out as ``Idempotency-Key``, so a resend after a lost answer (or a
    restart) gets the first answer back instead of registering the order twice. A busy backend's
    ``Retry-After`` (on a 429 or 503) travels on the ``BackendError`` (``retry_after``); the outbox
    waits at least that long before the next attempt.

    Args:
        client: the signed-in backend client.
    """

    KINDS = frozenset({ORDER_CREATE})
    """The command kinds this sender knows."""

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    async def submit(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Mapping[str, Any]:
        """Send one command; return the backend's acknowledgement as JSON data.

        Raises:
            BackendError: no acknowledgement came (the outbox classifies it: retry, reject or pause).
            ValueError: ``kind`` is not one this sender knows (the outbox keeps the entry as failed).
        """
        if kind != ORDER_CREATE:
            raise ValueError(f"unknown outbox command kind {kind!r}; known: {sorted(self.KINDS)}")
        ack = await self._client.create_order(dict(payload), idempotency_key)
        return ack.model_dump(mode="json")
