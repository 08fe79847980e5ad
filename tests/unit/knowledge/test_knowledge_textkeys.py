"""Folding, single-character streams and pinyin tokens, checked by hand."""

from __future__ import annotations

from seatclient.knowledge import Span
from seatclient.knowledge.textkeys import (
    FILLER,
    char_stream,
    fold,
    merge_spans,
    phrase_query,
    pinyin_query_key,
    pinyin_span,
    pinyin_tokens,
    syllables,
)


def test_fold_keeps_length_and_folds_width_and_case() -> None:
    assert fold("ＥＴＣ办理ABC　１２３４５") == "etc办理abc 12345"
    assert len(fold("ＥＴＣ办理ABC　")) == len("ＥＴＣ办理ABC　")
    assert fold("已是小写") == "已是小写"


def test_char_stream_keeps_positions_with_fillers() -> None:
    assert char_stream("社保，卡A") == f"社 保 {FILLER} 卡 a"
    assert phrase_query("社保") == '"社 保"'


def test_polyphonic_characters_follow_their_phrase() -> None:
    assert syllables("银行") == ["yin", "hang"]
    assert syllables("行驶证") == ["xing", "shi", "zheng"]
    assert syllables("重庆") == ["chong", "qing"]
    assert syllables("绿色") == ["lv", "se"]


def test_pinyin_tokens_start_at_every_syllable() -> None:
    assert pinyin_tokens("住房公积金") == [
        "zhufanggongjijin",
        "zfgjj",
        "fanggongjijin",
        "fgjj",
        "gongjijin",
        "gjj",
        "jijin",
        "jj",
        "jin",
    ]
    # Latin letters and digits are left to the text index; each Chinese run has its own tokens.
    assert pinyin_tokens("ETC卡2号") == ["ka", "hao"]


def test_a_pinyin_query_is_letters_only() -> None:
    assert pinyin_query_key("Gong'Ji Jin") == "gongjijin"
    assert pinyin_query_key("ｇｊｊ") == "gjj"
    assert pinyin_query_key("g") is None
    assert pinyin_query_key("gjj2") is None
    assert pinyin_query_key("公积金") is None


def test_pinyin_spans_cover_the_characters_read() -> None:
    title = "杭州住房公积金提取"
    assert pinyin_span(title, "gjj") == Span(4, 7)
    assert pinyin_span(title, "gongji") == Span(4, 6)
    assert pinyin_span(title, "gongjij") == Span(4, 7)
    assert pinyin_span(title, "hangzhou") == Span(0, 2)
    assert pinyin_span(title, "xyz") is None


def test_merge_spans_joins_overlaps() -> None:
    assert merge_spans([Span(5, 7), Span(0, 2), Span(1, 3), Span(3, 4)]) == [Span(0, 4), Span(5, 7)]
