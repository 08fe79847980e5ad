"""The mock's team leader interventions in calls and the call-takers' raised hands.

- ``POST /floor/seats/{job}/interventions``: listen (监听), whisper (耳语), barge (强插), release
  (强拆) or leave (退出) the seat's answered call; team leaders only. Listening, whispering and barging add the team
  leader to the call as a third leg with that mode (``Hall.join_call``); releasing ends the call
  (``CallEndReason.RELEASED``) and the seat goes to wrap-up. The call-taker is told of a whisper, a
  barge, a release, or such a leg leaving (``seat.intervention``), never of listening.
  ``leave`` takes the team leader's own leg off the call again. Every intervention is written to
  the audit trail.
- ``GET / POST / DELETE /seat/help``: the call-taker's raised hand (举手求助), shown on the board as a
  help alert; ``POST /floor/seats/{job}/help/acknowledge`` lets a team leader acknowledge it (the
  seat is told, ``seat.help``), which is audited too.

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations at run time.
"""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header
from fastapi.responses import JSONResponse

from seatclient.api.models import (
    API_PREFIX,
    EVENT_SEAT_INTERVENTION,
    ErrorBody,
    HelpRequestStatus,
    InterventionAction,
    InterventionRequest,
    InterventionResult,
    SeatInterventionNotice,
    SeatState,
)
from seatclient.mock.floor import AuditEntry
from seatclient.mock.hall import CallControlRefused, SeatRecord
from seatclient.mock.server import ApiError, session_resolver, team_leader_resolver
from seatclient.mock.state import MockWorld, Session

NOTIFIED_ACTIONS = frozenset(
    {InterventionAction.WHISPER, InterventionAction.BARGE, InterventionAction.RELEASE}
)
"""Interventions the call-taker is told about; listening is silent (quality checks)."""

ACTION_LABELS = {
    InterventionAction.LISTEN: "监听",
    InterventionAction.WHISPER: "耳语",
    InterventionAction.BARGE: "强插",
    InterventionAction.RELEASE: "强拆",
    InterventionAction.LEAVE: "退出通话",
}


def install_interventions_routes(app: FastAPI, world: MockWorld) -> None:
    """Add the intervention and raised-hand routes to the mock ``app``."""
    SignedIn = Annotated[Session, Depends(session_resolver(world))]  # noqa: N806 - a type alias
    TeamLeader = Annotated[Session, Depends(team_leader_resolver(world))]  # noqa: N806 - a type alias
    hall = world.hall
    floor = world.floor
    refusals: dict[int | str, dict[str, Any]] = {
        403: {"model": ErrorBody},
        404: {"model": ErrorBody},
        409: {"model": ErrorBody},
    }

    def signed_in_seat(job_number: str) -> SeatRecord:
        record = hall.seats.get(job_number)
        if record is None:
            raise ApiError(404, "unknown_seat", f"工号 {job_number} 没有签入过")
        if record.snapshot.state is SeatState.SIGNED_OUT:
            raise ApiError(409, "seat_signed_out", f"工号 {job_number} 已签出")
        return record

    def audit(session: Session, record: SeatRecord, action: str, reason: str, call_id: str | None) -> None:
        floor.audit.append(
            AuditEntry(
                at=datetime.now(UTC),
                by=session.account.job_number,
                by_name=session.account.name,
                job_number=record.job_number,
                seat_id=record.seat_id,
                state=record.snapshot.state.value,
                reason_code=None,
                reason=reason,
                applied_now=True,
                action=action,
                call_id=call_id,
            )
        )

    @app.post(
        f"{API_PREFIX}/floor/seats/{{job_number}}/interventions",
        status_code=202,
        response_model=InterventionResult,
        responses=refusals,
    )
    async def intervene(
        job_number: str,
        body: InterventionRequest,
        session: TeamLeader,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        """Listen to, whisper into, barge into or release the seat's answered call (team leaders only)."""
        ident = (session.account.job_number, idempotency_key or "")
        if idempotency_key and ident in world.idempotent_replies:
            status_code, content = world.idempotent_replies[ident]
            return JSONResponse(status_code=status_code, content=content)
        leader = session.account.job_number
        if job_number == leader:
            raise ApiError(409, "own_seat", "不能对自己的座席执行班长操作")
        record = signed_in_seat(job_number)
        notify = body.action in NOTIFIED_ACTIONS
        try:
            if body.action is InterventionAction.RELEASE:
                call = hall.release_call(job_number)
            elif body.action is InterventionAction.LEAVE:
                call, leg = hall.leave_call(job_number, leader)
                # The call-taker heard a whispering or barged-in team leader; a listener leaves unnoticed.
                notify = leg.mode is not InterventionAction.LISTEN
            else:
                call = hall.join_call(job_number, leader, session.account.name, body.action)
        except CallControlRefused as exc:
            raise ApiError(409, exc.code, exc.message) from exc
        now = datetime.now(UTC)
        audit(session, record, body.action.value, body.reason, call.call_id)
        if notify:
            notice = SeatInterventionNotice(
                action=body.action,
                call_id=call.call_id,
                by=leader,
                by_name=session.account.name,
                reason=body.reason,
                at=now,
            )
            world.hub.publish_nowait(job_number, EVENT_SEAT_INTERVENTION, notice.model_dump(mode="json"))
        result = InterventionResult(
            request_id=str(uuid.uuid4()),
            action=body.action,
            job_number=job_number,
            seat_id=record.seat_id,
            call_id=call.call_id,
            legs=list(call.monitors.values()),
            status=record.status(),
            server_time=now,
        )
        content = result.model_dump(mode="json")
        if idempotency_key:
            world.idempotent_replies[ident] = (202, content)
        return JSONResponse(status_code=202, content=content)

    @app.get(f"{API_PREFIX}/seat/help", response_model=HelpRequestStatus)
    async def help_status(session: SignedIn) -> HelpRequestStatus:
        """Whether this seat's hand is up, and whether a team leader acknowledged it."""
        return floor.hand(session.account.job_number)

    @app.post(f"{API_PREFIX}/seat/help", response_model=HelpRequestStatus, responses=refusals)
    async def raise_hand(session: SignedIn) -> HelpRequestStatus:
        """Raise this seat's hand (举手求助): the team leaders' board shows a help alert."""
        return floor.raise_hand(signed_in_seat(session.account.job_number))

    @app.delete(f"{API_PREFIX}/seat/help", response_model=HelpRequestStatus, responses=refusals)
    async def lower_hand(session: SignedIn) -> HelpRequestStatus:
        """Lower this seat's hand."""
        record = hall.seats.get(session.account.job_number)
        return HelpRequestStatus(raised=False) if record is None else floor.lower_hand(record)

    @app.post(
        f"{API_PREFIX}/floor/seats/{{job_number}}/help/acknowledge",
        response_model=HelpRequestStatus,
        responses=refusals,
    )
    async def acknowledge_hand(job_number: str, session: TeamLeader) -> HelpRequestStatus:
        """A team leader acknowledges a raised hand; the seat is told who is coming."""
        record = signed_in_seat(job_number)
        hand = floor.acknowledge_hand(record, session.account.job_number, session.account.name)
        if hand is None:
            raise ApiError(409, "no_raised_hand", f"工号 {job_number} 没有举手求助")
        audit(session, record, "acknowledge_help", "", None)
        return hand
