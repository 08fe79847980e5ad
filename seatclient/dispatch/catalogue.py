"""The dispatch catalogue (派单目录, ZJ art. 13): which unit an order goes to, and why.

Dispatch follows 属地管理、分级负责、谁主管谁负责. Each rule of ``dispatch_catalogue.json`` names the
business topics it covers (HZ appendix E, class and item), keywords of the caller's words, whether
the matter is territorial (属地: chosen by the place) or functional (职能: chosen by the department
that owns the field), and an ordered list of targets, most specific place first.

Two guarantees hold, checked when the file is loaded and again when a target is resolved:

- a functional rule never resolves to a street office or any territorial government: "应当由职能部门
  办理的热线事项不得分派给基层办理" (ZJ art. 13);
- a territorial rule takes the most specific place given, because its targets are ordered street →
  district → city and the first that resolves wins.

When no rule matches, the order falls back to the district government office (or, without a place,
to the body that settles disputed dispatches, ZJ art. 14), with a reason that says so.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from seatclient.dispatch._checks import Checker, child
from seatclient.dispatch.units import District, Unit, UnitDirectory, UnitKind, UnitLevel, load_default_units
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

CATALOGUE_RULE_NAME = "dispatch_catalogue"

_PLACE_FIELDS = frozenset({"district", "district_short", "street"})
_RULE_REASON_FIELDS = frozenset(
    {"class", "item", "matter", "place", "district", "street", "unit", "unit_short"}
)
_FALLBACK_REASON_FIELDS = frozenset({"place", "district", "street", "unit", "unit_short"})
_KEYWORD_NOTE_FIELDS = frozenset({"keywords"})
_MAX_PRIORITY = 100


class Responsibility(StrEnum):
    """Whether a matter is dispatched by place or by function."""

    TERRITORIAL = "territorial"
    """属地管理: the government of the place (or its body for the matter) handles it."""
    FUNCTIONAL = "functional"
    """谁主管谁负责: the functional department or public utility that owns the field handles it."""


class TargetKind(StrEnum):
    """How a rule names the unit it dispatches to."""

    UNIT = "unit"
    """A fixed unit id, e.g. ``hz-provident-fund``."""
    PATTERN = "pattern"
    """A name with place holders, e.g. ``{district}综合行政执法局``, matched against unit names."""
    STREET_OFFICE = "street_office"
    """The office of the street (or the government of the town) of the matter."""
    DUTY = "duty"
    """The unit of the matter's district whose duties list has this keyword, else the citywide one."""


@dataclass(frozen=True)
class Topic:
    """A business topic of HZ appendix E: a first-level class and, optionally, a second-level item.

    Attributes:
        class_name: the class, e.g. ``城乡建设`` (``class`` in the JSON).
        item: the item, e.g. ``城市建设和管理``; ``None`` in a rule means every item of the class.
    """

    class_name: str
    item: str | None = None

    def label(self) -> str:
        """Return ``class/item`` (or just the class) as the call-taker sees it."""
        return f"{self.class_name}/{self.item}" if self.item else self.class_name


@dataclass(frozen=True)
class Target:
    """One way of naming a unit; see ``TargetKind``.

    Attributes:
        kind: how the unit is named.
        value: the unit id, the pattern or the duty keyword (``""`` for a street office).
    """

    kind: TargetKind
    value: str = ""


@dataclass(frozen=True)
class DispatchRule:
    """One line of the dispatch catalogue.

    Attributes:
        id: stable identifier, e.g. ``illegal-construction``.
        matter: the matter in the call-taker's words, e.g. ``违章搭建``, used in the reason.
        topics: the business topics the rule covers.
        keywords: words of the caller's account that point to this rule; each one found raises
            the score.
        require_keyword: when true, the rule applies only if a keyword is found (used for matters
            that share a broad topic such as 城乡建设/城市建设和管理).
        responsibility: territorial or functional.
        targets: the units to try, most specific place first; the first that resolves wins.
        priority: 0-100, added to the score; breaks ties between rules of the same topic.
        reason: a reason template overriding the catalogue's default for this rule.
    """

    id: str
    matter: str
    topics: tuple[Topic, ...]
    keywords: tuple[str, ...]
    require_keyword: bool
    responsibility: Responsibility
    targets: tuple[Target, ...]
    priority: int
    reason: str | None = None


