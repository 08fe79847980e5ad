"""Training scenarios (培训场景): simulated calls as data, validated against the hall's rules.

Each scenario is one JSON file in ``resources/training/scenarios/`` (the file stem is its id). It
says who calls and how (:class:`CallerProfile`), what they say once answered (:class:`CallerLine`,
seconds after the answer), how they reply to the trainee's questions (:class:`CallerAnswer`, keyword
triggers), how long they let it ring before hanging up, which earlier orders of theirs exist
(:class:`EarlierOrder`, for repeat callers), and what a call-taker should make of the call
(:class:`ExpectedOutcome`): disposition, request type, business topic, place, handling units, time
limit, confidentiality, the reason or emergency line where the matter is not accepted or is
transferred, the facts the record must hold and the scripts that must be said.

Every name is cross-checked against the rule files in force (taxonomy, places, units, time limits,
scripts and the intake form), so a scenario can never expect what the client cannot record. A problem
is a ``RuleError`` naming the file, the key path and the line.

The mock backend plays a scenario with :meth:`Scenario.lines_between` and :meth:`Scenario.reply_to`;
:mod:`seatclient.training.scoring` scores a trainee's call against its expected outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from seatclient.compliance.scripts import (
    CallPhase,
    EmergencyLine,
    NotAcceptedReason,
    ScriptBook,
    ScriptSelectionError,
    load_default_scripts,
)
from seatclient.dispatch.units import UnitDirectory, UnitLevel, load_default_units
from seatclient.forms import places as places_module
from seatclient.forms import schema as schema_module
from seatclient.forms import taxonomy as taxonomy_module
from seatclient.forms import time_limits as time_limits_module
from seatclient.forms.places import PlaceRef, Places
from seatclient.forms.schema import FieldType, FormSchema
from seatclient.forms.taxonomy import RuleChecker, Taxonomy, TopicRef, child_pointer
from seatclient.forms.time_limits import TimeLimits
from seatclient.forms.validation import parse_phone
from seatclient.i18n import join_list, tr
from seatclient.resources import resource_path
from seatclient.rules import RuleBook, RuleError, RuleFile, load_rule_file

SCENARIO_FOLDER = ("training", "scenarios")
"""Where the shipped scenarios live, under ``resources/``."""

WITHHELD = "withheld"
"""The ``caller/number`` of a caller whose number is not shown."""

APPENDIX_D_POLICY = "HZ-2020"
"""The time-limit policy holding HZ appendix D (table D.1) and its example kinds."""

EXTRA_URGENT_CLASS = "extra_urgent"
"""The appendix-D class (特急件) that an extra-urgent dispatch stands for."""

REQUEST_TYPE_FIELD = "request_type"
"""The intake-form field whose options are the request types a scenario may expect."""

CALLER_TITLES = ("先生", "女士")
"""How a caller is addressed; the record may hold the surname with this title."""

MAX_SECONDS = 3600
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ORDER_NUMBER_PATTERN = re.compile(r"^[0-9A-Za-z-]{1,40}$")
_ARTICLE_PATTERN = re.compile(r"^[0-9A-Za-z_-]{1,40}$")
_E = TypeVar("_E", bound=StrEnum)


class Disposition(StrEnum):
    """What the call-taker does with a call (HZ 6.3, ZJ art. 11-14)."""

    DIRECT_ANSWER = "direct_answer"
    DISPATCH = "dispatch"
    DISPATCH_EXTRA_URGENT = "dispatch_extra_urgent"
    NOT_ACCEPTED = "not_accepted"
    EMERGENCY_TRANSFER = "emergency_transfer"
    LINK_EXISTING = "link_existing"


DISPATCH_DISPOSITIONS = frozenset({Disposition.DISPATCH, Disposition.DISPATCH_EXTRA_URGENT})
"""Dispositions that send the order to a handling unit, with a time limit."""

URGENT_DISPOSITIONS = frozenset({Disposition.EMERGENCY_TRANSFER, Disposition.DISPATCH_EXTRA_URGENT})
"""Dispositions for matters that need action now (HZ 10.2.1: urgent reports handled correctly)."""


class CallerManner(StrEnum):
    """How the simulated caller behaves."""

    CALM = "calm"
    UPSET = "upset"
    ABUSIVE = "abusive"
    SILENT = "silent"
    ELDERLY = "elderly"
    DIALECT = "dialect"


class Difficulty(StrEnum):
    """How hard the scenario is for a new call-taker."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class Trap(StrEnum):
    """A situation the standard cares about that the scenario trains."""

    CONFIDENTIALITY = "confidentiality"
    HIDDEN_EMERGENCY = "hidden_emergency"
    REPEAT_CALLER = "repeat_caller"
    OUT_OF_SCOPE = "out_of_scope"
    ABUSIVE_CALLER = "abusive_caller"
    SILENT_LINE = "silent_line"
    KNOWLEDGE_ANSWER = "knowledge_answer"


class FactKind(StrEnum):
    """The elements of a record's content (HZ 7.2): who, when, where, what happened, what is asked."""

    WHO = "who"
    WHEN = "when"
    WHERE = "where"
    WHAT = "what"
    ASK = "ask"


REQUIRED_FACTS = (FactKind.WHAT, FactKind.ASK)
"""Facts every scenario with an order must list; the others depend on the matter."""


def disposition_label(disposition: Disposition) -> str:
    """Return the Chinese name of a disposition, as trainees see it."""
    labels = {
        Disposition.DIRECT_ANSWER: tr("Training", "直接答复"),
        Disposition.DISPATCH: tr("Training", "派单"),
        Disposition.DISPATCH_EXTRA_URGENT: tr("Training", "特急派单（同时电话通知承办单位）"),
        Disposition.NOT_ACCEPTED: tr("Training", "不予受理"),
        Disposition.EMERGENCY_TRANSFER: tr("Training", "转接紧急热线"),
        Disposition.LINK_EXISTING: tr("Training", "关联已有工单"),
    }
    return labels[disposition]


def manner_label(manner: CallerManner) -> str:
    """Return the Chinese name of a caller's manner."""
    labels = {
        CallerManner.CALM: tr("Training", "平静"),
        CallerManner.UPSET: tr("Training", "情绪激动"),
        CallerManner.ABUSIVE: tr("Training", "辱骂"),
        CallerManner.SILENT: tr("Training", "无声"),
        CallerManner.ELDERLY: tr("Training", "老年人"),
        CallerManner.DIALECT: tr("Training", "方言"),
    }
    return labels[manner]


def difficulty_label(difficulty: Difficulty) -> str:
    """Return the Chinese name of a difficulty level."""
    labels = {
        Difficulty.EASY: tr("Training", "初级"),
        Difficulty.MEDIUM: tr("Training", "中级"),
        Difficulty.HARD: tr("Training", "高级"),
    }
    return labels[difficulty]


