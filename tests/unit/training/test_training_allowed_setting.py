"""A production workstation can forbid training mode, so it never falls back to the embedded backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from seatclient.config import ConfigError, load_settings


def test_training_is_allowed_by_default(tmp_path: Path) -> None:
    settings = load_settings(system_file=tmp_path / "none.toml", user_file=tmp_path / "none.toml")
    assert settings.training_allowed and settings.training


def test_a_production_config_refuses_to_start_without_a_backend(tmp_path: Path) -> None:
    system = tmp_path / "system.toml"
    system.write_text('log_level = "INFO"\ntraining_allowed = false\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(system_file=system, user_file=tmp_path / "none.toml")
    assert refused.value.key == "training_allowed" and refused.value.source == str(system)
    assert "必须配置正式后台地址 backend_url" in refused.value.problem
    settings = load_settings(
        {"backend_url": "https://12345.example.gov.cn"}, system_file=system, user_file=tmp_path / "none.toml"
    )
    assert not settings.training_allowed and not settings.training


def test_the_setting_takes_only_true_or_false(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('training_allowed = "no"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(system_file=tmp_path / "none.toml", user_file=user)
    assert refused.value.problem == "应为 true 或 false" and refused.value.line == 1
