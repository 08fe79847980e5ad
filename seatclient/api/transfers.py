"""The transfer commands of the backend contract: consult, three-way call, complete, blind and emergency transfer.

Every command carries an ``Idempotency-Key`` (a retry never dials twice) and answers a
``TransferAccepted``: the seat's status, the call, and the third party's leg (``ConsultInfo``). The
leg's later changes (answered, busy, no answer, hung up) arrive on the event stream as
``call.consult``.
"""

from __future__ import annotations

import uuid
from typing import Any

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import (
    ConsultInfo,
    ConsultRequest,
    EmergencyHandoff,
    EmergencyRequest,
    TransferAccepted,
)


class TransferApi:
    """The transfer endpoints for one signed-in seat.

    Args:
        client: the seat's signed-in backend client.
    """

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    async def _post(
        self, call_id: str, path: str, body: dict[str, Any] | None, idempotency_key: str | None
    ) -> TransferAccepted:
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        # The adapter shares the client's authorised transport (token refresh, error classification).
        response = await self._client.authorized_request(
            "POST", f"/calls/{call_id}/{path}", json=body, headers=headers
        )
        return ApiClient.parse_model(TransferAccepted, response)

    async def consult(
        self, call_id: str, target_id: str, idempotency_key: str | None = None
    ) -> TransferAccepted:
        """Put the caller on hold and call ``target_id`` (咨询)."""
        body = ConsultRequest(target_id=target_id).model_dump()
        return await self._post(call_id, "consult", body, idempotency_key)

    async def cancel_consult(self, call_id: str, idempotency_key: str | None = None) -> TransferAccepted:
        """Drop the third party and go back to the caller (结束咨询)."""
        return await self._post(call_id, "consult/cancel", None, idempotency_key)

    async def conference(self, call_id: str, idempotency_key: str | None = None) -> TransferAccepted:
        """Join the caller and the answered third party (三方通话)."""
        return await self._post(call_id, "conference", None, idempotency_key)

    async def complete_transfer(self, call_id: str, idempotency_key: str | None = None) -> TransferAccepted:
        """Leave the caller with the answered third party (完成转接); the seat goes to wrap-up."""
        return await self._post(call_id, "transfer/complete", None, idempotency_key)

    async def blind_transfer(
        self, call_id: str, target_id: str, idempotency_key: str | None = None
    ) -> TransferAccepted:
        """Hand the caller to ``target_id`` without consulting (直接转接); the seat goes to wrap-up."""
        body = ConsultRequest(target_id=target_id).model_dump()
        return await self._post(call_id, "transfer/blind", body, idempotency_key)

    async def emergency_transfer(
        self, call_id: str, line: str, handoff: EmergencyHandoff, idempotency_key: str | None = None
    ) -> TransferAccepted:
        """Bridge the caller to ``line`` (110 …) with the handoff packet (紧急转接)."""
        body = EmergencyRequest(line=line, handoff=handoff).model_dump(mode="json")
        return await self._post(call_id, "emergency", body, idempotency_key)

    async def consult_info(self, call_id: str) -> ConsultInfo | None:
        """The third party's leg of ``call_id``, or ``None`` when the call had none."""
        try:
            response = await self._client.authorized_request("GET", f"/calls/{call_id}/consult")
        except BackendError as exc:
            if exc.status == 404 and exc.kind is not ErrorKind.SESSION_EXPIRED:
                return None
            raise
        return ApiClient.parse_model(ConsultInfo, response)