def trap_label(trap: Trap) -> str:
    """Return the Chinese name of a trap."""
    labels = {
        Trap.CONFIDENTIALITY: tr("Training", "来电人要求保密"),
        Trap.HIDDEN_EMERGENCY: tr("Training", "投诉中隐藏紧急险情"),
        Trap.REPEAT_CALLER: tr("Training", "重复来电"),
        Trap.OUT_OF_SCOPE: tr("Training", "不属于受理范围"),
        Trap.ABUSIVE_CALLER: tr("Training", "辱骂来电"),
        Trap.SILENT_LINE: tr("Training", "无声电话"),
        Trap.KNOWLEDGE_ANSWER: tr("Training", "知识库可直接答复"),
    }
    return labels[trap]


def reason_label(reason: NotAcceptedReason) -> str:
    """Return the Chinese name of a reason a matter is not accepted (HZ 5.2, ZJ art. 11-12)."""
    labels = {
        NotAcceptedReason.LITIGATION: tr("Training", "应通过诉讼解决"),
        NotAcceptedReason.ARBITRATION: tr("Training", "应通过仲裁解决"),
        NotAcceptedReason.DISCIPLINE_INSPECTION: tr("Training", "属于纪检监察机关职责"),
        NotAcceptedReason.ADMINISTRATIVE_REVIEW: tr("Training", "应通过行政复议解决"),
        NotAcceptedReason.INFORMATION_DISCLOSURE: tr("Training", "应申请政府信息公开"),
        NotAcceptedReason.PETITION: tr("Training", "应通过信访渠道解决"),
        NotAcceptedReason.LEGISLATURE_COURTS_PROCURATORATES: tr("Training", "属于人大、法院、检察院职权"),
        NotAcceptedReason.MILITARY: tr("Training", "涉及军队、武警事务"),
        NotAcceptedReason.SECRETS_PRIVACY: tr("Training", "涉及秘密或个人隐私"),
        NotAcceptedReason.NO_CONCRETE_REQUEST: tr("Training", "没有具体诉求"),
        NotAcceptedReason.REPEAT_MATTER: tr("Training", "同一事项重复反映"),
        NotAcceptedReason.AGAINST_LAW_OR_PUBLIC_ORDER: tr("Training", "违反法律或公序良俗"),
        NotAcceptedReason.DESIGNATED_BODY: tr("Training", "应由特定单位受理"),
    }
    return labels[reason]


def fact_label(kind: FactKind) -> str:
    """Return the Chinese name of a record element."""
    labels = {
        FactKind.WHO: tr("Training", "涉及对象"),
        FactKind.WHEN: tr("Training", "时间"),
        FactKind.WHERE: tr("Training", "地点"),
        FactKind.WHAT: tr("Training", "事由"),
        FactKind.ASK: tr("Training", "诉求"),
    }
    return labels[kind]


@dataclass(frozen=True)
class CallerProfile:
    """Who calls and how.

    Attributes:
        name: the name the caller gives when asked, or ``None`` when they will not give one.
        title: ``先生`` or ``女士``, how the caller is addressed.
        number: the number shown at the seat, or ``None`` when it is withheld.
        contact_number: a number the caller gives when asked, when it differs from ``number``.
        district: the district the caller lives in.
        address: the address the caller gives when asked, or ``""``.
        manner: how the caller behaves.
    """

    name: str | None
    title: str
    number: str | None
    district: str
    manner: CallerManner
    contact_number: str | None = None
    address: str = ""

    @property
    def withheld(self) -> bool:
        """Whether the seat sees no number."""
        return self.number is None

    @property
    def callback_number(self) -> str | None:
        """The number the record should hold, or ``None`` when the caller leaves none."""
        return self.contact_number or self.number

    @property
    def surname(self) -> str | None:
        """The caller's surname (the first character of the name), or ``None`` without a name."""
        return self.name[0] if self.name else None

    def accepted_names(self) -> tuple[str, ...]:
        """The values a record's caller name may hold: the full name or surname plus title."""
        if not self.name:
            return ()
        return tuple(dict.fromkeys((self.name, f"{self.name[0]}{self.title}")))


@dataclass(frozen=True)
class CallerLine:
    """Something the caller says unprompted.

    Attributes:
        at_seconds: seconds after the call is answered.
        text: what is said, in spoken Chinese.
    """

    at_seconds: int
    text: str


@dataclass(frozen=True)
class CallerAnswer:
    """How the caller answers a question of the trainee.

    Attributes:
        keywords: any of these in the trainee's words triggers the answer.
        text: the caller's answer.
    """

    keywords: tuple[str, ...]
    text: str

    def matches(self, utterance: str) -> bool:
        """Tell whether ``utterance`` contains one of the keywords."""
        return any(keyword in utterance for keyword in self.keywords)


@dataclass(frozen=True)
class EarlierOrder:
    """An order the caller made before, which the trainee should find (ZJ art. 12).

    Attributes:
        number: the order number.
        registered: the registration date.
        status: the status as shown to call-takers, e.g. ``办理中``.
        topic: the order's business topic.
        summary: what the order is about.
    """

    number: str
    registered: date
    status: str
    topic: TopicRef
    summary: str


class AppendixDKind(NamedTuple):
    """A kind of matter in HZ table D.1: a time-limit class and, where it has some, an example row.

    Attributes:
        class_code: the HZ-2020 class code, e.g. ``extra_urgent``.
        category: the example category, e.g. ``自然灾害``; ``None`` for a class without examples.
    """

    class_code: str
    category: str | None

    def key(self) -> str:
        """Return a stable key, ``extra_urgent/自然灾害`` or ``routine``."""
        return self.class_code if self.category is None else f"{self.class_code}/{self.category}"


