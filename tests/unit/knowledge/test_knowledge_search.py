"""Searching the index: every kind of query a hurried call-taker types, ranking, expiry, filters."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from knowledge_samples import TODAY, ids, make_article, open_index

from seatclient.knowledge import CancelToken, KnowledgeIndex, SearchCancelled, Span

ARTICLES = [
    make_article(
        "FUND-RENT",
        "租房提取住房公积金办理指南",
        "<p>无自有住房的缴存职工可以按月提取。</p>",
        keywords=("公积金", "租房提取"),
        organisation="杭州住房公积金管理中心",
        topic=("城乡建设", "住房保障与房地产"),
    ),
    make_article(
        "FUND-LOAN",
        "公积金贷款申请条件",
        "<p>连续足额缴存满规定月数的职工可申请。</p>",
        keywords=("贷款",),
        organisation="杭州住房公积金管理中心",
        topic=("城乡建设", "住房保障与房地产"),
    ),
    make_article(
        "SOC-TRANSFER",
        "社会保险关系跨省转移接续",
        "<p>向新参保地社保经办机构申请即可。</p>",
        keywords=("养老保险转移",),
        organisation="杭州市人力资源和社会保障局",
        topic=("劳动和社会保障", "城镇职工社会保险"),
    ),
    make_article(
        "PASSPORT",
        "普通护照申请办理指南",
        "<p>携带居民身份证到出入境接待大厅，现场采集照片。</p>",
        keywords=("出国",),
        organisation="杭州市公安局出入境管理局",
        topic=("政法", "移民和出入境管理"),
    ),
    make_article(
        "LICENCE",
        "机动车驾驶证到期换证",
        "<p>有效期满前90日内通过交管12123申请。</p>",
        keywords=("换证",),
        organisation="杭州市公安局交通警察支队",
        topic=("政法", "交通管理"),
    ),
    make_article(
        "WASTE",
        "生活垃圾分类标准",
        "<p>易腐垃圾要破袋投放，废电池属于有害垃圾。</p>",
        keywords=("垃圾分类",),
        organisation="杭州市城市管理局",
        topic=("城乡建设", "城市建设和管理"),
    ),
    make_article(
        "RAIL-LOST",
        "地铁失物招领",
        "<p>联系当班车站工作人员登记遗失物品。</p>",
        keywords=("遗失",),
        organisation="杭州市地铁集团有限责任公司",
        topic=("交通运输", "客货运输"),
    ),
    make_article(
        "EXPIRED",
        "2023年度护照办理临时安排",
        expires_on=date(2024, 6, 30),
        topic=("政法", "移民和出入境管理"),
    ),
    make_article("FUTURE", "护照新规（尚未施行）", effective_from=date(2030, 1, 1)),
    make_article("WITHDRAWN", "护照旧流程说明", status="withdrawn"),
]


@pytest.fixture
def index(tmp_path: Path) -> KnowledgeIndex:
    knowledge = open_index(tmp_path, ARTICLES)
    yield knowledge
    knowledge.close()


def test_a_one_character_query_finds_titles_containing_it(index: KnowledgeIndex) -> None:
    hits = index.search("证", today=TODAY)
    # Only the licence has 证 in its title; the passport guide has it in its body (身份证).
    assert ids(hits) == ["LICENCE", "PASSPORT"]
    assert [hit.matched_in for hit in hits] == ["title", "body"]
    assert hits[0].title_spans == (Span(5, 6), Span(9, 10))
    assert hits[0].marked_title() == "机动车驾驶【证】到期换【证】"


def test_a_one_character_query_reaches_bodies_when_titles_have_none(index: KnowledgeIndex) -> None:
    hits = index.search("袋", today=TODAY)
    assert ids(hits) == ["WASTE"]
    assert hits[0].matched_in == "body"
    assert "破【袋】投放" in hits[0].marked_snippet()


def test_a_two_character_query_matches_as_a_substring(index: KnowledgeIndex) -> None:
    assert ids(index.search("护照", today=TODAY)) == ["PASSPORT"]
    assert ids(index.search("失物", today=TODAY)) == ["RAIL-LOST"]
    # Two characters that only occur with punctuation between them do not match.
    assert index.search("证到", today=TODAY)[0].article_id == "LICENCE"
    assert index.search("片。", today=TODAY) != []
    assert ids(index.search("取住", today=TODAY)) == ["FUND-RENT"]


def test_a_two_character_query_found_only_in_a_body_comes_from_the_body(index: KnowledgeIndex) -> None:
    hits = index.search("采集", today=TODAY)
    assert ids(hits) == ["PASSPORT"]
    assert hits[0].matched_in == "body"


def test_longer_queries_use_substrings_of_three_or_more_characters(index: KnowledgeIndex) -> None:
    assert ids(index.search("跨省转移", today=TODAY)) == ["SOC-TRANSFER"]
    assert ids(index.search("出入境接待大厅", today=TODAY)) == ["PASSPORT"]
    assert index.search("出入境接待小厅", today=TODAY) == []


def test_full_pinyin_and_initials_find_titles(index: KnowledgeIndex) -> None:
    for query in ("gjj", "gongjijin", "GJJ", "gong ji jin", "gongji"):
        hits = index.search(query, today=TODAY)
        assert set(ids(hits)) == {"FUND-RENT", "FUND-LOAN"}, query
        assert all(hit.via == "pinyin" for hit in hits)
    # Initials match from any syllable: 护照 (hu zhao) and 换证 (huan zheng) both read hz.
    marked = {hit.article_id: hit.marked_title() for hit in index.search("hz", today=TODAY)}
    assert marked == {"PASSPORT": "普通【护照】申请办理指南", "LICENCE": "机动车驾驶证到期【换证】"}
    licence = index.search("jiashizheng", today=TODAY)
    assert ids(licence) == ["LICENCE"]
    assert licence[0].title_spans == (Span(3, 6),)


def test_pinyin_of_keywords_ranks_below_pinyin_of_titles(index: KnowledgeIndex) -> None:
    hits = index.search("yishi", today=TODAY)
    assert ids(hits) == ["RAIL-LOST"]
    assert hits[0].matched_in == "keywords"


def test_synonyms_find_the_other_wording(index: KnowledgeIndex) -> None:
    hits = index.search("社保", today=TODAY)
    assert ids(hits)[0] == "SOC-TRANSFER"
    assert hits[0].matched_in == "title"
    assert hits[0].marked_title() == "【社会保险】关系跨省转移接续"
    assert ids(index.search("驾照", today=TODAY)) == ["LICENCE"]


def test_several_words_must_all_match_anywhere(index: KnowledgeIndex) -> None:
    assert ids(index.search("地铁，遗失", today=TODAY)) == ["RAIL-LOST"]
    hits = index.search("地铁 遗失", today=TODAY)
    assert ids(hits) == ["RAIL-LOST"]
    assert hits[0].matched_in == "keywords"
    hits = index.search("护照 照片", today=TODAY)
    assert ids(hits) == ["PASSPORT"]
    assert hits[0].matched_in == "body"
    assert index.search("护照 垃圾", today=TODAY) == []


def test_title_matches_rank_before_keyword_matches_before_body_matches(tmp_path: Path) -> None:
    articles = [
        make_article("BODY", "居住登记", "<p>办理居住证需要先登记。</p>", minutes=3),
        make_article("KEYWORD", "流动人口服务", keywords=("居住证",), minutes=2),
        make_article("TITLE", "居住证申领", minutes=1),
    ]
    with open_index(tmp_path, articles) as index:
        hits = index.search("居住证", today=TODAY)
        assert ids(hits) == ["TITLE", "KEYWORD", "BODY"]
        assert [hit.matched_in for hit in hits] == ["title", "keywords", "body"]
        # Two characters: both titles contain 居住, the third article only its keyword.
        short = index.search("居住", today=TODAY)
        assert set(ids(short)[:2]) == {"BODY", "TITLE"}
        assert ids(short)[2] == "KEYWORD"


def test_often_used_articles_rank_first_within_their_stage(tmp_path: Path) -> None:
    articles = [
        make_article("SHORT", "护照办理", minutes=1),
        make_article("LONG", "普通护照补发及换发办理须知", minutes=2),
        make_article("BODY", "出境须知", "<p>护照有效期不足六个月请先换发。</p>", minutes=3),
    ]
    with open_index(tmp_path, articles) as index:
        assert ids(index.search("护照", today=TODAY)) == ["SHORT", "LONG", "BODY"]
        assert index.record_use("LONG") == 1
        assert index.record_use("LONG") == 2
        assert index.record_use("BODY") == 1
        assert index.use_count("LONG") == 2
        # Use moves an article up within its stage, never above a better stage.
        assert ids(index.search("护照", today=TODAY)) == ["LONG", "SHORT", "BODY"]
        assert index.record_use("NO-SUCH-ARTICLE") == 0


def test_use_counts_survive_a_reopen_and_an_update(tmp_path: Path) -> None:
    articles = [make_article("A", "护照办理", minutes=1), make_article("B", "护照补发", minutes=2)]
    with open_index(tmp_path, articles) as index:
        index.record_use("A")
        index.apply_changes(
            {"cursor": "c1", "upserts": [make_article("A", "护照办理指南", version=2, minutes=5).to_json()]}
        )
    with KnowledgeIndex(tmp_path / "kb.sqlite") as reopened:
        assert reopened.use_count("A") == 1
        assert ids(reopened.search("护照", today=TODAY)) == ["A", "B"]


def test_expired_future_and_withdrawn_articles_are_never_current(index: KnowledgeIndex) -> None:
    found = ids(index.search("护照", today=TODAY, limit=50))
    assert found == ["PASSPORT"]
    # On a day inside its validity, the expired notice is current again: expiry follows ``today``.
    assert "EXPIRED" in ids(index.search("护照", today=date(2024, 6, 30)))
    assert "EXPIRED" not in ids(index.search("护照", today=date(2024, 7, 1)))
    assert "FUTURE" in ids(index.search("护照", today=date(2030, 1, 1)))
    assert index.count(TODAY) == 7
    assert index.get_article("WITHDRAWN") is not None


def test_filters_by_topic_and_organisation(index: KnowledgeIndex) -> None:
    assert ids(index.search("证", today=TODAY, topic_class="政法", topic_item="交通管理")) == ["LICENCE"]
    assert index.search("证", today=TODAY, topic_class="教育") == []
    fund = index.search("办理", today=TODAY, organisation="杭州住房公积金管理中心")
    assert ids(fund) == ["FUND-RENT"]
    assert {hit.organisation for hit in index.search("办理", today=TODAY)} > {"杭州住房公积金管理中心"}


def test_limit_and_blank_queries(index: KnowledgeIndex) -> None:
    assert len(index.search("办", today=TODAY, limit=1)) == 1
    assert index.search("", today=TODAY) == []
    assert index.search("   ", today=TODAY) == []
    assert index.search("，。", today=TODAY) == []


def test_full_width_and_capital_letters_are_folded(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("APP", "浙里办APP实名认证")]) as index:
        for query in ("app", "ＡＰＰ", "App"):
            hits = index.search(query, today=TODAY)
            assert ids(hits) == ["APP"], query
            assert hits[0].title_spans == (Span(3, 6),)


def test_queries_with_fts_syntax_are_taken_literally(index: KnowledgeIndex) -> None:
    for query in ('"', 'a"b', "NOT", "护照 OR", "*", "(护照", "title:护照", "{title}"):
        index.search(query, today=TODAY)
    assert ids(index.search("(护照)", today=TODAY)) == ["PASSPORT"]


def test_snippets_mark_the_match_in_the_body(index: KnowledgeIndex) -> None:
    hit = index.search("身份证", today=TODAY)[0]
    assert hit.article_id == "PASSPORT"
    assert hit.snippet.startswith("携带居民身份证")
    assert hit.snippet_spans == (Span(4, 7),)
    assert hit.marked_snippet("<b>", "</b>").startswith("携带居民<b>身份证</b>")


def test_marks_can_be_made_safe_for_rich_text(tmp_path: Path) -> None:
    with open_index(tmp_path, [make_article("X", "<b>护照</b> & 签证")]) as index:
        hit = index.search("护照", today=TODAY)[0]
        assert (
            hit.marked_title("<mark>", "</mark>", escape=True)
            == "&lt;b&gt;<mark>护照</mark>&lt;/b&gt; &amp; 签证"
        )


def test_a_cancelled_token_stops_the_search(index: KnowledgeIndex) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(SearchCancelled):
        index.search("护照", today=TODAY, cancel=token)
    # The index still answers afterwards.
    assert ids(index.search("护照", today=TODAY, cancel=CancelToken())) == ["PASSPORT"]


def test_cancelling_from_another_thread_interrupts_a_running_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [make_article(f"A{number}", f"护照办理{number}号", minutes=number) for number in range(400)]
    with open_index(tmp_path, articles) as index:
        token = CancelToken()
        original = index._run_stage

        def cancel_then_run(*args: object) -> object:
            # Another thread cancels just as the statement starts; SQLite's progress handler
            # notices while the statement runs and aborts it.
            canceller = threading.Thread(target=token.cancel)
            canceller.start()
            canceller.join()
            return original(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(index, "_run_stage", cancel_then_run)
        with pytest.raises(SearchCancelled):
            index.search("护照", today=TODAY, cancel=token, limit=200)


def test_a_cut_snippet_says_so_and_never_ends_on_an_opening_quote(tmp_path: Path) -> None:
    body = "<p>" + "办" * 71 + "“浙里办”查询进度。</p>"
    with open_index(tmp_path, [make_article("CUT", "进度查询指南", body)]) as index:
        # A title match marks nothing in the body: the snippet is the body's start, cut before the quote.
        (hit,) = index.search("进度查询", today=TODAY)
        assert hit.snippet == "办" * 71 + "…"
        assert hit.snippet_spans == ()
        (hit,) = index.search("浙里办", today=TODAY)
        assert hit.snippet.endswith("查询进度。") and "【浙里办】" in hit.marked_snippet()
