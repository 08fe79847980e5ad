"""Normalisation for phrase matching: folding, separators, the way back to the original, look-alike data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypinyin import Style, pinyin

from seatclient.compliance.normalize import (
    Normalizer,
    SeparatorKind,
    check_lookalikes,
    load_default_lookalikes,
    load_lookalikes,
    traditional_to_simplified,
)
from seatclient.rules import RuleBook, RuleError, RuleFile, load_rule_file


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(load_default_lookalikes())


def readings(char: str) -> set[str]:
    return set(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def test_traditional_table_pairs_share_a_reading_and_never_chain() -> None:
    table = traditional_to_simplified()
    assert len(table) >= 700
    mismatched = [(old, new) for old, new in table.items() if not readings(old) & readings(new)]
    assert mismatched == []
    assert set(table) & set(table.values()) == set()
    assert all(old != new for old, new in table.items())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ１２３", "abc123"),  # full-width Latin and digits
        ("SB", "sb"),  # case
        ("這是規定", "这是规定"),  # traditional
        ("你聽不懂嗎", "你听不懂吗"),
        ("您自已看著辦", "你自己看着办"),  # 您 -> 你, 已 -> 己, traditional
        ("不知到", "不知道"),  # homophone typo
        ("\u2f08\u2f1d", "人口"),  # Kangxi radicals
        ("\uf967知道", "不知道"),  # CJK compatibility ideograph
        ("不 知，道。", "不知道"),  # separators dropped
        ("我们", "我们"),  # already canonical
    ],
)
def test_canonical_folds_every_form(normalizer: Normalizer, text: str, expected: str) -> None:
    assert normalizer.canonical(text) == expected


def test_folding_is_one_character_to_one(normalizer: Normalizer) -> None:
    text = "ﬁ½㈱ＡＢ這是 規定。😊"
    assert len(normalizer.fold(text)) == len(text)


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        (" ", SeparatorKind.SPACE),
        ("\u3000", SeparatorKind.SPACE),
        ("\u200b", SeparatorKind.SPACE),
        ("\t", SeparatorKind.SPACE),
        ("，", SeparatorKind.PUNCTUATION),
        ("、", SeparatorKind.PUNCTUATION),
        ("“", SeparatorKind.PUNCTUATION),
        ("-", SeparatorKind.PUNCTUATION),
        ("😊", SeparatorKind.PUNCTUATION),
        ("。", SeparatorKind.STOP),
        ("！", SeparatorKind.STOP),
        ("?", SeparatorKind.STOP),
        ("\n", SeparatorKind.STOP),
    ],
)
def test_separator_classes(normalizer: Normalizer, char: str, kind: SeparatorKind) -> None:
    assert normalizer.separators[char] is kind


@pytest.mark.parametrize("char", ["不", "a", "7", "說"])
def test_letters_digits_and_ideographs_are_not_separators(normalizer: Normalizer, char: str) -> None:
    assert char not in normalizer.separators


def test_preimages_cover_traditional_lookalike_and_width_forms(normalizer: Normalizer) -> None:
    assert {"吗", "嗎", "嘛", "么", "麼"} <= set(normalizer.preimages("吗"))
    assert {"s", "S", "ｓ", "Ｓ"} <= set(normalizer.preimages("s"))
    assert "您" in normalizer.preimages("你")
    # a character that folds to something else is nobody's canonical form
    assert "您" not in normalizer.preimages("您")


def test_normalized_text_maps_back_to_the_original(normalizer: Normalizer) -> None:
    text = "你 問我，我問誰！好"
    normalized = normalizer.normalize(text)
    assert normalized.compact == "你问我我问谁好"
    assert normalized.separator_gaps == (1, 3, 6)
    assert normalized.separator_kinds == (
        SeparatorKind.SPACE,
        SeparatorKind.PUNCTUATION,
        SeparatorKind.STOP,
    )
    assert normalized.original_span(3, 6) == (5, 8)
    assert text[5:8] == "我問誰"
    assert normalized.original_span(0, 3) == (0, 4)
    assert [normalized.original_index(index) for index in range(7)] == [0, 2, 3, 5, 6, 7, 9]
    assert normalized.has_separator_before(3) and not normalized.has_separator_before(4)
    assert normalized.has_stop_before(6) and not normalized.has_stop_before(3)
    assert normalized.clause_start(5) == 3
    assert normalized.clause_start(6) == 6
    assert normalized.clause_start(1) == 0


def test_normalized_text_without_separators(normalizer: Normalizer) -> None:
    normalized = normalizer.normalize("這是規定")
    assert normalized.compact == "这是规定"
    assert normalized.original_span(0, 4) == (0, 4)
    assert normalized.clause_start(2) == 0


# --- the look-alike rule file ----------------------------------------------------------------------------

VALID = {
    "version": "t1",
    "groups": [
        {"canonical": "吗", "variants": ["嘛"], "kind": "homophone", "note": "语气词"},
        {"canonical": "己", "variants": ["已"], "kind": "glyph", "note": "形近"},
    ],
}


def write(document: object, tmp_path: Path) -> RuleFile:
    path = tmp_path / "lookalikes.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return load_rule_file(path)


def test_shipped_lookalikes_are_valid() -> None:
    rule_file = RuleBook().get("lookalikes")
    assert check_lookalikes(rule_file) == []
    groups = load_lookalikes(rule_file)
    assert {"您", "到", "已"} <= {variant for group in groups for variant in group.variants}


def test_valid_lookalikes_load(tmp_path: Path) -> None:
    groups = load_lookalikes(write(VALID, tmp_path))
    assert [(group.canonical, group.variants) for group in groups] == [("吗", ("嘛",)), ("己", ("已",))]
    assert Normalizer(groups).canonical("你自已看嘛") == "你自己看吗"


def test_chained_substitution_is_rejected_with_pointer_and_line(tmp_path: Path) -> None:
    document = json.loads(json.dumps(VALID))
    document["groups"].append({"canonical": "嘛", "variants": ["麻"], "kind": "homophone"})
    errors = check_lookalikes(write(document, tmp_path))
    assert [(error.pointer, error.line) for error in errors] == [("groups/2/canonical", 21)]
    assert "groups/0" in errors[0].problem


def test_variant_in_two_groups_is_rejected(tmp_path: Path) -> None:
    document = json.loads(json.dumps(VALID))
    document["groups"][1]["variants"].append("嘛")
    with pytest.raises(RuleError) as caught:
        load_lookalikes(write(document, tmp_path))
    assert caught.value.pointer == "groups/1/variants/1"
    assert caught.value.line == 16


def test_malformed_group_fields_are_all_reported(tmp_path: Path) -> None:
    document = {
        "version": "t1",
        "groups": [
            {"canonical": "吗吗", "variants": ["嘛"], "kind": "homophone"},
            {"canonical": "了", "variants": ["了", "ab"], "kind": "sound", "typo": 1},
        ],
    }
    errors = check_lookalikes(write(document, tmp_path))
    assert sorted(error.pointer for error in errors) == [
        "groups/0/canonical",
        "groups/1/kind",
        "groups/1/typo",
        "groups/1/variants/0",
        "groups/1/variants/1",
    ]
