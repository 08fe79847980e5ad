"""Earlier orders from the backend: the repeat-caller look-up's ``OrderLookupBackend`` over the ``ApiClient``."""

from __future__ import annotations

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import OrderDetail, OrderSummary

UNKNOWN_ORDER_CODE = "unknown_order"
"""The error code of ``GET /orders/{order_number}`` for a number the backend does not know."""


class ApiOrderLookup:
    """Implements ``seatclient.forms.repeat_callers.OrderLookupBackend`` against the backend contract.

    Args:
        client: the signed-in backend client.
    """

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    async def orders_for_phone(self, phone: str) -> list[OrderSummary]:
        """A caller's orders, newest first (``GET /orders?phone=``).

        Raises:
            BackendError: the backend could not answer.
        """
        return await self._client.orders_for_phone(phone)

    async def order_detail(self, order_number: str) -> OrderDetail | None:
        """One order in full (``GET /orders/{order_number}``), ``None`` when the backend has no such order.

        Raises:
            BackendError: the backend could not answer (any refusal but "no such order").
        """
        try:
            return await self._client.order_detail(order_number)
        except BackendError as exc:
            body = exc.body
            if (
                exc.kind is ErrorKind.REJECTED
                and exc.status == 404
                and body
                and body.code == UNKNOWN_ORDER_CODE
            ):
                return None
            raise
