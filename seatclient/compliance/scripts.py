"""Service scripts (服务用语): what a call-taker says at each phase of a call, kept as hall data.

HZ 7.1 requires a greeting with the job number when the call is answered and thanks and goodbye at the
end; ZJ art. 11-12 require telling a caller whose matter is not accepted where to go instead, and
transferring emergencies to 110, 119, 120 or 122 at once; ZJ art. 18 asks callers to respect the staff.
The texts live in ``resources/rules/scripts.json`` (replaceable by the backend's config bundle); this
module validates them, picks the right one for a call phase and fills its placeholders.

Templates are parsed once when loaded and filled by joining literal parts and values, never with
``str.format`` on the data, so a value such as ``{job_number}`` or ``{0.__class__}`` is inserted as
plain text and a hall file cannot reach attributes.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

SCRIPTS_RULE_NAME = "scripts"

_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(-[0-9a-z_]+)*$")
_PLACEHOLDER_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_DEFAULT_MAX_LENGTH = 64


class CallPhase(StrEnum):
    """Where a call is, as far as the scripts are concerned."""

    RINGING = "ringing"
    """The call is being answered: the greeting."""
    IN_CALL = "in_call"
    """A situation arose during the call: an upset, repeat, silent or abusive caller, a privacy worry."""
    DISPOSITION_CHOSEN = "disposition_chosen"
    """The call-taker chose what happens to the request: dispatched, not accepted, emergency transfer."""
    ENDING = "ending"
    """The call is being closed: thanks and goodbye."""


class ScriptKind(StrEnum):
    """What a script is for."""

    GREETING = "greeting"
    CLOSING = "closing"
    DISPATCHED = "dispatched"
    SOOTHING = "soothing"
    REPEAT_CALLER = "repeat_caller"
    CONFIDENTIALITY = "confidentiality"
    SILENT_LINE = "silent_line"
    ABUSIVE_CALLER = "abusive_caller"
    NOT_ACCEPTED = "not_accepted"
    EMERGENCY_TRANSFER = "emergency_transfer"


class NotAcceptedReason(StrEnum):
    """Why a matter is not accepted (HZ 5.2, ZJ art. 11-12); each has a script naming the legal route."""

    LITIGATION = "litigation"
    ARBITRATION = "arbitration"
    DISCIPLINE_INSPECTION = "discipline_inspection"
    ADMINISTRATIVE_REVIEW = "administrative_review"
    INFORMATION_DISCLOSURE = "information_disclosure"
    PETITION = "petition"
    LEGISLATURE_COURTS_PROCURATORATES = "legislature_courts_procuratorates"
    MILITARY = "military"
    SECRETS_PRIVACY = "secrets_privacy"
    NO_CONCRETE_REQUEST = "no_concrete_request"
    REPEAT_MATTER = "repeat_matter"
    AGAINST_LAW_OR_PUBLIC_ORDER = "against_law_or_public_order"
    DESIGNATED_BODY = "designated_body"


class EmergencyLine(StrEnum):
    """The emergency lines ZJ art. 11 names; an emergency is transferred to one at once."""

    POLICE = "110"
    FIRE = "119"
    AMBULANCE = "120"
    TRAFFIC_ACCIDENT = "122"


class Language(StrEnum):
    """The language a script is said in."""

    ZH = "zh"
    EN = "en"


#: The kinds of script each phase offers.
PHASE_KINDS: Mapping[CallPhase, tuple[ScriptKind, ...]] = {
    CallPhase.RINGING: (ScriptKind.GREETING,),
    CallPhase.IN_CALL: (
        ScriptKind.SOOTHING,
        ScriptKind.REPEAT_CALLER,
        ScriptKind.CONFIDENTIALITY,
        ScriptKind.SILENT_LINE,
        ScriptKind.ABUSIVE_CALLER,
    ),
    CallPhase.DISPOSITION_CHOSEN: (
        ScriptKind.DISPATCHED,
        ScriptKind.NOT_ACCEPTED,
        ScriptKind.EMERGENCY_TRANSFER,
    ),
    CallPhase.ENDING: (ScriptKind.CLOSING,),
}

#: Kinds that have one script (or one series of steps) per trigger, and the triggers each must cover.
KIND_TRIGGERS: Mapping[ScriptKind, tuple[str, ...]] = {
    ScriptKind.NOT_ACCEPTED: tuple(reason.value for reason in NotAcceptedReason),
    ScriptKind.EMERGENCY_TRANSFER: tuple(line.value for line in EmergencyLine),
}

#: Placeholders a kind must use, because the rule it serves says so (HZ 7.1: say the job number).
REQUIRED_PLACEHOLDERS: Mapping[ScriptKind, tuple[str, ...]] = {
    ScriptKind.GREETING: ("job_number",),
}


class ScriptSelectionError(LookupError):
    """No script fits the request; ``message`` says why in the user's language."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Placeholder:
    """A value a script can include.

    Attributes:
        name: the name used in templates (``job_number``).
        label: Chinese label for messages (工号).
        label_en: English label.
        pattern: a regular expression the whole value must match, or ``None``.
        max_length: the longest value accepted.
    """

    name: str
    label: str
    label_en: str
    pattern: re.Pattern[str] | None = None
    max_length: int = _DEFAULT_MAX_LENGTH


