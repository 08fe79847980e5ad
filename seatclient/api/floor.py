"""The team leader's floor over the backend contract: the snapshot, forcing a seat, call interventions, raised hands.

``FloorState`` is fed from two places: ``floor.*`` events on the team leader's stream (pass each
event's type and data to ``FloorState.apply_event``) and ``FloorClient.load_into`` when the board
opens or needs a fresh start. A call-taker's client gets a 403 (``ErrorKind.REJECTED``, code
``forbidden``) from every floor endpoint.
"""

from __future__ import annotations

import uuid

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import (
    EVENT_FLOOR_SNAPSHOT,
    HelpRequestStatus,
    InterventionAction,
    InterventionRequest,
    InterventionResult,
    SeatStatus,
)
from seatclient.floor.records import FloorPayloadError
from seatclient.floor.state import FloorChange, FloorState

FORCEABLE_STATES = ("ready", "away", "signed_out")
"""The states a team leader may force a seat into."""


class FloorClient:
    """The floor endpoints for a team leader's board.

    Args:
        client: the team leader's signed-in backend client.
    """

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    async def load_into(self, floor: FloorState) -> FloorChange:
        """Replace ``floor`` with the backend's snapshot; returns what changed.

        Raises:
            BackendError: the backend could not be asked, refused (403 for a call-taker), or sent a
                snapshot breaking the floor format (``PROTOCOL``; the floor is left as it was).
        """
        snapshot = await self._client.floor_snapshot()
        try:
            change = floor.apply_event(EVENT_FLOOR_SNAPSHOT, snapshot.model_dump(mode="json"))
        except FloorPayloadError as exc:
            raise BackendError(ErrorKind.PROTOCOL, 200) from exc
        assert change is not None, "a floor snapshot always yields a change record"
        return change

    async def force_state(
        self,
        job_number: str,
        state: str,
        reason: str,
        reason_code: str | None = None,
        idempotency_key: str | None = None,
    ) -> SeatStatus | None:
        """Force the seat of ``job_number`` into ``state`` after its current call; returns its status now.

        Args:
            job_number: whose seat.
            state: ``ready``, ``away`` or ``signed_out``.
            reason: why (kept in the backend's audit trail).
            reason_code: the away reason; ``None`` for the system reason ``forced``.
            idempotency_key: send the same key again to retry without acting twice.

        Raises:
            ValueError: ``state`` cannot be forced.
            BackendError: refused (403 not a team leader, 404 unknown seat, 409 signed out, 422 bad reason).
        """
        if state not in FORCEABLE_STATES:
            raise ValueError(f"a team leader can force only {', '.join(FORCEABLE_STATES)}, not {state!r}")
        accepted = await self._client.force_seat_state(
            job_number, state, reason, reason_code, idempotency_key
        )
        return accepted.status

    async def intervene(
        self,
        job_number: str,
        action: InterventionAction,
        reason: str = "",
        idempotency_key: str | None = None,
    ) -> InterventionResult:
        """Listen to, whisper into, barge into or release the answered call of ``job_number``'s seat.

        Raises:
            BackendError: refused (403 not a team leader, 404 unknown seat, 409 no answered call,
                signed out, or the team leader's own seat).
        """
        body = InterventionRequest(action=action, reason=reason).model_dump(mode="json")
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        response = await self._client.authorized_request(
            "POST", f"/floor/seats/{job_number}/interventions", json=body, headers=headers
        )
        return ApiClient.parse_model(InterventionResult, response)

    async def acknowledge_help(self, job_number: str) -> HelpRequestStatus:
        """Acknowledge the raised hand of ``job_number``'s seat; the call-taker is told who saw it.

        Raises:
            BackendError: refused (403 not a team leader, 404 unknown seat, 409 no hand raised).
        """
        response = await self._client.authorized_request(
            "POST", f"/floor/seats/{job_number}/help/acknowledge"
        )
        return ApiClient.parse_model(HelpRequestStatus, response)


class HandClient:
    """A call-taker's raised hand (举手求助) over the backend contract.

    Args:
        client: the signed-in backend client.
    """

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    async def status(self) -> HelpRequestStatus:
        """Whether this seat's hand is up, and who acknowledged it.

        Raises:
            BackendError: the backend could not be asked.
        """
        return ApiClient.parse_model(
            HelpRequestStatus, await self._client.authorized_request("GET", "/seat/help")
        )

    async def raise_hand(self) -> HelpRequestStatus:
        """Raise this seat's hand: the team leaders' board shows a help alert.

        Raises:
            BackendError: refused (409 signed out) or the backend could not be reached.
        """
        return ApiClient.parse_model(
            HelpRequestStatus, await self._client.authorized_request("POST", "/seat/help")
        )

    async def lower_hand(self) -> HelpRequestStatus:
        """Lower this seat's hand.

        Raises:
            BackendError: the backend could not be reached.
        """
        return ApiClient.parse_model(
            HelpRequestStatus, await self._client.authorized_request("DELETE", "/seat/help")
        )
