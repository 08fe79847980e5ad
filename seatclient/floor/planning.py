"""How many seats a hall needs: the standard's formula (HZ appendix B) and Erlang C for the same load.

HZ appendix B sizes a hall from its population::

    seats = population × daily call rate × busy-hour share × mean call seconds ÷ (3600 × seat utilisation)

Its example: 10.36 million people, 0.15 % of them calling a day, 15–18 % of a day's calls in the
busiest hour, 300 s a call, 80 % utilisation: 2,331–2,797 calls in the busy hour and 242.8–291.4,
that is 243–292, seats.

The formula only balances the hour's work against the seats' time; it says nothing about how long
callers wait. Erlang C (M/M/N queue, callers never give up) answers that: for a call rate and a mean
handling time, the smallest number of agents for which 90 % of calls are answered within 15 s (the
HZ 6.2 target), with the probability that a caller waits at all and the average speed of answer.
The Erlang B recursion keeps it exact and stable for thousands of agents (no factorials, no powers).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from seatclient.floor.records import DEFAULT_TARGET_SECONDS, DEFAULT_TARGET_SHARE

MAX_AGENTS = 100_000
"""No hall needs more; a search that gets here has nonsense input."""


@dataclass(frozen=True)
class FormulaInputs:
    """The inputs of HZ formula B.1.

    Attributes:
        population: the people the hotline serves (a).
        daily_call_rate: the share of them calling in a day at most (b), e.g. ``0.0015``.
        busy_hour_share: the share of a day's calls in its busiest hour (c), e.g. ``0.15``.
        mean_call_seconds: the mean call length in seconds (d).
        utilisation: the share of a seat's time spent on calls (e), e.g. ``0.8``.
    """

    population: float
    daily_call_rate: float
    busy_hour_share: float
    mean_call_seconds: float
    utilisation: float

    def __post_init__(self) -> None:
        """Refuse inputs the formula cannot mean."""
        if self.population < 0 or self.mean_call_seconds < 0:
            raise ValueError("population and mean call seconds cannot be negative")
        for name in ("daily_call_rate", "busy_hour_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} is a share between 0 and 1")
        if not 0 < self.utilisation <= 1:
            raise ValueError("utilisation is a share above 0 and at most 1")

    @property
    def busy_hour_calls(self) -> float:
        """The calls of the busiest hour: a × b × c."""
        return self.population * self.daily_call_rate * self.busy_hour_share


@dataclass(frozen=True)
class FormulaResult:
    """What HZ formula B.1 gives.

    Attributes:
        busy_hour_calls: calls in the busiest hour.
        exact_seats: the formula's value before rounding.
        seats: the value rounded up: a fraction of a seat is a seat.
    """

    busy_hour_calls: float
    exact_seats: float
    seats: int


def seat_formula(inputs: FormulaInputs) -> FormulaResult:
    """Apply HZ formula B.1 to ``inputs``."""
    exact = inputs.busy_hour_calls * inputs.mean_call_seconds / (3600 * inputs.utilisation)
    # Guard against 242.00000000001 from float products becoming 243.
    seats = math.ceil(round(exact, 9))
    return FormulaResult(busy_hour_calls=inputs.busy_hour_calls, exact_seats=exact, seats=seats)


@dataclass(frozen=True)
class StaffingResult:
    """The queue's behaviour with a number of agents, by Erlang C.

    Attributes:
        agents: the number of agents answering.
        traffic_erlangs: the offered load: calls per hour × handling seconds ÷ 3600.
        probability_wait: the chance that a caller has to wait at all (Erlang C).
        service_level: the share of calls answered within ``target_seconds``.
        average_speed_of_answer: the mean wait in seconds over all calls (``inf`` when overloaded).
        occupancy: the share of the agents' time on calls (above 1 means overloaded).
        target_seconds: the answer-time target the service level refers to.
    """

    agents: int
    traffic_erlangs: float
    probability_wait: float
    service_level: float
    average_speed_of_answer: float
    occupancy: float
    target_seconds: float

    @property
    def overloaded(self) -> bool:
        """Whether the load is at or above the agents' capacity, so the queue grows without end."""
        return self.agents <= self.traffic_erlangs


def traffic_erlangs(calls_per_hour: float, handling_seconds: float) -> float:
    """Return the offered load in erlangs: the number of agents kept busy on average."""
    if calls_per_hour < 0 or handling_seconds <= 0:
        raise ValueError("calls per hour cannot be negative and handling time must be positive")
    return calls_per_hour * handling_seconds / 3600


def erlang_b(agents: int, traffic: float) -> float:
    """Return the Erlang B blocking probability by its recursion (stable for any number of agents)."""
    if agents < 0 or traffic < 0:
        raise ValueError("agents and traffic cannot be negative")
    blocking = 1.0
    for servers in range(1, agents + 1):
        blocking = traffic * blocking / (servers + traffic * blocking)
    return blocking


def _erlang_c_from_b(agents: int, traffic: float, blocking: float) -> float:
    if agents <= traffic:
        return 1.0
    return agents * blocking / (agents - traffic * (1 - blocking))


def erlang_c(agents: int, traffic: float) -> float:
    """Return the Erlang C probability that a caller waits; ``1.0`` when ``agents`` ≤ ``traffic``."""
    return _erlang_c_from_b(agents, traffic, erlang_b(agents, traffic))


def _result(
    agents: int, traffic: float, blocking: float, handling_seconds: float, target_seconds: float
) -> StaffingResult:
    waiting = _erlang_c_from_b(agents, traffic, blocking)
    if agents <= traffic:
        level, answer_speed = 0.0, math.inf
    else:
        spare = agents - traffic
        level = 1 - waiting * math.exp(-spare * target_seconds / handling_seconds)
        answer_speed = waiting * handling_seconds / spare
    return StaffingResult(
        agents=agents,
        traffic_erlangs=traffic,
        probability_wait=waiting,
        service_level=level,
        average_speed_of_answer=answer_speed,
        occupancy=traffic / agents if agents else math.inf,
        target_seconds=target_seconds,
    )