@dataclass(frozen=True)
class ExpectedOutcome:
    """What a good call-taker makes of the call.

    Attributes:
        disposition: what is done with the call.
        order_expected: whether the call ends with an order record (a silent line does not).
        closing_expected: whether the call ends with the closing script (not after a transfer).
        request_type: the request-type code of the intake form, or ``None`` without an order.
        topic: the business topic, or ``None`` without an order.
        place: the district and street of the matter, or ``None`` when it has no place.
        units: the handling unit ids acceptable as the main unit (dispatch only).
        time_limits: the time-limit class code by policy name (dispatch only).
        appendix_d_category: the HZ table D.1 example row, for classes that have examples.
        confidential: whether the order must be marked confidential.
        not_accepted_reason: why the matter is not accepted (``not_accepted`` only).
        emergency_line: where the call is transferred (``emergency_transfer`` only).
        linked_order: the earlier order the call belongs to, when there is one.
        facts: keywords the record must contain, by element; any one keyword of a list suffices.
        answer_points: for answers given on the call: each entry lists keywords of which the
            trainee must say at least one.
        scripts: ids of situational scripts the trainee must say (``soothing``, ``silent_line-1``).
        knowledge_articles: ids of knowledge-base articles that answer the caller, for the trainer.
    """

    disposition: Disposition
    order_expected: bool = True
    closing_expected: bool = True
    request_type: str | None = None
    topic: TopicRef | None = None
    place: PlaceRef | None = None
    units: tuple[str, ...] = ()
    time_limits: Mapping[str, str] = field(default_factory=dict)
    appendix_d_category: str | None = None
    confidential: bool = False
    not_accepted_reason: NotAcceptedReason | None = None
    emergency_line: EmergencyLine | None = None
    linked_order: str | None = None
    facts: Mapping[FactKind, tuple[str, ...]] = field(default_factory=dict)
    answer_points: tuple[tuple[str, ...], ...] = ()
    scripts: tuple[str, ...] = ()
    knowledge_articles: tuple[str, ...] = ()

    @property
    def appendix_d_kind(self) -> AppendixDKind | None:
        """The HZ table D.1 kind of the matter, when the scenario names an HZ-2020 class."""
        code = self.time_limits.get(APPENDIX_D_POLICY)
        return None if code is None else AppendixDKind(code, self.appendix_d_category)


@dataclass(frozen=True)
class Scenario:
    """One simulated call with its expected outcome.

    Attributes:
        id: the scenario id, equal to the file stem.
        title: a short Chinese title for the trainer's list.
        difficulty: how hard it is.
        summary: notes for the trainer: what the scenario trains and where the catch is.
        traps: the situations the scenario trains.
        caller: who calls.
        abandon_after_seconds: the caller hangs up when the call rings this long unanswered.
        lines: what the caller says unprompted, in time order.
        answers: how the caller answers the trainee's questions, first match wins.
        history: the caller's earlier orders, for the backend to seed.
        expected: the outcome the trainee is scored against.
        source: the file the scenario came from.
    """

    id: str
    title: str
    difficulty: Difficulty
    summary: str
    traps: tuple[Trap, ...]
    caller: CallerProfile
    abandon_after_seconds: int
    lines: tuple[CallerLine, ...]
    answers: tuple[CallerAnswer, ...]
    history: tuple[EarlierOrder, ...]
    expected: ExpectedOutcome
    source: str = ""

    def lines_between(self, start_seconds: float, end_seconds: float) -> tuple[CallerLine, ...]:
        """Return the lines due in ``[start_seconds, end_seconds)`` after the answer, in order.

        The mock calls this on every tick with the previous and current elapsed time, so each line is
        played exactly once however irregular the ticks are.
        """
        return tuple(line for line in self.lines if start_seconds <= line.at_seconds < end_seconds)

    def reply_to(self, utterance: str) -> CallerAnswer | None:
        """Return the caller's answer to what the trainee said, or ``None`` when nothing fits."""
        for answer in self.answers:
            if answer.matches(utterance):
                return answer
        return None

    def earlier_order(self, number: str) -> EarlierOrder | None:
        """Return the caller's earlier order ``number``, or ``None``."""
        for order in self.history:
            if order.number == number:
                return order
        return None


@dataclass(frozen=True)
class ScenarioReferences:
    """The rule data scenarios are checked against, loaded once for a whole folder.

    Attributes:
        taxonomy: business topics (HZ appendix E).
        places: districts and streets.
        units: the handling-unit directory.
        time_limits: time-limit policies (ZJ-2025, HZ-2020).
        scripts: the service scripts, for script ids, reasons and emergency lines.
        form: the intake form, for request-type codes.
    """

    taxonomy: Taxonomy
    places: Places
    units: UnitDirectory
    time_limits: TimeLimits
    scripts: ScriptBook
    form: FormSchema

    @classmethod
    def load(cls, rule_book: RuleBook | None = None) -> ScenarioReferences:
        """Load every reference through its own loader from ``rule_book`` (the shipped rules by default).

        Raises:
            RuleError: when one of the rule files is itself invalid.
        """
        book = rule_book or RuleBook()
        return cls(
            taxonomy=taxonomy_module.load_default(book),
            places=places_module.load_default(book),
            units=load_default_units(book),
            time_limits=time_limits_module.load_default(book),
            scripts=load_default_scripts(book),
            form=schema_module.load_default(book),
        )

    def request_types(self) -> tuple[str, ...]:
        """The request-type codes the intake form offers (``enquiry``, ``help`` ...)."""
        if not self.form.has_field(REQUEST_TYPE_FIELD):
            return ()
        spec = self.form.field(REQUEST_TYPE_FIELD)
        if spec.type is not FieldType.CHOICE:
            return ()
        return tuple(option.value for option in spec.options)

    def appendix_d_kinds(self) -> tuple[AppendixDKind, ...]:
        """Every kind of HZ table D.1: each example row of a class, or the class when it has none."""
        if APPENDIX_D_POLICY not in self.time_limits.policy_names():
            return ()
        kinds: list[AppendixDKind] = []
        for time_class in self.time_limits.policy(APPENDIX_D_POLICY).classes:
            if time_class.examples:
                kinds.extend(
                    AppendixDKind(time_class.code, example.category) for example in time_class.examples
                )
            else:
                kinds.append(AppendixDKind(time_class.code, None))
        return tuple(kinds)

    def appendix_d_label(self, kind: AppendixDKind) -> str:
        """Return ``特急件 · 自然灾害`` (or just ``常规件``) for ``kind``."""
        label = kind.class_code
        if APPENDIX_D_POLICY in self.time_limits.policy_names():
            for time_class in self.time_limits.policy(APPENDIX_D_POLICY).classes:
                if time_class.code == kind.class_code:
                    label = time_class.label
        return label if kind.category is None else f"{label} · {kind.category}"


# --- loading and validation -------------------------------------------------------------------------

_TOP_REQUIRED = ("id", "title", "difficulty", "caller", "abandon_after_seconds", "lines", "expected")
_TOP_OPTIONAL = ("summary", "traps", "answers", "history", "comment")
_CALLER_REQUIRED = ("name", "title", "number", "district", "manner")
_CALLER_OPTIONAL = ("contact_number", "address")
_EXPECTED_REQUIRED = ("disposition", "confidential")
_EXPECTED_OPTIONAL = (
    "order",
    "closing",
    "request_type",
    "topic",
    "place",
    "units",
    "time_limit",
    "appendix_d",
    "not_accepted_reason",
    "emergency_line",
    "linked_order",
    "facts",
    "answer_points",
    "scripts",
    "knowledge_articles",
)


