"""What the installers carry besides the bundle: the config template, the Windows script, the icon.

The Windows installer is compiled here with makensis against a placeholder payload (the real
bundle can only be built on Windows); the compile log and an uncompressed build show what the
installer does: per-machine folder, Start-menu shortcut, Add/Remove Programs entry, the config
template under %PROGRAMDATA%, kept on uninstall, and Simplified Chinese pages.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.packaging import COMPILE_NSIS, REPO_ROOT, ensure_build_tools

from seatclient.config import DEFAULT_SHORTCUTS, SETTING_SPECS, read_config_file

pytestmark = pytest.mark.e2e

TEMPLATE = REPO_ROOT / "installer" / "config.toml"
ICONS = REPO_ROOT / "resources" / "icons"
PLACEHOLDER_MARK = b"MZ seatclient placeholder payload"
START_MENU_LINK = r"$SMPROGRAMS\12345 座席客户端.lnk"
UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\seatclient"


# --- the configuration template ---------------------------------------------------------------


def uncomment_settings(text: str) -> str:
    """The template with every setting line (and the [shortcuts] header) uncommented."""
    setting = re.compile(r'^# (\[shortcuts\]|[a-z_]+ = |"[a-z_.]+" = )')
    return "\n".join(line[2:] if setting.match(line) else line for line in text.splitlines()) + "\n"


def test_template_as_shipped_is_a_valid_empty_config(tmp_path: Path) -> None:
    assert tomllib.loads(TEMPLATE.read_text(encoding="utf-8")) == {}
    shipped = tmp_path / "config.toml"
    shipped.write_bytes(TEMPLATE.read_bytes())
    assert read_config_file(shipped) == {}


def test_template_names_every_setting_with_its_help() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    for spec in SETTING_SPECS:
        assert spec.help in text, f"help text of {spec.key} missing"
        if spec.key != "shortcuts":
            assert re.search(rf"^# {spec.key} = ", text, re.MULTILINE), spec.key
    assert re.search(r"^# \[shortcuts\]$", text, re.MULTILINE)
    for action in DEFAULT_SHORTCUTS:
        assert re.search(rf'^# "{re.escape(action)}" = ', text, re.MULTILINE), action


def test_template_uncommented_gives_exactly_the_defaults(tmp_path: Path) -> None:
    uncommented = tmp_path / "config.toml"
    uncommented.write_text(uncomment_settings(TEMPLATE.read_text(encoding="utf-8")), encoding="utf-8")
    values = read_config_file(uncommented)
    assert values == {spec.key: spec.default for spec in SETTING_SPECS}
    assert values["shortcuts"] == DEFAULT_SHORTCUTS


# --- the Windows installer script ----------------------------------------------------------------


@dataclass(frozen=True)
class CompiledInstaller:
    """An installer makensis produced, with its compile log."""

    exe: bytes
    log: str


def compile_placeholder(out: Path, uncompressed: bool) -> CompiledInstaller:
    """Compile installer/windows/seatclient.nsi against the placeholder payload."""
    ensure_build_tools("nsis")
    log = out / "makensis.log"
    command = [sys.executable, str(COMPILE_NSIS), "--placeholder", "--out", str(out), "--log", str(log)]
    result = subprocess.run(
        [*command, *(["--uncompressed"] if uncompressed else [])], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (exe,) = (out / "nsis-placeholder").glob("seatclient-*-setup.exe")
    return CompiledInstaller(exe.read_bytes(), log.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nsis_compiled(tmp_path_factory: pytest.TempPathFactory) -> CompiledInstaller:
    """The installer as released (compressed)."""
    return compile_placeholder(tmp_path_factory.mktemp("nsis"), uncompressed=False)


@pytest.fixture(scope="module")
def nsis_uncompressed(tmp_path_factory: pytest.TempPathFactory) -> CompiledInstaller:
    """The same installer with compression off, so its strings and files can be found in it."""
    return compile_placeholder(tmp_path_factory.mktemp("nsis-raw"), uncompressed=True)


def section(log: str, name: str) -> list[str]:
    """The compile-log lines of one section, between ``Section: "name"`` and ``SectionEnd``."""
    lines = log.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(f'Section: "{name}"'))
    end = next(index for index in range(start, len(lines)) if lines[index] == "SectionEnd")
    return lines[start + 1 : end]


def test_nsis_compiles_cleanly_as_unicode_per_machine(nsis_compiled: CompiledInstaller) -> None:
    log = nsis_compiled.log
    assert nsis_compiled.exe[:2] == b"MZ"
    assert re.search(r'Processing script file: ".*seatclient\.nsi" \(UTF8\)', log)
    assert "Unicode: true" in log
    assert not re.search(r"^\d+ warnings?:", log, re.MULTILINE), log[-2000:]
    assert 'InstallDir: "$PROGRAMFILES64\\seatclient"' in log
    assert "SetShellVarContext: all" in log
    assert b"requireAdministrator" in nsis_compiled.exe


def test_nsis_installs_shortcut_registry_entry_and_config(nsis_compiled: CompiledInstaller) -> None:
    install = section(nsis_compiled.log, "12345 座席客户端")
    assert f'CreateShortcut: "{START_MENU_LINK}"->"$INSTDIR\\seatclient.exe"' in "\n".join(install)
    assert 'WriteUninstaller: "$INSTDIR\\uninstall.exe"' in install
    registry = {
        line.split("=", 1)[0].removeprefix("WriteRegStr: "): line.split("=", 1)[1]
        for line in install
        if line.startswith("WriteRegStr: ")
    }
    assert registry[f"{UNINSTALL_KEY}\\DisplayName"] == "12345 座席客户端"
    assert registry[f"{UNINSTALL_KEY}\\UninstallString"] == '"$INSTDIR\\uninstall.exe"'
    assert registry[f"{UNINSTALL_KEY}\\QuietUninstallString"] == '"$INSTDIR\\uninstall.exe" /S'
    assert re.fullmatch(r"\d+\.\d+\.\d+", registry[f"{UNINSTALL_KEY}\\DisplayVersion"])
    # The template goes to %PROGRAMDATA%\seatclient ($APPDATA for all users) only when absent.
    config_at = install.index('SetOutPath: "$APPDATA\\seatclient"')
    assert install[config_at + 1] == f'File: "config.toml"->"config.toml" {TEMPLATE.stat().st_size} bytes'


def test_nsis_uninstaller_removes_program_and_keeps_config(nsis_compiled: CompiledInstaller) -> None:
    uninstall = section(nsis_compiled.log, "Uninstall")
    assert f'Delete: "{START_MENU_LINK}"' in uninstall
    assert 'RMDir: /r "$INSTDIR\\_internal"' in uninstall
    assert {'Delete: "$INSTDIR\\seatclient.exe"', 'Delete: "$INSTDIR\\seatclient-cli.exe"'} <= set(uninstall)
    assert f"DeleteRegKey: {UNINSTALL_KEY}" in uninstall
    assert not [line for line in uninstall if "config.toml" in line or "$APPDATA" in line]


def test_nsis_pages_are_simplified_chinese_and_payload_is_inside(
    nsis_uncompressed: CompiledInstaller,
) -> None:
    exe = nsis_uncompressed.exe
    # MUI2's SimpChinese welcome title and the product name, as the UTF-16 strings Windows shows.
    assert "欢迎使用 ".encode("utf-16-le") in exe
    assert "12345 座席客户端".encode("utf-16-le") in exe
    assert PLACEHOLDER_MARK in exe
    assert TEMPLATE.read_bytes() in exe


# --- the icon ----------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icon_pngs_have_their_nominal_sizes() -> None:
    folders = sorted((ICONS / "hicolor").iterdir())
    sizes = sorted(int(folder.name.split("x")[0]) for folder in folders)
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512]
    for folder in folders:
        edge = int(folder.name.split("x")[0])
        assert png_size((folder / "apps" / "seatclient.png").read_bytes()) == (edge, edge)
    svg = ET.parse(ICONS / "seatclient.svg").getroot()
    assert svg.get("viewBox") == "0 0 256 256"


def test_windows_icon_holds_sizes_16_to_256() -> None:
    data = (ICONS / "seatclient.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    edges = []
    for index in range(count):
        width, height, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        edge = width or 256
        assert width == height
        assert png_size(data[offset : offset + length]) == (edge, edge)
        edges.append(edge)
    assert edges == [16, 24, 32, 48, 64, 128, 256]
