"""The team leader's floor kept live from the signed-in session, and a call-taker's raised hand.

``FloorFeed`` feeds a ``FloorState`` from the session's event stream (the ``floor.*`` events a team
leader's stream carries) and reads the whole floor again with ``GET /floor`` when the board starts
and after every reconnect, so nothing missed while the link was down stays on the board.

``RaisedHand`` is the seat's side of 举手求助: it raises and lowers the hand at the backend and follows
the ``seat.help`` events (a team leader acknowledged it, the backend lowered it at sign-out); it also
turns ``seat.intervention`` events (a team leader whispering, barging in, or ending the call) into a
short message for the call-taker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from seatclient.api.errors import BackendError
from seatclient.api.events import ConnectionState
from seatclient.api.floor import FloorClient, HandClient
from seatclient.api.models import (
    EVENT_SEAT_HELP,
    EVENT_SEAT_INTERVENTION,
    HelpRequestStatus,
    InterventionAction,
    SeatInterventionNotice,
    ServerEvent,
)
from seatclient.floor.records import FloorPayloadError
from seatclient.floor.state import FLOOR_EVENT_TYPES, FloorState
from seatclient.i18n import tr
from seatclient.observable import Signal

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, None]], object]
"""Runs a coroutine in the background (``BackgroundTasks.spawn`` or ``asyncio.ensure_future``)."""

_LINK_DOWN = (ConnectionState.RECONNECTING, ConnectionState.OFFLINE)


class FloorFeed:
    """Keeps a ``FloorState`` following the backend while a team leader is signed in.

    Pass every ``ServerEvent`` of the session to ``on_event`` and every connection state to
    ``on_connection``; call ``reload`` when the board starts.

    Args:
        floor: the floor state to keep.
        client: the team leader's floor endpoints.
        spawn: runs the reload in the background.

    Signals:
        reloaded: the floor was read again with ``GET /floor``.
        failed: a reload failed; carries the message for the team leader.
    """

    def __init__(self, floor: FloorState, client: FloorClient, spawn: Spawn) -> None:
        self.floor = floor
        self._client = client
        self._spawn = spawn
        self._link_down = False
        self.reloaded: Signal[None] = Signal()
        self.failed: Signal[str] = Signal()

    def on_event(self, event: ServerEvent) -> None:
        """Apply a floor event; a payload breaking the floor format is logged and healed by a reload."""
        if event.type not in FLOOR_EVENT_TYPES:
            return
        try:
            self.floor.apply_event(event.type, event.data)
        except FloorPayloadError as exc:
            log.warning("a %s event broke the floor format (%s); reading the floor again", event.type, exc)
            self._spawn(self.reload())

    def on_connection(self, state: ConnectionState) -> None:
        """After the link comes back, read the whole floor again."""
        if state in _LINK_DOWN:
            self._link_down = True
        elif state is ConnectionState.CONNECTED and self._link_down:
            self._link_down = False
            self._spawn(self.reload())

    async def reload(self) -> None:
        """Replace the floor with the backend's (``GET /floor``); a failure is announced, not raised."""
        try:
            await self._client.load_into(self.floor)
        except BackendError as exc:
            self.failed.emit(exc.user_message())
            return
        self.reloaded.emit(None)


def intervention_text(notice: SeatInterventionNotice) -> str:
    """What the call-taker is told about a team leader's intervention in their call."""
    who = tr("RaisedHand", "班长 {name}（工号 {job}）").format(name=notice.by_name, job=notice.by)
    if notice.action is InterventionAction.WHISPER:
        text = tr("RaisedHand", "{who}正在对您耳语，来电人听不到。").format(who=who)
    elif notice.action is InterventionAction.BARGE:
        text = tr("RaisedHand", "{who}已加入本次通话（强插），来电人也能听到。").format(who=who)
    elif notice.action is InterventionAction.RELEASE:
        text = tr("RaisedHand", "{who}已结束本次通话（强拆），请完成工单。").format(who=who)
    elif notice.action is InterventionAction.LEAVE:
        text = tr("RaisedHand", "{who}已退出本次通话。").format(who=who)
    else:
        return ""
    if notice.reason:
        text += tr("RaisedHand", "原因：{reason}").format(reason=notice.reason)
    return text


class RaisedHand:
    """A call-taker's raised hand (举手求助) and the team leaders' interventions they are told of.

    Args:
        client: the seat's raised-hand endpoints.

    Signals:
        changed: the hand's ``HelpRequestStatus`` changed.
        notice: a message for the call-taker (an intervention in their call).
    """

    def __init__(self, client: HandClient) -> None:
        self._client = client
        self.status = HelpRequestStatus(raised=False)
        # Bumped by every command and event: a read that started before one of them is stale.
        self._generation = 0
        self.changed: Signal[HelpRequestStatus] = Signal()
        self.notice: Signal[str] = Signal()

    @property
    def raised(self) -> bool:
        """Whether the hand is up."""
        return self.status.raised

    def on_event(self, event: ServerEvent) -> None:
        """Follow ``seat.help`` and ``seat.intervention`` events; other events are ignored."""
        if event.type == EVENT_SEAT_HELP:
            self._generation += 1
            try:
                self._set(HelpRequestStatus.model_validate(event.data))
            except ValueError:
                log.warning("a seat.help event the client cannot read")
        elif event.type == EVENT_SEAT_INTERVENTION:
            try:
                notice = SeatInterventionNotice.model_validate(event.data)
            except ValueError:
                log.warning("a seat.intervention event the client cannot read")
                return
            text = intervention_text(notice)
            if text:
                self.notice.emit(text)

    async def raise_hand(self) -> None:
        """Raise the hand at the backend.

        Raises:
            BackendError: refused or the backend could not be reached; the hand stays as it was.
        """
        self._generation += 1
        self._set(await self._client.raise_hand())

    async def lower_hand(self) -> None:
        """Lower the hand at the backend.

        Raises:
            BackendError: the backend could not be reached; the hand stays as it was.
        """
        self._generation += 1
        self._set(await self._client.lower_hand())

    async def toggle(self) -> None:
        """Raise the hand when it is down, lower it when it is up (one button, one key).

        Raises:
            BackendError: refused or the backend could not be reached.
        """
        if self.raised:
            await self.lower_hand()
        else:
            await self.raise_hand()

    async def refresh(self) -> None:
        """Read the hand again (after sign-in: a hand raised before a restart is still up).

        Raises:
            BackendError: the backend could not be asked.
        """
        started = self._generation
        status = await self._client.status()
        if started == self._generation:
            self._set(status)

    def reset(self) -> None:
        """Forget the hand (signed out)."""
        self._generation += 1
        self._set(HelpRequestStatus(raised=False))

    def _set(self, status: HelpRequestStatus) -> None:
        if status != self.status:
            self.status = status
            self.changed.emit(status)