def _choices(values: Iterable[str]) -> str:
    return join_list(values)


class _ScenarioParser:
    """Walks one scenario document, collecting every problem, and builds the scenario when sound."""

    def __init__(self, rule_file: RuleFile, references: ScenarioReferences) -> None:
        self.file = rule_file
        self.refs = references
        self.check = RuleChecker(rule_file)

    def fail(self, pointer: str, problem: str) -> None:
        self.check.fail(pointer, problem)

    def parse(self) -> Scenario | None:
        root = self.check.mapping(self.file.data, "", required=_TOP_REQUIRED, optional=_TOP_OPTIONAL)
        if root is None:
            return None
        scenario_id = self.check.text(root, "id", "")
        if scenario_id is not None:
            if not _ID_PATTERN.match(scenario_id):
                self.fail(
                    "id", tr("Training", "场景编号只能用小写英文字母、数字和连字符，如 gas-smell-stairwell")
                )
            elif scenario_id != self.file.name:
                self.fail(
                    "id",
                    tr("Training", "场景编号“{id}”应与文件名“{name}.json”一致").format(
                        id=scenario_id, name=self.file.name
                    ),
                )
        title = self.check.text(root, "title", "")
        summary = self.check.text(root, "summary", "") or ""
        self.check.text(root, "comment", "")
        difficulty = self.enum(root, "difficulty", "", Difficulty)
        traps = self.traps(root)
        caller = self.caller(root.get("caller"))
        abandon = self.check.integer(root, "abandon_after_seconds", "", minimum=5, maximum=600)
        lines = self.lines(root, caller)
        answers = self.answers(root)
        history = self.history(root)
        expected = self.expected(root.get("expected"), history)
        if expected is not None:
            self.cross_check(expected, traps, caller, history)
        if (
            self.check.errors
            or scenario_id is None
            or title is None
            or difficulty is None
            or caller is None
            or abandon is None
            or expected is None
        ):
            return None
        return Scenario(
            id=scenario_id,
            title=title,
            difficulty=difficulty,
            summary=summary,
            traps=traps,
            caller=caller,
            abandon_after_seconds=abandon,
            lines=lines,
            answers=answers,
            history=history,
            expected=expected,
            source=self.file.source,
        )

    # -- small typed readers ------------------------------------------------------------------------

    def enum(self, mapping: Mapping[str, Any], key: str, pointer: str, kind: type[_E]) -> _E | None:
        value = self.check.text(mapping, key, pointer)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            self.fail(
                child_pointer(pointer, key),
                tr("Training", "“{value}”不是允许的值，允许：{allowed}").format(
                    value=value, allowed=_choices(member.value for member in kind)
                ),
            )
            return None

    def texts(
        self, mapping: Mapping[str, Any], key: str, pointer: str, allow_empty: bool = False
    ) -> tuple[str, ...] | None:
        """Read a list of non-empty strings."""
        items = self.check.array(mapping, key, pointer, allow_empty=allow_empty)
        if items is None:
            return None
        texts: list[str] = []
        at = child_pointer(pointer, key)
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                self.fail(child_pointer(at, index), tr("Training", "应为不带首尾空格的非空文字"))
                continue
            texts.append(item)
        return tuple(texts)

    def topic(self, value: Any, pointer: str) -> TopicRef | None:
        mapping = self.check.mapping(value, pointer, required=("class", "item"))
        if mapping is None:
            return None
        class_name = self.check.text(mapping, "class", pointer)
        item_name = self.check.text(mapping, "item", pointer)
        if class_name is None or item_name is None:
            return None
        topic_class = self.refs.taxonomy.class_named(class_name)
        if topic_class is None:
            self.fail(
                child_pointer(pointer, "class"),
                tr("Training", "业务主题一级类别“{name}”不在 taxonomy.json 中，可用：{allowed}").format(
                    name=class_name, allowed=_choices(c.name for c in self.refs.taxonomy.classes)
                ),
            )
            return None
        if topic_class.item_named(item_name) is None:
            self.fail(
                child_pointer(pointer, "item"),
                tr("Training", "“{item}”不是“{name}”的二级条目，可用：{allowed}").format(
                    item=item_name, name=class_name, allowed=_choices(i.name for i in topic_class.items)
                ),
            )
            return None
        return TopicRef(class_name, item_name)

    def district(self, mapping: Mapping[str, Any], key: str, pointer: str) -> str | None:
        name = self.check.text(mapping, key, pointer)
        if name is not None and self.refs.places.district(name) is None:
            self.fail(
                child_pointer(pointer, key),
                tr("Training", "区县（市）“{name}”不在 places.json 中，可用：{allowed}").format(
                    name=name, allowed=_choices(d.name for d in self.refs.places.districts)
                ),
            )
            return None
        return name

    def phone(self, mapping: Mapping[str, Any], key: str, pointer: str) -> str | None:
        number = self.check.text(mapping, key, pointer)
        if number is not None and parse_phone(number, "CN") is None:
            self.fail(
                child_pointer(pointer, key),
                tr("Training", "“{number}”不是有效的手机号或带区号的固定电话").format(number=number),
            )
            return None
        return number

    # -- sections -----------------------------------------------------------------------------------

    def traps(self, root: Mapping[str, Any]) -> tuple[Trap, ...]:
        names = self.texts(root, "traps", "", allow_empty=True) or ()
        traps: list[Trap] = []
        for index, name in enumerate(names):
            try:
                traps.append(Trap(name))
            except ValueError:
                self.fail(
                    child_pointer("traps", index),
                    tr("Training", "“{value}”不是允许的值，允许：{allowed}").format(
                        value=name, allowed=_choices(trap.value for trap in Trap)
                    ),
                )
        return tuple(traps)

    def caller(self, value: Any) -> CallerProfile | None:
        pointer = "caller"
        mapping = self.check.mapping(value, pointer, required=_CALLER_REQUIRED, optional=_CALLER_OPTIONAL)
        if mapping is None:
            return None
        name: str | None = None
        if mapping.get("name") is not None:
            name = self.check.text(mapping, "name", pointer)
        title = self.check.text(mapping, "title", pointer)
        if title is not None and title not in CALLER_TITLES:
            self.fail(
                child_pointer(pointer, "title"),
                tr("Training", "称呼只能是：{allowed}").format(allowed=_choices(CALLER_TITLES)),
            )
            title = None
        number: str | None = None
        number_usable = True
        if mapping.get("number") != WITHHELD:
            number = self.phone(mapping, "number", pointer)
            number_usable = number is not None or "number" not in mapping
        contact = self.phone(mapping, "contact_number", pointer)
        district = self.district(mapping, "district", pointer)
        address = self.check.text(mapping, "address", pointer) or ""
        manner = self.enum(mapping, "manner", pointer, CallerManner)
        if title is None or district is None or manner is None or not number_usable:
            return None
        return CallerProfile(
            name=name,
            title=title,
            number=number,
            contact_number=contact,
            district=district,
            address=address,
            manner=manner,
        )

    def lines(self, root: Mapping[str, Any], caller: CallerProfile | None) -> tuple[CallerLine, ...]:
        silent = caller is not None and caller.manner is CallerManner.SILENT
        items = self.check.array(root, "lines", "", allow_empty=silent) or ()
        lines: list[CallerLine] = []
        previous = -1
        for index, item in enumerate(items):
            pointer = child_pointer("lines", index)
            mapping = self.check.mapping(item, pointer, required=("at", "text"))
            if mapping is None:
                continue
            at = self.check.integer(mapping, "at", pointer, minimum=0, maximum=MAX_SECONDS)
            text = self.check.text(mapping, "text", pointer)
            if at is not None and at < previous:
                self.fail(
                    child_pointer(pointer, "at"),
                    tr("Training", "台词时间应按先后排列：{at} 秒早于上一句的 {previous} 秒").format(
                        at=at, previous=previous
                    ),
                )
            if at is not None:
                previous = max(previous, at)
            if at is not None and text is not None:
                lines.append(CallerLine(at, text))
        return tuple(lines)

    def answers(self, root: Mapping[str, Any]) -> tuple[CallerAnswer, ...]:
        answers: list[CallerAnswer] = []
        for index, item in enumerate(self.check.array(root, "answers", "", allow_empty=True) or ()):
            pointer = child_pointer("answers", index)
            mapping = self.check.mapping(item, pointer, required=("keywords", "text"))
            if mapping is None:
                continue
            keywords = self.texts(mapping, "keywords", pointer)
            text = self.check.text(mapping, "text", pointer)
            if keywords and text is not None:
                answers.append(CallerAnswer(keywords, text))
        return tuple(answers)

    def history(self, root: Mapping[str, Any]) -> tuple[EarlierOrder, ...]:
        orders: list[EarlierOrder] = []
        numbers: dict[str, str] = {}
        for index, item in enumerate(self.check.array(root, "history", "", allow_empty=True) or ()):
            pointer = child_pointer("history", index)
            mapping = self.check.mapping(
                item, pointer, required=("order_number", "registered", "status", "topic", "summary")
            )
            if mapping is None:
                continue
            number = self.check.text(mapping, "order_number", pointer)
            if number is not None and not _ORDER_NUMBER_PATTERN.match(number):
                self.fail(
                    child_pointer(pointer, "order_number"),
                    tr("Training", "工单号只能由英文字母、数字和连字符组成，最多 40 个字符"),
                )
                number = None
            if number is not None:
                self.check.unique(
                    numbers, number, child_pointer(pointer, "order_number"), tr("Training", "工单号")
                )
            registered_text = self.check.text(mapping, "registered", pointer)
            registered: date | None = None
            if registered_text is not None:
                try:
                    registered = date.fromisoformat(registered_text)
                except ValueError:
                    self.fail(
                        child_pointer(pointer, "registered"),
                        tr("Training", "登记日期应写成 2026-01-05 这样的格式"),
                    )
            status = self.check.text(mapping, "status", pointer)
            topic = (
                self.topic(mapping.get("topic"), child_pointer(pointer, "topic"))
                if "topic" in mapping
                else None
            )
            summary = self.check.text(mapping, "summary", pointer)
            if number and registered and status and topic and summary:
                orders.append(EarlierOrder(number, registered, status, topic, summary))
        return tuple(orders)

    def expected(self, value: Any, history: Sequence[EarlierOrder]) -> ExpectedOutcome | None:
        pointer = "expected"
        mapping = self.check.mapping(value, pointer, required=_EXPECTED_REQUIRED, optional=_EXPECTED_OPTIONAL)
        if mapping is None:
            return None
        disposition = self.enum(mapping, "disposition", pointer, Disposition)
        order_expected = self.check.boolean(mapping, "order", pointer)
        closing_expected = self.check.boolean(mapping, "closing", pointer)
        confidential = self.check.boolean(mapping, "confidential", pointer)
        request_type = self.check.text(mapping, "request_type", pointer)
        if request_type is not None and request_type not in self.refs.request_types():
            self.fail(
                child_pointer(pointer, "request_type"),
                tr("Training", "诉求分类“{value}”不是受理工单的选项，允许：{allowed}").format(
                    value=request_type, allowed=_choices(self.refs.request_types())
                ),
            )
            request_type = None
        topic = self.topic(mapping["topic"], child_pointer(pointer, "topic")) if "topic" in mapping else None
        place = self.place(mapping)
        units = self.units(mapping, place)
        time_limits = self.time_limits(mapping)
        appendix_d = self.appendix_d(mapping, time_limits)
        reason = self.enum(mapping, "not_accepted_reason", pointer, NotAcceptedReason)
        line = self.enum(mapping, "emergency_line", pointer, EmergencyLine)
        linked = self.check.text(mapping, "linked_order", pointer)
        if linked is not None and linked not in {order.number for order in history}:
            self.fail(
                child_pointer(pointer, "linked_order"),
                tr("Training", "关联工单“{number}”不在本场景的 history 中").format(number=linked),
            )
        facts = self.facts(mapping)
        answer_points = self.answer_points(mapping)
        scripts = self.scripts(mapping)
        articles = self.texts(mapping, "knowledge_articles", pointer, allow_empty=True) or ()
        for index, article in enumerate(articles):
            if not _ARTICLE_PATTERN.match(article):
                self.fail(
                    child_pointer(child_pointer(pointer, "knowledge_articles"), index),
                    tr("Training", "知识库条目编号只能由英文字母、数字、下划线和连字符组成"),
                )
        if disposition is None or confidential is None:
            return None
        return ExpectedOutcome(
            disposition=disposition,
            order_expected=True if order_expected is None else order_expected,
            closing_expected=True if closing_expected is None else closing_expected,
            request_type=request_type,
            topic=topic,
            place=place,
            units=units,
            time_limits=time_limits,
            appendix_d_category=appendix_d,
            confidential=confidential,
            not_accepted_reason=reason,
            emergency_line=line,
            linked_order=linked,
            facts=facts,
            answer_points=answer_points,
            scripts=scripts,
            knowledge_articles=articles,
        )

    def place(self, mapping: Mapping[str, Any]) -> PlaceRef | None:
        if "place" not in mapping:
            return None
        pointer = "expected/place"
        place = self.check.mapping(mapping["place"], pointer, required=("district", "street"))
        if place is None:
            return None
        district = self.district(place, "district", pointer)
        street = self.check.text(place, "street", pointer)
        if district is None or street is None:
            return None
        if not self.refs.places.is_valid(district, street):
            found = self.refs.places.district(district)
            self.fail(
                child_pointer(pointer, "street"),
                tr("Training", "“{street}”不是{district}的街道（镇、乡），可用：{allowed}").format(
                    street=street, district=district, allowed=_choices(found.streets if found else ())
                ),
            )
            return None
        return PlaceRef(district, street)

    def units(self, mapping: Mapping[str, Any], place: PlaceRef | None) -> tuple[str, ...]:
        ids = self.texts(mapping, "units", "expected") or ()
        found: list[str] = []
        for index, unit_id in enumerate(ids):
            at = child_pointer("expected/units", index)
            unit = self.refs.units.find(unit_id)
            if unit is None:
                self.fail(at, tr("Training", "承办单位“{id}”不在 units.json 中").format(id=unit_id))
                continue
            if place is not None and unit.district is not None and unit.district != place.district:
                self.fail(
                    at,
                    tr("Training", "承办单位“{name}”属于{unit_district}，与事项所在地{district}不符").format(
                        name=unit.name, unit_district=unit.district, district=place.district
                    ),
                )
                continue
            if place is not None and unit.level is UnitLevel.STREET and unit.street != place.street:
                self.fail(
                    at,
                    tr("Training", "承办单位“{name}”是{unit_street}的，与事项所在地{street}不符").format(
                        name=unit.name, unit_street=unit.street, street=place.street
                    ),
                )
                continue
            found.append(unit_id)
        return tuple(found)

    def time_limits(self, mapping: Mapping[str, Any]) -> dict[str, str]:
        if "time_limit" not in mapping:
            return {}
        pointer = "expected/time_limit"
        raw = mapping["time_limit"]
        if not isinstance(raw, dict) or not raw:
            self.fail(pointer, tr("Training", '应为“政策名称: 类别编码”的对象，如 {"ZJ-2025": "quick"}'))
            return {}
        limits: dict[str, str] = {}
        policies = self.refs.time_limits.policy_names()
        for policy_name, code in raw.items():
            at = child_pointer(pointer, policy_name)
            if policy_name not in policies:
                self.fail(
                    at,
                    tr("Training", "办理时限政策“{name}”不在 time_limits.json 中，可用：{allowed}").format(
                        name=policy_name, allowed=_choices(policies)
                    ),
                )
                continue
            codes = self.refs.time_limits.policy(policy_name).class_codes()
            if not isinstance(code, str) or code not in codes:
                self.fail(
                    at,
                    tr("Training", "“{code}”不是政策 {name} 的类别，可用：{allowed}").format(
                        code=code, name=policy_name, allowed=_choices(codes)
                    ),
                )
                continue
            limits[policy_name] = code
        default = self.refs.time_limits.default_policy
        if default not in raw:
            self.fail(
                pointer,
                tr("Training", "缺少现行默认政策“{name}”的办理时限类别").format(name=default),
            )
        return limits

    def appendix_d(self, mapping: Mapping[str, Any], time_limits: Mapping[str, str]) -> str | None:
        category = self.check.text(mapping, "appendix_d", "expected")
        code = time_limits.get(APPENDIX_D_POLICY)
        at = "expected/appendix_d"
        if code is None:
            if category is not None:
                self.fail(
                    at,
                    tr("Training", "只有写了 {policy} 的办理时限类别才能写附录 D 事项辨识").format(
                        policy=APPENDIX_D_POLICY
                    ),
                )
            return None
        time_class = self.refs.time_limits.time_class(code, APPENDIX_D_POLICY)
        categories = [example.category for example in time_class.examples]
        if not categories:
            if category is not None:
                self.fail(
                    at,
                    tr("Training", "{label}在附录 D 中没有事项辨识，不能写 appendix_d").format(
                        label=time_class.label
                    ),
                )
            return None
        if category is None:
            if "appendix_d" in mapping:
                return None  # the key is there but unusable: already reported
            self.fail(
                "expected/time_limit",
                tr("Training", "{label}须在 appendix_d 中写明附录 D 的事项辨识，可用：{allowed}").format(
                    label=time_class.label, allowed=_choices(categories)
                ),
            )
            return None
        if category not in categories:
            self.fail(
                at,
                tr("Training", "“{value}”不是{label}的事项辨识，可用：{allowed}").format(
                    value=category, label=time_class.label, allowed=_choices(categories)
                ),
            )
            return None
        return category

    def facts(self, mapping: Mapping[str, Any]) -> dict[FactKind, tuple[str, ...]]:
        if "facts" not in mapping:
            return {}
        pointer = "expected/facts"
        raw = self.check.mapping(mapping["facts"], pointer, required=(), optional=tuple(FactKind))
        if raw is None:
            return {}
        facts: dict[FactKind, tuple[str, ...]] = {}
        for kind in FactKind:
            keywords = self.texts(raw, kind.value, pointer)
            if keywords:
                facts[kind] = keywords
        return facts

    def answer_points(self, mapping: Mapping[str, Any]) -> tuple[tuple[str, ...], ...]:
        points: list[tuple[str, ...]] = []
        items = self.check.array(mapping, "answer_points", "expected", allow_empty=True) or ()
        for index, item in enumerate(items):
            at = child_pointer("expected/answer_points", index)
            if (
                not isinstance(item, list)
                or not item
                or not all(isinstance(word, str) and word.strip() and word == word.strip() for word in item)
            ):
                self.fail(at, tr("Training", "每个答复要点应为不带首尾空格的关键词列表，至少一个关键词"))
                continue
            points.append(tuple(item))
        return tuple(points)

    def scripts(self, mapping: Mapping[str, Any]) -> tuple[str, ...]:
        ids = self.texts(mapping, "scripts", "expected", allow_empty=True) or ()
        known = {script.id for script in self.refs.scripts.scripts}
        for index, script_id in enumerate(ids):
            if script_id not in known:
                self.fail(
                    child_pointer("expected/scripts", index),
                    tr("Training", "话术“{id}”不在 scripts.json 中，可用：{allowed}").format(
                        id=script_id, allowed=_choices(sorted(known))
                    ),
                )
        return tuple(script_id for script_id in ids if script_id in known)

    # -- consistency of the whole outcome -----------------------------------------------------------

    def cross_check(
        self,
        expected: ExpectedOutcome,
        traps: Sequence[Trap],
        caller: CallerProfile | None,
        history: Sequence[EarlierOrder],
    ) -> None:
        data = self.file.data.get("expected", {}) if isinstance(self.file.data, dict) else {}
        disposition = expected.disposition
        label = disposition_label(disposition)

        def needs(key: str, wanted: bool, problem_missing: str, problem_extra: str) -> None:
            present = key in data
            if wanted and not present:
                self.fail("expected", problem_missing)
            elif present and not wanted:
                self.fail(child_pointer("expected", key), problem_extra)

        dispatch = disposition in DISPATCH_DISPOSITIONS
        needs(
            "units",
            dispatch,
            tr("Training", "处置方式为“{label}”时须写 units（可接受的承办单位）").format(label=label),
            tr("Training", "只有派单才写 units，本场景的处置方式是“{label}”").format(label=label),
        )
        needs(
            "time_limit",
            dispatch,
            tr("Training", "处置方式为“{label}”时须写 time_limit（办理时限类别）").format(label=label),
            tr("Training", "只有派单才写 time_limit，本场景的处置方式是“{label}”").format(label=label),
        )
        needs(
            "not_accepted_reason",
            disposition is Disposition.NOT_ACCEPTED,
            tr("Training", "不予受理时须写 not_accepted_reason（不予受理的情形）"),
            tr("Training", "只有不予受理才写 not_accepted_reason"),
        )
        needs(
            "emergency_line",
            disposition is Disposition.EMERGENCY_TRANSFER,
            tr("Training", "转接紧急热线时须写 emergency_line（110、119、120 或 122）"),
            tr("Training", "只有转接紧急热线才写 emergency_line"),
        )
        wants_link = disposition is Disposition.LINK_EXISTING or (
            expected.not_accepted_reason is NotAcceptedReason.REPEAT_MATTER
        )
        needs(
            "linked_order",
            wants_link,
            tr("Training", "关联已有工单或重复反映不予受理时须写 linked_order（已有工单号）"),
            tr("Training", "只有关联已有工单或重复反映不予受理时才写 linked_order"),
        )
        if disposition is Disposition.DIRECT_ANSWER and not expected.answer_points:
            self.fail("expected", tr("Training", "直接答复时须写 answer_points（答复要点）"))
        if dispatch:
            urgent = expected.time_limits.get(APPENDIX_D_POLICY) == EXTRA_URGENT_CLASS
            if disposition is Disposition.DISPATCH_EXTRA_URGENT and not urgent:
                self.fail(
                    "expected/time_limit",
                    tr("Training", "特急派单须写 {policy} 类别 {code}").format(
                        policy=APPENDIX_D_POLICY, code=EXTRA_URGENT_CLASS
                    ),
                )
            if disposition is Disposition.DISPATCH and urgent:
                self.fail(
                    "expected/disposition",
                    tr("Training", "{policy} 类别为 {code} 的事项应写处置方式 dispatch_extra_urgent").format(
                        policy=APPENDIX_D_POLICY, code=EXTRA_URGENT_CLASS
                    ),
                )
        self.check_disposition_script(expected)
        if expected.order_expected:
            for key in ("request_type", "topic", "facts"):
                if key not in data:
                    self.fail("expected", tr("Training", "需要登记工单的场景须写 {key}").format(key=key))
            for kind in REQUIRED_FACTS:
                if "facts" in data and kind not in expected.facts:
                    self.fail(
                        "expected/facts",
                        tr("Training", "facts 须包含 {key}（{label}）").format(
                            key=kind.value, label=fact_label(kind)
                        ),
                    )
        else:
            for key in ("request_type", "topic", "place", "facts"):
                if key in data:
                    self.fail(
                        child_pointer("expected", key),
                        tr("Training", "不登记工单（order 为 false）的场景不写 {key}").format(key=key),
                    )
            if dispatch or disposition is Disposition.LINK_EXISTING:
                self.fail(
                    "expected/order",
                    tr("Training", "处置方式“{label}”需要登记工单，order 不能为 false").format(label=label),
                )
        self.check_traps(expected, traps, caller, history)

    def check_disposition_script(self, expected: ExpectedOutcome) -> None:
        situation = disposition_situation(expected)
        if situation is None:
            return
        try:
            self.refs.scripts.select(CallPhase.DISPOSITION_CHOSEN, situation)
        except ScriptSelectionError as exc:
            self.fail("expected/disposition", exc.message)

    def check_traps(
        self,
        expected: ExpectedOutcome,
        traps: Sequence[Trap],
        caller: CallerProfile | None,
        history: Sequence[EarlierOrder],
    ) -> None:
        manner = caller.manner if caller is not None else None
        rules: list[tuple[Trap, bool, str]] = [
            (
                Trap.CONFIDENTIALITY,
                expected.confidential,
                tr("Training", "要求保密的场景，expected/confidential 应为 true"),
            ),
            (
                Trap.HIDDEN_EMERGENCY,
                expected.disposition in URGENT_DISPOSITIONS,
                tr("Training", "隐藏险情的场景，处置方式应为转接紧急热线或特急派单"),
            ),
            (Trap.REPEAT_CALLER, bool(history), tr("Training", "重复来电的场景须在 history 中写已有工单")),
            (
                Trap.OUT_OF_SCOPE,
                expected.disposition is Disposition.NOT_ACCEPTED,
                tr("Training", "不属于受理范围的场景，处置方式应为不予受理"),
            ),
            (
                Trap.ABUSIVE_CALLER,
                manner is CallerManner.ABUSIVE,
                tr("Training", "辱骂来电的场景，caller/manner 应为 abusive"),
            ),
            (
                Trap.SILENT_LINE,
                manner is CallerManner.SILENT,
                tr("Training", "无声电话的场景，caller/manner 应为 silent"),
            ),
            (
                Trap.KNOWLEDGE_ANSWER,
                expected.disposition is Disposition.DIRECT_ANSWER and bool(expected.knowledge_articles),
                tr("Training", "知识库答复的场景，处置方式应为直接答复并写 knowledge_articles"),
            ),
        ]
        for trap, holds, problem in rules:
            if trap in traps and not holds:
                self.fail(child_pointer("traps", list(traps).index(trap)), problem)