def staffing_with(
    agents: int,
    calls_per_hour: float,
    handling_seconds: float,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
) -> StaffingResult:
    """Return how the queue behaves with ``agents`` agents answering this load.

    Args:
        agents: the number of agents answering (at least 1).
        calls_per_hour: the calls offered per hour.
        handling_seconds: the mean handling time per call (talk plus wrap-up).
        target_seconds: the answer-time target for the service level.
    """
    if agents < 1:
        raise ValueError("at least one agent is needed")
    if target_seconds < 0:
        raise ValueError("the target time cannot be negative")
    traffic = traffic_erlangs(calls_per_hour, handling_seconds)
    return _result(agents, traffic, erlang_b(agents, traffic), handling_seconds, target_seconds)


def staffing_table(
    agent_counts: Iterable[int],
    calls_per_hour: float,
    handling_seconds: float,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
) -> list[StaffingResult]:
    """Return ``staffing_with`` for each of ``agent_counts`` (ascending, duplicates dropped) in one pass.

    Raises:
        ValueError: an agent count below 1, or nonsense load figures.
    """
    wanted = sorted(set(agent_counts))
    if not wanted:
        return []
    if wanted[0] < 1:
        raise ValueError("at least one agent is needed")
    if target_seconds < 0:
        raise ValueError("the target time cannot be negative")
    traffic = traffic_erlangs(calls_per_hour, handling_seconds)
    results: list[StaffingResult] = []
    blocking = 1.0
    remaining = iter(wanted)
    target = next(remaining)
    for agents in range(1, wanted[-1] + 1):
        blocking = traffic * blocking / (agents + traffic * blocking)
        if agents == target:
            results.append(_result(agents, traffic, blocking, handling_seconds, target_seconds))
            target = next(remaining, 0)
    return results


def required_agents(
    calls_per_hour: float,
    handling_seconds: float,
    target_share: float = DEFAULT_TARGET_SHARE,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
) -> StaffingResult:
    """Return the smallest staffing that answers ``target_share`` of calls within ``target_seconds``.

    The search walks up from one agent carrying the Erlang B recursion along, so it costs one step per
    agent however large the hall.

    Args:
        calls_per_hour: the calls offered per hour.
        handling_seconds: the mean handling time per call (talk plus wrap-up).
        target_share: the service-level target, above 0 and below 1 (HZ 6.2: 0.9).
        target_seconds: the answer-time target (HZ 6.2: 15 s).

    Raises:
        ValueError: nonsense inputs, or no staffing up to ``MAX_AGENTS`` reaches the target.
    """
    if not 0 < target_share < 1:
        raise ValueError("the target share must be above 0 and below 1")
    if target_seconds < 0:
        raise ValueError("the target time cannot be negative")
    traffic = traffic_erlangs(calls_per_hour, handling_seconds)
    blocking = 1.0
    for agents in range(1, MAX_AGENTS + 1):
        blocking = traffic * blocking / (agents + traffic * blocking)
        if agents <= traffic:
            continue
        result = _result(agents, traffic, blocking, handling_seconds, target_seconds)
        if result.service_level >= target_share:
            return result
    raise ValueError(f"no staffing up to {MAX_AGENTS} agents reaches the target")


@dataclass(frozen=True)
class StaffingComparison:
    """The standard's formula beside Erlang C for the same busy-hour load.

    Attributes:
        formula: what HZ formula B.1 gives.
        handling_seconds: the handling time Erlang C used (mean call plus wrap-up).
        required: the smallest staffing reaching the service-level target.
        at_formula_seats: how the queue behaves with the formula's number of seats.
        target_share: the service-level target.
    """

    formula: FormulaResult
    handling_seconds: float
    required: StaffingResult
    at_formula_seats: StaffingResult | None
    target_share: float

    @property
    def difference(self) -> int:
        """Formula seats minus the Erlang C staffing: positive when the formula gives more."""
        return self.formula.seats - self.required.agents

    @property
    def formula_meets_target(self) -> bool:
        """Whether the formula's seats reach the service-level target."""
        return self.at_formula_seats is not None and self.at_formula_seats.service_level >= self.target_share


def compare_staffing(
    inputs: FormulaInputs,
    wrap_up_seconds: float = 0.0,
    target_share: float = DEFAULT_TARGET_SHARE,
    target_seconds: float = DEFAULT_TARGET_SECONDS,
) -> StaffingComparison:
    """Size the hall both ways for the formula's busy hour.

    Args:
        inputs: the formula's inputs; the busy-hour calls and the mean call length feed Erlang C.
        wrap_up_seconds: wrap-up time per call, added to the call length for Erlang C (the formula
            folds it into utilisation).
        target_share: the service-level target.
        target_seconds: the answer-time target.

    Raises:
        ValueError: nonsense inputs (see ``FormulaInputs`` and ``required_agents``).
    """
    if wrap_up_seconds < 0:
        raise ValueError("wrap-up time cannot be negative")
    formula = seat_formula(inputs)
    handling = inputs.mean_call_seconds + wrap_up_seconds
    required = required_agents(formula.busy_hour_calls, handling, target_share, target_seconds)
    at_formula = (
        staffing_with(formula.seats, formula.busy_hour_calls, handling, target_seconds)
        if formula.seats >= 1
        else None
    )
    return StaffingComparison(formula, handling, required, at_formula, target_share)
