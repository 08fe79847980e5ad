"""The compliance rules in force, rebuilt when the backend's config bundle changes a file they use.

A new phrase list or script applies without a restart (``SeatSession.rules_changed``). Only what
depends on a changed file is rebuilt; a part whose new file is broken keeps its rules in force, and
the problem is reported (with the file and line) instead of taking the checks away mid-shift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from seatclient.compliance.checks import POLICY_RULE_NAME, CompliancePolicy, load_default_policy
from seatclient.compliance.normalize import LOOKALIKES_RULE_NAME
from seatclient.compliance.phrases import PHRASES_RULE_NAME, PhraseMatcher, load_default_matcher
from seatclient.compliance.scripts import SCRIPTS_RULE_NAME, ScriptBook, load_default_scripts
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError

T = TypeVar("T")

MATCHER_FILES = frozenset({PHRASES_RULE_NAME, LOOKALIKES_RULE_NAME})
"""The rule files the forbidden-phrase matcher is built from."""

LIVE_RULE_FILES = MATCHER_FILES | {POLICY_RULE_NAME, SCRIPTS_RULE_NAME}
"""Every rule file the compliance rules depend on."""


@dataclass(frozen=True)
class ComplianceRules:
    """The compliance rules the seat window uses.

    Attributes:
        matcher: the forbidden-phrase matcher (order texts and live transcript).
        policy: which texts are checked, who the call-taker is in a transcript, the alert's time.
        scripts: the service scripts the prompter shows.
    """

    matcher: PhraseMatcher
    policy: CompliancePolicy
    scripts: ScriptBook


@dataclass(frozen=True)
class ComplianceReload:
    """The outcome of rebuilding the compliance rules after a config change.

    Attributes:
        rules: the rules in force now: the new parts that loaded, the old ones where a file was broken.
        matcher_changed: a new matcher is in force.
        policy_changed: a new policy is in force.
        scripts_changed: new scripts are in force.
        errors: the problems of the broken files (each names its file, key and line).
    """

    rules: ComplianceRules
    matcher_changed: bool = False
    policy_changed: bool = False
    scripts_changed: bool = False
    errors: tuple[RuleError, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether any part of the rules in force was replaced."""
        return self.matcher_changed or self.policy_changed or self.scripts_changed

    def summary(self) -> str:
        """A short Chinese line for the person: what now applies and which files were refused."""
        parts: list[str] = []
        if self.matcher_changed:
            parts.append(tr("ComplianceReload", "服务禁语"))
        if self.scripts_changed:
            parts.append(tr("ComplianceReload", "服务话术"))
        if self.policy_changed:
            parts.append(tr("ComplianceReload", "禁语检查范围"))
        lines: list[str] = []
        if parts:
            lines.append(tr("ComplianceReload", "已更新：{parts}，无需重启。").format(parts="、".join(parts)))
        if self.errors:
            lines.append(
                tr("ComplianceReload", "后台下发的规则有误，仍按原规则执行：{problem}").format(
                    problem=self.errors[0].describe()
                )
            )
        return " ".join(lines)


def load_compliance_rules(book: RuleBook | None = None) -> ComplianceRules:
    """Load the compliance rules in force from ``book``.

    Raises:
        RuleError: a file is missing or invalid.
    """
    book = book or RuleBook()
    return ComplianceRules(
        matcher=load_default_matcher(book),
        policy=load_default_policy(book),
        scripts=load_default_scripts(book),
    )


def _attempt(load: Callable[[RuleBook], T], book: RuleBook, errors: list[RuleError]) -> T | None:
    try:
        return load(book)
    except RuleError as error:
        errors.append(error)
        return None


def reload_compliance(
    current: ComplianceRules, book: RuleBook, changed_files: Iterable[str]
) -> ComplianceReload:
    """Rebuild the parts of ``current`` that use a file in ``changed_files``, from ``book``.

    Args:
        current: the rules in force.
        book: the rule book with the new config bundle applied.
        changed_files: the names of the rule files whose content changed.

    Returns:
        The rules in force afterwards; a part whose file is broken is kept as it was.
    """
    changed = frozenset(changed_files)
    errors: list[RuleError] = []
    rules = current
    result = ComplianceReload(rules=current)
    if changed & MATCHER_FILES:
        matcher = _attempt(load_default_matcher, book, errors)
        if matcher is not None:
            rules = replace(rules, matcher=matcher)
            result = replace(result, matcher_changed=True)
    if POLICY_RULE_NAME in changed:
        policy = _attempt(load_default_policy, book, errors)
        if policy is not None:
            rules = replace(rules, policy=policy)
            result = replace(result, policy_changed=True)
    if SCRIPTS_RULE_NAME in changed:
        scripts = _attempt(load_default_scripts, book, errors)
        if scripts is not None:
            rules = replace(rules, scripts=scripts)
            result = replace(result, scripts_changed=True)
    return replace(result, rules=rules, errors=tuple(errors))
