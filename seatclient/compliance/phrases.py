"""Forbidden service phrases (服务禁语): loading the hall's list and finding them in what a call-taker says.

HZ 7.1 forbids call-takers to use forbidden phrases, to blame, contradict or question back the caller, and
to shirk; HZ 10.2.1 makes quality checkers score every call on it. The list is data
(``resources/rules/forbidden_phrases.json``); this module validates it and finds its phrases in text.

Matching is one pass of an Aho-Corasick automaton over the original text. Folding (width, case,
traditional characters, look-alikes) is compiled into the automaton's transitions, and separators are
transparent inside a match, so 不 知 道, 不知到 and 不知道 are all one phrase and the hit's span is
already in original positions. Candidates then pass precision checks, cheapest first:

1. an exception context of that phrase covering the hit (知不知道 is not 不知道);
2. a boundary word crossing either edge of the hit (主管|不了解 is not 管不了);
3. a sentence terminator inside the hit, unless every gap has one (不。知。道 is deliberate);
4. Latin letters running on across an edge (u|sb is not sb);
5. ``clause_end`` phrases followed by more than sentence-final particles (这是规定的时限);
6. the phrase's ``subject``: ``we`` phrases do not count in a hypothetical clause or when the clause's
   nearest subject is someone else (如果您实在没办法到现场, 居民不知道这项政策); ``caller`` phrases do
   not count when the nearest subject is a third party (小区里有人不讲道理乱停车).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

from seatclient.compliance.normalize import (
    LOOKALIKES_RULE_NAME,
    Normalizer,
    SeparatorKind,
    load_lookalikes,
)
from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

PHRASES_RULE_NAME = "forbidden_phrases"

#: How far back (in characters) the subject of a clause is looked for.
SUBJECT_WINDOW = 30

_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(-[0-9a-z_]+)*$")


class Subject(StrEnum):
    """Whom a phrase must be about to count."""

    ANY = "any"
    """Counts whoever the clause is about."""
    WE = "we"
    """Counts only when the call-taker's side is the subject (我们不知道, not 居民不知道)."""
    CALLER = "caller"
    """Counts unless a third party is the subject (你胡搅蛮缠, not 对方胡搅蛮缠)."""


class Mode(StrEnum):
    """What the client does about a hit."""

    WARN = "warn"
    """Underline the phrase and show the suggestion; the call-taker may go on."""
    BLOCK = "block"
    """Also refuse to send or submit the text until the phrase is changed."""


@dataclass(frozen=True)
class Category:
    """A kind of forbidden phrase.

    Attributes:
        id: stable identifier (``shirking``).
        label: Chinese name shown to call-takers (推诿).
        label_en: English name.
        basis: the clauses the category rests on.
        description: what the category covers, in Chinese.
        mode: what a hit of this category does.
    """

    id: str
    label: str
    label_en: str
    basis: str
    description: str
    mode: Mode


@dataclass(frozen=True)
class Phrase:
    """One forbidden phrase with its better wording and its innocent contexts.

    Attributes:
        id: stable identifier (``shirking-01``).
        category: the category id.
        text: the phrase as written in the rule file.
        suggestion: a better wording to offer the call-taker.
        exceptions: longer texts containing the phrase in which it is innocent, including those
            built from ``unless_preceded_by`` and ``unless_followed_by``.
        clause_end: the phrase counts only at the end of a clause.
        subject: whom the phrase must be about to count.
    """

    id: str
    category: str
    text: str
    suggestion: str
    exceptions: tuple[str, ...] = ()
    clause_end: bool = False
    subject: Subject = Subject.ANY


@dataclass(frozen=True)
class ContextWords:
    """Hall-wide words the precision checks use.

    Attributes:
        boundary_words: words that, crossing a hit's edge, show the hit is part of another word.
        clause_end_particles: single characters that may follow a ``clause_end`` phrase (的, 了, 啊).
        first_person: subjects meaning the call-taker's side (我, 我们).
        second_person: subjects meaning the caller (你; 您 folds to it).
        third_parties: subjects meaning someone else (他们, 居民, 物业).
        conditionals: words making a clause hypothetical (如果, 要是).
    """

    boundary_words: tuple[str, ...] = ()
    clause_end_particles: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    second_person: tuple[str, ...] = ()
    third_parties: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhraseRules:
    """A validated forbidden-phrase list.

    Attributes:
        version: the list's version.
        mode: the hall-wide default mode.
        categories: the categories in file order.
        phrases: every phrase in file order.
        context: the hall-wide context words.
    """

    version: str
    mode: Mode
    categories: tuple[Category, ...]
    phrases: tuple[Phrase, ...]
    context: ContextWords


