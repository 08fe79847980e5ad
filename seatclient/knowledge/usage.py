"""Often-used articles, kept in memory so every search can put them first without a slow lookup.

A full-text index cannot cheaply test "does this one article match" for hundreds of articles (each
test reloads the query's postings), so the articles call-takers use most are held here with their
folded text and pinyin tokens and matched by plain substring and prefix tests, which give the same
answers as the index: the index matches substrings of folded text and prefixes of pinyin tokens.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from seatclient.knowledge.sanitize import index_text
from seatclient.knowledge.textkeys import FILLER, fold, pinyin_tokens

# The most-used articles kept in memory; beyond this the boost still orders the index's candidates.
MAX_USED_ARTICLES = 2000


@dataclass(frozen=True)
class UsedArticle:
    """An article with a use count, in the form its matching needs.

    Attributes:
        doc_id: the index's row id.
        use_count: how often it was used.
        status: ``published`` or ``withdrawn``.
        effective_from: ISO date.
        expires_on: ISO date or ``None``.
        topic_class: appendix E class.
        topic_item: appendix E item.
        organisation: publishing unit.
        title: folded title.
        keywords: folded keywords, separated.
        all_text: folded title, keywords and body, separated.
        title_pinyin: pinyin tokens of the title, each preceded by a space.
        all_pinyin: pinyin tokens of the title and keywords, each preceded by a space.
    """

    doc_id: int
    use_count: int
    status: str
    effective_from: str
    expires_on: str | None
    topic_class: str
    topic_item: str
    organisation: str
    title: str
    keywords: str
    all_text: str
    title_pinyin: str
    all_pinyin: str

    @classmethod
    def from_row(cls, row: Sequence[object]) -> UsedArticle:
        """Build from ``doc_id, use_count, status, effective_from, expires_on, topic_class, topic_item,
        organisation, title, keywords (JSON), body``."""
        doc_id, use_count, status, effective, expires, topic_class, topic_item, organisation = row[:8]
        title, keywords_json, body = (str(value) for value in row[8:11])
        keywords = [str(word) for word in json.loads(keywords_json)]
        folded_title = fold(title)
        folded_keywords = fold("\u3001".join(keywords))
        # " gjj" occurs in " zfgjj gjj" exactly when a token starts with gjj: one substring search.
        title_pinyin = "".join(f" {token}" for token in pinyin_tokens(title))
        keyword_pinyin = "".join(f" {token}" for word in keywords for token in pinyin_tokens(word))
        return cls(
            doc_id=int(str(doc_id)),
            use_count=int(str(use_count)),
            status=str(status),
            effective_from=str(effective),
            expires_on=None if expires is None else str(expires),
            topic_class=str(topic_class),
            topic_item=str(topic_item),
            organisation=str(organisation),
            title=folded_title,
            keywords=folded_keywords,
            all_text=FILLER.join((folded_title, folded_keywords, fold(index_text(body)))),
            title_pinyin=title_pinyin,
            all_pinyin=title_pinyin + keyword_pinyin,
        )

    def is_current(self, today: str) -> bool:
        """Whether the article is published and in force on ``today`` (ISO date)."""
        if self.status != "published" or self.effective_from > today:
            return False
        return self.expires_on is None or self.expires_on >= today

    def matches_text(self, matched_in: str, terms: Sequence[Sequence[str]]) -> bool:
        """Whether every term (any of its variants) is in the title, title or keywords, or anywhere."""
        for variants in terms:
            if matched_in == "title":
                found = any(variant in self.title for variant in variants)
            elif matched_in == "keywords":
                found = any(variant in self.title or variant in self.keywords for variant in variants)
            else:
                found = any(variant in self.all_text for variant in variants)
            if not found:
                return False
        return True

    def matches_pinyin(self, matched_in: str, key: str) -> bool:
        """Whether a title (or, for ``keywords``, a title or keyword) pinyin token starts with ``key``."""
        tokens = self.title_pinyin if matched_in == "title" else self.all_pinyin
        return f" {key}" in tokens