@dataclass(frozen=True)
class Scoring:
    """Points for a rule: topic item match, topic class match, each keyword found (up to a cap).

    Attributes:
        topic_item: the call's topic equals one of the rule's class and item.
        topic_class: the rule covers the call's whole class.
        keyword: each distinct keyword found in the text.
        max_keywords: keywords counted at most.
    """

    topic_item: int = 50
    topic_class: int = 30
    keyword: int = 15
    max_keywords: int = 3


@dataclass(frozen=True)
class Fallback:
    """Where an order goes when no rule matches.

    Attributes:
        district_target: the target resolved in the matter's district (its government office).
        district_reason: the reason template for that case.
        city_target: the target without a place.
        city_reason: the reason template for that case.
    """

    district_target: Target
    district_reason: str
    city_target: Target
    city_reason: str


@dataclass(frozen=True)
class ReasonTemplates:
    """The catalogue's default reason texts (hall data, in Chinese).

    Attributes:
        territorial: reason of a territorial rule, e.g. ``{class}/{matter}，属地{place} → {unit}``.
        functional: reason of a functional rule.
        keyword_note: appended when keywords were found, e.g. ``（关键词：{keywords}）``.
        no_place: the ``{place}`` text when neither district nor street is known.
    """

    territorial: str
    functional: str
    keyword_note: str
    no_place: str


@dataclass(frozen=True)
class Place:
    """The place of a matter as far as it is known.

    Attributes:
        district: the district, when known.
        street: the street, town or township as given, when known.
        street_unit: the office of that street, when it is in the directory.
    """

    district: District | None = None
    street: str | None = None
    street_unit: Unit | None = None


@dataclass(frozen=True)
class Suggestion:
    """A unit proposed to the call-taker, with the score and the reason shown beside it.

    Attributes:
        unit: the handling unit.
        score: the rule's points (0 for the fallback); higher is better.
        reason: why, in the hall's words, e.g. ``城乡建设/违章搭建，属地西湖区 → 西湖区综合行政执法局``.
        rule_id: the catalogue rule, or ``None`` for the fallback.
        responsibility: territorial or functional, ``None`` for the fallback.
        keywords: the rule's keywords found in the text.
        is_fallback: true when no rule matched and the fallback unit is proposed.
    """

    unit: Unit
    score: int
    reason: str
    rule_id: str | None
    responsibility: Responsibility | None
    keywords: tuple[str, ...] = ()
    is_fallback: bool = False