def disposition_situation(expected: ExpectedOutcome) -> str | None:
    """Return the scripts' situation for the expected disposition, or ``None`` when it has no script.

    Dispatches use the ``dispatched`` script, refusals the script of their reason and transfers the
    script of their emergency line (:meth:`ScriptBook.select` with ``DISPOSITION_CHOSEN``).
    """
    if expected.disposition in DISPATCH_DISPOSITIONS:
        return "dispatched"
    if expected.disposition is Disposition.NOT_ACCEPTED and expected.not_accepted_reason is not None:
        return expected.not_accepted_reason.value
    if expected.disposition is Disposition.EMERGENCY_TRANSFER and expected.emergency_line is not None:
        return expected.emergency_line.value
    return None


def validate_scenario(rule_file: RuleFile, references: ScenarioReferences) -> list[RuleError]:
    """Return every problem of one scenario document (empty when it is sound)."""
    parser = _ScenarioParser(rule_file, references)
    parser.parse()
    return parser.check.errors


def load_scenario(rule_file: RuleFile, references: ScenarioReferences) -> Scenario:
    """Build a scenario from its document.

    Raises:
        RuleError: the first problem found, naming the file, key path and line.
    """
    parser = _ScenarioParser(rule_file, references)
    scenario = parser.parse()
    parser.check.raise_first()
    assert scenario is not None  # no errors means every part was built
    return scenario


