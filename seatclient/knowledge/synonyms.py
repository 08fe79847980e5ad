"""Search synonyms (知识库同义词) kept as rule data in ``resources/rules/knowledge_synonyms.json``.

Callers say 社保 where the base writes 社会保险, 公积金 where it writes 住房公积金; a group of
equivalent terms lets a search for one find the others. A hall edits the file; the loader checks it
and names the exact key of any mistake.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from seatclient.i18n import tr
from seatclient.knowledge.textkeys import fold
from seatclient.rules import RuleBook, RuleError, RuleFile

RULE_NAME = "knowledge_synonyms"
MAX_TERM_LENGTH = 20
# A query expands to at most this many variants, so a long query stays a short SQL statement.
MAX_VARIANTS = 8
_ROOT_KEYS = frozenset({"description", "groups"})
_GROUP_KEYS = frozenset({"terms", "note"})


@dataclass(frozen=True)
class SynonymTable:
    """Groups of equivalent search terms, compared after case and width folding.

    Attributes:
        groups: each group's terms, folded, in file order.
    """

    groups: tuple[tuple[str, ...], ...] = ()
    _group_of: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_groups(cls, groups: Iterable[Iterable[str]]) -> SynonymTable:
        """Build a table from term groups (used by the loader and by tests)."""
        folded = tuple(tuple(dict.fromkeys(fold(term.strip()) for term in group)) for group in groups)
        group_of = {term: number for number, group in enumerate(folded) for term in group}
        return cls(groups=folded, _group_of=group_of)

    def expand(self, term: str) -> list[str]:
        """Return the other ways to write ``term`` (``社保`` → ``社会保险``), not ``term`` itself.

        A term equal to a group member gives the other members; a term containing one gives
        the term with that part replaced (``社保转移`` → ``社会保险转移``). Variants that contain
        ``term`` or another variant are left out: whatever they match, the shorter one matches too.
        """
        term = fold(term)
        candidates: list[str] = []
        number = self._group_of.get(term)
        if number is not None:
            candidates = [other for other in self.groups[number] if other != term]
        else:
            for known in sorted(self._group_of, key=len, reverse=True):
                position = term.find(known)
                if position < 0:
                    continue
                for other in self.groups[self._group_of[known]]:
                    if other != known:
                        candidates.append(term[:position] + other + term[position + len(known) :])
        return _minimal_variants(term, candidates)[:MAX_VARIANTS]


def _minimal_variants(term: str, candidates: list[str]) -> list[str]:
    kept: list[str] = []
    for candidate in sorted(dict.fromkeys(candidates), key=len):
        if term in candidate or any(shorter in candidate for shorter in kept):
            continue
        kept.append(candidate)
    return kept


def load_synonyms(rule_file: RuleFile) -> SynonymTable:
    """Check and load a synonym rule file.

    The document is ``{"description": "...", "groups": [{"terms": ["社保", "社会保险"], "note": "..."}]}``.

    Raises:
        RuleError: naming the key at fault, e.g. ``groups/3/terms/1``, and what is allowed.
    """
    data: Any = rule_file.data
    if not isinstance(data, dict):
        raise rule_file.error("", tr("Knowledge", "同义词文件应为 JSON 对象，含 groups 数组"))
    for key in data:
        if key not in _ROOT_KEYS:
            raise rule_file.error(
                str(key), tr("Knowledge", "未知的键 {key}；允许的键：description、groups").format(key=key)
            )
    groups = data.get("groups")
    if not isinstance(groups, list):
        raise rule_file.error("groups", tr("Knowledge", "groups 应为数组，每个元素是一组同义词"))
    seen: dict[str, str] = {}
    parsed: list[list[str]] = []
    for number, group in enumerate(groups):
        parsed.append(_check_group(rule_file, number, group, seen))
    return SynonymTable.from_groups(parsed)


def _check_group(rule_file: RuleFile, number: int, group: Any, seen: dict[str, str]) -> list[str]:
    pointer = f"groups/{number}"
    if not isinstance(group, dict):
        raise rule_file.error(pointer, tr("Knowledge", '每组应为对象，如 {{"terms": ["社保", "社会保险"]}}'))
    for key in group:
        if key not in _GROUP_KEYS:
            raise rule_file.error(
                f"{pointer}/{key}", tr("Knowledge", "未知的键 {key}；允许的键：terms、note").format(key=key)
            )
    if "note" in group and not isinstance(group["note"], str):
        raise rule_file.error(f"{pointer}/note", tr("Knowledge", "note 应为文字说明"))
    terms = group.get("terms")
    if not isinstance(terms, list) or len(terms) < 2:
        raise rule_file.error(f"{pointer}/terms", tr("Knowledge", "terms 应为至少含两个词的数组"))
    result: list[str] = []
    for index, term in enumerate(terms):
        term_pointer = f"{pointer}/terms/{index}"
        if not isinstance(term, str) or not term.strip():
            raise rule_file.error(term_pointer, tr("Knowledge", "同义词应为非空文字"))
        if len(term.strip()) > MAX_TERM_LENGTH or any(char.isspace() for char in term.strip()):
            raise rule_file.error(
                term_pointer,
                tr("Knowledge", "同义词应为不含空格、不超过 {limit} 个字的词").format(limit=MAX_TERM_LENGTH),
            )
        folded = fold(term.strip())
        if folded in seen:
            raise rule_file.error(
                term_pointer,
                tr("Knowledge", "“{term}”已出现在 {where}；一个词只能属于一组").format(
                    term=term, where=seen[folded]
                ),
            )
        seen[folded] = term_pointer
        result.append(term)
    return result


def load_default_synonyms(book: RuleBook | None = None) -> SynonymTable:
    """Load the synonyms in force from the rule book (shipped file, hall override or config bundle).

    Raises:
        RuleError: when the file is missing or malformed.
    """
    return load_synonyms((book or RuleBook()).get(RULE_NAME))


__all__ = ["RULE_NAME", "RuleError", "SynonymTable", "load_default_synonyms", "load_synonyms"]
