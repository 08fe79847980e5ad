"""The floor as the team leader's client knows it: every seat and the hall's figures, kept from events.

The backend sends floor events on the team leader's server-sent event stream (``ServerEvent.type``
and ``ServerEvent.data``). Seat and figures records are documented in ``seatclient.floor.records``.

==================  =========================================  ============================================
type                data                                       meaning
==================  =========================================  ============================================
``floor.snapshot``  ``{"seats": [seat, ...],                   the whole floor; sent first on (re)connect;
                    "figures": figures | null}``               seats not in it have left
``floor.seat``      ``{"seat": seat}``                         one seat joined or changed (the full record)
``floor.seats``     ``{"seats": [seat, ...]}``                 several seats joined or changed at once
``floor.seat_left`` ``{"seat_id": "A01"}``                     the seat is no longer on the floor
``floor.figures``   ``{"figures": figures}``                   new figures (every few seconds)
==================  =========================================  ============================================

Seat deltas carry the whole seat record, not a patch, so applying one twice (a replay after a
reconnect) changes nothing and a lost delta heals with the next one. ``FloorState`` compares each
record with the one it holds and reports only seats that really changed, which is what lets the
board repaint one row per event instead of the whole floor.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from seatclient.floor.plan import FloorPlan, SortKey
from seatclient.floor.records import (
    FloorFigures,
    FloorPayloadError,
    FloorSeat,
    parse_figures,
    parse_seat,
)
from seatclient.observable import Signal
from seatclient.seat.states import SeatState

SNAPSHOT = "floor.snapshot"
SEAT = "floor.seat"
SEATS = "floor.seats"
SEAT_LEFT = "floor.seat_left"
FIGURES = "floor.figures"
FLOOR_EVENT_TYPES = frozenset({SNAPSHOT, SEAT, SEATS, SEAT_LEFT, FIGURES})
"""Every event type ``FloorState.apply_event`` understands."""


@dataclass(frozen=True)
class FloorChange:
    """What one event changed on the floor.

    Attributes:
        joined: seats that were not on the floor before, in board order.
        left: seats no longer on the floor.
        updated: seats whose record changed, in board order.
        figures_changed: whether the hall's figures changed.
        reordered: whether the board order changed for every seat (a new floor plan).
    """

    joined: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    figures_changed: bool = False
    reordered: bool = False

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.joined or self.left or self.updated or self.figures_changed or self.reordered)

    @property
    def seats_changed(self) -> frozenset[str]:
        """Every seat that joined, left or changed."""
        return frozenset((*self.joined, *self.left, *self.updated))


@dataclass(frozen=True)
class FloorFilter:
    """Which seats the board shows.

    Attributes:
        states: the states to show; empty shows every state.
        teams: the teams to show; empty shows every team.
        text: shown seats contain this in their seat id, job number or name (any case); empty shows all.
    """

    states: frozenset[SeatState] = frozenset()
    teams: frozenset[str] = frozenset()
    text: str = ""

    def matches(self, seat: FloorSeat) -> bool:
        """Whether ``seat`` passes the filter."""
        if self.states and seat.state not in self.states:
            return False
        if self.teams and seat.team not in self.teams:
            return False
        needle = self.text.strip().casefold()
        if not needle:
            return True
        return any(needle in field.casefold() for field in (seat.seat_id, seat.job_number, seat.name))


class FloorState:
    """Every seat on the floor, in floor-plan order, and the hall's figures.

    Args:
        plan: the hall's floor plan; seats it does not know go after the planned ones.

    Signals:
        changed: a ``FloorChange`` after every event that changed something.
    """

    def __init__(self, plan: FloorPlan | None = None) -> None:
        self._plan = plan or FloorPlan()
        self._seats: dict[str, FloorSeat] = {}
        self._order: list[str] = []
        self._keys: list[SortKey] = []
        self._counts: dict[SeatState, int] = dict.fromkeys(SeatState, 0)
        self._figures: FloorFigures | None = None
        self.changed: Signal[FloorChange] = Signal()

    @property
    def plan(self) -> FloorPlan:
        """The floor plan in force."""
        return self._plan

    @property
    def figures(self) -> FloorFigures | None:
        """The latest figures, ``None`` until the backend sent some."""
        return self._figures

    def __len__(self) -> int:
        """The number of seats on the floor."""
        return len(self._order)

    def __contains__(self, seat_id: object) -> bool:
        """Whether ``seat_id`` is on the floor."""
        return seat_id in self._seats

    def seat(self, seat_id: str) -> FloorSeat | None:
        """Return the seat ``seat_id``, or ``None`` when it is not on the floor."""
        return self._seats.get(seat_id)

    def seat_ids(self) -> list[str]:
        """Return the seat ids in board order (a copy)."""
        return list(self._order)

    def seats(self) -> list[FloorSeat]:
        """Return the seats in board order."""
        return [self._seats[seat_id] for seat_id in self._order]

    def sort_key(self, seat_id: str) -> SortKey:
        """Return the board-order key of ``seat_id`` under the floor plan."""
        return self._plan.sort_key(seat_id)

    def state_counts(self) -> dict[SeatState, int]:
        """Return how many seats are in each state (every state present, zero included)."""
        return dict(self._counts)

    def teams(self) -> list[str]:
        """Return the teams on the floor, sorted, without the empty team."""
        return sorted({seat.team for seat in self._seats.values() if seat.team})

    def filtered(self, floor_filter: FloorFilter) -> list[FloorSeat]:
        """Return the seats passing ``floor_filter``, in board order."""
        return [seat for seat in self.seats() if floor_filter.matches(seat)]

    def apply_event(self, event_type: str, data: Mapping[str, Any]) -> FloorChange | None:
        """Apply one floor event (see the module documentation); other event types are ignored.

        Returns:
            what changed, or ``None`` when ``event_type`` is not a floor event.

        Raises:
            FloorPayloadError: the payload breaks the format; the floor is left as it was.
        """
        if event_type == SNAPSHOT:
            raw_seats = data.get("seats")
            if not isinstance(raw_seats, list):
                raise FloorPayloadError("seats", "expected an array of seat records")
            seats = [parse_seat(item, f"seats/{index}") for index, item in enumerate(raw_seats)]
            raw_figures = data.get("figures")
            figures = None if raw_figures is None else parse_figures(raw_figures)
            return self.replace(seats, figures)
        if event_type == SEAT:
            return self.upsert([parse_seat(data.get("seat"))])
        if event_type == SEATS:
            raw_seats = data.get("seats")
            if not isinstance(raw_seats, list):
                raise FloorPayloadError("seats", "expected an array of seat records")
            return self.upsert([parse_seat(item, f"seats/{index}") for index, item in enumerate(raw_seats)])
        if event_type == SEAT_LEFT:
            seat_id = data.get("seat_id")
            if not isinstance(seat_id, str) or not seat_id:
                raise FloorPayloadError("seat_id", "expected a seat id")
            return self.remove([seat_id])
        if event_type == FIGURES:
            return self.set_figures(parse_figures(data.get("figures")))
        return None

    def replace(self, seats: Iterable[FloorSeat], figures: FloorFigures | None) -> FloorChange:
        """Make the floor exactly ``seats`` (a snapshot); figures are replaced unless ``None``.

        Raises:
            FloorPayloadError: a seat id appears twice in ``seats``.
        """
        incoming: dict[str, FloorSeat] = {}
        for seat in seats:
            if seat.seat_id in incoming:
                raise FloorPayloadError("seats", f"seat {seat.seat_id} appears twice in the snapshot")
            incoming[seat.seat_id] = seat
        left = [seat_id for seat_id in self._order if seat_id not in incoming]
        for seat_id in left:
            self._drop(seat_id)
        joined, updated = self._store(incoming.values())
        figures_changed = figures is not None and figures != self._figures
        if figures is not None:
            self._figures = figures
        return self._announce(
            FloorChange(
                joined=self._in_order(joined),
                left=tuple(left),
                updated=self._in_order(updated),
                figures_changed=figures_changed,
            )
        )

    def upsert(self, seats: Iterable[FloorSeat]) -> FloorChange:
        """Add or update ``seats`` (later records for the same seat win); other seats stay."""
        latest: dict[str, FloorSeat] = {seat.seat_id: seat for seat in seats}
        joined, updated = self._store(latest.values())
        return self._announce(FloorChange(joined=self._in_order(joined), updated=self._in_order(updated)))

    def remove(self, seat_ids: Iterable[str]) -> FloorChange:
        """Take ``seat_ids`` off the floor; ids not on it are ignored."""
        left = [seat_id for seat_id in dict.fromkeys(seat_ids) if seat_id in self._seats]
        for seat_id in left:
            self._drop(seat_id)
        return self._announce(FloorChange(left=tuple(left)))

    def set_figures(self, figures: FloorFigures) -> FloorChange:
        """Replace the hall's figures."""
        changed = figures != self._figures
        self._figures = figures
        return self._announce(FloorChange(figures_changed=changed))

    def set_plan(self, plan: FloorPlan) -> FloorChange:
        """Put a new floor plan in force and re-order every seat by it."""
        self._plan = plan
        pairs = sorted((plan.sort_key(seat_id), seat_id) for seat_id in self._order)
        self._keys = [key for key, _ in pairs]
        self._order = [seat_id for _, seat_id in pairs]
        return self._announce(FloorChange(reordered=True))

    def _store(self, seats: Iterable[FloorSeat]) -> tuple[list[str], list[str]]:
        joined: list[str] = []
        updated: list[str] = []
        for seat in seats:
            previous = self._seats.get(seat.seat_id)
            if previous == seat:
                continue
            self._seats[seat.seat_id] = seat
            self._counts[seat.state] += 1
            if previous is None:
                key = self._plan.sort_key(seat.seat_id)
                index = bisect.bisect_left(self._keys, key)
                self._keys.insert(index, key)
                self._order.insert(index, seat.seat_id)
                joined.append(seat.seat_id)
            else:
                self._counts[previous.state] -= 1
                updated.append(seat.seat_id)
        return joined, updated

    def _drop(self, seat_id: str) -> None:
        seat = self._seats.pop(seat_id)
        self._counts[seat.state] -= 1
        index = bisect.bisect_left(self._keys, self._plan.sort_key(seat_id))
        del self._keys[index]
        del self._order[index]

    def _in_order(self, seat_ids: list[str]) -> tuple[str, ...]:
        if len(seat_ids) < 2:
            return tuple(seat_ids)
        return tuple(sorted(seat_ids, key=self._plan.sort_key))

    def _announce(self, change: FloorChange) -> FloorChange:
        if not change.empty:
            self.changed.emit(change)
        return change