def default_scenario_dir() -> Path:
    """Return the folder of the shipped scenarios, ``resources/training/scenarios``."""
    return resource_path(*SCENARIO_FOLDER)


def scenario_files(directory: Path | None = None) -> list[Path]:
    """Return the scenario files of ``directory`` (the shipped folder by default), sorted by name."""
    return sorted((directory or default_scenario_dir()).glob("*.json"))


def check_scenarios(
    directory: Path | None = None, references: ScenarioReferences | None = None
) -> list[RuleError]:
    """Return every problem of every scenario in ``directory``, for ``tools validate-config``.

    Ids are unique because each must equal its file's name.
    """
    refs = references or ScenarioReferences.load()
    problems: list[RuleError] = []
    for path in scenario_files(directory):
        try:
            rule_file = load_rule_file(path)
        except RuleError as exc:
            problems.append(exc)
            continue
        problems.extend(validate_scenario(rule_file, refs))
    return problems


def load_scenarios(
    directory: Path | None = None, references: ScenarioReferences | None = None
) -> list[Scenario]:
    """Load every scenario of ``directory`` (the shipped folder by default), in file-name order.

    Raises:
        RuleError: the first problem of the first broken file.
    """
    refs = references or ScenarioReferences.load()
    return [load_scenario(load_rule_file(path), refs) for path in scenario_files(directory)]


