"""Settings: declared once with type, default and what is allowed; read from files and the command line.

Precedence, later winning: the defaults below, the system-wide file an installer deploys
(``/etc/seatclient/config.toml``, ``%PROGRAMDATA%\\seatclient\\config.toml``), the user's file
(platformdirs), then command-line flags. Every problem names the file, the key and what is allowed.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import platformdirs

from seatclient.i18n import SUPPORTED_LANGUAGES, join_list, tr

APP_NAME = "seatclient"

# Action id -> default key sequence. Key names follow Qt's portable text form.
DEFAULT_SHORTCUTS: dict[str, str] = {
    "seat.ready": "F2",
    "seat.away": "F3",
    "seat.sign_out": "Ctrl+F12",
    "help.shortcuts": "F1",
    "panel.call": "Alt+1",
    "panel.form": "Alt+2",
    "panel.scripts": "Alt+3",
    "panel.knowledge": "Alt+4",
    "panel.dispatch": "Alt+5",
    # Repeat callers (seatclient.ui.repeat_caller_panel.REPEAT_CALLER_SHORTCUTS).
    "panel.repeat_callers": "Alt+6",
    "order.lookup": "Ctrl+Shift+O",
    "panel.today": "Alt+7",
    "panel.transcript": "Alt+8",
    # Training (seatclient.ui.training_menu.TRAINING_SHORTCUTS).
    "training.pick": "Ctrl+Alt+P",
    "training.random": "Ctrl+Alt+R",
    "training.last_score": "Ctrl+Alt+S",
    "transcript.say": "Ctrl+Alt+Y",
    "app.about": "Ctrl+F1",
    # Call control, laid out like a hardphone's function keys.
    "call.dtmf": "F4",
    "call.answer": "F5",
    "call.hang_up": "F6",
    "call.hold": "F7",
    "call.mute": "F8",
    # Transfers (seatclient.ui.call_panel): consult, three-way, complete, blind, emergency.
    "call.consult": "Ctrl+T",
    "call.cancel_consult": "Shift+F5",
    "call.complete_transfer": "Shift+F6",
    "call.conference": "Shift+F7",
    "call.blind_transfer": "Ctrl+Shift+T",
    "call.emergency": "F12",
    "seat.pending_away": "F9",
    "seat.pending_sign_out": "Ctrl+F9",
    "seat.cancel_pending": "Shift+F9",
    # The seat's raised hand and the team leader's board (seatclient.ui.team_leader_window).
    "seat.raise_hand": "Ctrl+Shift+A",
    "panel.floor": "Ctrl+Shift+B",
    "wrap_up.end": "F10",
    "wrap_up.extend": "F11",
    # The knowledge panel (seatclient.ui.knowledge_panel.KNOWLEDGE_SHORTCUTS).
    "knowledge.search": "Ctrl+K",
    "knowledge.insert_answer": "Ctrl+Shift+I",
    "knowledge.related": "Ctrl+Shift+K",
    # The scripts panel (seatclient.ui.scripts_panel.SCRIPTS_SHORTCUTS).
    "scripts.copy": "Ctrl+Shift+C",
    "scripts.insert": "Ctrl+Shift+H",
    "scripts.next_step": "Ctrl+Shift+J",
    # The dispatch panel (seatclient.ui.dispatch_panel.DEFAULT_DISPATCH_SHORTCUTS).
    "dispatch.suggestions": "Ctrl+Shift+P",
    "dispatch.find_unit": "Ctrl+Shift+F",
    "dispatch.direct_answer": "Ctrl+R",
    "dispatch.dispatch": "Ctrl+D",
    "dispatch.extra_urgent": "Ctrl+Shift+D",
    "dispatch.not_accepted": "Ctrl+Shift+N",
    "dispatch.emergency": "Ctrl+Shift+E",
    "dispatch.link_existing": "Ctrl+Shift+L",
}

_KEY_NAME = r"(F([1-9]|1[0-9]|2[0-4])|[A-Z0-9]|Space|Return|Enter|Esc|Escape|Tab|Backspace|Delete|Insert|Home|End|PgUp|PgDown|Up|Down|Left|Right|[`\-=\[\];',./\\])"
_KEY_SEQUENCE = re.compile(rf"^((Ctrl|Alt|Shift|Meta)\+)*{_KEY_NAME}$")


class ConfigError(Exception):
    """A bad configuration value, with where it came from.

    Attributes:
        source: the file path, or ``命令行`` for a flag.
        key: the setting's key.
        problem: what is wrong and what is allowed.
        line: the line in the file, when found.
    """

    def __init__(self, source: str, key: str, problem: str, line: int | None = None) -> None:
        self.source, self.key, self.problem, self.line = source, key, problem, line
        where = f"{source}:{line}" if line else source
        super().__init__(
            tr("Config", "配置错误 {where}：{key}：{problem}").format(where=where, key=key, problem=problem)
        )


def _as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(tr("Config", "应为文字（字符串）"))
    return value


def _url(value: Any) -> str:
    text = _as_str(value).strip()
    if text:
        parsed = urlparse(text)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(tr("Config", "应为 http:// 或 https:// 开头的地址，或留空以使用内置培训后台"))
    return text.rstrip("/")


def _existing_file(value: Any) -> str:
    text = _as_str(value).strip()
    if text and not Path(text).expanduser().is_file():
        raise ValueError(tr("Config", "文件不存在：{path}").format(path=text))
    return str(Path(text).expanduser()) if text else ""


def _existing_dir(value: Any) -> str:
    text = _as_str(value).strip()
    if text and not Path(text).expanduser().is_dir():
        raise ValueError(tr("Config", "文件夹不存在：{path}").format(path=text))
    return str(Path(text).expanduser()) if text else ""


def _choice(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _as_str(value)
        if text not in allowed:
            raise ValueError(tr("Config", "可选值为：{allowed}").format(allowed=join_list(allowed)))
        return text

    return check


def _identifier(value: Any) -> str:
    text = _as_str(value).strip()
    if text and not re.fullmatch(r"[A-Za-z0-9_.\-]{1,32}", text):
        raise ValueError(tr("Config", "只能包含字母、数字、点、下划线和连字符，最长 32 个字符"))
    return text


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(tr("Config", "应为 true 或 false"))
    return value


def _shortcuts(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError(tr("Config", '应为一个表，例如 [shortcuts] 下写 "seat.ready" = "F2"'))
    merged = dict(DEFAULT_SHORTCUTS)
    for action, sequence in value.items():
        if action not in DEFAULT_SHORTCUTS:
            raise ValueError(
                tr("Config", "未知的操作 {action}；可用的操作：{actions}").format(
                    action=action, actions=join_list(DEFAULT_SHORTCUTS)
                )
            )
        if not isinstance(sequence, str) or not _KEY_SEQUENCE.match(sequence):
            raise ValueError(
                tr("Config", "操作 {action} 的快捷键 {sequence} 无效，应形如 F2、Ctrl+F12、Alt+1").format(
                    action=action, sequence=sequence
                )
            )
        merged[action] = sequence
    taken: dict[str, str] = {}
    for action, sequence in merged.items():
        if sequence in taken:
            raise ValueError(
                tr("Config", "快捷键 {sequence} 同时分配给了 {first} 和 {second}").format(
                    sequence=sequence, first=taken[sequence], second=action
                )
            )
        taken[sequence] = action
    return merged


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its key, default, parser (which validates) and help text."""

    key: str
    default: Any
    parse: Callable[[Any], Any]
    help: str


