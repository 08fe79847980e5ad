"""Locating the data files in ``resources/`` from a source checkout, an installed package or a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_root() -> Path:
    """Return the folder that holds the shipped data (rules, translations, icons, sounds).

    ``SEATCLIENT_RESOURCES`` wins, so tests and halls can point at another tree; a PyInstaller
    bundle keeps it beside the frozen modules; a checkout or editable install keeps it at the top.
    """
    override = os.environ.get("SEATCLIENT_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of one shipped data file, e.g. ``resource_path("rules", "reason_codes.json")``."""
    return resources_root().joinpath(*parts)
