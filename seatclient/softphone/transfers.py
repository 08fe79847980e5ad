"""Transfer targets as data, and what a call-taker is told about a transfer: Qt-free.

The targets a call-taker may consult, bring into a three-way call (三方通话) or hand the caller to are
the rule file ``transfer_targets.json``: specialist seats (专席, HZ 4.5.2, ZJ art. 9), other hotlines,
and the emergency lines 110 / 119 / 120 / 122 with the bridge each is reached through (ZJ art. 11).
Handling units are reached at the number the unit directory gives them (``units.json``), so the
three-way call of an extra-urgent order (特急件, HZ 6.3.2) goes to the unit it was dispatched to.

Every target has an id that says what it is: ``specialist:hrss``, ``hotline:12315``,
``emergency:110`` or ``unit:xihu-law-enforcement``; the backend resolves the same ids.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from seatclient.api.models import ConsultInfo, ConsultOutcome, ConsultPhase, EmergencyHandoff, TransferKind
from seatclient.dispatch.pinyin_match import match_pinyin, normalise_pinyin_query, pinyin_key
from seatclient.dispatch.units import UNITS_RULE_NAME, Unit, UnitDirectory, load_units
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

log = logging.getLogger(__name__)

RULE_FILE_NAME = "transfer_targets"
MIN_RING_SECONDS = 5
MAX_RING_SECONDS = 120
MAX_KEYWORDS = 30

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_NUMBER_PATTERN = re.compile(r"^[0-9][0-9-]{2,19}$")
_LINE_PATTERN = re.compile(r"^[0-9]{3,8}$")
_SECTIONS = ("specialists", "hotlines", "emergency_lines")


class TargetKind(StrEnum):
    """What a transfer target is; the prefix of its id."""

    SPECIALIST = "specialist"
    HOTLINE = "hotline"
    UNIT = "unit"
    EMERGENCY = "emergency"


def kind_label(kind: TargetKind) -> str:
    """Return the Chinese name of a kind of target, as the target list groups them."""
    match kind:
        case TargetKind.SPECIALIST:
            return tr("TransferTargets", "专席")
        case TargetKind.HOTLINE:
            return tr("TransferTargets", "其他热线")
        case TargetKind.UNIT:
            return tr("TransferTargets", "承办单位")
        case TargetKind.EMERGENCY:
            return tr("TransferTargets", "紧急联动")


@dataclass(frozen=True)
class TransferTarget:
    """One party a call can be consulted with or handed to.

    Attributes:
        id: ``<kind>:<key>``, e.g. ``specialist:hrss``; the backend resolves the same id.
        kind: specialist, hotline, unit or emergency line.
        name: what the call-taker sees, e.g. ``人力社保专席``.
        number: the number dialled: an extension, a hotline, a unit's number, or an emergency bridge.
        keywords: words the target is found by (``社保``, ``公积金`` …).
        description: what the target helps with, for the tooltip.
        line: the emergency line (``110``) for emergency targets, else ``None``.
    """

    id: str
    kind: TargetKind
    name: str
    number: str
    keywords: tuple[str, ...] = ()
    description: str = ""
    line: str | None = None

    @property
    def label(self) -> str:
        """The name with the number, as a list shows it: ``人力社保专席（8101）``."""
        return tr("TransferTargets", "{name}（{number}）").format(name=self.name, number=self.number)


@dataclass(frozen=True)
class TransferTargets:
    """The transfer targets in force, in file order, with their look-ups and search.

    Attributes:
        targets: specialists, then hotlines, then emergency lines (units are added by ``with_units``).
        consult_ring_seconds: how long a consulted party rings before it counts as not answering.
        version: the rule file's version text.
    """

    targets: tuple[TransferTarget, ...]
    consult_ring_seconds: int = 20
    version: str = ""

    def find(self, target_id: str) -> TransferTarget | None:
        """Return the target with ``target_id``, or ``None``."""
        return next((target for target in self.targets if target.id == target_id), None)

    def of_kind(self, kind: TargetKind) -> list[TransferTarget]:
        """Return the targets of one kind, in file order."""
        return [target for target in self.targets if target.kind is kind]

    def emergency_line(self, line: str) -> TransferTarget | None:
        """Return the emergency target of ``line`` (``110`` …), or ``None`` when it is not configured."""
        return self.find(f"{TargetKind.EMERGENCY.value}:{line.strip()}")

    @property
    def emergency_lines(self) -> list[str]:
        """The emergency lines in force, in file order: ``["110", "119", "120", "122"]``."""
        return [target.line for target in self.of_kind(TargetKind.EMERGENCY) if target.line]

    def consultable(self) -> list[TransferTarget]:
        """The targets one may consult or transfer to: everything but the emergency lines."""
        return [target for target in self.targets if target.kind is not TargetKind.EMERGENCY]

    def with_units(self, units: Iterable[Unit]) -> TransferTargets:
        """Return these targets plus every unit that has a contact number, after the hotlines."""
        extra = [unit_target(unit) for unit in units if unit.phone]
        known = {target.id for target in self.targets}
        kept = [target for target in extra if target.id not in known]
        emergency = self.of_kind(TargetKind.EMERGENCY)
        others = [target for target in self.targets if target.kind is not TargetKind.EMERGENCY]
        return TransferTargets(tuple([*others, *kept, *emergency]), self.consult_ring_seconds, self.version)

    def search(self, query: str, limit: int = 50, include_emergency: bool = False) -> list[TransferTarget]:
        """Find targets by Chinese text, pinyin (``gjj`` → 公积金专席), number or keyword.

        Whitespace separates terms and a target must match every term. Names rank above keywords;
        an empty query lists every target in file order.

        Args:
            query: what the call-taker typed.
            limit: the most targets to return.
            include_emergency: whether the emergency lines may be listed too.
        """
        pool = self.targets if include_emergency else tuple(self.consultable())
        terms = [term for term in query.split() if term.strip()]
        if not terms:
            return list(pool[:limit])
        scored: list[tuple[int, int, TransferTarget]] = []
        for order, target in enumerate(pool):
            total = 0
            for term in terms:
                score = _term_score(term, target)
                if score == 0:
                    break
                total += score
            else:
                scored.append((-total, order, target))
        scored.sort(key=lambda hit: hit[:2])
        return [target for _, _, target in scored[:limit]]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().strip()


def _term_score(term: str, target: TransferTarget) -> int:
    """Score one search term against a target; 0 when it does not match."""
    folded = _fold(term)
    name = _fold(target.name)
    if name.startswith(folded):
        return 100
    if folded in name:
        return 80
    if target.number.startswith(folded) or (target.line is not None and target.line == folded):
        return 70
    if any(folded in _fold(keyword) for keyword in target.keywords):
        return 50
    pinyin_query = normalise_pinyin_query(term)
    if pinyin_query:
        match = match_pinyin(pinyin_query, pinyin_key(target.name))
        if match is not None:
            return 20 + 10 * int(match.fit)
    if folded in _fold(target.description):
        return 10
    return 0


def unit_target(unit: Unit) -> TransferTarget:
    """Return the transfer target of a handling unit reached at its directory number.

    Raises:
        ValueError: the unit has no contact number in the directory.
    """
    if not unit.phone:
        raise ValueError(f"unit {unit.id} has no contact number")
    return TransferTarget(
        id=f"{TargetKind.UNIT.value}:{unit.id}",
        kind=TargetKind.UNIT,
        name=unit.name,
        number=unit.phone,
        keywords=(unit.short_name, *unit.aliases, *unit.duties),
    )


def resolve_target(
    target_id: str, targets: TransferTargets, directory: UnitDirectory | None = None
) -> TransferTarget | None:
    """Return the target ``target_id`` names: a configured one, or a unit with a number in ``directory``."""
    found = targets.find(target_id)
    if found is not None:
        return found
    prefix = f"{TargetKind.UNIT.value}:"
    if directory is None or not target_id.startswith(prefix):
        return None
    unit = directory.find(target_id.removeprefix(prefix))
    return unit_target(unit) if unit is not None and unit.phone else None


# ------------------------------------------------------------------------------------- loading


def transfer_target_problems(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem of a ``transfer_targets`` document, each with its key path and line."""
    problems: list[RuleError] = []
    _parse(rule_file, problems)
    return problems


