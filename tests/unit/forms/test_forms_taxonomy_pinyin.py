"""The pinyin type-ahead matcher shared by the taxonomy, the places and the unit directory."""

from __future__ import annotations

import pytest

from seatclient.forms.pinyin_search import MatchRank, PinyinMatcher, normalize_query

ENTRIES = [
    ("fund", ["住房公积金"]),
    ("fund_short", ["公积金"]),
    ("fund_centre", ["杭州住房公积金管理中心"]),
    ("tax", ["个人所得税"]),
    ("river", ["长河街道"]),
    ("lane", ["闸弄口街道"]),
    ("green", ["常绿镇"]),
    ("metro", ["地铁5号线"]),
]


@pytest.fixture(scope="module")
def matcher() -> PinyinMatcher[str]:
    return PinyinMatcher(ENTRIES)


def _ranks(matcher: PinyinMatcher[str], query: str) -> list[tuple[str, MatchRank]]:
    return [(hit.value, hit.rank) for hit in matcher.hits(query)]


def test_initials(matcher: PinyinMatcher[str]) -> None:
    assert _ranks(matcher, "gjj") == [
        ("fund_short", MatchRank.PINYIN_INITIALS),
        ("fund", MatchRank.PINYIN_INITIALS),
        ("fund_centre", MatchRank.PINYIN_INITIALS),
    ]


def test_full_pinyin(matcher: PinyinMatcher[str]) -> None:
    assert _ranks(matcher, "gongjijin") == [
        ("fund_short", MatchRank.PINYIN_FULL),
        ("fund", MatchRank.PINYIN_FULL),
        ("fund_centre", MatchRank.PINYIN_FULL),
    ]
    assert matcher.search("GongJiJin") == matcher.search("gong ji jin") == matcher.search("gong'ji'jin")


def test_chinese_prefix_before_substring(matcher: PinyinMatcher[str]) -> None:
    assert _ranks(matcher, "公积") == [
        ("fund_short", MatchRank.PREFIX),
        ("fund", MatchRank.SUBSTRING),
        ("fund_centre", MatchRank.SUBSTRING),
    ]


def test_exact_beats_everything(matcher: PinyinMatcher[str]) -> None:
    assert _ranks(matcher, "公积金")[0] == ("fund_short", MatchRank.EXACT)
    assert _ranks(matcher, "住房公积金")[:2] == [
        ("fund", MatchRank.EXACT),
        ("fund_centre", MatchRank.SUBSTRING),
    ]


@pytest.mark.parametrize("query", ["公jj", "gongjj", "gjjin", "zhufanggjj"])
def test_mixes_of_characters_syllables_and_initials(matcher: PinyinMatcher[str], query: str) -> None:
    values = matcher.search(query)
    assert "fund" in values
    assert "tax" not in values
    assert all(hit.rank is MatchRank.PINYIN_INITIALS for hit in matcher.hits(query))


def test_mixed_characters_with_full_syllables_rank_as_full(matcher: PinyinMatcher[str]) -> None:
    assert _ranks(matcher, "公jijin")[0] == ("fund_short", MatchRank.PINYIN_FULL)
    assert _ranks(matcher, "公ji金")[0] == ("fund_short", MatchRank.PINYIN_FULL)


def test_a_syllable_still_being_typed_counts_as_full(matcher: PinyinMatcher[str]) -> None:
    assert _ranks(matcher, "gongjij")[0] == ("fund_short", MatchRank.PINYIN_FULL)


def test_full_pinyin_ranks_above_initials_even_for_longer_labels() -> None:
    # "shenh": 深 spelled in full, 化 being typed → full; 生 (sheng) shortened to "shen" → abbreviated.
    matcher = PinyinMatcher([("abbreviated", ["生活"]), ("full", ["深化改革"])])
    assert _ranks(matcher, "shenh") == [
        ("full", MatchRank.PINYIN_FULL),
        ("abbreviated", MatchRank.PINYIN_INITIALS),
    ]


def test_substring_ranks_above_pinyin() -> None:
    matcher = PinyinMatcher([("pinyin", ["西湖"]), ("literal", ["xihu大道"])])
    assert _ranks(matcher, "xihu") == [("literal", MatchRank.PREFIX), ("pinyin", MatchRank.PINYIN_FULL)]


def test_shorter_label_first_then_given_order() -> None:
    matcher = PinyinMatcher(
        [("long", ["西湖区政府"]), ("short", ["西湖区"]), ("same_len_later", ["西湖街道"])]
    )
    assert matcher.search("西湖") == ["short", "same_len_later", "long"]


def test_best_label_of_an_entry_counts() -> None:
    matcher = PinyinMatcher([("xihu", ["西湖区", "西湖"]), ("beishan", ["北山街道", "北山"])])
    assert matcher.hits("西湖")[0].rank is MatchRank.EXACT
    assert matcher.hits("西湖")[0].label == "西湖"
    assert matcher.search("bs") == ["beishan"]


def test_heteronyms_and_u_for_v(matcher: PinyinMatcher[str]) -> None:
    assert matcher.search("changhe") == ["river"]
    assert matcher.search("zhanongkou") == ["lane"]
    assert matcher.search("zhalongkou") == ["lane"]
    assert matcher.search("changlv") == matcher.search("changlu") == ["green"]


def test_digits_and_latin_in_labels(matcher: PinyinMatcher[str]) -> None:
    assert matcher.search("dt5") == ["metro"]
    assert matcher.search("ditie5hao") == ["metro"]


def test_no_match_empty_query_and_limit(matcher: PinyinMatcher[str]) -> None:
    assert matcher.search("xyz") == []
    assert matcher.search("") == []
    assert matcher.search(" ' ") == []
    assert len(matcher.search("gjj", limit=2)) == 2
    assert matcher.search("gjj", limit=0) == []
    assert len(matcher) == len(ENTRIES)


def test_normalize_query() -> None:
    assert normalize_query(" Gong'Ji Jin ") == "gongjijin"
    assert normalize_query("交通 / 客运") == "交通客运"
