"""The knowledge feed over HTTP: change pages and feedback through the backend contract."""

from __future__ import annotations

from pydantic import ValidationError

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.knowledge.service import FeedbackKind, FeedbackRefused
from seatclient.knowledge.sync import ChangeBatch

# Refusals that say "not now" rather than "no": the feedback stays queued and is tried again.
_TRANSIENT_STATUSES = frozenset({408, 425, 429})


class HttpKnowledgeFeed:
    """Implements ``KnowledgeFeed`` with ``GET /knowledge/changes`` and ``POST /knowledge/{id}/feedback``.

    Args:
        client: the signed-in backend client.
    """

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    async def fetch_changes(self, cursor: str, page_size: int) -> ChangeBatch:
        """Return the page of changes after ``cursor`` (``""``: from the beginning).

        Raises:
            BackendError: the backend could not be asked, refused (a bad cursor is a 422), or sent a
                page that is not a change batch (``PROTOCOL``).
        """
        data = await self._client.knowledge_changes(cursor, page_size)
        try:
            return ChangeBatch.model_validate(data)
        except ValidationError as exc:
            raise BackendError(ErrorKind.PROTOCOL, 200) from exc

    async def send_feedback(self, article_id: str, kind: FeedbackKind, note: str) -> None:
        """Tell the knowledge editors an article was useful or is outdated.

        Raises:
            FeedbackRefused: the backend refused it for good (404 for an unknown article); the
                message is the backend's, for the person.
            BackendError: the backend could not be reached or asked to come back later.
        """
        try:
            await self._client.knowledge_feedback(article_id, kind, note)
        except BackendError as exc:
            if exc.kind is ErrorKind.REJECTED and exc.status not in _TRANSIENT_STATUSES:
                raise FeedbackRefused(exc.user_message()) from exc
            raise
