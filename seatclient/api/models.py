"""Wire models of the backend contract, shared by the client and the mock backend.

The mock publishes them as ``/openapi.json``; a snapshot lives in ``resources/api/openapi.json`` and a
test fails when the two drift, so a change to the contract is always a deliberate one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/api/v1"


class WireModel(BaseModel):
    """Base of every wire model: unknown fields are ignored so an older client survives a newer backend."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Role(StrEnum):
    """What a signed-in person may do; a call-taker is a contractor and gets no more than their role."""

    CALL_TAKER = "call_taker"
    TEAM_LEADER = "team_leader"


class SeatState(StrEnum):
    """The seat states the backend reports."""

    SIGNED_OUT = "signed_out"
    AWAY = "away"
    READY = "ready"
    RINGING = "ringing"
    TALKING = "talking"
    HELD = "held"
    CONSULTING = "consulting"
    CONFERENCE = "conference"
    WRAP_UP = "wrap_up"


class ErrorBody(WireModel):
    """The body of every 4xx/5xx answer: a stable machine code, a message, and per-field problems."""

    code: str
    message: str
    fields: dict[str, str] = Field(default_factory=dict)


class SignInRequest(WireModel):
    """Sign in with the job number (工号), password and the seat (workstation position)."""

    job_number: str = Field(min_length=1, max_length=16)
    password: str = Field(min_length=1, max_length=128)
    seat_id: str = Field(min_length=1, max_length=32)
    client_version: str = ""


class Agent(WireModel):
    """The person signed in."""

    job_number: str
    name: str
    roles: list[Role]
    team: str = ""


class TokenPair(WireModel):
    """Access and refresh tokens; the access token is short-lived, the refresh token rotates on use."""

    access_token: str
    refresh_token: str
    expires_in: int = Field(description="access token lifetime in seconds")


class SignInResponse(TokenPair):
    """What a successful sign-in returns."""

    agent: Agent
    seat_id: str
    hall_id: str
    server_time: datetime


class RefreshRequest(WireModel):
    """Exchange a refresh token for a new token pair."""

    refresh_token: str


class ReasonCode(WireModel):
    """A reason for being away (示忙); system reasons are set by the backend, never picked by a person."""

    code: str
    label_zh: str
    label_en: str
    selectable: bool = True
    max_minutes: int | None = None


class SeatStatus(WireModel):
    """The backend's truth about one seat."""

    job_number: str
    seat_id: str
    state: SeatState
    reason_code: str | None = None
    since: datetime
    call_id: str | None = None
    pending_next: str | None = Field(default=None, description="'away:<reason>' or 'signed_out'")
    forced_by: str | None = None


class StateChangeRequest(WireModel):
    """Ask the backend for a new seat state; the answer arrives as a ``seat.state`` event."""

    state: Literal["ready", "away"]
    reason_code: str | None = None


class Accepted(WireModel):
    """A command the backend accepted; its outcome follows on the event stream."""

    request_id: str
    status: SeatStatus | None = None


class ConfigBundle(WireModel):
    """The rule files in force at the backend, versioned so clients fetch only on change."""

    version: str
    files: dict[str, Any]


class ServerEvent(WireModel):
    """One event of the server-sent event stream.

    ``id`` increases strictly per stream owner; a client resumes with ``Last-Event-ID`` and the backend
    replays every later event, so a reconnect loses nothing and a client drops ids it has already seen.
    """

    id: int
    type: str
    at: datetime
    data: dict[str, Any] = Field(default_factory=dict)


class Health(WireModel):
    """What ``/api/v1/health`` answers."""

    status: Literal["ok"] = "ok"
    server_time: datetime
    version: str
    training: bool


EVENT_SEAT_STATE = "seat.state"
EVENT_RESYNC = "stream.resync"
EVENT_SIGNED_OUT = "session.signed_out"
