"""ZJ art. 13 as a property: a functional matter is never pushed down to a street office.

Checked exhaustively over every rule and every place of the shipped directory (no place, each
district, each known street, an unknown street), then with generated calls through ``suggest``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seatclient.dispatch import Responsibility, Topic, UnitKind, UnitLevel
from seatclient.dispatch.catalogue import DispatchCatalogue, Place, TargetKind, default_catalogue


@pytest.fixture(scope="module")
def catalogue() -> DispatchCatalogue:
    return default_catalogue()


def every_place(catalogue: DispatchCatalogue) -> list[Place]:
    directory = catalogue.directory
    places = [Place()]
    for district in directory.districts:
        places.append(Place(district=district))
        places.append(Place(district=district, street="不在目录中的街道"))
        for office in directory.streets(district.name):
            places.append(Place(district=district, street=office.street, street_unit=office))
    return places


def test_the_shipped_catalogue_has_both_kinds_of_rules(catalogue: DispatchCatalogue) -> None:
    kinds = {rule.responsibility for rule in catalogue.rules}
    assert kinds == {Responsibility.FUNCTIONAL, Responsibility.TERRITORIAL}
    assert len(catalogue.rules) >= 40
    assert len(every_place(catalogue)) == 1 + 13 * 2 + len(catalogue.directory.streets())


def test_functional_rules_never_resolve_to_a_street_or_a_territorial_government(
    catalogue: DispatchCatalogue,
) -> None:
    checked = 0
    for rule in catalogue.rules:
        if rule.responsibility is not Responsibility.FUNCTIONAL:
            continue
        for place in every_place(catalogue):
            unit = catalogue.resolve(rule, place)
            checked += 1
            assert unit is not None, (rule.id, place)
            assert unit.level is not UnitLevel.STREET, (rule.id, place, unit.id)
            assert unit.kind is not UnitKind.TERRITORIAL, (rule.id, place, unit.id)
    assert checked > 2000


def test_functional_rules_have_no_street_targets_at_all(catalogue: DispatchCatalogue) -> None:
    for rule in catalogue.rules:
        if rule.responsibility is Responsibility.FUNCTIONAL:
            assert all(target.kind is not TargetKind.STREET_OFFICE for target in rule.targets), rule.id
            assert all("{street}" not in target.value for target in rule.targets), rule.id


def test_territorial_rules_take_the_most_specific_place(catalogue: DispatchCatalogue) -> None:
    street_first = [
        rule
        for rule in catalogue.rules
        if rule.responsibility is Responsibility.TERRITORIAL
        and rule.targets[0].kind is TargetKind.STREET_OFFICE
    ]
    assert len(street_first) >= 5
    for rule in street_first:
        for place in every_place(catalogue):
            unit = catalogue.resolve(rule, place)
            assert unit is not None, (rule.id, place)
            if place.street_unit is not None:
                assert unit == place.street_unit, (rule.id, place)
            else:
                assert unit.level is not UnitLevel.STREET, (rule.id, place)
                if place.district is not None:
                    assert unit.district in (None, place.district.name), (rule.id, place)


def test_district_targets_stay_in_the_matter_s_district(catalogue: DispatchCatalogue) -> None:
    for rule in catalogue.rules:
        for place in every_place(catalogue):
            unit = catalogue.resolve(rule, place)
            if unit is not None and unit.district is not None:
                assert place.district is not None and unit.district == place.district.name, (rule.id, place)


def test_suggest_never_proposes_a_street_for_any_functional_topic(catalogue: DispatchCatalogue) -> None:
    topics = {topic for rule in catalogue.rules for topic in rule.topics}
    directory = catalogue.directory
    calls = 0
    for topic in sorted(topics, key=Topic.label):
        for district in directory.districts:
            for office in [None, *directory.streets(district.name)]:
                street = office.street if office else None
                words = " ".join(
                    word for rule in catalogue.rules if topic in rule.topics for word in rule.keywords
                )
                for suggestion in catalogue.suggest(topic, district.name, street, words, limit=10):
                    calls += 1
                    if suggestion.responsibility is Responsibility.FUNCTIONAL:
                        assert suggestion.unit.level is not UnitLevel.STREET, (topic, district, street)
                        assert (
                            "不下派乡镇（街道）" in suggestion.reason or suggestion.rule_id == "wage-arrears"
                        )
    assert calls > 5000


_CATALOGUE = default_catalogue()
_KEYWORDS = sorted({word for rule in _CATALOGUE.rules for word in rule.keywords})
_TOPICS = sorted({topic for rule in _CATALOGUE.rules for topic in rule.topics}, key=Topic.label)
_DISTRICTS = [district.name for district in _CATALOGUE.directory.districts]
_STREETS = [office.street for office in _CATALOGUE.directory.streets() if office.street]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    topic=st.none() | st.sampled_from(_TOPICS),
    district=st.none() | st.sampled_from(_DISTRICTS),
    street=st.none() | st.sampled_from(_STREETS) | st.just("某某街道"),
    words=st.lists(st.sampled_from(_KEYWORDS), max_size=6),
    noise=st.text(alphabet="的了在我家小区门口有人反映", max_size=12),
    limit=st.integers(min_value=1, max_value=8),
)
def test_generated_calls_keep_the_rules(
    topic: Topic | None, district: str | None, street: str | None, words: list[str], noise: str, limit: int
) -> None:
    suggestions = _CATALOGUE.suggest(topic, district, street, noise + "，".join(words), limit=limit)
    assert 1 <= len(suggestions) <= limit
    assert len({s.unit.id for s in suggestions}) == len(suggestions)
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    for suggestion in suggestions:
        if suggestion.is_fallback:
            assert len(suggestions) == 1
            assert suggestion.unit.level is not UnitLevel.STREET
        elif suggestion.responsibility is Responsibility.FUNCTIONAL:
            assert suggestion.unit.level is not UnitLevel.STREET
            assert suggestion.unit.kind is not UnitKind.TERRITORIAL
        if suggestion.unit.level is UnitLevel.STREET:
            assert suggestion.responsibility is Responsibility.TERRITORIAL
            assert suggestion.unit.street is not None and suggestion.unit.street in suggestion.reason
