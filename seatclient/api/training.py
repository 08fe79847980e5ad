"""Training over the backend contract: the scenario list, starting a scenario, saying a line.

Only a training backend answers these; any other gives a 403 ``training_disabled``
(``ErrorKind.REJECTED``), which :func:`training_refused` recognises. Transcript lines and scores come
back on the event stream (``call.transcript``, ``training.scored``); :func:`parse_transcript_line` and
:func:`parse_score` read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from seatclient.api.client import ApiClient
from seatclient.api.errors import BackendError
from seatclient.api.models import (
    PlayScenarioRequest,
    PlayStarted,
    SayRequest,
    TrainingScenarioList,
    TrainingScenarioSummary,
    TrainingScoreWire,
    TranscriptLine,
)

RANDOM_SCENARIO = "random"
"""The scenario id that lets the backend pick any scenario."""

TRAINING_DISABLED = "training_disabled"
"""The error code of a backend that is not a training backend."""


def training_refused(error: BackendError) -> bool:
    """Whether ``error`` says the backend is not a training backend."""
    return error.body is not None and error.body.code == TRAINING_DISABLED


def parse_transcript_line(data: Mapping[str, Any]) -> TranscriptLine | None:
    """Read a ``call.transcript`` event's data; ``None`` when it is not a transcript line."""
    try:
        return TranscriptLine.model_validate(data)
    except ValidationError:
        return None


def parse_score(data: Mapping[str, Any]) -> TrainingScoreWire | None:
    """Read a ``training.scored`` event's data; ``None`` when it is not a score."""
    try:
        return TrainingScoreWire.model_validate(data)
    except ValidationError:
        return None


class TrainingApi:
    """The training endpoints for a trainee's seat client.

    Args:
        client: the signed-in backend client.
    """

    def __init__(self, client: ApiClient) -> None:
        self._client = client

    async def backend_is_training(self) -> bool:
        """Whether the backend says it is a training backend (``/health``), as a classroom lab's is.

        Raises:
            BackendError: the backend could not be asked.
        """
        return (await self._client.health()).training

    async def scenarios(self) -> list[TrainingScenarioSummary]:
        """The scenarios the backend plays.

        Raises:
            BackendError: not reachable, or refused (``training_refused`` tells a non-training backend).
        """
        # The client's authorised request (with its one transparent token refresh) serves every
        # adapter; the training calls have no place in the core client.
        response = await self._client.authorized_request("GET", "/training/scenarios")
        return ApiClient.parse_model(TrainingScenarioList, response).scenarios

    async def play(
        self, scenario_id: str, speed: float = 1.0, reply_delay_seconds: float | None = None
    ) -> PlayStarted:
        """Start ``scenario_id`` (``random`` for any) at this seat; the call rings once the seat is ready.

        Args:
            scenario_id: the scenario, or ``random``.
            speed: how much faster than real time the caller talks and gives up (demos, tests).
            reply_delay_seconds: how long the caller takes to answer; the backend's default when ``None``.

        Raises:
            BackendError: unknown scenario (404), a run not finished yet (409), not a training backend (403).
        """
        request = PlayScenarioRequest(speed=speed)
        if reply_delay_seconds is not None:
            request = PlayScenarioRequest(speed=speed, reply_delay_seconds=reply_delay_seconds)
        body = request.model_dump()
        response = await self._client.authorized_request(
            "POST", f"/training/scenarios/{scenario_id}/play", json=body
        )
        return ApiClient.parse_model(PlayStarted, response)

    async def say(self, call_id: str, text: str) -> TranscriptLine:
        """Say ``text`` to the caller of ``call_id``; the line also comes back on the event stream.

        Raises:
            BackendError: not talking on that call (409), not a training backend (403).
            ValueError: an empty or over-long line (nothing is sent).
        """
        body = SayRequest(text=text).model_dump()
        response = await self._client.authorized_request("POST", f"/calls/{call_id}/say", json=body)
        return ApiClient.parse_model(TranscriptLine, response)
