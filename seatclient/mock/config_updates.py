"""Live rule updates at the mock backend: a trainer or a test posts new rule files, every seat is told.

``POST /mock/config`` (admin only) takes ``{"files": {name: document}}``: each document replaces the
rule file of that name in the config bundle ``GET /api/v1/config`` hands out (the files posted before
stay, so a new phrase list can follow a new script). The bundle's version is the hash of its content,
so it changes exactly when the content does; every signed-in seat then gets a ``config.updated``
event with the new version on its stream (a seat whose stream is down gets it on reconnecting, from
the event log).

The documents are not validated here: the real backend hands out what the hall's staff uploaded,
and the client must keep its rules in force when a file is broken, which is what tests check.
The seat rules and the simulated callers cannot be replaced: the simulated hall runs by them.
"""

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations at run time.

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from seatclient.api.models import EVENT_CONFIG_UPDATED, ConfigUpdated
from seatclient.mock.callers import RULE_FILE_NAME as CALLERS_RULE_FILE
from seatclient.mock.server import ApiError
from seatclient.mock.state import MockWorld, bundle_version
from seatclient.seat.machine import RULE_FILE_NAME as SEAT_RULE_FILE

FIXED_RULE_FILES = frozenset({SEAT_RULE_FILE, CALLERS_RULE_FILE})
"""Rule files the simulated hall runs by, which cannot be replaced while it runs."""


class ConfigUpload(BaseModel):
    """New rule files for the config bundle: rule-file name → its JSON document."""

    files: dict[str, Any] = Field(min_length=1)


class ConfigUploadReply(BaseModel):
    """The bundle's version after the upload, and the seats told about it."""

    version: str
    changed: bool
    notified: list[str]


def replaceable_rule_files(world: MockWorld) -> list[str]:
    """The names of the rule files a trainer may replace in the config bundle."""
    return [name for name in world.rulebook.shipped_names() if name not in FIXED_RULE_FILES]


def publish_config_version(world: MockWorld) -> tuple[str, list[str]]:
    """Tell every signed-in seat the bundle's version; returns it and the job numbers told."""
    version = bundle_version(world.config_files())
    job_numbers = sorted({session.account.job_number for session in world.sessions_by_access.values()})
    data = ConfigUpdated(version=version).model_dump(mode="json")
    for job_number in job_numbers:
        world.hub.publish_nowait(job_number, EVENT_CONFIG_UPDATED, data)
    return version, job_numbers


def install_config_routes(app: FastAPI, world: MockWorld) -> None:
    """Add ``POST /mock/config`` when the mock's admin endpoints are on."""
    if not world.options.admin:
        return
    uploaded: dict[str, Any] = {}

    @app.post("/mock/config", tags=["mock"], response_model=ConfigUploadReply)
    async def upload_config(body: ConfigUpload) -> ConfigUploadReply:
        """Replace rule files in the config bundle and tell every signed-in seat its new version."""
        allowed = replaceable_rule_files(world)
        for name in body.files:
            if name not in allowed:
                raise ApiError(
                    422,
                    "unknown_rule_file",
                    f"不能替换规则文件“{name}”；可以替换：{'、'.join(allowed)}",
                )
        before = bundle_version(world.config_files())
        uploaded.update(body.files)
        world.rulebook.apply_bundle("mock", uploaded)
        version, notified = publish_config_version(world)
        return ConfigUploadReply(version=version, changed=version != before, notified=notified)