def load_transfer_targets(rule_file: RuleFile) -> TransferTargets:
    """Load and check a ``transfer_targets`` document (a file, or the config bundle's copy).

    Raises:
        RuleError: the first problem found, naming its key path and line; use
            ``transfer_target_problems`` to list them all.
    """
    problems: list[RuleError] = []
    targets = _parse(rule_file, problems)
    if problems or targets is None:
        raise problems[0]
    return targets


def load_default_targets(rule_book: RuleBook | None = None) -> TransferTargets:
    """Load ``transfer_targets`` from ``rule_book`` (default: the shipped and hall layers)."""
    return load_transfer_targets((rule_book or RuleBook()).get(RULE_FILE_NAME))


class _Reader:
    """Checks values of one document and collects the problems with their pointers."""

    def __init__(self, rule_file: RuleFile, problems: list[RuleError]) -> None:
        self.rule_file = rule_file
        self.problems = problems

    def problem(self, pointer: str, text: str) -> None:
        self.problems.append(self.rule_file.error(pointer, text))

    def object(self, pointer: str, value: Any, required: tuple[str, ...], optional: tuple[str, ...]) -> bool:
        if not isinstance(value, Mapping):
            self.problem(pointer, tr("TransferTargets", "应为对象（{…}）"))
            return False
        allowed = (*required, *optional)
        for key in value:
            if key not in allowed:
                self.problem(
                    _child(pointer, str(key)),
                    tr("TransferTargets", "不认识的键“{key}”；可用的键：{allowed}").format(
                        key=key, allowed="、".join(allowed)
                    ),
                )
        ok = True
        for key in required:
            if key not in value:
                self.problem(pointer, tr("TransferTargets", "缺少必填的键“{key}”").format(key=key))
                ok = False
        return ok

    def text(self, pointer: str, value: Any, max_length: int = 200) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(pointer, tr("TransferTargets", "应为非空文字"))
            return None
        if len(value) > max_length:
            self.problem(pointer, tr("TransferTargets", "太长：最多 {n} 个字").format(n=max_length))
            return None
        return value.strip()

    def matching(self, pointer: str, value: Any, pattern: re.Pattern[str], allowed: str) -> str | None:
        text = value if isinstance(value, str) else None
        if text is None or not pattern.fullmatch(text):
            self.problem(pointer, tr("TransferTargets", "格式不对：应为{allowed}").format(allowed=allowed))
            return None
        return text

    def keywords(self, pointer: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or len(value) > MAX_KEYWORDS:
            self.problem(pointer, tr("TransferTargets", "应为文字的列表，最多 {n} 个").format(n=MAX_KEYWORDS))
            return ()
        words: list[str] = []
        for index, item in enumerate(value):
            word = self.text(_child(pointer, str(index)), item, max_length=40)
            if word is not None:
                words.append(word)
        return tuple(words)


def _child(pointer: str, key: str) -> str:
    return f"{pointer}/{key}" if pointer else key


def _parse(rule_file: RuleFile, problems: list[RuleError]) -> TransferTargets | None:
    """Check the whole document and build the targets when it is sound."""
    reader = _Reader(rule_file, problems)
    root = rule_file.data
    if not reader.object(
        "", root, required=_SECTIONS, optional=("version", "description", "consult_ring_seconds")
    ):
        return None
    version = ""
    if "version" in root:
        version = reader.text("version", root["version"], max_length=40) or ""
    if "description" in root:
        reader.text("description", root["description"], max_length=2000)
    ring_seconds = 20
    if "consult_ring_seconds" in root:
        value = root["consult_ring_seconds"]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not MIN_RING_SECONDS <= value <= MAX_RING_SECONDS
        ):
            reader.problem(
                "consult_ring_seconds",
                tr("TransferTargets", "应为 {low} 到 {high} 之间的整数（秒）").format(
                    low=MIN_RING_SECONDS, high=MAX_RING_SECONDS
                ),
            )
        else:
            ring_seconds = value
    targets: list[TransferTarget] = []
    for section in _SECTIONS:
        items = root[section]
        if not isinstance(items, list) or (section == "emergency_lines" and not items):
            reader.problem(section, tr("TransferTargets", "应为非空的列表"))
            continue
        for index, item in enumerate(items):
            target = _parse_item(reader, section, f"{section}/{index}", item)
            if target is not None:
                targets.append(target)
    seen: dict[str, int] = {}
    for target in targets:
        seen[target.id] = seen.get(target.id, 0) + 1
    for target_id, count in seen.items():
        if count > 1:
            reader.problem(
                "",
                tr("TransferTargets", "转接对象 {id} 重复出现 {count} 次；每个编号只能出现一次").format(
                    id=target_id, count=count
                ),
            )
    if problems:
        return None
    return TransferTargets(tuple(targets), ring_seconds, version)