# --- coverage --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageEntry:
    """One thing scenarios should cover and the scenarios that do.

    Attributes:
        key: the stable key (a class name, a disposition code, ``extra_urgent/自然灾害``).
        label: the Chinese label.
        scenario_ids: the covering scenarios, in load order.
    """

    key: str
    label: str
    scenario_ids: tuple[str, ...]

    @property
    def covered(self) -> bool:
        """Whether at least one scenario covers it."""
        return bool(self.scenario_ids)


@dataclass(frozen=True)
class CoverageReport:
    """What a set of scenarios covers.

    Attributes:
        topic_classes: every first-level class of appendix E.
        dispositions: every disposition.
        appendix_d_kinds: every kind of HZ table D.1.
        traps: every trap.
        not_accepted_reasons: every reason a matter is not accepted.
        emergency_lines: every emergency line.
        manners: every caller manner.
    """

    topic_classes: tuple[CoverageEntry, ...]
    dispositions: tuple[CoverageEntry, ...]
    appendix_d_kinds: tuple[CoverageEntry, ...]
    traps: tuple[CoverageEntry, ...]
    not_accepted_reasons: tuple[CoverageEntry, ...]
    emergency_lines: tuple[CoverageEntry, ...]
    manners: tuple[CoverageEntry, ...]

    def sections(self) -> dict[str, tuple[CoverageEntry, ...]]:
        """Return the sections by name, for display and for tests."""
        return {
            "topic_classes": self.topic_classes,
            "dispositions": self.dispositions,
            "appendix_d_kinds": self.appendix_d_kinds,
            "traps": self.traps,
            "not_accepted_reasons": self.not_accepted_reasons,
            "emergency_lines": self.emergency_lines,
            "manners": self.manners,
        }

    def missing(self) -> dict[str, list[str]]:
        """Return the uncovered keys by section (sections with nothing missing are left out)."""
        gaps = {
            name: [entry.key for entry in entries if not entry.covered]
            for name, entries in self.sections().items()
        }
        return {name: keys for name, keys in gaps.items() if keys}

    @property
    def complete(self) -> bool:
        """Whether every class, disposition, appendix-D kind and trap is covered."""
        core = ("topic_classes", "dispositions", "appendix_d_kinds", "traps")
        return not any(name in core for name in self.missing())


