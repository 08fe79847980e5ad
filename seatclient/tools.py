"""The hall IT command line: check a hall's rule overrides and compute due dates.

Run as ``python -m seatclient.tools`` (or ``seatclient tools``)::

    python -m seatclient.tools due-date --registered 2025-09-30T16:20 --class routine --policy HZ-2020
    python -m seatclient.tools validate-config /etc/seatclient/rules
    python -m seatclient.tools keyring-check
    python -m seatclient.tools check-phrases utterances.txt [--phrases our_list.txt]

``keyring-check`` stores, reads back and deletes a throw-away secret in the workstation's keyring
(the one "remember password" uses) and names the keyring back end; it exits 1 when there is no
secure keyring or the round trip fails.

``check-phrases`` is for quality checkers: it reads a UTF-8 text file (one utterance a line, ``-``
for standard input) and prints one JSON object per input line with the forbidden phrases found (see
:func:`check_lines`). It exits 0 whether or not anything matched; 1 when the input cannot be read,
2 when the ``--phrases`` list is broken.

Exit codes: 0 all well, 1 problems found in the rules, 2 wrong usage.

``validate-config`` checks every ``*.json`` file of a folder whose name is a known rule set, through
the table :data:`RULE_VALIDATORS` (rule-set name → validator). A new rule set is checked by adding
one line to it, or by calling :func:`register_validator`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import socket
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import keyring
from keyring.backend import KeyringBackend

from seatclient.compliance.checks import check_compliance_policy
from seatclient.compliance.normalize import Normalizer, check_lookalikes, load_default_lookalikes
from seatclient.compliance.phrases import (
    PHRASES_RULE_NAME,
    PhraseMatcher,
    check_phrase_rules,
    load_default_matcher,
    load_phrase_rules,
)
from seatclient.compliance.scripts import check_scripts
from seatclient.credentials import CredentialStore
from seatclient.dispatch.catalogue import validate_catalogue
from seatclient.dispatch.units import load_default_units, validate_units
from seatclient.floor.alerts import alert_rules_problems
from seatclient.floor.plan import floor_plan_problems
from seatclient.forms.calendar import (
    DueDate,
    load_default_calculator,
    registration_date,
    validate_holidays,
)
from seatclient.forms.places import validate_places
from seatclient.forms.repeat_callers import lookup_rules_problems
from seatclient.forms.schema import schema_problems
from seatclient.forms.taxonomy import load_default as load_default_taxonomy
from seatclient.forms.taxonomy import validate_taxonomy
from seatclient.forms.time_limits import TimeLimitLookupError, validate_time_limits
from seatclient.i18n import tr
from seatclient.knowledge.synonyms import load_synonyms
from seatclient.mock.callers import training_caller_problems
from seatclient.rules import RuleBook, RuleError, RuleFile, load_rule_file
from seatclient.rules.rulebook import parse_rule_text
from seatclient.seat.machine import seat_rules_problems
from seatclient.softphone.transfers import transfer_target_problems

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

RuleValidator = Callable[[RuleFile], list[RuleError]]


def _units_problems(rule_file: RuleFile) -> list[RuleError]:
    return validate_units(rule_file)[1]


def _catalogue_problems(rule_file: RuleFile) -> list[RuleError]:
    # The catalogue names units and topics: check it against the hall's own files where the same
    # folder has them, else the shipped ones.
    book = RuleBook(override_dir=Path(rule_file.source).parent)
    try:
        directory = load_default_units(book)
        taxonomy = load_default_taxonomy(book)
    except RuleError as error:
        return [error]
    known_topics = {cls.name: [item.name for item in cls.items] for cls in taxonomy.classes}
    return validate_catalogue(rule_file, directory, known_topics)[1]


def _phrases_problems(rule_file: RuleFile) -> list[RuleError]:
    # Phrases are matched after look-alike folding: check them with the hall's own look-alikes.
    book = RuleBook(override_dir=Path(rule_file.source).parent)
    try:
        normalizer = Normalizer(load_default_lookalikes(book))
    except RuleError as error:
        return [error]
    return check_phrase_rules(rule_file, normalizer)


def _synonym_problems(rule_file: RuleFile) -> list[RuleError]:
    try:
        load_synonyms(rule_file)
    except RuleError as error:
        return [error]
    return []


RULE_VALIDATORS: dict[str, RuleValidator] = {
    "taxonomy": validate_taxonomy,
    "places": validate_places,
    "time_limits": validate_time_limits,
    "holidays": validate_holidays,
    "intake_form": schema_problems,
    "seat_rules": seat_rules_problems,
    "units": _units_problems,
    "dispatch_catalogue": _catalogue_problems,
    "compliance_policy": check_compliance_policy,
    "floor_alerts": alert_rules_problems,
    "floor_plan": floor_plan_problems,
    "forbidden_phrases": _phrases_problems,
    "lookalikes": check_lookalikes,
    "scripts": check_scripts,
    "transfer_targets": transfer_target_problems,
    "order_lookup": lookup_rules_problems,
    "knowledge_synonyms": _synonym_problems,
    "training_callers": training_caller_problems,
}
"""Rule-set name (the file stem in a rules folder) → the function listing that file's problems."""