SETTING_SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("backend_url", "", _url, "后台地址（https://...）；留空则启动内置培训后台"),
    SettingSpec("ca_bundle", "", _existing_file, "校验后台证书用的 CA 证书文件（PEM）；留空用系统证书"),
    SettingSpec("seat_id", "", _identifier, "本工位的座席号，签入时预填"),
    SettingSpec("hall_id", "hz-12345", _identifier, "所属话务大厅"),
    SettingSpec("language", "zh_CN", _choice(*SUPPORTED_LANGUAGES), "界面语言：zh_CN 或 en"),
    SettingSpec("theme", "system", _choice("system", "light", "dark"), "界面主题"),
    SettingSpec("rules_dir", "", _existing_dir, "大厅自定义规则文件夹（覆盖内置规则）"),
    SettingSpec("log_level", "INFO", _choice("DEBUG", "INFO", "WARNING", "ERROR"), "日志级别"),
    SettingSpec("shortcuts", dict(DEFAULT_SHORTCUTS), _shortcuts, "快捷键表：操作 = 按键"),
    SettingSpec(
        "training_allowed", True, _flag, "是否允许培训模式；正式工位设为 false，未配置后台地址时拒绝启动"
    ),
)


@dataclass(frozen=True)
class Settings:
    """The settings in force, and where each came from."""

    backend_url: str = ""
    ca_bundle: str = ""
    seat_id: str = ""
    hall_id: str = "hz-12345"
    language: str = "zh_CN"
    theme: str = "system"
    rules_dir: str = ""
    log_level: str = "INFO"
    shortcuts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SHORTCUTS))
    training_allowed: bool = True
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def training(self) -> bool:
        """Whether no backend is configured, so the embedded training backend is used."""
        return not self.backend_url