@dataclass(frozen=True)
class Hit:
    """A forbidden phrase found in a text.

    Attributes:
        phrase_id: the phrase's id.
        category: the phrase's category id.
        original_span: ``(start, end)`` in the checked text, end exclusive, for underlining.
        matched_text: the checked text's characters in that span, as written (不 知 道).
        suggestion: the better wording to offer.
        mode: what the hall wants done about it.
    """

    phrase_id: str
    category: str
    original_span: tuple[int, int]
    matched_text: str
    suggestion: str
    mode: Mode


class _Person(IntEnum):
    WE = 0
    CALLER = 1
    THIRD_PARTY = 2


class _Role(IntEnum):
    PHRASE = 0
    EXCEPTION = 1
    BOUNDARY = 2


class AhoCorasick:
    """A multi-pattern matcher over original text, with folding and separators built in.

    Patterns are canonical strings (already folded). Transitions are keyed by every original character
    that folds to the canonical one, so the scan never folds its input; separator characters leave the
    state unchanged, so a pattern matches across inserted spaces and punctuation. Failure links are
    resolved at build time for all transitions into depth two or more, so the scan makes at most two
    dictionary look-ups per character.
    """

    def __init__(self, patterns: Sequence[str], normalizer: Normalizer) -> None:
        """Build the automaton.

        Args:
            patterns: canonical, non-empty strings; the index of each is its pattern id.
            normalizer: gives each canonical character's preimages and the separator characters.
        """
        goto: list[dict[str, int]] = [{}]
        terminal: list[list[int]] = [[]]
        for pattern_id, pattern in enumerate(patterns):
            state = 0
            for char in pattern:
                nxt = goto[state].get(char)
                if nxt is None:
                    nxt = len(goto)
                    goto[state][char] = nxt
                    goto.append({})
                    terminal.append([])
                state = nxt
            terminal[state].append(pattern_id)

        fail = [0] * len(goto)
        order: list[int] = []
        queue = deque(goto[0].values())
        while queue:
            state = queue.popleft()
            order.append(state)
            for char, child in goto[state].items():
                probe = fail[state]
                while probe and char not in goto[probe]:
                    probe = fail[probe]
                fail[child] = goto[probe].get(char, 0)
                queue.append(child)

        outputs: list[tuple[int, ...]] = [()] * len(goto)
        for state in order:  # breadth-first, so a failure target is complete before its users
            outputs[state] = tuple(terminal[state]) + outputs[fail[state]]

        def expand(transitions: Mapping[str, int]) -> dict[str, int]:
            return {
                source: target
                for char, target in transitions.items()
                for source in normalizer.preimages(char)
            }

        deep: list[dict[str, int]] = [{}]
        for state in range(1, len(goto)):
            resolved: dict[str, int] = {}
            probe = state
            while probe:
                for char, target in goto[probe].items():
                    resolved.setdefault(char, target)
                probe = fail[probe]
            deep.append(expand(resolved))

        self._root = expand(goto[0])
        self._deep_get = [transitions.get for transitions in deep]
        self._outputs = outputs
        self._has_output = [bool(output) for output in outputs]
        self._separators = frozenset(normalizer.separators)
        self.pattern_count = len(patterns)
        self.state_count = len(goto)

    def scan(self, text: str) -> list[tuple[int, int]]:
        """Return ``(end_index, pattern_id)`` for every occurrence; ``end_index`` is inclusive."""
        outputs = self._outputs
        return [
            (index, pattern_id) for index, state in self._scan_states(text) for pattern_id in outputs[state]
        ]

    def _scan_states(self, text: str) -> list[tuple[int, int]]:
        # The hot loop of the matcher: locals only, at most two dict look-ups per character, and
        # the common case (a character no pattern starts with, at the root) costs one.
        root_get = self._root.get
        deep_get = self._deep_get
        has_output = self._has_output
        separators = self._separators
        found: list[tuple[int, int]] = []
        append = found.append
        state = 0
        for index, char in enumerate(text):
            if state:
                nxt = deep_get[state](char) or root_get(char)
                if nxt is None:
                    if char not in separators:
                        state = 0
                    continue
            else:
                nxt = root_get(char)
                if nxt is None:
                    continue
            state = nxt
            if has_output[state]:
                append((index, state))
        return found


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    phrase_index: int
    stop_gaps: int


