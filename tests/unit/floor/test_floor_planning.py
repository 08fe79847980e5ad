"""HZ appendix B seat formula and Erlang C staffing, against hand-checked and exactly computed values."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from seatclient.floor.planning import (
    FormulaInputs,
    compare_staffing,
    erlang_b,
    erlang_c,
    required_agents,
    seat_formula,
    staffing_table,
    staffing_with,
    traffic_erlangs,
)


def exact_erlang_c(agents: int, traffic: Fraction) -> float:
    """Erlang C straight from its textbook definition, in exact rational arithmetic."""
    terms = [traffic**k / math.factorial(k) for k in range(agents)]
    top = traffic**agents / math.factorial(agents) * agents / (agents - traffic)
    return float(top / (sum(terms) + top))


def hz_example(busy_hour_share: float) -> FormulaInputs:
    """The example of HZ appendix B: 10.36 million people, 0.15 %, 300 s, 80 %."""
    return FormulaInputs(
        population=10_360_000,
        daily_call_rate=0.0015,
        busy_hour_share=busy_hour_share,
        mean_call_seconds=300,
        utilisation=0.8,
    )


def test_the_standards_example_at_15_percent_busy_hour_share() -> None:
    # 10,360,000 × 0.0015 = 15,540 calls a day; × 0.15 = 2,331 in the busy hour;
    # × 300 s = 699,300 s of talk; ÷ (3600 × 0.8 = 2,880 s per seat) = 242.8125.
    result = seat_formula(hz_example(0.15))
    assert result.busy_hour_calls == pytest.approx(2331)
    assert result.exact_seats == pytest.approx(242.8125)
    assert result.seats == 243


def test_the_standards_example_at_18_percent_busy_hour_share() -> None:
    # 15,540 × 0.18 = 2,797.2 calls; × 300 = 839,160 s; ÷ 2,880 = 291.375.
    result = seat_formula(hz_example(0.18))
    assert result.busy_hour_calls == pytest.approx(2797.2)
    assert result.exact_seats == pytest.approx(291.375)
    assert result.seats == 292


def test_a_whole_number_of_seats_is_not_rounded_up_by_float_noise() -> None:
    # 1,000 calls × 288 s ÷ (3600 × 0.8) = exactly 100 seats.
    inputs = FormulaInputs(
        population=1_000_000,
        daily_call_rate=0.01,
        busy_hour_share=0.1,
        mean_call_seconds=288,
        utilisation=0.8,
    )
    assert seat_formula(inputs).seats == 100


def test_formula_inputs_refuse_nonsense() -> None:
    with pytest.raises(ValueError):
        FormulaInputs(1_000, 1.5, 0.1, 300, 0.8)
    with pytest.raises(ValueError):
        FormulaInputs(1_000, 0.01, 0.1, 300, 0.0)
    with pytest.raises(ValueError):
        FormulaInputs(-1, 0.01, 0.1, 300, 0.8)


def test_traffic_in_erlangs() -> None:
    # 100 calls in 30 minutes = 200 an hour, 180 s each: 10 agents kept busy.
    assert traffic_erlangs(200, 180) == pytest.approx(10.0)
    with pytest.raises(ValueError):
        traffic_erlangs(200, 0)


def test_erlang_b_hand_value() -> None:
    # B(1, A) = A / (1 + A); B(2, 1) = 1/5 (textbook: A²/2 ÷ (1 + A + A²/2)).
    assert erlang_b(1, 3.0) == pytest.approx(0.75)
    assert erlang_b(2, 1.0) == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("agents", "waiting", "level_20s", "answer_speed"),
    [
        (11, 0.6821, 0.3896, 122.78),
        (12, 0.4494, 0.6402, 40.44),
        (13, 0.2853, 0.7956, 17.12),
        (14, 0.1741, 0.8884, 7.84),
        (15, 0.1020, 0.9415, 3.67),
    ],
)
def test_the_classic_example_100_calls_in_30_minutes_180_s_20_s_target(
    agents: int, waiting: float, level_20s: float, answer_speed: float
) -> None:
    # The textbook walk-through: 14 agents give 88.8 % within 20 s, ASA 7.8 s; 13 give 79.6 %.
    result = staffing_with(agents, calls_per_hour=200, handling_seconds=180, target_seconds=20)
    assert result.traffic_erlangs == pytest.approx(10.0)
    assert result.probability_wait == pytest.approx(waiting, abs=5e-5)
    assert result.service_level == pytest.approx(level_20s, abs=5e-5)
    assert result.average_speed_of_answer == pytest.approx(answer_speed, abs=5e-3)
    assert result.occupancy == pytest.approx(10 / agents)


def test_the_classic_example_needs_14_agents_for_80_percent_in_20_s() -> None:
    result = required_agents(calls_per_hour=200, handling_seconds=180, target_share=0.8, target_seconds=20)
    assert result.agents == 14
    assert result.service_level == pytest.approx(0.8884, abs=5e-5)


def test_the_classic_load_needs_15_agents_for_the_hz_target() -> None:
    # 14 agents: 1 − 0.1741·e^(−4·15/180) = 87.5 % < 90 %; 15 agents: 93.3 %.
    result = required_agents(calls_per_hour=200, handling_seconds=180)
    assert result.agents == 15
    assert result.service_level == pytest.approx(0.9327, abs=5e-5)
    assert result.target_seconds == 15


def test_the_iterative_erlang_c_matches_the_exact_formula_for_a_large_hall() -> None:
    # The standard's busy hour: 2,331 calls of 300 s = 194.25 erlangs.
    traffic = Fraction(19425, 100)
    for agents in (195, 209, 210, 260):
        assert erlang_c(agents, 194.25) == pytest.approx(exact_erlang_c(agents, traffic), rel=1e-10)


def test_the_standards_busy_hour_needs_210_agents_for_90_percent_in_15_s() -> None:
    traffic = Fraction(19425, 100)

    def exact_level(agents: int) -> float:
        return 1 - exact_erlang_c(agents, traffic) * math.exp(-(agents - 194.25) * 15 / 300)

    assert exact_level(209) < 0.9 <= exact_level(210)
    result = required_agents(2331, 300)
    assert result.agents == 210
    assert result.service_level == pytest.approx(exact_level(210), rel=1e-10)


def test_thousands_of_agents_stay_finite() -> None:
    result = required_agents(calls_per_hour=60_000, handling_seconds=300)  # 5,000 erlangs
    assert 5_000 < result.agents < 5_200
    assert 0 < result.probability_wait < 1
    assert math.isfinite(result.average_speed_of_answer)
    assert result.service_level >= 0.9


def test_an_overloaded_queue_never_meets_a_target() -> None:
    result = staffing_with(10, calls_per_hour=200, handling_seconds=180)
    assert result.overloaded
    assert result.probability_wait == 1.0
    assert result.service_level == 0.0
    assert math.isinf(result.average_speed_of_answer)


def test_no_calls_need_one_agent() -> None:
    result = required_agents(calls_per_hour=0, handling_seconds=300)
    assert result.agents == 1
    assert result.probability_wait == 0.0


def test_required_agents_refuses_an_unreachable_target() -> None:
    with pytest.raises(ValueError):
        required_agents(200, 180, target_share=1.0)


def test_staffing_table_matches_one_by_one() -> None:
    table = staffing_table([15, 11, 13, 13], calls_per_hour=200, handling_seconds=180, target_seconds=20)
    assert [result.agents for result in table] == [11, 13, 15]
    assert table == [staffing_with(agents, 200, 180, 20) for agents in (11, 13, 15)]


def test_comparison_of_the_formula_and_erlang_c_for_the_standards_example() -> None:
    comparison = compare_staffing(hz_example(0.15))
    assert comparison.formula.seats == 243
    assert comparison.required.agents == 210
    assert comparison.difference == 33
    assert comparison.formula_meets_target
    assert comparison.at_formula_seats is not None
    assert comparison.at_formula_seats.occupancy == pytest.approx(194.25 / 243)


def test_wrap_up_time_raises_the_erlang_c_staffing_not_the_formula() -> None:
    plain = compare_staffing(hz_example(0.15))
    with_wrap_up = compare_staffing(hz_example(0.15), wrap_up_seconds=60)
    assert with_wrap_up.formula == plain.formula
    assert with_wrap_up.handling_seconds == 360
    assert with_wrap_up.required.traffic_erlangs == pytest.approx(2331 * 360 / 3600)
    assert with_wrap_up.required.agents > plain.required.agents
    # 233.1 erlangs on 243 seats: the formula's seats no longer reach 90 % within 15 s.
    assert not with_wrap_up.formula_meets_target
    assert with_wrap_up.difference < 0