def system_config_path() -> Path:
    """Where an installer puts the hall's configuration for every user of the workstation."""
    override = os.environ.get("SEATCLIENT_SYSTEM_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_NAME / "config.toml"
    return Path("/etc") / APP_NAME / "config.toml"


def user_config_path() -> Path:
    """The user's own configuration file."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def profile_dir() -> Path:
    """The user's profile folder: the database, logs and caches."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf'^\s*(["\']?){re.escape(key)}\1\s*=|^\s*\[\s*{re.escape(key)}\s*\]')
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    """Read and check one TOML file; a missing file is empty, anything wrong raises ``ConfigError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), "-", tr("Config", "无法读取：{reason}").format(reason=exc)) from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            str(path), "-", tr("Config", "不是合法的 TOML：{reason}").format(reason=exc)
        ) from exc
    known = {spec.key: spec for spec in SETTING_SPECS}
    checked: dict[str, Any] = {}
    for key, value in raw.items():
        spec = known.get(key)
        if spec is None:
            raise ConfigError(
                str(path),
                key,
                tr("Config", "未知的设置项；可用的设置项：{keys}").format(keys=join_list(known)),
                _line_of(text, key),
            )
        try:
            checked[key] = spec.parse(value)
        except ValueError as exc:
            raise ConfigError(str(path), key, str(exc), _line_of(text, key)) from exc
    return checked


def load_settings(
    cli_overrides: Mapping[str, Any] | None = None,
    system_file: Path | None = None,
    user_file: Path | None = None,
) -> Settings:
    """Combine defaults, the system file, the user file and command-line values into ``Settings``."""
    values: dict[str, Any] = {spec.key: spec.default for spec in SETTING_SPECS}
    sources: dict[str, str] = {spec.key: tr("Config", "默认值") for spec in SETTING_SPECS}
    for path in (system_file or system_config_path(), user_file or user_config_path()):
        for key, value in read_config_file(path).items():
            values[key], sources[key] = value, str(path)
    known = {spec.key: spec for spec in SETTING_SPECS}
    for key, value in (cli_overrides or {}).items():
        if value is None:
            continue
        try:
            values[key], sources[key] = known[key].parse(value), tr("Config", "命令行")
        except ValueError as exc:
            raise ConfigError(tr("Config", "命令行"), key, str(exc)) from exc
    if not values["training_allowed"] and not values["backend_url"]:
        # A production workstation must never fall back to the embedded training backend.
        raise ConfigError(
            sources["training_allowed"],
            "training_allowed",
            tr(
                "Config", "本工位已禁用培训模式（training_allowed = false），必须配置正式后台地址 backend_url"
            ),
        )
    names = {f.name for f in fields(Settings)} - {"sources"}
    return Settings(**{k: v for k, v in values.items() if k in names}, sources=sources)