@dataclass(frozen=True)
class Template:
    """A parsed script text: literal parts and placeholder names, alternating.

    Attributes:
        parts: ``(literal, placeholder_name_or_None)`` pairs in order.
    """

    parts: tuple[tuple[str, str | None], ...]

    @property
    def names(self) -> frozenset[str]:
        """The placeholder names the template uses."""
        return frozenset(name for _, name in self.parts if name is not None)


@dataclass(frozen=True)
class Script:
    """One thing a call-taker says.

    Attributes:
        id: stable identifier (``not_accepted-litigation``).
        kind: what the script is for.
        trigger: the reason code or emergency number for kinds that have them, else ``None``.
        step: the position in a series said one after another (silent line, abusive caller).
        text_zh: the Chinese text with ``{placeholder}`` fields.
        text_en: the English text with the same fields.
        placeholders: the names the texts use.
        basis: the clauses the script serves.
        note: guidance for the call-taker, not said to the caller.
    """

    id: str
    kind: ScriptKind
    trigger: str | None
    step: int
    text_zh: str
    text_en: str
    placeholders: tuple[str, ...]
    basis: str
    note: str = ""
    templates: Mapping[Language, Template] = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class FilledScript:
    """A script ready to show, with what could not be filled.

    Attributes:
        script_id: the script's id.
        text: the text with values filled in; a missing or invalid value shows as 【label】
            (``[label]`` in English).
        missing: names of placeholders without a usable value.
        problems: one Chinese message per missing or invalid value.
    """

    script_id: str
    text: str
    missing: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every placeholder was filled with a valid value."""
        return not self.problems


def _clean_value(value: object) -> str:
    """Make a value safe to show: text, one line, no control or format characters."""
    text = str(value)
    cleaned = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in text
        if unicodedata.category(char) != "Cf"
    )
    return " ".join(cleaned.split())


class ScriptBook:
    """The validated scripts of a hall: look-up by id, selection by call phase, safe filling."""

    def __init__(
        self, version: str, placeholders: Mapping[str, Placeholder], scripts: Sequence[Script]
    ) -> None:
        """Hold already validated scripts (use ``load_scripts`` to build one from a rule file)."""
        self.version = version
        self.placeholders = dict(placeholders)
        self.scripts = tuple(scripts)
        self._by_id = {script.id: script for script in self.scripts}
        self._by_situation: dict[tuple[CallPhase, str | None], list[Script]] = {}
        for script in self.scripts:
            for phase, kinds in PHASE_KINDS.items():
                if script.kind in kinds:
                    key = script.trigger if script.kind in KIND_TRIGGERS else script.kind.value
                    if len(kinds) == 1:
                        self._by_situation.setdefault((phase, None), []).append(script)
                    self._by_situation.setdefault((phase, key), []).append(script)
        for series in self._by_situation.values():
            series.sort(key=lambda script: script.step)

    def get(self, script_id: str) -> Script:
        """Return the script ``script_id``.

        Raises:
            ScriptSelectionError: when there is no such script.
        """
        script = self._by_id.get(script_id)
        if script is None:
            raise ScriptSelectionError(tr("Scripts", "没有编号为“{id}”的话术").format(id=script_id))
        return script

    def select(self, phase: CallPhase, situation: str | None = None) -> tuple[Script, ...]:
        """Return the scripts for a call phase, in the order they are said.

        Args:
            phase: where the call is.
            situation: for ``IN_CALL`` a ``ScriptKind`` value (``silent_line``); for
                ``DISPOSITION_CHOSEN`` ``dispatched``, a ``NotAcceptedReason`` value or an
                ``EmergencyLine`` number; ``None`` for ``RINGING`` and ``ENDING``.

        Raises:
            ScriptSelectionError: when the phase has no script for ``situation``.
        """
        series = self._by_situation.get((phase, None if situation is None else str(situation)))
        if not series:
            if situation is None:
                raise ScriptSelectionError(
                    tr("Scripts", "“{phase}”阶段需要指明情形才能选择话术").format(phase=phase.value)
                )
            raise ScriptSelectionError(
                tr("Scripts", "“{phase}”阶段没有“{situation}”情形的话术").format(
                    phase=phase.value, situation=situation
                )
            )
        return tuple(series)

    def fill(
        self, script: Script, values: Mapping[str, object], language: Language = Language.ZH
    ) -> FilledScript:
        """Fill ``script``'s placeholders from ``values``.

        A missing, blank, too long or malformed value never raises: the text shows 【label】 in its
        place and ``problems`` says what to fix, so the call-taker still sees a usable script.
        """
        template = script.templates[language]
        chunks: list[str] = []
        missing: list[str] = []
        problems: list[str] = []
        for literal, name in template.parts:
            chunks.append(literal)
            if name is None:
                continue
            placeholder = self.placeholders[name]
            label = placeholder.label if language is Language.ZH else placeholder.label_en
            raw = values.get(name)
            value = "" if raw is None else _clean_value(raw)
            problem = self._problem_with(placeholder, value)
            if problem is None:
                chunks.append(value)
                continue
            chunks.append(f"【{label}】" if language is Language.ZH else f"[{label}]")
            if name not in missing:
                missing.append(name)
                problems.append(problem)
        return FilledScript(script.id, "".join(chunks), tuple(missing), tuple(problems))

    @staticmethod
    def _problem_with(placeholder: Placeholder, value: str) -> str | None:
        if not value:
            return tr("Scripts", "缺少{label}，请先填写").format(label=placeholder.label)
        if len(value) > placeholder.max_length:
            return tr("Scripts", "{label}太长：最多 {limit} 个字符").format(
                label=placeholder.label, limit=placeholder.max_length
            )
        if placeholder.pattern is not None and not placeholder.pattern.fullmatch(value):
            return tr("Scripts", "{label}“{value}”格式不对").format(label=placeholder.label, value=value)
        return None

    def say(
        self,
        phase: CallPhase,
        values: Mapping[str, object],
        situation: str | None = None,
        language: Language = Language.ZH,
    ) -> tuple[FilledScript, ...]:
        """Select the scripts for ``phase`` and ``situation`` and fill them all from ``values``."""
        return tuple(self.fill(script, values, language) for script in self.select(phase, situation))


# --- loading and validation -------------------------------------------------------------------------

_TOP_KEYS = ("version", "description", "placeholders", "scripts")
_PLACEHOLDER_KEYS = ("label", "label_en", "pattern", "max_length")
_SCRIPT_KEYS = ("id", "kind", "trigger", "step", "text_zh", "text_en", "placeholders", "basis", "note")


class _Validator:
    """Collects every problem of a scripts file instead of stopping at the first."""

    def __init__(self, rule_file: RuleFile) -> None:
        self.file = rule_file
        self.errors: list[RuleError] = []
        # (kind, trigger, step, pointer) of every entry whose identity is valid, even if its texts are
        # not: coverage is judged on these so one bad text does not also report "script missing".
        self.entries: list[tuple[ScriptKind, str | None, int, str]] = []

    def problem(self, pointer: str, text: str) -> None:
        self.errors.append(self.file.error(pointer, text))

    def unknown_keys(self, value: Mapping[str, Any], allowed: Sequence[str], pointer: str) -> None:
        for key in value:
            if key not in allowed:
                self.problem(
                    f"{pointer}/{key}" if pointer else key,
                    tr("Scripts", "未知的键“{key}”；允许的键：{allowed}").format(
                        key=key, allowed="、".join(allowed)
                    ),
                )

    def text(self, value: Any, pointer: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(pointer, tr("Scripts", "必须是非空字符串"))
            return ""
        return value

    def placeholder(self, name: Any, raw: Any, pointer: str) -> Placeholder | None:
        if not isinstance(name, str) or not _PLACEHOLDER_NAME.match(name):
            self.problem(pointer, tr("Scripts", "占位符名称只能由小写字母、数字和下划线组成，且以字母开头"))
            return None
        if not isinstance(raw, dict):
            self.problem(pointer, tr("Scripts", "占位符定义必须是 JSON 对象"))
            return None
        self.unknown_keys(raw, _PLACEHOLDER_KEYS, pointer)
        pattern: re.Pattern[str] | None = None
        if raw.get("pattern") is not None:
            source = self.text(raw.get("pattern"), f"{pointer}/pattern")
            try:
                pattern = re.compile(source) if source else None
            except re.error as exc:
                self.problem(
                    f"{pointer}/pattern",
                    tr("Scripts", "不是合法的正则表达式：{reason}").format(reason=exc.msg),
                )
        max_length = raw.get("max_length", _DEFAULT_MAX_LENGTH)
        if isinstance(max_length, bool) or not isinstance(max_length, int) or not 1 <= max_length <= 500:
            self.problem(f"{pointer}/max_length", tr("Scripts", "max_length 必须是 1 到 500 之间的整数"))
            max_length = _DEFAULT_MAX_LENGTH
        return Placeholder(
            name=name,
            label=self.text(raw.get("label"), f"{pointer}/label"),
            label_en=self.text(raw.get("label_en"), f"{pointer}/label_en"),
            pattern=pattern,
            max_length=max_length,
        )

    def template(self, text: str, pointer: str, known: Mapping[str, Placeholder]) -> Template | None:
        parts: list[tuple[str, str | None]] = []
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            self.problem(
                pointer,
                tr("Scripts", "花括号不成对：{reason}；要显示花括号本身请写 {{ 或 }}").format(reason=exc),
            )
            return None
        ok = True
        for literal, name, format_spec, conversion in parsed:
            if name is None:
                parts.append((literal, None))
                continue
            if format_spec or conversion or not _PLACEHOLDER_NAME.match(name):
                self.problem(
                    pointer,
                    tr("Scripts", "占位符“{field}”只能写成 {{名称}}，不能带格式、下标或属性").format(
                        field=name
                    ),
                )
                ok = False
            elif name not in known:
                self.problem(
                    pointer,
                    tr("Scripts", "占位符“{field}”没有在顶层 placeholders 中定义；已定义：{known}").format(
                        field=name, known="、".join(known) or "（无）"
                    ),
                )
                ok = False
            parts.append((literal, name))
        return Template(tuple(parts)) if ok else None

    def script(
        self, raw: Any, pointer: str, known: Mapping[str, Placeholder], seen: dict[str, str]
    ) -> Script | None:
        if not isinstance(raw, dict):
            self.problem(pointer, tr("Scripts", "每条话术必须是 JSON 对象"))
            return None
        self.unknown_keys(raw, _SCRIPT_KEYS, pointer)
        script_id = self.text(raw.get("id"), f"{pointer}/id")
        if script_id and not _ID_PATTERN.match(script_id):
            self.problem(
                f"{pointer}/id",
                tr("Scripts", "id 只能由小写字母、数字、下划线和连字符组成，如 not_accepted-litigation"),
            )
        elif script_id in seen:
            self.problem(
                f"{pointer}/id",
                tr("Scripts", "id“{id}”与 {other} 重复").format(id=script_id, other=seen[script_id]),
            )
        elif script_id:
            seen[script_id] = pointer
        kind_value = raw.get("kind")
        if kind_value not in {kind.value for kind in ScriptKind}:
            self.problem(
                f"{pointer}/kind",
                tr("Scripts", "kind 只能是：{allowed}").format(
                    allowed="、".join(kind.value for kind in ScriptKind)
                ),
            )
            return None
        kind = ScriptKind(kind_value)
        trigger = raw.get("trigger")
        if kind in KIND_TRIGGERS:
            if trigger not in KIND_TRIGGERS[kind]:
                self.problem(
                    f"{pointer}/trigger",
                    tr("Scripts", "{kind} 类话术的 trigger 只能是：{allowed}").format(
                        kind=kind.value, allowed="、".join(KIND_TRIGGERS[kind])
                    ),
                )
                return None
        elif trigger is not None:
            self.problem(
                f"{pointer}/trigger", tr("Scripts", "{kind} 类话术不用 trigger").format(kind=kind.value)
            )
            trigger = None
        step = raw.get("step", 1)
        if isinstance(step, bool) or not isinstance(step, int) or step < 1:
            self.problem(f"{pointer}/step", tr("Scripts", "step 必须是从 1 开始的整数"))
            step = 1
        self.entries.append((kind, trigger, step, pointer))
        declared_raw = raw.get("placeholders", [])
        declared: list[str] = []
        if not isinstance(declared_raw, list) or not all(isinstance(name, str) for name in declared_raw):
            self.problem(f"{pointer}/placeholders", tr("Scripts", "placeholders 必须是占位符名称的数组"))
        else:
            declared = list(declared_raw)
        templates: dict[Language, Template] = {}
        texts: dict[Language, str] = {}
        for language in Language:
            key = f"text_{language.value}"
            texts[language] = self.text(raw.get(key), f"{pointer}/{key}")
            if not texts[language]:
                continue
            template = self.template(texts[language], f"{pointer}/{key}", known)
            if template is None:
                continue
            templates[language] = template
            if template.names != set(declared):
                self.problem(
                    f"{pointer}/{key}",
                    tr(
                        "Scripts", "文中用到的占位符（{used}）与 placeholders 声明的（{declared}）不一致"
                    ).format(
                        used="、".join(sorted(template.names)) or "无", declared="、".join(declared) or "无"
                    ),
                )
        for name in REQUIRED_PLACEHOLDERS.get(kind, ()):
            if name not in declared:
                self.problem(
                    f"{pointer}/placeholders",
                    tr(
                        "Scripts", "{kind} 类话术必须包含占位符 {name}（DB 3301/T 0328-2020 7.1：报读工号）"
                    ).format(kind=kind.value, name=name),
                )
        basis = self.text(raw.get("basis"), f"{pointer}/basis")
        note = self.text(raw.get("note"), f"{pointer}/note", required=False)
        if not script_id or len(templates) != len(Language):
            return None
        return Script(
            id=script_id,
            kind=kind,
            trigger=trigger,
            step=step,
            text_zh=texts[Language.ZH],
            text_en=texts[Language.EN],
            placeholders=tuple(declared),
            basis=basis,
            note=note,
            templates=templates,
        )

    def coverage(self) -> None:
        """Every kind present, every trigger covered, steps numbered 1..n without gaps."""
        series: dict[tuple[ScriptKind, str | None], list[tuple[int, str]]] = {}
        for kind, trigger, step, pointer in self.entries:
            series.setdefault((kind, trigger), []).append((step, pointer))
        for kind in ScriptKind:
            triggers: tuple[str | None, ...] = KIND_TRIGGERS.get(kind, (None,))
            for trigger in triggers:
                if (kind, trigger) not in series:
                    what = kind.value if trigger is None else f"{kind.value} / {trigger}"
                    self.problem("scripts", tr("Scripts", "缺少话术：{what}").format(what=what))
        for entries in series.values():
            entries.sort()
            for expected, (step, pointer) in enumerate(entries, start=1):
                if step != expected:
                    self.problem(
                        f"{pointer}/step",
                        tr("Scripts", "同一类话术的 step 必须从 1 连续编号，这里应为 {expected}").format(
                            expected=expected
                        ),
                    )
                    break

    def book(self) -> ScriptBook | None:
        data = self.file.data
        if not isinstance(data, dict):
            self.problem("", tr("Scripts", "文件内容必须是一个 JSON 对象"))
            return None
        self.unknown_keys(data, _TOP_KEYS, "")
        version = self.text(data.get("version"), "version")
        self.text(data.get("description"), "description", required=False)
        raw_placeholders = data.get("placeholders", {})
        placeholders: dict[str, Placeholder] = {}
        if not isinstance(raw_placeholders, dict):
            self.problem("placeholders", tr("Scripts", "placeholders 必须是 JSON 对象：名称 → 定义"))
        else:
            for name, raw in raw_placeholders.items():
                placeholder = self.placeholder(name, raw, f"placeholders/{name}")
                if placeholder is not None:
                    placeholders[name] = placeholder
        raw_scripts = data.get("scripts")
        if not isinstance(raw_scripts, list) or not raw_scripts:
            self.problem("scripts", tr("Scripts", "scripts 必须是非空数组"))
            return None
        seen: dict[str, str] = {}
        scripts: list[Script] = []
        for index, raw in enumerate(raw_scripts):
            script = self.script(raw, f"scripts/{index}", placeholders, seen)
            if script is not None:
                scripts.append(script)
        self.coverage()
        return ScriptBook(version, placeholders, scripts)


def check_scripts(rule_file: RuleFile) -> list[RuleError]:
    """Validate a ``scripts`` rule file and return every problem (empty when valid)."""
    validator = _Validator(rule_file)
    validator.book()
    return validator.errors


def load_scripts(rule_file: RuleFile) -> ScriptBook:
    """Parse and validate a ``scripts`` rule file.

    Raises:
        RuleError: the first problem found, with its pointer and line.
    """
    validator = _Validator(rule_file)
    book = validator.book()
    if validator.errors:
        raise validator.errors[0]
    assert book is not None
    return book


def load_default_scripts(book: RuleBook | None = None) -> ScriptBook:
    """Load the scripts in force from ``book`` (a fresh ``RuleBook`` when omitted).

    Raises:
        RuleError: when the file is missing or invalid.
    """
    return load_scripts((book or RuleBook()).get(SCRIPTS_RULE_NAME))