def _fold(text: str) -> str:
    """Fold width and case and drop whitespace, so ``违 章`` and full-width text still match."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


class DispatchCatalogue:
    """The dispatch rules of a hall, resolved against its unit directory.

    Build it with ``load_catalogue`` (validated) rather than directly.
    """

    def __init__(
        self,
        directory: UnitDirectory,
        rules: tuple[DispatchRule, ...],
        scoring: Scoring,
        templates: ReasonTemplates,
        fallback: Fallback,
    ) -> None:
        self.directory = directory
        self.rules = rules
        self.scoring = scoring
        self.templates = templates
        self.fallback = fallback
        self._folded_keywords = {rule.id: tuple(_fold(word) for word in rule.keywords) for rule in rules}

    def place(self, district: str | None = None, street: str | None = None) -> Place:
        """Return the place of a matter from what the call-taker entered.

        A street without a district finds its district when the street's name is unique in the
        directory. A street unknown to the directory (or not in the given district) is kept as
        text, so territorial rules fall back to the district level.

        Raises:
            ValueError: ``district`` is not a district of the directory.
        """
        found_district: District | None = None
        if district is not None and district.strip():
            found_district = self.directory.district(district)
            if found_district is None:
                raise ValueError(
                    tr("Dispatch", "未知的区县“{district}”，允许的区县：{allowed}").format(
                        district=district.strip(),
                        allowed="、".join(d.name for d in self.directory.districts),
                    )
                )
        street_text = street.strip() if street is not None and street.strip() else None
        street_unit: Unit | None = None
        if street_text is not None:
            street_unit = self.directory.street_office(
                found_district.name if found_district else None, street_text
            )
            if street_unit is not None and found_district is None and street_unit.district:
                found_district = self.directory.district(street_unit.district)
            if street_unit is not None and street_unit.street:
                street_text = street_unit.street
        return Place(district=found_district, street=street_text, street_unit=street_unit)

    def suggest(
        self,
        topic: Topic | None,
        district: str | None,
        street: str | None,
        text: str,
        limit: int = 3,
    ) -> list[Suggestion]:
        """Rank the handling units for a matter.

        A rule is a candidate when the call's topic is one of its topics or one of its keywords is
        in ``text`` (a rule with ``require_keyword`` needs a keyword). Its score is the topic
        points plus the keyword points plus its priority. Each unit is proposed once, with the
        reason of its best rule. When no rule gives a unit, the fallback is proposed alone.

        Args:
            topic: the business topic chosen on the form, or ``None``.
            district: the district of the matter (``西湖区`` or ``西湖``), or ``None``.
            street: the street, town or township, or ``None``.
            text: the caller's account as recorded.
            limit: the most suggestions to return.

        Returns:
            The suggestions, best first; never empty when ``limit`` is positive.

        Raises:
            ValueError: ``district`` is not a district of the directory.
        """
        place = self.place(district, street)
        if limit <= 0:
            return []
        folded_text = _fold(text)
        best_by_unit: dict[str, tuple[int, int, int, Suggestion]] = {}
        for order, rule in enumerate(self.rules):
            matched = self._match(rule, topic, folded_text)
            if matched is None:
                continue
            topic_points, matched_topic, found = matched
            unit = self.resolve(rule, place)
            if unit is None:
                continue
            counted = min(len(found), self.scoring.max_keywords)
            score = topic_points + counted * self.scoring.keyword + rule.priority
            suggestion = Suggestion(
                unit=unit,
                score=score,
                reason=self._rule_reason(rule, matched_topic, place, unit, found),
                rule_id=rule.id,
                responsibility=rule.responsibility,
                keywords=found,
            )
            rank = (-score, -rule.priority, order)
            previous = best_by_unit.get(unit.id)
            if previous is None or rank < previous[:3]:
                best_by_unit[unit.id] = (*rank, suggestion)
        ranked = [entry[3] for entry in sorted(best_by_unit.values(), key=lambda entry: entry[:3])]
        if ranked:
            return ranked[:limit]
        return [self._fallback_suggestion(place)]

    def resolve(self, rule: DispatchRule, place: Place) -> Unit | None:
        """Return the unit a rule dispatches to at ``place``, or ``None`` when no target resolves.

        Targets are tried in order. For a functional rule, a street-level or territorial unit is
        never accepted, whatever the data says: such matters must not be pushed down (ZJ art. 13).
        """
        for target in rule.targets:
            unit = self.resolve_target(target, place)
            if unit is None:
                continue
            if rule.responsibility is Responsibility.FUNCTIONAL and not _may_take_functional(unit):
                continue
            return unit
        return None

    def resolve_target(self, target: Target, place: Place) -> Unit | None:
        """Return the unit ``target`` names at ``place``, or ``None``."""
        if target.kind is TargetKind.UNIT:
            return self.directory.find(target.value)
        if target.kind is TargetKind.STREET_OFFICE:
            return place.street_unit
        if target.kind is TargetKind.DUTY:
            return self._resolve_duty(target.value, place)
        name = _fill_pattern(target.value, place)
        if name is None:
            return None
        unit = self.directory.by_name(name)
        # A pattern must stay inside the matter's district even if a name happens to match elsewhere.
        if (
            unit is not None
            and place.district is not None
            and unit.district not in (None, place.district.name)
        ):
            return None
        return unit

    def _resolve_duty(self, duty: str, place: Place) -> Unit | None:
        candidates = [unit for unit in self.directory.with_duty(duty) if unit.level is not UnitLevel.STREET]
        if place.district is not None:
            for unit in candidates:
                if unit.district == place.district.name:
                    return unit
        for unit in candidates:
            if unit.district is None:
                return unit
        return None

    def _match(
        self, rule: DispatchRule, topic: Topic | None, folded_text: str
    ) -> tuple[int, Topic, tuple[str, ...]] | None:
        topic_points = 0
        matched_topic = rule.topics[0]
        if topic is not None:
            for candidate in rule.topics:
                if candidate.class_name != topic.class_name:
                    continue
                if candidate.item is None and topic_points < self.scoring.topic_class:
                    topic_points, matched_topic = self.scoring.topic_class, topic
                elif candidate.item == topic.item:
                    topic_points, matched_topic = self.scoring.topic_item, candidate
                    break
        found = tuple(
            word
            for word, folded in zip(rule.keywords, self._folded_keywords[rule.id], strict=True)
            if folded in folded_text
        )
        if rule.require_keyword and not found:
            return None
        if topic_points == 0 and not found:
            return None
        return topic_points, matched_topic, found

    def _place_values(self, place: Place) -> dict[str, str]:
        district = place.district.name if place.district else ""
        street = place.street or ""
        label = f"{district}{street}" or self.templates.no_place
        return {"place": label, "district": district, "street": street}

    def _rule_reason(
        self, rule: DispatchRule, topic: Topic, place: Place, unit: Unit, found: tuple[str, ...]
    ) -> str:
        if rule.reason is not None:
            template = rule.reason
        elif rule.responsibility is Responsibility.TERRITORIAL:
            template = self.templates.territorial
        else:
            template = self.templates.functional
        values = {
            **self._place_values(place),
            "class": topic.class_name,
            "item": topic.item or "",
            "matter": rule.matter,
            "unit": unit.name,
            "unit_short": unit.short_name,
        }
        reason = template.format(**values)
        if found:
            reason += self.templates.keyword_note.format(keywords="、".join(found))
        return reason

    def _fallback_suggestion(self, place: Place) -> Suggestion:
        unit: Unit | None = None
        template = self.fallback.city_reason
        if place.district is not None:
            unit = self.resolve_target(self.fallback.district_target, place)
            template = self.fallback.district_reason
        if unit is None:
            unit = self.resolve_target(self.fallback.city_target, Place())
            template = self.fallback.city_reason
        if unit is None:
            # Validation guarantees the city target resolves; reaching here means the directory
            # object was changed after loading.
            raise LookupError(tr("Dispatch", "派单目录的兜底单位不在单位目录中"))
        values = {**self._place_values(place), "unit": unit.name, "unit_short": unit.short_name}
        return Suggestion(
            unit=unit,
            score=0,
            reason=template.format(**values),
            rule_id=None,
            responsibility=None,
            is_fallback=True,
        )


def _may_take_functional(unit: Unit) -> bool:
    """A functional matter may go to a functional department or utility, never to a government of a place."""
    return unit.level is not UnitLevel.STREET and unit.kind is not UnitKind.TERRITORIAL


def _pattern_fields(pattern: str) -> list[str] | None:
    """Return the place holders of ``pattern``, or ``None`` when it is not a valid format string."""
    try:
        return [field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None]
    except ValueError:
        return None


def _fill_pattern(pattern: str, place: Place) -> str | None:
    values: dict[str, str] = {}
    if place.district is not None:
        values["district"] = place.district.name
        values["district_short"] = place.district.short_name
    if place.street is not None:
        values["street"] = place.street
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError):
        return None


def _specificity(target: Target, directory: UnitDirectory) -> int:
    """2 for a street, 1 for a district, 0 for the whole city: targets must not grow more specific."""
    if target.kind is TargetKind.STREET_OFFICE:
        return 2
    if target.kind is TargetKind.PATTERN:
        fields = set(_pattern_fields(target.value) or ())
        if "street" in fields:
            return 2
        return 1 if fields else _unit_specificity(directory.by_name(target.value))
    if target.kind is TargetKind.UNIT:
        return _unit_specificity(directory.find(target.value))
    return 1


def _unit_specificity(unit: Unit | None) -> int:
    if unit is None:
        return 0
    if unit.level is UnitLevel.STREET:
        return 2
    return 1 if unit.district else 0


def _all_places(directory: UnitDirectory) -> list[Place]:
    """Every district alone and every known street with its district, for resolution checks."""
    places = [Place(district=district) for district in directory.districts]
    for street_unit in directory.streets():
        district = directory.district(street_unit.district or "")
        places.append(Place(district=district, street=street_unit.street, street_unit=street_unit))
    return places


class _CatalogueChecker:
    """Validates a catalogue rule file against a unit directory, collecting every problem."""

    def __init__(
        self,
        rule_file: RuleFile,
        directory: UnitDirectory,
        known_topics: Mapping[str, Collection[str]] | None,
    ) -> None:
        self.checker = Checker(rule_file)
        self.directory = directory
        self.known_topics = known_topics
        self.places = _all_places(directory)
        self._probe: DispatchCatalogue | None = None

    def run(self) -> DispatchCatalogue | None:
        checker = self.checker
        document = checker.expect_object(
            checker.rule_file.data,
            "",
            required=("reason_templates", "fallback", "rules"),
            optional=("version", "description", "scoring"),
        )
        if document is None:
            return None
        scoring = self._scoring(document.get("scoring"))
        templates = self._templates(document["reason_templates"])
        fallback = self._fallback(document["fallback"])
        rules = self._rules(document["rules"])
        if checker.problems or scoring is None or templates is None or fallback is None:
            return None
        return DispatchCatalogue(self.directory, rules, scoring, templates, fallback)

    def _scoring(self, value: Any) -> Scoring | None:
        if value is None:
            return Scoring()
        entry = self.checker.expect_object(
            value, "scoring", required=(), optional=("topic_item", "topic_class", "keyword", "max_keywords")
        )
        if entry is None:
            return None
        defaults = Scoring()
        numbers: dict[str, int] = {}
        for key in ("topic_item", "topic_class", "keyword", "max_keywords"):
            if key in entry:
                number = self.checker.expect_int(entry[key], child("scoring", key), 0, 1000)
                if number is None:
                    return None
                numbers[key] = number
            else:
                numbers[key] = getattr(defaults, key)
        return Scoring(**numbers)

    def _template(self, value: Any, pointer: str, allowed: frozenset[str]) -> str | None:
        text = self.checker.expect_text(value, pointer)
        if text is None:
            return None
        fields = _pattern_fields(text)
        if fields is None or any(not field for field in fields):
            self.checker.report(pointer, tr("Dispatch", "模板中的花括号不成对或占位符为空"))
            return None
        unknown = [field for field in fields if field not in allowed]
        if unknown:
            self.checker.report(
                pointer,
                tr("Dispatch", "未知的占位符“{field}”，允许的占位符：{allowed}").format(
                    field="{" + unknown[0] + "}",
                    allowed="、".join("{" + name + "}" for name in sorted(allowed)) or tr("Dispatch", "无"),
                ),
            )
            return None
        return text

    def _templates(self, value: Any) -> ReasonTemplates | None:
        pointer = "reason_templates"
        entry = self.checker.expect_object(
            value, pointer, required=("territorial", "functional", "keyword_note", "no_place")
        )
        if entry is None:
            return None
        territorial = self._template(entry["territorial"], child(pointer, "territorial"), _RULE_REASON_FIELDS)
        functional = self._template(entry["functional"], child(pointer, "functional"), _RULE_REASON_FIELDS)
        note = self._template(entry["keyword_note"], child(pointer, "keyword_note"), _KEYWORD_NOTE_FIELDS)
        no_place = self._template(entry["no_place"], child(pointer, "no_place"), frozenset())
        if territorial is None or functional is None or note is None or no_place is None:
            return None
        return ReasonTemplates(territorial, functional, note, no_place)

    def _fallback(self, value: Any) -> Fallback | None:
        entry = self.checker.expect_object(value, "fallback", required=("district", "city"))
        if entry is None:
            return None
        parts: dict[str, tuple[Target, str]] = {}
        for scope in ("district", "city"):
            pointer = child("fallback", scope)
            part = self.checker.expect_object(entry[scope], pointer, required=("target", "reason"))
            if part is None:
                continue
            target = self._target(part["target"], child(pointer, "target"))
            reason = self._template(part["reason"], child(pointer, "reason"), _FALLBACK_REASON_FIELDS)
            if target is None or reason is None:
                continue
            self._check_fallback_target(scope, target, child(pointer, "target"))
            parts[scope] = (target, reason)
        if len(parts) != 2:
            return None
        return Fallback(parts["district"][0], parts["district"][1], parts["city"][0], parts["city"][1])

    def _check_fallback_target(self, scope: str, target: Target, pointer: str) -> None:
        if scope == "city":
            if target.kind in (TargetKind.STREET_OFFICE, TargetKind.DUTY) or (
                target.kind is TargetKind.PATTERN and _pattern_fields(target.value)
            ):
                self.checker.report(pointer, tr("Dispatch", "全市兜底目标不能依赖属地，请用“unit”指定单位"))
            return
        catalogue = self._probe_catalogue()
        for district in self.directory.districts:
            unit = catalogue.resolve_target(target, Place(district=district))
            if unit is None or unit.level is UnitLevel.STREET:
                self.checker.report(
                    pointer,
                    tr("Dispatch", "区县兜底目标在“{district}”找不到区县级单位").format(
                        district=district.name
                    ),
                )
                return

    def _probe_catalogue(self) -> DispatchCatalogue:
        """A catalogue with no rules, used only to resolve targets while checking."""
        if self._probe is not None:
            return self._probe
        placeholder = Target(TargetKind.UNIT, "")
        self._probe = DispatchCatalogue(
            self.directory,
            (),
            Scoring(),
            ReasonTemplates("", "", "", ""),
            Fallback(placeholder, "", placeholder, ""),
        )
        return self._probe

    def _target(self, value: Any, pointer: str) -> Target | None:
        kinds = [kind.value for kind in TargetKind]
        if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in kinds:
            self.checker.report(
                pointer,
                tr("Dispatch", "目标应为只含一个键的对象，键为：{allowed}").format(allowed="、".join(kinds)),
            )
            return None
        key, raw = next(iter(value.items()))
        kind = TargetKind(key)
        where = child(pointer, key)
        if kind is TargetKind.STREET_OFFICE:
            if raw is not True:
                self.checker.report(where, tr("Dispatch", "“street_office”只能取 true"))
                return None
            return Target(kind)
        if kind is TargetKind.UNIT:
            unit_id = self.checker.expect_slug(raw, where)
            if unit_id is None:
                return None
            if self.directory.find(unit_id) is None:
                self.checker.report(where, tr("Dispatch", "单位“{id}”不在单位目录中").format(id=unit_id))
                return None
            return Target(kind, unit_id)
        text = self.checker.expect_text(raw, where)
        if text is None:
            return None
        if kind is TargetKind.DUTY:
            if not self.directory.with_duty(text):
                self.checker.report(
                    where, tr("Dispatch", "单位目录中没有职责含“{duty}”的单位").format(duty=text)
                )
                return None
            return Target(kind, text)
        fields = _pattern_fields(text)
        if fields is None or any(field not in _PLACE_FIELDS for field in fields):
            self.checker.report(
                where,
                tr("Dispatch", "名称模板只能使用占位符 {district}、{district_short} 和 {street}"),
            )
            return None
        target = Target(kind, text)
        probe = self._probe_catalogue()
        places = self.places if fields else [Place()]
        if all(probe.resolve_target(target, place) is None for place in places):
            self.checker.report(
                where, tr("Dispatch", "名称模板“{pattern}”在任何属地都找不到单位").format(pattern=text)
            )
            return None
        return target

    def _topics(self, value: Any, pointer: str) -> tuple[Topic, ...] | None:
        items = self.checker.expect_list(value, pointer)
        if items is None:
            return None
        topics: list[Topic] = []
        for index, item in enumerate(items):
            where = child(pointer, index)
            entry = self.checker.expect_object(item, where, required=("class",), optional=("item",))
            if entry is None:
                continue
            class_name = self.checker.expect_text(entry["class"], child(where, "class"))
            item_name = (
                self.checker.expect_text(entry["item"], child(where, "item")) if "item" in entry else None
            )
            if class_name is None or ("item" in entry and item_name is None):
                continue
            if self.known_topics is not None:
                if class_name not in self.known_topics:
                    self.checker.report(
                        child(where, "class"),
                        tr("Dispatch", "业务主题分类中没有类别“{name}”").format(name=class_name),
                    )
                    continue
                if item_name is not None and item_name not in self.known_topics[class_name]:
                    self.checker.report(
                        child(where, "item"),
                        tr("Dispatch", "类别“{class_name}”中没有内容“{name}”").format(
                            class_name=class_name, name=item_name
                        ),
                    )
                    continue
            topic = Topic(class_name, item_name)
            if topic in topics:
                self.checker.report(
                    where, tr("Dispatch", "重复的业务主题“{topic}”").format(topic=topic.label())
                )
                continue
            topics.append(topic)
        return tuple(topics) if len(topics) == len(items) else None

    def _rules(self, value: Any) -> tuple[DispatchRule, ...]:
        items = self.checker.expect_list(value, "rules")
        if items is None:
            return ()
        rules: list[DispatchRule] = []
        seen: dict[str, str] = {}
        for index, item in enumerate(items):
            pointer = child("rules", index)
            rule = self._rule(item, pointer)
            if rule is None:
                continue
            if rule.id in seen:
                self.checker.report(
                    child(pointer, "id"),
                    tr("Dispatch", "规则标识“{id}”重复，已在 {other} 使用").format(
                        id=rule.id, other=seen[rule.id]
                    ),
                )
                continue
            seen[rule.id] = pointer
            rules.append(rule)
        return tuple(rules)

    def _rule(self, item: Any, pointer: str) -> DispatchRule | None:
        checker = self.checker
        entry = checker.expect_object(
            item,
            pointer,
            required=("id", "matter", "topics", "responsibility", "targets"),
            optional=("keywords", "require_keyword", "priority", "reason"),
        )
        if entry is None:
            return None
        before = len(checker.problems)
        rule_id = checker.expect_slug(entry["id"], child(pointer, "id"))
        matter = checker.expect_text(entry["matter"], child(pointer, "matter"))
        topics = self._topics(entry["topics"], child(pointer, "topics"))
        keywords = checker.expect_text_list(
            entry.get("keywords", []), child(pointer, "keywords"), allow_empty=True
        )
        require_keyword = checker.expect_bool(
            entry.get("require_keyword", False), child(pointer, "require_keyword")
        )
        responsibility_text = checker.expect_choice(
            entry["responsibility"], child(pointer, "responsibility"), [r.value for r in Responsibility]
        )
        priority = checker.expect_int(entry.get("priority", 0), child(pointer, "priority"), 0, _MAX_PRIORITY)
        reason = (
            self._template(entry["reason"], child(pointer, "reason"), _RULE_REASON_FIELDS)
            if "reason" in entry
            else None
        )
        targets_list = checker.expect_list(entry["targets"], child(pointer, "targets"))
        targets: list[Target] = []
        if targets_list is not None:
            for index, raw in enumerate(targets_list):
                target = self._target(raw, child(child(pointer, "targets"), index))
                if target is not None:
                    targets.append(target)
        if require_keyword and keywords is not None and not keywords:
            checker.report(
                child(pointer, "require_keyword"), tr("Dispatch", "要求关键词的规则必须列出“keywords”")
            )
        if (
            len(checker.problems) > before
            or rule_id is None
            or matter is None
            or topics is None
            or keywords is None
            or require_keyword is None
            or responsibility_text is None
            or priority is None
        ):
            return None
        rule = DispatchRule(
            id=rule_id,
            matter=matter,
            topics=topics,
            keywords=keywords,
            require_keyword=require_keyword,
            responsibility=Responsibility(responsibility_text),
            targets=tuple(targets),
            priority=priority,
            reason=reason,
        )
        if not self._check_targets(rule, child(pointer, "targets")):
            return None
        return rule

    def _check_targets(self, rule: DispatchRule, pointer: str) -> bool:
        """Check target order (most specific first), and that functional rules never reach a street."""
        before = len(self.checker.problems)
        previous = 2
        for index, target in enumerate(rule.targets):
            level = _specificity(target, self.directory)
            if level > previous:
                self.checker.report(
                    child(pointer, index),
                    tr("Dispatch", "目标应按属地由细到粗排列：乡镇（街道）→ 区县 → 全市，此目标比前一个更细"),
                )
            previous = min(previous, level)
        if rule.responsibility is Responsibility.FUNCTIONAL:
            probe = self._probe_catalogue()
            for index, target in enumerate(rule.targets):
                pushed_down = target.kind is TargetKind.STREET_OFFICE or (
                    target.kind is TargetKind.PATTERN and "street" in (_pattern_fields(target.value) or ())
                )
                if not pushed_down:
                    reached = {probe.resolve_target(target, place) for place in self.places} | {
                        probe.resolve_target(target, Place())
                    }
                    pushed_down = any(unit is not None and not _may_take_functional(unit) for unit in reached)
                if pushed_down:
                    self.checker.report(
                        child(pointer, index),
                        tr(
                            "Dispatch",
                            "职能类事项的目标不能是乡镇（街道）或属地政府：应当由职能部门办理的事项不得分派给基层（浙政办发〔2025〕33号第十三条）",
                        ),
                    )
        return len(self.checker.problems) == before


def validate_catalogue(
    rule_file: RuleFile,
    directory: UnitDirectory,
    known_topics: Mapping[str, Collection[str]] | None = None,
) -> tuple[DispatchCatalogue | None, list[RuleError]]:
    """Check a dispatch catalogue rule file against ``directory`` and build the catalogue.

    Args:
        rule_file: the catalogue document.
        directory: the unit directory its targets refer to.
        known_topics: the business topic index (class → items); when given, every topic of the
            catalogue must be in it.

    Returns:
        The catalogue (``None`` when the file has problems) and every problem found.
    """
    checker = _CatalogueChecker(rule_file, directory, known_topics)
    catalogue = checker.run()
    return catalogue, checker.checker.problems


def load_catalogue(
    rule_file: RuleFile,
    directory: UnitDirectory,
    known_topics: Mapping[str, Collection[str]] | None = None,
) -> DispatchCatalogue:
    """Build the catalogue from its rule file; raises the first ``RuleError`` found."""
    catalogue, problems = validate_catalogue(rule_file, directory, known_topics)
    if catalogue is None:
        raise problems[0]
    return catalogue


def load_default(rule_book: RuleBook | None = None) -> DispatchCatalogue:
    """Load ``units.json`` and ``dispatch_catalogue.json`` from the rule book in force."""
    book = rule_book or RuleBook()
    return load_catalogue(book.get(CATALOGUE_RULE_NAME), load_default_units(book))


@lru_cache(maxsize=1)
def default_catalogue() -> DispatchCatalogue:
    """The shipped catalogue, loaded once; prefer holding a ``DispatchCatalogue`` you built."""
    return load_default()


def suggest(
    topic: Topic | None,
    district: str | None,
    street: str | None,
    text: str,
    limit: int = 3,
    catalogue: DispatchCatalogue | None = None,
) -> list[Suggestion]:
    """Rank handling units for a matter with ``catalogue`` (the shipped one by default).

    See ``DispatchCatalogue.suggest`` for the rules.
    """
    return (catalogue or default_catalogue()).suggest(topic, district, street, text, limit)
