"""Forbidden-phrase matching: corpus precision and recall, robustness, exceptions, spans, validation."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from seatclient.compliance.normalize import Normalizer, load_default_lookalikes
from seatclient.compliance.phrases import (
    AhoCorasick,
    Category,
    ContextWords,
    Hit,
    Mode,
    Phrase,
    PhraseMatcher,
    PhraseRules,
    Subject,
    check_phrase_rules,
    load_default_matcher,
    load_phrase_rules,
)
from seatclient.rules import RuleError, RuleFile, load_rule_file
from seatclient.rules.rulebook import parse_rule_text

HERE = Path(__file__).parent


def read_corpus(name: str) -> list[tuple[str, str]]:
    """Return ``(sentence, expected_category)`` pairs; comment and blank lines are skipped."""
    pairs = []
    for raw in (HERE / name).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        text, _, category = raw.partition("\t")
        pairs.append((text, category.strip()))
    return pairs


@pytest.fixture(scope="module")
def matcher() -> PhraseMatcher:
    return load_default_matcher()


def phrase_text(matcher: PhraseMatcher, hit: Hit) -> str:
    """The phrase as written in the rule file, so tests do not depend on id numbering."""
    (phrase,) = [phrase for phrase in matcher.rules.phrases if phrase.id == hit.phrase_id]
    return phrase.text


def spans(matcher: PhraseMatcher, hits: list[Hit]) -> list[tuple[str, tuple[int, int], str]]:
    return [(phrase_text(matcher, hit), hit.original_span, hit.matched_text) for hit in hits]


# --- the corpus ---------------------------------------------------------------------------------------


def test_corpus_sizes_are_as_promised() -> None:
    assert len(read_corpus("corpus_flagged.txt")) >= 200
    assert len(read_corpus("corpus_clean.txt")) >= 200


def test_corpus_precision_and_recall_are_at_least_95_percent(matcher: PhraseMatcher) -> None:
    flagged = read_corpus("corpus_flagged.txt")
    clean = read_corpus("corpus_clean.txt")
    true_positives = sum(1 for text, _ in flagged if matcher.find(text))
    false_positives = [text for text, _ in clean if matcher.find(text)]
    recall = true_positives / len(flagged)
    precision = true_positives / (true_positives + len(false_positives))
    assert recall >= 0.95, f"recall {recall:.3f}"
    assert precision >= 0.95, f"precision {precision:.3f}; false positives: {false_positives[:10]}"


def test_corpus_hits_carry_the_expected_category(matcher: PhraseMatcher) -> None:
    labelled = [(text, category) for text, category in read_corpus("corpus_flagged.txt") if category]
    wrong = [
        (text, category)
        for text, category in labelled
        if category not in {hit.category for hit in matcher.find(text)}
    ]
    assert len(labelled) >= 200
    assert len(wrong) <= len(labelled) * 0.05, wrong[:10]


def test_corpus_categories_exist_in_the_rules(matcher: PhraseMatcher) -> None:
    known = {category.id for category in matcher.rules.categories}
    used = {category for _, category in read_corpus("corpus_flagged.txt") if category}
    assert used <= known
    assert used == known, "every category is exercised by the corpus"


# --- robustness variants --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "span"),
    [
        ("不 知 道，你问别人吧。", "不知道", (0, 5)),  # inserted spaces
        ("不\u3000知\u3000道", "不知道", (0, 5)),  # ideographic spaces
        ("不，知，道。", "不知道", (0, 5)),  # full-width commas
        ("不.知.道", "不知道", (0, 5)),  # a full stop in every gap
        ("不\u200b知道", "不知道", (0, 4)),  # zero-width space
        ("不-归-我-们-管", "不归我们管", (0, 9)),
        ("这不歸我們管，你打別的電話。", "不归我们管", (1, 6)),  # traditional
        ("你問我我問誰？", "我问谁", (3, 6)),
        ("你聽不懂嗎？", "听不懂吗", (1, 5)),
        ("你聽不懂嘛？", "听不懂吗", (1, 5)),  # traditional + homophone particle
        ("这是归定。", "这是规定", (0, 4)),  # 规 -> 归 typo
        ("不归我们馆。", "不归我们管", (0, 5)),  # 管 -> 馆
        ("不归我门管。", "不归我们管", (0, 5)),  # 们 -> 门
        ("我不知到。", "不知道", (1, 4)),  # 道 -> 到
        ("你自已看着办。", "你自己看着办", (0, 6)),  # 己 -> 已 look-alike
        ("您自己看着办吧。", "你自己看着办", (0, 6)),  # 您 counts as 你
        ("你ｓｂ吧", "sb", (1, 3)),  # full-width Latin
        ("你是Ｓｂ吗", "sb", (2, 4)),  # full-width, mixed case
        ("\uf967知道，我查不到。", "不知道", (0, 3)),  # CJK compatibility ideograph 不
        ("说\u2f08话。", "说人话", (0, 3)),  # Kangxi radical 人
        ("爱 找 谁 找 谁", "爱找谁找谁", (0, 9)),
        ("没/办/法", "没办法", (0, 5)),
        ("爱找谁找谁😊", "爱找谁找谁", (0, 5)),
        ("急 什 么", "急什么", (0, 5)),
    ],
)
def test_robustness_variant_is_found_with_its_original_span(
    matcher: PhraseMatcher, text: str, phrase: str, span: tuple[int, int]
) -> None:
    hits = matcher.find(text)
    assert [(phrase_text(matcher, hit), hit.original_span) for hit in hits] == [(phrase, span)]
    assert hits[0].matched_text == text[span[0] : span[1]]


# --- precision: exceptions, boundaries, clauses, subjects --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "请问您知不知道对方的门牌号？",  # exception: 知不知道
        "不知道您现在方便说话吗？",  # exception: 不知道 + 你
        "您说的这个情况，我们之前不知道，谢谢您反映。",  # exception: 之前不知道
        "来电人表示不知道补贴发放时间。",  # subject is a third party
        "如果您不知道具体地址，说一下附近的路名也可以。",  # hypothetical clause
        "物业主管不了解情况的话，可以请社区协调。",  # boundary words 主管 / 了解
        "请问您着急什么时候要结果？",  # boundary word 什么时候
        "您别急，什么情况您跟我说。",  # the comma ends the clause and 什么情况 is a word
        "这是规定的办理时限，我们会督促承办单位。",  # clause_end: 的 + more text
        "您有病历本吗？报销需要提供。",  # boundary word 病历
        "糖尿病周围神经病变属于慢性病门诊报销范围。",  # boundary word 病变
        "USB接口的充电桩坏了是吧。",  # Latin letters run on: u|sb
        "我们不管多晚都会有人接听。",  # unless_followed_by 多
        "我们无法保证解决的时间，但会督促部门。",  # unless_preceded_by 无法
        "举报人是否需要保密？",  # unless_followed_by 否
        "小区里有人不讲道理乱停车，是吗？",  # subject caller: a third party is meant
        "很着急。什么时候能修好？",  # a full stop between 急 and 什么
    ],
)
def test_innocent_context_is_not_flagged(matcher: PhraseMatcher, text: str) -> None:
    assert matcher.find(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("这个我不知道，你问别人吧。", "不知道"),  # the comma stops the 不知道你 exception
        ("您说的这个我不知道。", "不知道"),  # nearest subject is 我
        ("这是规定的。", "这是规定"),  # particle then punctuation ends the clause
        ("这是规定啊！", "这是规定"),
        ("你是 sb 吧", "sb"),  # spaces around Latin letters
        ("你别跟我啰嗦了。", "啰嗦"),  # subject caller: 我 is the object here
    ],
)
def test_forbidden_use_next_to_an_innocent_shape_is_flagged(
    matcher: PhraseMatcher, text: str, phrase: str
) -> None:
    assert [phrase_text(matcher, hit) for hit in matcher.find(text)] == [phrase]


def test_overlapping_candidates_leave_the_leftmost_longest(matcher: PhraseMatcher) -> None:
    # 你有病 and 有病吧 overlap: the one starting first is reported, once
    assert spans(matcher, matcher.find("你有病吧")) == [("你有病", (0, 3), "你有病")]
    # 少啰嗦 contains 啰嗦: the longer one, starting first, is reported
    assert spans(matcher, matcher.find("少啰嗦")) == [("少啰嗦", (0, 3), "少啰嗦")]


def test_separate_phrases_are_each_reported(matcher: PhraseMatcher) -> None:
    hits = matcher.find("好了好了，你问我我问谁？")
    assert [(phrase_text(matcher, hit), hit.matched_text) for hit in hits] == [
        ("好了好了", "好了好了"),
        ("我问谁", "我问谁"),
    ]


def test_two_hits_in_one_text_are_in_order_with_exact_spans(matcher: PhraseMatcher) -> None:
    text = "急什麼？這是規定！"
    hits = matcher.find(text)
    assert spans(matcher, hits) == [("急什么", (0, 3), "急什麼"), ("这是规定", (4, 8), "這是規定")]


def test_hit_carries_category_and_suggestion(matcher: PhraseMatcher) -> None:
    (hit,) = matcher.find("你 有 病 吧")
    assert hit.category == "rude"
    assert matcher.category(hit.category).label == "生硬粗鲁"
    assert hit.suggestion == "请您慢慢说，我们一起把问题说清楚。"
    assert hit.mode is Mode.WARN
    assert not matcher.blocks([hit])


def test_a_clean_text_has_no_hits(matcher: PhraseMatcher) -> None:
    assert matcher.find("") == []
    assert matcher.find("。。。") == []
    assert matcher.find("您好，12345热线，1023号为您服务。") == []


# --- the automaton itself ----------------------------------------------------------------------------


def test_automaton_finds_exactly_the_brute_force_occurrences() -> None:
    normalizer = Normalizer()
    rng = random.Random(12345)
    alphabet = "abcd"
    for _ in range(60):
        patterns = sorted({"".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(8)})
        automaton = AhoCorasick(patterns, normalizer)
        text = "".join(rng.choices(alphabet, k=80))
        expected = sorted(
            (end - 1, pattern_id)
            for pattern_id, pattern in enumerate(patterns)
            for end in range(len(pattern), len(text) + 1)
            if text[end - len(pattern) : end] == pattern
        )
        assert sorted(automaton.scan(text)) == expected


def test_automaton_steps_over_separators_and_folds_through_preimages() -> None:
    normalizer = Normalizer({"您": "你"})
    automaton = AhoCorasick(["你好"], normalizer)
    assert automaton.scan("您 好") == [(2, 0)]
    assert automaton.scan("您x好") == []


# --- the rule file ------------------------------------------------------------------------------------

MINIMAL = {
    "version": "t1",
    "mode": "warn",
    "categories": [
        {
            "id": "rude",
            "label": "生硬粗鲁",
            "label_en": "Rude",
            "phrases": [{"id": "rude-01", "text": "闭嘴", "suggestion": "请您先听我说明一下。"}],
        }
    ],
}


def rule_file_from(document: object, tmp_path: Path) -> RuleFile:
    path = tmp_path / "forbidden_phrases.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return load_rule_file(path)


def test_shipped_rules_are_valid_and_large_enough() -> None:
    normalizer = Normalizer(load_default_lookalikes())
    from seatclient.rules import RuleBook

    rule_file = RuleBook().get("forbidden_phrases")
    assert check_phrase_rules(rule_file, normalizer) == []
    rules = load_phrase_rules(rule_file, normalizer)
    assert len(rules.phrases) >= 120
    assert {category.label for category in rules.categories} >= {
        "不耐烦",
        "推诿",
        "指责",
        "生硬粗鲁",
        "质问",
        "不当承诺",
    }
    assert rules.mode in (Mode.WARN, Mode.BLOCK)
    assert all(phrase.suggestion for phrase in rules.phrases)


def test_block_mode_of_a_category_blocks(tmp_path: Path) -> None:
    document = json.loads(json.dumps(MINIMAL))
    document["categories"][0]["mode"] = "block"
    normalizer = Normalizer()
    matcher = PhraseMatcher(load_phrase_rules(rule_file_from(document, tmp_path), normalizer), normalizer)
    hits = matcher.find("你闭嘴")
    assert [hit.mode for hit in hits] == [Mode.BLOCK]
    assert matcher.blocks(hits)


def test_invalid_mode_is_reported_with_pointer_and_line(tmp_path: Path) -> None:
    document = json.loads(json.dumps(MINIMAL))
    document["mode"] = "stop"
    rule_file = rule_file_from(document, tmp_path)
    with pytest.raises(RuleError) as caught:
        load_phrase_rules(rule_file, Normalizer())
    assert caught.value.pointer == "mode"
    assert caught.value.line == 3
    assert "warn" in caught.value.problem and "block" in caught.value.problem


def test_exception_must_contain_the_phrase(tmp_path: Path) -> None:
    document = json.loads(json.dumps(MINIMAL))
    document["categories"][0]["phrases"][0]["exceptions"] = ["闭上眼睛"]
    rule_file = rule_file_from(document, tmp_path)
    errors = check_phrase_rules(rule_file, Normalizer())
    assert [(error.pointer, error.line) for error in errors] == [("categories/0/phrases/0/exceptions/0", 15)]
    assert "闭嘴" in errors[0].problem


def test_duplicate_after_folding_is_reported(tmp_path: Path) -> None:
    document = json.loads(json.dumps(MINIMAL))
    document["categories"][0]["phrases"].append({"id": "rude-02", "text": "閉 嘴", "suggestion": "请讲。"})
    errors = check_phrase_rules(rule_file_from(document, tmp_path), Normalizer())
    assert [error.pointer for error in errors] == ["categories/0/phrases/1/text"]
    assert "categories/0/phrases/0" in errors[0].problem


def test_every_problem_is_collected(tmp_path: Path) -> None:
    document = json.loads(json.dumps(MINIMAL))
    phrase = document["categories"][0]["phrases"][0]
    phrase["id"] = "Rude 1"
    phrase["text"] = "嘴"
    phrase["clause_end"] = "yes"
    phrase["subject"] = "them"
    phrase["exeptions"] = []
    errors = check_phrase_rules(rule_file_from(document, tmp_path), Normalizer())
    assert sorted(error.pointer for error in errors) == [
        "categories/0/phrases/0/clause_end",
        "categories/0/phrases/0/exeptions",
        "categories/0/phrases/0/id",
        "categories/0/phrases/0/subject",
        "categories/0/phrases/0/text",
    ]
    assert all(error.line is not None for error in errors)


def test_error_in_a_config_bundle_names_the_pointer_and_the_line_of_the_indented_file() -> None:
    from seatclient.rules import RuleBook

    book = RuleBook()
    document = json.loads(json.dumps(MINIMAL))
    document["categories"][0]["phrases"][0]["suggestion"] = ""
    book.apply_bundle("2026-01", {"forbidden_phrases": document})
    with pytest.raises(RuleError) as caught:
        load_phrase_rules(book.get("forbidden_phrases"), Normalizer())
    assert caught.value.pointer == "categories/0/phrases/0/suggestion"
    # A bundle arrives as data: its lines are those of the file written with a 2-space indent.
    written = json.dumps(document, ensure_ascii=False, indent=2).split("\n")
    assert caught.value.line == written.index('          "suggestion": ""') + 1
    assert "2026-01" in caught.value.source


def test_bad_json_reports_its_line() -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule_text("forbidden_phrases", '{\n  "version": "1",\n  "mode": warn\n}', "test.json")
    assert caught.value.line == 3


def test_rules_can_be_built_in_code_for_synthetic_lists() -> None:
    normalizer = Normalizer()
    rules = PhraseRules(
        version="code",
        mode=Mode.WARN,
        categories=(Category("x", "测试", "Test", "", "", Mode.WARN),),
        phrases=(Phrase("x-1", "x", "没办法", "换个说法", subject=Subject.WE),),
        context=ContextWords(first_person=("我",), second_person=("你",), conditionals=("如果",)),
    )
    matcher = PhraseMatcher(rules, normalizer)
    assert [hit.original_span for hit in matcher.find("我也没办法")] == [(2, 5)]
    assert matcher.find("如果你没办法来") == []
    extended = replace(rules, phrases=(*rules.phrases, Phrase("x-2", "x", "不清楚", "换个说法")))
    assert [hit.phrase_id for hit in PhraseMatcher(extended, normalizer).find("不清楚")] == ["x-2"]