class PhraseMatcher:
    """Finds forbidden phrases in a text; built once from the rules, then used for every check."""

    def __init__(self, rules: PhraseRules, normalizer: Normalizer) -> None:
        """Compile the rules.

        Args:
            rules: a validated list (``load_phrase_rules``).
            normalizer: the folding the rules were validated with.
        """
        self._rules = rules
        self._normalizer = normalizer
        self._categories = {category.id: category for category in rules.categories}
        patterns: list[str] = []
        pattern_ids: dict[str, int] = {}
        roles: list[list[tuple[_Role, int]]] = []

        def add(text: str, role: _Role, ref: int) -> None:
            canonical = normalizer.canonical(text)
            if not canonical:
                return
            pattern_id = pattern_ids.get(canonical)
            if pattern_id is None:
                pattern_id = pattern_ids[canonical] = len(patterns)
                patterns.append(canonical)
                roles.append([])
            roles[pattern_id].append((role, ref))

        for index, phrase in enumerate(rules.phrases):
            add(phrase.text, _Role.PHRASE, index)
            for exception in phrase.exceptions:
                add(exception, _Role.EXCEPTION, index)
        for word in rules.context.boundary_words:
            add(word, _Role.BOUNDARY, -1)
        self._automaton = AhoCorasick(patterns, normalizer)
        self._phrase_lengths = tuple(len(normalizer.canonical(phrase.text)) for phrase in rules.phrases)
        self._pattern_lengths = tuple(len(pattern) for pattern in patterns)
        self._pattern_roles = tuple(tuple(entry) for entry in roles)
        self._has_phrase = tuple(any(role is _Role.PHRASE for role, _ in entry) for entry in roles)
        self._separators = normalizer.separators
        context = rules.context
        self._particles = frozenset(normalizer.canonical(word) for word in context.clause_end_particles)
        self._conditionals = tuple(
            canonical for word in context.conditionals if (canonical := normalizer.canonical(word))
        )
        subjects: dict[str, _Person] = {}
        for words, role in (
            (context.third_parties, _Person.THIRD_PARTY),
            (context.second_person, _Person.CALLER),
            (context.first_person, _Person.WE),
        ):
            for word in words:
                subjects[normalizer.canonical(word)] = role
        subjects.pop("", None)
        self._subjects = subjects
        self._subject_max = max((len(word) for word in subjects), default=0)

    @property
    def rules(self) -> PhraseRules:
        """The rules this matcher was built from."""
        return self._rules

    @property
    def pattern_count(self) -> int:
        """How many distinct patterns (phrases, exceptions, boundary words) the automaton holds."""
        return self._automaton.pattern_count

    def category(self, category_id: str) -> Category:
        """Return the category ``category_id`` (its label for the UI, its mode)."""
        return self._categories[category_id]

    def blocks(self, hits: Iterable[Hit]) -> bool:
        """Whether any of ``hits`` is in block mode, so the text must not be sent as it is."""
        return any(hit.mode is Mode.BLOCK for hit in hits)

    def find(self, text: str) -> list[Hit]:
        """Return the forbidden phrases in ``text`` with their original spans.

        Hits never overlap, so each can be underlined on its own: where candidates overlap, the one
        starting first wins, and of those starting together the longest.
        """
        found = self._automaton.scan(text)
        if not found or not any(self._has_phrase[pattern_id] for _, pattern_id in found):
            return []
        candidates: list[_Candidate] = []
        exceptions: dict[int, list[tuple[int, int]]] = {}
        boundaries: list[tuple[int, int]] = []
        for end_index, pattern_id in found:
            start, stops, punctuation = self._walk_back(text, end_index, self._pattern_lengths[pattern_id])
            end = end_index + 1
            for role, ref in self._pattern_roles[pattern_id]:
                if role is _Role.PHRASE:
                    candidates.append(_Candidate(start, end, ref, stops))
                elif punctuation:
                    # Exceptions and boundary words are words: they never straddle a comma.
                    continue
                elif role is _Role.EXCEPTION:
                    exceptions.setdefault(ref, []).append((start, end))
                else:
                    boundaries.append((start, end))

        # A boundary word spanning [b_start, b_end) cuts the text inside itself; a hit whose edge
        # falls on such a cut is part of that word.
        cuts = {cut for b_start, b_end in boundaries for cut in range(b_start + 1, b_end)}
        accepted: list[_Candidate] = []
        for candidate in candidates:
            phrase = self._rules.phrases[candidate.phrase_index]
            start, end = candidate.start, candidate.end
            if start in cuts or end in cuts:
                continue
            if any(
                ex_start <= start and ex_end >= end
                for ex_start, ex_end in exceptions.get(candidate.phrase_index, ())
            ):
                continue
            length = self._phrase_lengths[candidate.phrase_index]
            stops = candidate.stop_gaps
            if stops and (stops < length - 1 or length < 3):
                continue
            if self._runs_on_in_latin(text, start, end):
                continue
            if phrase.clause_end and not self._ends_clause(text, end):
                continue
            if phrase.subject is not Subject.ANY and not self._subject_fits(text, start, phrase.subject):
                continue
            accepted.append(candidate)

        accepted.sort(key=lambda item: (item.start, -item.end))
        hits: list[Hit] = []
        furthest_end = -1
        for candidate in accepted:
            if candidate.start < furthest_end:
                continue  # overlaps a hit already reported
            furthest_end = candidate.end
            phrase = self._rules.phrases[candidate.phrase_index]
            hits.append(
                Hit(
                    phrase_id=phrase.id,
                    category=phrase.category,
                    original_span=(candidate.start, candidate.end),
                    matched_text=text[candidate.start : candidate.end],
                    suggestion=phrase.suggestion,
                    mode=self._categories[phrase.category].mode,
                )
            )
        return hits

    def _walk_back(self, text: str, end_index: int, length: int) -> tuple[int, int, int]:
        """Return where a match ending at ``end_index`` starts and how many of its gaps hold separators.

        Returns:
            ``(start, stop_gaps, punctuation_gaps)``: gaps holding a sentence terminator, and gaps
            holding any punctuation (terminators included).
        """
        separators = self._separators
        position = end_index
        remaining = length - 1
        stop_gaps = punctuation_gaps = 0
        gap_has_stop = gap_has_punctuation = False
        while remaining:
            position -= 1
            kind = separators.get(text[position])
            if kind is None:
                remaining -= 1
                stop_gaps += gap_has_stop
                punctuation_gaps += gap_has_punctuation
                gap_has_stop = gap_has_punctuation = False
            elif kind is SeparatorKind.STOP:
                gap_has_stop = gap_has_punctuation = True
            elif kind is SeparatorKind.PUNCTUATION:
                gap_has_punctuation = True
        return position, stop_gaps, punctuation_gaps

    def _runs_on_in_latin(self, text: str, start: int, end: int) -> bool:
        """Whether a hit starting or ending in a Latin letter or digit is glued to another one (u|sb)."""
        fold = self._normalizer.fold_char

        def alnum(char: str) -> bool:
            folded = fold(char)
            return folded.isascii() and folded.isalnum()

        if alnum(text[start]) and start > 0 and alnum(text[start - 1]):
            return True
        return alnum(text[end - 1]) and end < len(text) and alnum(text[end])

    def _ends_clause(self, text: str, end: int) -> bool:
        """Whether only sentence-final particles (at most two) stand between ``end`` and punctuation."""
        separators = self._separators
        fold = self._normalizer.fold_char
        particles_seen = 0
        position = end
        while position < len(text):
            kind = separators.get(text[position])
            if kind is SeparatorKind.SPACE:
                position += 1
                continue
            if kind is not None:
                return True
            if particles_seen == 2 or fold(text[position]) not in self._particles:
                return False
            particles_seen += 1
            position += 1
        return True

    def _subject_fits(self, text: str, start: int, wanted: Subject) -> bool:
        """Whether the clause before ``start`` is about whom the phrase must be about.

        The subject is the nearest person word before the phrase in its clause; no person word
        means the call-taker is speaking about their own side.
        """
        separators = self._separators
        fold = self._normalizer.fold_char
        reversed_prefix: list[str] = []
        position = start - 1
        while position >= 0 and len(reversed_prefix) < SUBJECT_WINDOW:
            kind = separators.get(text[position])
            if kind is None:
                reversed_prefix.append(fold(text[position]))
            elif kind is not SeparatorKind.SPACE:
                break
            position -= 1
        prefix = "".join(reversed(reversed_prefix))
        if wanted is Subject.WE and any(word in prefix for word in self._conditionals):
            return False
        nearest = self._nearest_subject(prefix)
        if wanted is Subject.WE:
            return nearest is None or nearest is _Person.WE
        return nearest is not _Person.THIRD_PARTY

    def _nearest_subject(self, prefix: str) -> _Person | None:
        for end in range(len(prefix), 0, -1):
            for size in range(min(self._subject_max, end), 0, -1):
                role = self._subjects.get(prefix[end - size : end])
                if role is not None:
                    return role
        return None