def _parse_item(reader: _Reader, section: str, pointer: str, item: Any) -> TransferTarget | None:
    number_text = tr("TransferTargets", "数字号码（可含连字符，3 到 20 位）")
    if section == "emergency_lines":
        if not reader.object(pointer, item, required=("line", "name", "bridge"), optional=("keywords",)):
            return None
        line = reader.matching(
            _child(pointer, "line"),
            item["line"],
            _LINE_PATTERN,
            tr("TransferTargets", "3 到 8 位数字，如 110"),
        )
        name = reader.text(_child(pointer, "name"), item["name"], max_length=40)
        bridge = reader.matching(_child(pointer, "bridge"), item["bridge"], _NUMBER_PATTERN, number_text)
        keywords = reader.keywords(_child(pointer, "keywords"), item.get("keywords", []))
        if line is None or name is None or bridge is None:
            return None
        return TransferTarget(
            id=f"{TargetKind.EMERGENCY.value}:{line}",
            kind=TargetKind.EMERGENCY,
            name=tr("TransferTargets", "{line} {name}").format(line=line, name=name),
            number=bridge,
            keywords=keywords,
            line=line,
        )
    kind = TargetKind.SPECIALIST if section == "specialists" else TargetKind.HOTLINE
    if not reader.object(
        pointer, item, required=("id", "name", "number"), optional=("keywords", "description")
    ):
        return None
    key = reader.matching(
        _child(pointer, "id"),
        item["id"],
        _ID_PATTERN,
        tr("TransferTargets", "小写字母、数字和连字符，最长 40 个字符"),
    )
    name = reader.text(_child(pointer, "name"), item["name"], max_length=60)
    number = reader.matching(_child(pointer, "number"), item["number"], _NUMBER_PATTERN, number_text)
    keywords = reader.keywords(_child(pointer, "keywords"), item.get("keywords", []))
    description = ""
    if "description" in item:
        description = reader.text(_child(pointer, "description"), item["description"], max_length=500) or ""
    if key is None or name is None or number is None:
        return None
    return TransferTarget(
        id=f"{kind.value}:{key}",
        kind=kind,
        name=name,
        number=number,
        keywords=keywords,
        description=description,
    )


