"""The knowledge sync protocol: change batches and the opaque cursor over ``(updated_at, id)``.

The backend serves changes in ``(updated_at, id)`` order, a page at a time; the client applies each
page in one transaction with its cursor (``KnowledgeIndex.apply_changes``), so an interrupted sync
resumes from the last cursor committed. The HTTP exchange itself belongs to the backend client;
``serve_changes`` is what the mock backend uses to answer it.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from seatclient.i18n import tr
from seatclient.knowledge.model import Article, ArticleStatus, utc_stamp

_CURSOR_VERSION = "k1"
_SEPARATOR = "|"


class CursorError(ValueError):
    """A cursor that was not made by ``encode_cursor`` (or was damaged on the way)."""


class ChangeBatch(BaseModel):
    """One page of knowledge changes.

    Attributes:
        cursor: where the next page starts; store it only after applying the page.
        upserts: new or changed published articles, in ``(updated_at, id)`` order.
        withdrawn: ids of articles withdrawn since the previous cursor.
        has_more: whether another page follows at once.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    cursor: str
    upserts: tuple[Article, ...] = ()
    withdrawn: tuple[str, ...] = ()
    has_more: bool = False


def sync_key(article: Article) -> tuple[str, str]:
    """Return the position of ``article`` in the sync order: its UTC update time, then its id."""
    return (utc_stamp(article.updated_at), article.id)


def encode_cursor(updated_at: datetime | str, article_id: str) -> str:
    """Return the opaque cursor that stands just after ``(updated_at, article_id)``."""
    stamp = updated_at if isinstance(updated_at, str) else utc_stamp(updated_at)
    raw = _SEPARATOR.join((_CURSOR_VERSION, stamp, article_id)).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str] | None:
    """Return the ``(utc stamp, id)`` a cursor stands after, or ``None`` for ``""`` (the beginning).

    Raises:
        CursorError: when the text is not a cursor of this protocol.
    """
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        version, stamp, article_id = (
            base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8").split(_SEPARATOR, 2)
        )
    except (UnicodeError, ValueError, binascii.Error) as exc:
        raise CursorError(tr("Knowledge", "无效的同步游标：{cursor}").format(cursor=cursor[:40])) from exc
    if version != _CURSOR_VERSION or not stamp or not article_id:
        raise CursorError(tr("Knowledge", "无效的同步游标：{cursor}").format(cursor=cursor[:40]))
    return (stamp, article_id)


def serve_changes(articles: Iterable[Article], cursor: str, page_size: int) -> ChangeBatch:
    """Return the page of changes after ``cursor``, as the backend would (the mock backend uses it).

    ``articles`` is the backend's full list, each in its latest version; withdrawn ones are
    reported by id. The returned cursor stands after the last article of the page, or equals
    ``cursor`` when nothing changed.

    Raises:
        CursorError: for a malformed cursor.
        ValueError: for a page size below one.
    """
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    after = decode_cursor(cursor)
    pending = sorted(
        (article for article in articles if after is None or sync_key(article) > after),
        key=sync_key,
    )
    page = pending[:page_size]
    next_cursor = encode_cursor(*sync_key(page[-1])) if page else cursor
    return ChangeBatch(
        cursor=next_cursor,
        upserts=tuple(article for article in page if article.status is ArticleStatus.PUBLISHED),
        withdrawn=tuple(article.id for article in page if article.status is ArticleStatus.WITHDRAWN),
        has_more=len(pending) > page_size,
    )
