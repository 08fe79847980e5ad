"""The offline knowledge base: articles, their sync, a fast local index and safe rich text.

Call-takers answer enquiries from it while the caller waits (HZ 6.3.1, HZ 9, ZJ art. 23). Qt-free.
"""

from seatclient.knowledge.index import (
    ArticleSummary,
    CancelToken,
    KnowledgeIndex,
    SearchCancelled,
    SearchHit,
    SyncDataError,
    TopicCount,
    mark_spans,
)
from seatclient.knowledge.model import (
    Article,
    ArticleDataError,
    ArticleKind,
    ArticleStatus,
    Topic,
    load_articles,
    load_demo_base,
    parse_articles,
)
from seatclient.knowledge.sanitize import Link, SafeBody, html_to_text, sanitize_body, sanitize_html
from seatclient.knowledge.sync import ChangeBatch, CursorError, decode_cursor, encode_cursor, serve_changes
from seatclient.knowledge.synonyms import SynonymTable, load_default_synonyms, load_synonyms
from seatclient.knowledge.textkeys import Span

__all__ = [
    "Article",
    "ArticleDataError",
    "ArticleKind",
    "ArticleStatus",
    "ArticleSummary",
    "CancelToken",
    "ChangeBatch",
    "CursorError",
    "KnowledgeIndex",
    "Link",
    "SafeBody",
    "SearchCancelled",
    "SearchHit",
    "Span",
    "SyncDataError",
    "SynonymTable",
    "Topic",
    "TopicCount",
    "decode_cursor",
    "encode_cursor",
    "html_to_text",
    "load_articles",
    "load_default_synonyms",
    "load_demo_base",
    "load_synonyms",
    "mark_spans",
    "parse_articles",
    "sanitize_body",
    "sanitize_html",
    "serve_changes",
]