def register_validator(name: str, validator: RuleValidator) -> None:
    """Make ``validate-config`` check ``<name>.json`` files with ``validator``."""
    RULE_VALIDATORS[name] = validator


@dataclass
class ConfigReport:
    """The outcome of checking a rules folder.

    Attributes:
        checked: the files that were checked, in order.
        problems: every problem found, in file order.
        skipped: files whose names are not a known rule set.
    """

    checked: list[Path] = field(default_factory=list)
    problems: list[RuleError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def validate_config_dir(
    directory: Path, validators: Mapping[str, RuleValidator] | None = None
) -> ConfigReport:
    """Check every known rule file in ``directory`` and return what was found.

    Args:
        directory: a hall's override folder.
        validators: the rule-set table; :data:`RULE_VALIDATORS` when ``None``.
    """
    table = RULE_VALIDATORS if validators is None else validators
    report = ConfigReport()
    for path in sorted(directory.glob("*.json")):
        validator = table.get(path.stem)
        if validator is None:
            report.skipped.append(path)
            continue
        report.checked.append(path)
        try:
            rule_file = load_rule_file(path)
        except RuleError as error:
            report.problems.append(error)
            continue
        report.problems.extend(validator(rule_file))
    return report


class _ArgumentParser(argparse.ArgumentParser):
    """An argument parser whose own error line is Chinese and whose usage errors exit with 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, tr("Tools", "参数错误：{reason}").format(reason=message) + "\n")


def _registered_time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            tr(
                "Tools", "“{text}”不是 ISO 8601 时间，例如 2025-09-30T16:20 或 2025-09-30T16:20:00+08:00"
            ).format(text=text)
        ) from exc


def build_parser() -> argparse.ArgumentParser:
    """Build the command-line parser with its subcommands."""
    parser = _ArgumentParser(
        prog="seatclient tools",
        description=tr("Tools", "座席客户端的运维工具：检查规则文件、计算办理期限。"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_ArgumentParser)
    commands.required = True

    due = commands.add_parser(
        "due-date",
        help=tr("Tools", "计算工单的办理截止时间"),
        description=tr("Tools", "按工作日（含法定节假日和调休）计算办理截止时间；登记当日不计。"),
    )
    due.add_argument(
        "--registered",
        required=True,
        type=_registered_time,
        metavar="ISO-DATETIME",
        help=tr("Tools", "登记时间，ISO 8601；不带时区时按北京时间"),
    )
    due.add_argument(
        "--class",
        dest="class_code",
        required=True,
        metavar="CLASS",
        help=tr("Tools", "办理时限类别，如 quick、general、routine"),
    )
    due.add_argument(
        "--policy",
        metavar="NAME",
        help=tr("Tools", "办理时限政策，如 ZJ-2025、HZ-2020；默认用规则文件指定的"),
    )
    due.add_argument("--rules-dir", type=Path, metavar="DIR", help=tr("Tools", "本厅的规则覆盖目录"))
    due.add_argument("--json", action="store_true", help=tr("Tools", "以 JSON 输出"))

    validate = commands.add_parser(
        "validate-config",
        help=tr("Tools", "检查本厅规则覆盖目录中的规则文件"),
        description=tr("Tools", "检查目录中每个已知规则的 JSON 文件；问题按“文件:行: 键: 问题”列出。"),
    )
    validate.add_argument("directory", type=Path, metavar="DIR", help=tr("Tools", "规则覆盖目录"))

    phrases = commands.add_parser(
        "check-phrases",
        help=tr("Tools", "检查文本中的服务禁语（每行一句，逐行输出 JSON）"),
        description=tr(
            "Tools",
            "逐行检查 UTF-8 文本文件（每行一句话，“-”表示标准输入）中的服务禁语，"
            "每行输出一个 JSON 对象：行号、原文和命中的禁语（禁语、分类、字符位置、建议说法）。",
        ),
    )
    phrases.add_argument("file", metavar="FILE", help=tr("Tools", "要检查的文本文件，“-”表示标准输入"))
    phrases.add_argument(
        "--phrases",
        type=Path,
        metavar="LIST",
        help=tr(
            "Tools",
            "改用这份禁语清单：每行一条禁语的纯文本文件（# 开头的行和空行忽略），或与内置清单格式相同的 JSON 文件",
        ),
    )

    commands.add_parser(
        "keyring-check",
        help=tr("Tools", "检查本机的系统钥匙串能否保存密码"),
        description=tr("Tools", "在系统钥匙串中写入、读回并删除一个临时测试密码，并显示所用的钥匙串后端。"),
    )
    return parser


def _due_date_json(registered: datetime, due: DueDate) -> str:
    return json.dumps(
        {
            "registered": registered.isoformat(),
            "registration_date": registration_date(registered).isoformat(),
            "due_date": due.due_date.isoformat(),
            "deadline": due.deadline.isoformat(),
            "working_days": due.working_days,
            "provisional": due.provisional,
            "policy": due.policy,
            "class": due.class_code,
        },
        ensure_ascii=False,
    )


def _run_due_date(args: argparse.Namespace) -> int:
    try:
        calculator = load_default_calculator(RuleBook(override_dir=args.rules_dir))
        due = calculator.due(args.registered, args.class_code, args.policy)
    except RuleError as error:
        print(error.describe(), file=sys.stderr)
        return EXIT_PROBLEMS
    except TimeLimitLookupError as error:
        print(tr("Tools", "错误：{reason}").format(reason=error), file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(_due_date_json(args.registered, due))
        return EXIT_OK
    print(tr("Tools", "截止时间：{deadline}").format(deadline=due.deadline.isoformat()))
    print(
        tr("Tools", "办结日：{day}（政策 {policy}，类别 {code}，{days} 个工作日，登记当日不计）").format(
            day=due.due_date.isoformat(), policy=due.policy, code=due.class_code, days=due.working_days
        )
    )
    if due.provisional:
        print(tr("Tools", "临时结果：是（超出已知的节假日安排，按周一至周五估算，公布后需复核）"))
    else:
        print(tr("Tools", "临时结果：否"))
    return EXIT_OK


def _run_validate_config(args: argparse.Namespace) -> int:
    directory: Path = args.directory
    if not directory.is_dir():
        print(tr("Tools", "错误：{path} 不是目录").format(path=directory), file=sys.stderr)
        return EXIT_USAGE
    report = validate_config_dir(directory)
    for path in report.skipped:
        print(
            tr("Tools", "警告：{file}：不是已知的规则文件，已跳过（已知：{names}）").format(
                file=path, names="、".join(f"{name}.json" for name in sorted(RULE_VALIDATORS))
            ),
            file=sys.stderr,
        )
    for problem in report.problems:
        print(problem.describe())
    print(
        tr("Tools", "检查了 {files} 个规则文件，发现 {problems} 个问题").format(
            files=len(report.checked), problems=len(report.problems)
        )
    )
    return EXIT_PROBLEMS if report.problems else EXIT_OK


CUSTOM_CATEGORY_ID = "custom"
"""The one category of a phrase list handed over as plain text."""

_PLAIN_POINTER = re.compile(r"categories/0/phrases/(\d+)")


def read_utf8_text(source: str) -> str:
    """Read ``source`` (a path, or ``-`` for standard input) as UTF-8; a leading BOM is dropped.

    Raises:
        RuleError: the file is missing, unreadable or not UTF-8; the problem names it, in Chinese.
    """
    name = tr("Tools", "标准输入") if source == "-" else source
    try:
        if source == "-":
            if sys.stdin is None:  # started without a console (pythonw)
                raise OSError(0, tr("Tools", "没有标准输入"))
            buffer = getattr(sys.stdin, "buffer", None)
            raw = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
        else:
            raw = Path(source).read_bytes()
    except FileNotFoundError as exc:
        raise RuleError(name, "", tr("Tools", "文件不存在")) from exc
    except IsADirectoryError as exc:
        raise RuleError(name, "", tr("Tools", "这是目录，不是文本文件")) from exc
    except OSError as exc:
        raise RuleError(
            name, "", tr("Tools", "无法读取：{reason}").format(reason=exc.strerror or exc)
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RuleError(name, "", tr("Tools", "不是 UTF-8 编码的文本（请另存为 UTF-8）"), line) from exc


def text_lines(text: str) -> list[str]:
    """Split ``text`` into the lines an editor shows: at ``\\n`` only, a trailing ``\\r`` dropped.

    ``str.splitlines`` would also split at form feeds and Unicode line separators, and the line
    numbers printed would then disagree with the checker's editor.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def plain_phrase_matcher(text: str, source: str, normalizer: Normalizer) -> PhraseMatcher:
    """Build a matcher from a plain phrase list: one phrase a line, blank lines and ``#`` lines ignored.

    The phrases form one category ``custom`` (自定义) in warn mode, with no suggestion; the shipped
    list's context words (word boundaries, subjects) still keep innocent longer words from matching.

    Raises:
        RuleError: a phrase is too short or repeats another after folding, naming ``source`` and its line.
    """
    entries: list[tuple[int, str]] = []
    for number, line in enumerate(text_lines(text), start=1):
        phrase = line.strip()
        if phrase and not phrase.startswith("#"):
            entries.append((number, phrase))
    if not entries:
        raise RuleError(source, "", tr("Tools", "禁语清单是空的：每行写一条禁语"))
    shipped = RuleBook().get(PHRASES_RULE_NAME).data
    placeholder = "-"
    data = {
        "version": "custom",
        "mode": "warn",
        "matching": shipped.get("matching", {}) if isinstance(shipped, dict) else {},
        "categories": [
            {
                "id": CUSTOM_CATEGORY_ID,
                "label": tr("Tools", "自定义"),
                "label_en": "Custom",
                "phrases": [
                    # The validator wants a suggestion; a hall's plain list has none, so it is removed below.
                    {"id": f"{CUSTOM_CATEGORY_ID}-{index}", "text": phrase, "suggestion": placeholder}
                    for index, (_, phrase) in enumerate(entries, start=1)
                ],
            }
        ],
    }
    rule_file = RuleFile(PHRASES_RULE_NAME, data, source)
    for error in check_phrase_rules(rule_file, normalizer):
        parts = error.pointer.split("/")
        if len(parts) >= 4 and parts[:3] == ["categories", "0", "phrases"] and parts[3].isdigit():
            line_number, phrase = entries[int(parts[3])]
            # The validator names the other phrase by its JSON pointer; a plain list has lines.
            problem = _PLAIN_POINTER.sub(
                lambda match: tr("Tools", "第 {line} 行").format(line=entries[int(match.group(1))][0]),
                error.problem,
            )
            raise RuleError(source, "", f"“{phrase}”：{problem}", line_number)
        raise RuleError(source, "", error.problem)
    rules = load_phrase_rules(rule_file, normalizer)
    rules = replace(rules, phrases=tuple(replace(phrase, suggestion="") for phrase in rules.phrases))
    return PhraseMatcher(rules, normalizer)


def load_phrase_list(path: Path) -> PhraseMatcher:
    """Build a matcher from ``path``: the shipped JSON format when it starts with ``{``, else a plain list.

    Raises:
        RuleError: the list cannot be read or is broken, with the file and line.
    """
    text = read_utf8_text(str(path))
    normalizer = Normalizer(load_default_lookalikes())
    if text.lstrip().startswith("{"):
        rule_file = parse_rule_text(PHRASES_RULE_NAME, text, str(path))
        return PhraseMatcher(load_phrase_rules(rule_file, normalizer), normalizer)
    return plain_phrase_matcher(text, str(path), normalizer)


def check_lines(lines: Sequence[str], matcher: PhraseMatcher) -> list[dict[str, object]]:
    """Check each line and describe its matches, one JSON-ready object per line.

    Returns:
        ``{"line": n, "text": ..., "matches": [{"phrase", "category", "start", "end", "suggestion"}]}``
        per line, 1-based ``n``; ``start``/``end`` are character positions in the line, end
        exclusive; ``phrase`` is the phrase as the list writes it; ``suggestion`` is ``null`` when
        the list gives none.
    """
    phrase_texts = {phrase.id: phrase.text for phrase in matcher.rules.phrases}
    results: list[dict[str, object]] = []
    for number, line in enumerate(lines, start=1):
        matches = [
            {
                "phrase": phrase_texts.get(hit.phrase_id, hit.matched_text),
                "category": hit.category,
                "start": hit.original_span[0],
                "end": hit.original_span[1],
                "suggestion": hit.suggestion or None,
            }
            for hit in matcher.find(line)
        ]
        results.append({"line": number, "text": line, "matches": matches})
    return results


def _run_check_phrases(args: argparse.Namespace) -> int:
    try:
        matcher = load_phrase_list(args.phrases) if args.phrases else load_default_matcher()
    except RuleError as error:
        print(tr("Tools", "禁语清单有误：{problem}").format(problem=error.describe()), file=sys.stderr)
        return EXIT_USAGE
    try:
        text = read_utf8_text(args.file)
    except RuleError as error:
        print(
            tr("Tools", "无法读取要检查的文本：{problem}").format(problem=error.describe()), file=sys.stderr
        )
        return EXIT_PROBLEMS
    for result in check_lines(text_lines(text), matcher):
        print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK


def keyring_backend_description(backend: KeyringBackend) -> str:
    """Name a keyring back end (``module.Class``), with the back ends a chain consults in order."""
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    chained = getattr(backend, "backends", None)
    if isinstance(chained, Sequence) and chained:
        return f"{name} [{', '.join(keyring_backend_description(member) for member in chained)}]"
    return name


def run_keyring_check(backend: KeyringBackend | None = None) -> int:
    """Round-trip a throw-away secret through ``CredentialStore``; returns the exit code.

    Args:
        backend: the keyring to check; the one the seat client would use when ``None``.
    """
    backend = backend or keyring.get_keyring()
    store = CredentialStore(backend)
    print(tr("Tools", "钥匙串后端：{backend}").format(backend=keyring_backend_description(backend)))
    if not store.available:
        print(tr("Tools", "没有可用的安全钥匙串：座席客户端不会在本机记住密码。"), file=sys.stderr)
        return EXIT_PROBLEMS
    # A name that cannot collide with a real account: no job number contains "keyring-check".
    backend_url = f"keyring-check://{socket.gethostname()}"
    account = f"keyring-check-{os.getpid()}"
    secret = secrets.token_urlsafe(24)
    try:
        if not store.save(backend_url, account, secret):
            print(tr("Tools", "写入测试密码失败。"), file=sys.stderr)
            return EXIT_PROBLEMS
        if store.load(backend_url, account) != secret:
            print(tr("Tools", "读回的测试密码与写入的不一致。"), file=sys.stderr)
            return EXIT_PROBLEMS
    finally:
        store.forget(backend_url, account)
    if store.load(backend_url, account) is not None:
        print(tr("Tools", "删除测试密码失败：钥匙串中仍有该条目。"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(tr("Tools", "钥匙串检查通过：写入、读回、删除测试密码均成功。"))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the hall IT command line and return its exit code (0 well, 1 problems, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:
        # argparse exits on --help (0) and on usage errors (2); callers want a return code.
        code = exit_request.code
        return code if isinstance(code, int) else EXIT_USAGE
    if args.command == "due-date":
        return _run_due_date(args)
    if args.command == "keyring-check":
        return run_keyring_check()
    if args.command == "check-phrases":
        return _run_check_phrases(args)
    return _run_validate_config(args)


if __name__ == "__main__":
    sys.exit(main())
