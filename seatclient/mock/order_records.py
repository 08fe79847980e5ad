"""The mock's record of one order as it was sent (``GET /mock/orders/{order_number}``), for trainers and tests.

The public API shows an order as the hotline tells a caller (``OrderDetail``); how it was registered
(its disposition details: the not-accepted reason, the emergency line, the linked order) is what a
trainer checks after an exercise, so the mock's control endpoints show the request as received.
Only with the control endpoints enabled (``MockOptions.admin``).
"""

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations at run time.

from typing import Any

from fastapi import FastAPI

from seatclient.mock.server import ApiError
from seatclient.mock.state import MockWorld


def install_order_record_routes(app: FastAPI, world: MockWorld) -> None:
    """Add ``GET /mock/orders/{order_number}`` (the order's request and acknowledgement) when admin is on."""
    if not world.options.admin:
        return

    @app.get("/mock/orders/{order_number}", tags=["mock"])
    async def order_record(order_number: str) -> dict[str, Any]:
        stored = world.orders.orders.get(order_number)
        if stored is None:
            raise ApiError(404, "unknown_order", f"没有工单 {order_number}")
        return {
            "request": stored.request.model_dump(mode="json"),
            "ack": stored.ack.model_dump(mode="json"),
        }
