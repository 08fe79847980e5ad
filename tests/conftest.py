"""Fixtures every test gets: an offscreen Qt platform and a fresh, private profile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.keyrings import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests must never read the workstation's real configuration.
os.environ["SEATCLIENT_SYSTEM_CONFIG"] = "/nonexistent/seatclient/config.toml"

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"


@pytest.fixture(autouse=True)
def isolated_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every per-user folder at a temporary directory, so each test has fresh settings."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        path = home / folder
        path.mkdir(parents=True)
        monkeypatch.setenv(variable, str(path))
    monkeypatch.setenv("SEATCLIENT_SYSTEM_CONFIG", str(tmp_path / "system" / "config.toml"))
    return home


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    """A fresh in-memory keyring."""
    return MemoryKeyring()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where end-to-end tests save screenshots (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
