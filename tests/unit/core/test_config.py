"""Settings: precedence of defaults, system file, user file and flags; every bad value named."""

from __future__ import annotations

from pathlib import Path

import pytest

from seatclient.config import DEFAULT_SHORTCUTS, ConfigError, load_settings, user_config_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_mean_training_mode(tmp_path: Path) -> None:
    settings = load_settings(system_file=tmp_path / "none.toml", user_file=tmp_path / "none2.toml")
    assert settings.training
    assert settings.language == "zh_CN"
    assert settings.shortcuts == DEFAULT_SHORTCUTS


def test_user_file_beats_system_file_and_flags_beat_both(tmp_path: Path) -> None:
    system = write(
        tmp_path / "etc.toml",
        'backend_url = "https://hall.example:8443"\nseat_id = "A01"\nhall_id = "hz-1"\n',
    )
    user = write(tmp_path / "user.toml", 'seat_id = "B02"\n')
    settings = load_settings({"seat_id": "C03", "language": "en"}, system_file=system, user_file=user)
    assert settings.backend_url == "https://hall.example:8443"
    assert settings.hall_id == "hz-1"
    assert settings.seat_id == "C03"
    assert settings.language == "en"
    assert not settings.training
    assert settings.sources["backend_url"] == str(system)
    assert settings.sources["hall_id"] == str(system)


def test_user_file_alone_overrides_defaults(tmp_path: Path) -> None:
    user = write(tmp_path / "user.toml", 'theme = "dark"\n')
    settings = load_settings(system_file=tmp_path / "absent.toml", user_file=user)
    assert settings.theme == "dark"
    assert settings.sources["theme"] == str(user)


def test_default_user_path_follows_the_platform_folders(isolated_profile: Path) -> None:
    assert str(user_config_path()).startswith(str(isolated_profile))


def test_unknown_key_names_file_line_and_allowed_keys(tmp_path: Path) -> None:
    bad = write(tmp_path / "config.toml", '# hall settings\n\nbackend = "https://x"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(system_file=bad, user_file=tmp_path / "absent.toml")
    error = caught.value
    assert error.source == str(bad)
    assert error.key == "backend"
    assert error.line == 3
    assert "backend_url" in error.problem
    assert f"{bad}:3" in str(error)


@pytest.mark.parametrize(
    ("text", "key", "fragment"),
    [
        ('backend_url = "ftp://hall"\n', "backend_url", "http"),
        ('language = "fr"\n', "language", "zh_CN"),
        ("language = 3\n", "language", "字符串"),
        ('ca_bundle = "/nonexistent/ca.pem"\n', "ca_bundle", "/nonexistent/ca.pem"),
        ('seat_id = "A 01"\n', "seat_id", "字母"),
        ('[shortcuts]\n"seat.ready" = "Hyper+Q"\n', "shortcuts", "Hyper+Q"),
        ('[shortcuts]\n"seat.dance" = "F9"\n', "shortcuts", "seat.dance"),
        ('[shortcuts]\n"seat.ready" = "F3"\n', "shortcuts", "F3"),
    ],
)
def test_bad_values_name_the_key_and_what_is_allowed(
    tmp_path: Path, text: str, key: str, fragment: str
) -> None:
    bad = write(tmp_path / "config.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_settings(system_file=tmp_path / "absent.toml", user_file=bad)
    assert caught.value.key == key
    assert fragment in caught.value.problem
    assert caught.value.line is not None


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    bad = write(tmp_path / "config.toml", 'backend_url = "unterminated\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(system_file=bad, user_file=tmp_path / "absent.toml")
    assert caught.value.source == str(bad)
    assert "TOML" in caught.value.problem


def test_bad_flag_is_reported_as_from_the_command_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            {"backend_url": "hall.local"}, system_file=tmp_path / "a.toml", user_file=tmp_path / "b.toml"
        )
    assert caught.value.source == "命令行"


def test_shortcut_remap_keeps_the_other_defaults(tmp_path: Path) -> None:
    user = write(tmp_path / "config.toml", '[shortcuts]\n"seat.ready" = "Ctrl+Shift+R"\n')
    settings = load_settings(system_file=tmp_path / "absent.toml", user_file=user)
    assert settings.shortcuts["seat.ready"] == "Ctrl+Shift+R"
    assert settings.shortcuts["seat.away"] == DEFAULT_SHORTCUTS["seat.away"]
