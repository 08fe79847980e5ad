"""The training backend's simulated callers, loaded from ``resources/rules/training_callers.json``.

Each caller has what a trainee needs to record an order: a name (or none, for a caller who will
not give it), a number (mobile, landline, or withheld), a district and address, the queue and IVR
note the call arrives with, and one or two sentences of what they call about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile
from seatclient.seat._checks import RuleChecker, child_pointer

RULE_FILE_NAME = "training_callers"
REQUEST_TYPES = ("咨询", "求助", "投诉举报", "意见建议")
NUMBER_KINDS = ("mobile", "landline", "withheld")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE = re.compile(r"0[1-9][0-9]{1,2}-?[0-9]{7,8}")


@dataclass(frozen=True)
class TrainingCaller:
    """One simulated caller.

    Attributes:
        name: the name the caller gives, or ``""`` when they will not.
        number_kind: ``mobile``, ``landline`` or ``withheld``.
        number: the calling number; ``""`` when withheld.
        district: the district or county (区县) the matter is in.
        address: the street address, or ``""``.
        queue: the queue (skill) the call arrives through.
        ivr_note: what the caller chose in the voice menu.
        request_type: the expected request type (诉求类型).
        topic: what the caller says, in their words.
    """

    name: str
    number_kind: str
    number: str
    district: str
    address: str
    queue: str
    ivr_note: str
    request_type: str
    topic: str

    @property
    def withheld(self) -> bool:
        """Whether the caller's number is not shown."""
        return self.number_kind == "withheld"


def training_caller_problems(rule_file: RuleFile) -> list[RuleError]:
    """Return every problem of a ``training_callers`` document (empty when sound)."""
    checker = RuleChecker(rule_file)
    _collect(checker, rule_file)
    return checker.problems


def load_training_callers(rule_file: RuleFile) -> list[TrainingCaller]:
    """Load and check the simulated callers.

    Raises:
        RuleError: the first problem found, with its key path and line.
    """
    checker = RuleChecker(rule_file)
    callers = _collect(checker, rule_file)
    if checker.problems:
        raise checker.problems[0]
    return callers


def load_default_callers(rule_book: RuleBook | None = None) -> list[TrainingCaller]:
    """Load ``training_callers`` from ``rule_book`` (default: the shipped and hall layers)."""
    return load_training_callers((rule_book or RuleBook()).get(RULE_FILE_NAME))


_TEXT_FIELDS = ("district", "queue", "ivr_note", "topic")


def _collect(checker: RuleChecker, rule_file: RuleFile) -> list[TrainingCaller]:
    root = checker.object("", rule_file.data, required=("callers",), optional=("version", "description"))
    if root is None:
        return []
    entries = root.get("callers")
    if not isinstance(entries, list) or not entries:
        checker.report("callers", tr("TrainingCallers", "应为非空数组，每项一位模拟来电人"))
        return []
    callers: list[TrainingCaller] = []
    for index, entry in enumerate(entries):
        here = child_pointer("callers", index)
        item = checker.object(
            here,
            entry,
            required=(
                "name",
                "number_kind",
                "number",
                "district",
                "address",
                "queue",
                "ivr_note",
                "request_type",
                "topic",
            ),
        )
        if item is None or any(key not in item for key in ("number_kind", "number", "request_type")):
            continue
        texts = {
            key: checker.text(child_pointer(here, key), item.get(key), max_length=200) for key in _TEXT_FIELDS
        }
        optional_texts: dict[str, str | None] = {}
        for key in ("name", "address"):
            value = item.get(key)
            if not isinstance(value, str) or len(value) > 60:
                checker.report(
                    child_pointer(here, key), tr("TrainingCallers", "应为文字（可为空），最多 60 个字符")
                )
                optional_texts[key] = None
            else:
                optional_texts[key] = value
        kind = checker.choice(child_pointer(here, "number_kind"), item["number_kind"], NUMBER_KINDS)
        request_type = checker.choice(
            child_pointer(here, "request_type"), item["request_type"], REQUEST_TYPES
        )
        number = item["number"]
        number_ok = isinstance(number, str) and (
            (kind == "withheld" and number == "")
            or (kind == "mobile" and _MOBILE.fullmatch(number) is not None)
            or (kind == "landline" and _LANDLINE.fullmatch(number) is not None)
        )
        if kind is not None and not number_ok:
            checker.report(
                child_pointer(here, "number"),
                tr(
                    "TrainingCallers",
                    "号码与类型不符：mobile 为 11 位手机号，landline 为带区号的座机号（如 0571-87001234），withheld 时为空",
                ),
            )
        values = [*texts.values(), *optional_texts.values(), kind, request_type]
        if not number_ok or any(value is None for value in values):
            continue
        callers.append(
            TrainingCaller(
                name=str(optional_texts["name"]),
                number_kind=str(kind),
                number=number,
                district=str(texts["district"]),
                address=str(optional_texts["address"]),
                queue=str(texts["queue"]),
                ivr_note=str(texts["ivr_note"]),
                request_type=str(request_type),
                topic=str(texts["topic"]),
            )
        )
    return callers