# --- loading and validation -------------------------------------------------------------------------

_TOP_KEYS = ("version", "description", "mode", "matching", "categories")
_MATCHING_KEYS = (
    "boundary_words",
    "clause_end_particles",
    "first_person",
    "second_person",
    "third_parties",
    "conditionals",
)
_CATEGORY_KEYS = ("id", "label", "label_en", "basis", "description", "mode", "phrases")
_PHRASE_KEYS = (
    "id",
    "text",
    "suggestion",
    "exceptions",
    "unless_preceded_by",
    "unless_followed_by",
    "clause_end",
    "subject",
)


class _Validator:
    """Collects every problem of a forbidden-phrase file instead of stopping at the first."""

    def __init__(self, rule_file: RuleFile, normalizer: Normalizer) -> None:
        self.file = rule_file
        self.normalizer = normalizer
        self.errors: list[RuleError] = []

    def problem(self, pointer: str, text: str) -> None:
        self.errors.append(self.file.error(pointer, text))

    def unknown_keys(self, value: Mapping[str, Any], allowed: Sequence[str], pointer: str) -> None:
        for key in value:
            if key not in allowed:
                self.problem(
                    f"{pointer}/{key}" if pointer else key,
                    tr("Compliance", "未知的键“{key}”；允许的键：{allowed}").format(
                        key=key, allowed="、".join(allowed)
                    ),
                )

    def text(self, value: Any, pointer: str, *, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(pointer, tr("Compliance", "必须是非空字符串"))
            return ""
        return value

    def mode(self, value: Any, pointer: str, default: Mode) -> Mode:
        if value is None:
            return default
        if value not in (Mode.WARN.value, Mode.BLOCK.value):
            self.problem(pointer, tr("Compliance", "mode 只能是 warn（提示）或 block（阻止）"))
            return default
        return Mode(value)

    def word_list(self, value: Any, pointer: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(pointer, tr("Compliance", "必须是字符串数组"))
            return ()
        words: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not self.normalizer.canonical(item):
                self.problem(
                    f"{pointer}/{index}", tr("Compliance", "必须是非空字符串（去掉空格和标点后仍有文字）")
                )
            else:
                words.append(item)
        return tuple(words)

    def flag(self, value: Any, pointer: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(pointer, tr("Compliance", "必须是 true 或 false"))
            return False
        return value

    def subject(self, value: Any, pointer: str) -> Subject:
        if value is None:
            return Subject.ANY
        if value not in (Subject.WE.value, Subject.CALLER.value):
            self.problem(
                pointer,
                tr("Compliance", "subject 只能是 we（只在说我们自己时算）或 caller（说第三方时不算）"),
            )
            return Subject.ANY
        return Subject(value)

    def matching(self, value: Any) -> ContextWords:
        if value is None:
            return ContextWords()
        if not isinstance(value, dict):
            self.problem("matching", tr("Compliance", "matching 必须是 JSON 对象"))
            return ContextWords()
        self.unknown_keys(value, _MATCHING_KEYS, "matching")
        particles = self.word_list(value.get("clause_end_particles"), "matching/clause_end_particles")
        for index, particle in enumerate(particles):
            if len(self.normalizer.canonical(particle)) != 1:
                self.problem(
                    f"matching/clause_end_particles/{index}",
                    tr("Compliance", "语气词必须是单个字"),
                )
        return ContextWords(
            boundary_words=self.word_list(value.get("boundary_words"), "matching/boundary_words"),
            clause_end_particles=particles,
            first_person=self.word_list(value.get("first_person"), "matching/first_person"),
            second_person=self.word_list(value.get("second_person"), "matching/second_person"),
            third_parties=self.word_list(value.get("third_parties"), "matching/third_parties"),
            conditionals=self.word_list(value.get("conditionals"), "matching/conditionals"),
        )

    def phrase(
        self, raw: Any, pointer: str, category_id: str, seen_ids: dict[str, str], seen_texts: dict[str, str]
    ) -> Phrase | None:
        if not isinstance(raw, dict):
            self.problem(pointer, tr("Compliance", "每条禁语必须是 JSON 对象"))
            return None
        self.unknown_keys(raw, _PHRASE_KEYS, pointer)
        phrase_id = self.text(raw.get("id"), f"{pointer}/id")
        if phrase_id and not _ID_PATTERN.match(phrase_id):
            self.problem(
                f"{pointer}/id",
                tr("Compliance", "id 只能由小写字母、数字、下划线和连字符组成，如 shirking-01"),
            )
        elif phrase_id in seen_ids:
            self.problem(
                f"{pointer}/id",
                tr("Compliance", "id“{id}”与 {other} 重复").format(id=phrase_id, other=seen_ids[phrase_id]),
            )
        elif phrase_id:
            seen_ids[phrase_id] = pointer
        text = self.text(raw.get("text"), f"{pointer}/text")
        canonical = self.normalizer.canonical(text)
        if text and len(canonical) < 2:
            self.problem(
                f"{pointer}/text", tr("Compliance", "禁语去掉空格和标点后至少要有两个字，单字误报太多")
            )
        elif canonical in seen_texts:
            self.problem(
                f"{pointer}/text",
                tr("Compliance", "“{text}”与 {other} 的禁语在统一繁简、形近字后相同").format(
                    text=text, other=seen_texts[canonical]
                ),
            )
        elif canonical:
            seen_texts[canonical] = pointer
        suggestion = self.text(raw.get("suggestion"), f"{pointer}/suggestion")
        exceptions = list(self.word_list(raw.get("exceptions"), f"{pointer}/exceptions"))
        for index, exception in enumerate(exceptions):
            if canonical and canonical not in self.normalizer.canonical(exception):
                self.problem(
                    f"{pointer}/exceptions/{index}",
                    tr("Compliance", "例外“{exception}”必须包含禁语“{text}”本身").format(
                        exception=exception, text=text
                    ),
                )
        exceptions += [
            word + text
            for word in self.word_list(raw.get("unless_preceded_by"), f"{pointer}/unless_preceded_by")
        ]
        exceptions += [
            text + word
            for word in self.word_list(raw.get("unless_followed_by"), f"{pointer}/unless_followed_by")
        ]
        clause_end = self.flag(raw.get("clause_end"), f"{pointer}/clause_end")
        subject = self.subject(raw.get("subject"), f"{pointer}/subject")
        if not (phrase_id and text and suggestion):
            return None
        return Phrase(
            id=phrase_id,
            category=category_id,
            text=text,
            suggestion=suggestion,
            exceptions=tuple(exceptions),
            clause_end=clause_end,
            subject=subject,
        )

    def rules(self) -> PhraseRules | None:
        data = self.file.data
        if not isinstance(data, dict):
            self.problem("", tr("Compliance", "文件内容必须是一个 JSON 对象"))
            return None
        self.unknown_keys(data, _TOP_KEYS, "")
        version = self.text(data.get("version"), "version")
        self.text(data.get("description"), "description", required=False)
        if "mode" not in data:
            self.problem("mode", tr("Compliance", "缺少 mode：全厅处置方式，warn（提示）或 block（阻止）"))
        mode = self.mode(data.get("mode"), "mode", Mode.WARN)
        context = self.matching(data.get("matching"))
        raw_categories = data.get("categories")
        if not isinstance(raw_categories, list) or not raw_categories:
            self.problem("categories", tr("Compliance", "categories 必须是非空数组"))
            return None
        categories: list[Category] = []
        phrases: list[Phrase] = []
        category_ids: dict[str, str] = {}
        phrase_ids: dict[str, str] = {}
        phrase_texts: dict[str, str] = {}
        for index, raw in enumerate(raw_categories):
            pointer = f"categories/{index}"
            if not isinstance(raw, dict):
                self.problem(pointer, tr("Compliance", "每个分类必须是 JSON 对象"))
                continue
            self.unknown_keys(raw, _CATEGORY_KEYS, pointer)
            category_id = self.text(raw.get("id"), f"{pointer}/id")
            if category_id and not _ID_PATTERN.match(category_id):
                self.problem(
                    f"{pointer}/id", tr("Compliance", "分类 id 只能由小写字母、数字和下划线组成，如 shirking")
                )
            elif category_id in category_ids:
                self.problem(
                    f"{pointer}/id",
                    tr("Compliance", "分类 id“{id}”与 {other} 重复").format(
                        id=category_id, other=category_ids[category_id]
                    ),
                )
            else:
                category_ids[category_id] = pointer
            category = Category(
                id=category_id,
                label=self.text(raw.get("label"), f"{pointer}/label"),
                label_en=self.text(raw.get("label_en"), f"{pointer}/label_en"),
                basis=self.text(raw.get("basis"), f"{pointer}/basis", required=False),
                description=self.text(raw.get("description"), f"{pointer}/description", required=False),
                mode=self.mode(raw.get("mode"), f"{pointer}/mode", mode),
            )
            categories.append(category)
            raw_phrases = raw.get("phrases")
            if not isinstance(raw_phrases, list) or not raw_phrases:
                self.problem(f"{pointer}/phrases", tr("Compliance", "phrases 必须是非空数组"))
                continue
            for position, raw_phrase in enumerate(raw_phrases):
                phrase = self.phrase(
                    raw_phrase, f"{pointer}/phrases/{position}", category_id, phrase_ids, phrase_texts
                )
                if phrase is not None:
                    phrases.append(phrase)
        return PhraseRules(
            version=version, mode=mode, categories=tuple(categories), phrases=tuple(phrases), context=context
        )


def check_phrase_rules(rule_file: RuleFile, normalizer: Normalizer) -> list[RuleError]:
    """Validate a ``forbidden_phrases`` rule file and return every problem (empty when valid)."""
    validator = _Validator(rule_file, normalizer)
    validator.rules()
    return validator.errors


def load_phrase_rules(rule_file: RuleFile, normalizer: Normalizer) -> PhraseRules:
    """Parse and validate a ``forbidden_phrases`` rule file.

    Args:
        rule_file: the file, from ``RuleBook.get`` or a config bundle.
        normalizer: the folding to compare phrases with (duplicates after folding are errors).

    Raises:
        RuleError: the first problem found, with its pointer and line.
    """
    validator = _Validator(rule_file, normalizer)
    rules = validator.rules()
    if validator.errors:
        raise validator.errors[0]
    assert rules is not None
    return rules


def load_default_matcher(book: RuleBook | None = None) -> PhraseMatcher:
    """Build the matcher from the rule files in force (``lookalikes`` and ``forbidden_phrases``).

    Raises:
        RuleError: when either file is missing or invalid.
    """
    book = book or RuleBook()
    normalizer = Normalizer(load_lookalikes(book.get(LOOKALIKES_RULE_NAME)))
    rules = load_phrase_rules(book.get(PHRASES_RULE_NAME), normalizer)
    return PhraseMatcher(rules, normalizer)