def load_targets_in_force(rule_book: RuleBook | None = None) -> TransferTargets:
    """Load the targets in force plus every unit of the unit directory that has a contact number.

    A unit directory that does not load only loses the unit targets (it is logged); the directory's
    own checks report it elsewhere.

    Raises:
        RuleError: the ``transfer_targets`` document has a problem.
    """
    book = rule_book or RuleBook()
    targets = load_default_targets(book)
    try:
        directory = load_units(book.get(UNITS_RULE_NAME))
    except RuleError as exc:
        log.error("the unit directory is unusable, units cannot be consulted: %s", exc)
        return targets
    return targets.with_units(directory.units)


# ------------------------------------------------------------------------------------ handoff


def emergency_handoff(values: Mapping[str, Any], order_id: str, caller_number: str = "") -> EmergencyHandoff:
    """Build the handoff packet an emergency line receives from the order as recorded so far.

    The summary is the event description (事由), else the request (诉求); the address is where it
    happened (事发地点), else the caller's address; the callback number is the contact phone the
    order holds, else the number the call came from. Whatever is empty stays empty: an emergency
    is never held up for a field.

    Args:
        values: the order form's values by field key.
        order_id: the order's id, or the call id while the order has none.
        caller_number: the calling number (``""`` when withheld).
    """

    def first(*keys: str) -> str:
        for key in keys:
            value = values.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return ""

    return EmergencyHandoff(
        summary=first("event_description", "caller_request")[:2000],
        address=first("occurred_location", "address")[:300],
        callback_number=(first("caller_phone") or caller_number)[:32],
        order_id=order_id[:80],
    )


# ----------------------------------------------------------------------------------- telling


def describe_consult(consult: ConsultInfo) -> str:
    """Return what the call panel says about the third party's leg, e.g. ``对方忙，已回到来电人``."""
    name = consult.target_name
    if consult.phase is ConsultPhase.RINGING:
        if consult.kind is TransferKind.CONSULT:
            return tr("TransferState", "正在呼叫 {name}，来电人保持中…").format(name=name)
        return tr("TransferState", "正在转接 {name}…").format(name=name)
    if consult.phase is ConsultPhase.TALKING:
        return tr("TransferState", "{name} 已接通：可三方通话、完成转接或结束咨询").format(name=name)
    if consult.phase is ConsultPhase.CONFERENCE:
        return tr("TransferState", "三方通话中：来电人、{name} 和您").format(name=name)
    returned = consult.caller_returned
    match consult.outcome:
        case ConsultOutcome.BUSY:
            return (
                tr("TransferState", "{name} 忙，已回到来电人。").format(name=name)
                if returned
                else tr("TransferState", "{name} 忙，未能接通。").format(name=name)
            )
        case ConsultOutcome.NO_ANSWER:
            return (
                tr("TransferState", "{name} 无人接听，已回到来电人。").format(name=name)
                if returned
                else tr("TransferState", "{name} 无人接听，未能接通。").format(name=name)
            )
        case ConsultOutcome.TARGET_HUNG_UP:
            return tr("TransferState", "{name} 已挂断，已回到来电人。").format(name=name)
        case ConsultOutcome.CANCELLED:
            return tr("TransferState", "已结束咨询 {name}，回到来电人。").format(name=name)
        case ConsultOutcome.CALLER_HUNG_UP:
            return tr("TransferState", "来电人已挂断，与 {name} 的咨询已结束。").format(name=name)
        case ConsultOutcome.AGENT_HUNG_UP:
            return tr("TransferState", "三方通话已结束。")
        case ConsultOutcome.TRANSFERRED:
            if consult.kind is TransferKind.EMERGENCY:
                return tr("TransferState", "已紧急转接 {name}，交接信息已发送。").format(name=name)
            return tr("TransferState", "已转接给 {name}。").format(name=name)
    return tr("TransferState", "与 {name} 的通话已结束。").format(name=name)