def coverage_report(scenarios: Sequence[Scenario], references: ScenarioReferences) -> CoverageReport:
    """Report which classes, dispositions, appendix-D kinds, traps, reasons and lines ``scenarios`` cover."""

    def entries(
        keys: Iterable[tuple[str, str]], covers: Mapping[str, list[str]]
    ) -> tuple[CoverageEntry, ...]:
        return tuple(CoverageEntry(key, label, tuple(covers.get(key, ()))) for key, label in keys)

    by_class: dict[str, list[str]] = {}
    by_disposition: dict[str, list[str]] = {}
    by_kind: dict[str, list[str]] = {}
    by_trap: dict[str, list[str]] = {}
    by_reason: dict[str, list[str]] = {}
    by_line: dict[str, list[str]] = {}
    by_manner: dict[str, list[str]] = {}
    for scenario in scenarios:
        expected = scenario.expected
        if expected.topic is not None:
            by_class.setdefault(expected.topic.class_name, []).append(scenario.id)
        by_disposition.setdefault(expected.disposition.value, []).append(scenario.id)
        kind = expected.appendix_d_kind
        if kind is not None:
            by_kind.setdefault(kind.key(), []).append(scenario.id)
        for trap in scenario.traps:
            by_trap.setdefault(trap.value, []).append(scenario.id)
        if expected.not_accepted_reason is not None:
            by_reason.setdefault(expected.not_accepted_reason.value, []).append(scenario.id)
        if expected.emergency_line is not None:
            by_line.setdefault(expected.emergency_line.value, []).append(scenario.id)
        by_manner.setdefault(scenario.caller.manner.value, []).append(scenario.id)
    return CoverageReport(
        topic_classes=entries(((c.name, c.name) for c in references.taxonomy.classes), by_class),
        dispositions=entries(((d.value, disposition_label(d)) for d in Disposition), by_disposition),
        appendix_d_kinds=entries(
            ((k.key(), references.appendix_d_label(k)) for k in references.appendix_d_kinds()), by_kind
        ),
        traps=entries(((t.value, trap_label(t)) for t in Trap), by_trap),
        not_accepted_reasons=entries(((r.value, reason_label(r)) for r in NotAcceptedReason), by_reason),
        emergency_lines=entries(((line.value, line.value) for line in EmergencyLine), by_line),
        manners=entries(((m.value, manner_label(m)) for m in CallerManner), by_manner),
    )
