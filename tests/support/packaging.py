"""Helpers for the packaged-app tests: build the bundle and the .deb, run them, read what they hold."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
SPEC = REPO_ROOT / "installer" / "seatclient.spec"
TS_FILE = REPO_ROOT / "resources" / "translations" / "seatclient_en.ts"
QM_FILE = REPO_ROOT / "resources" / "translations" / "seatclient_en.qm"
ENSURE_BUILD_TOOLS = REPO_ROOT / "scripts" / "ensure-system-packages.sh"
BUILD_DEB = REPO_ROOT / "installer" / "linux" / "build_deb.py"
COMPILE_NSIS = REPO_ROOT / "installer" / "windows" / "compile_nsis.py"
PREBUILT_BUNDLE_VARIABLE = "SEATCLIENT_TEST_BUNDLE"
"""Set to a bundle folder (e.g. installer/out/seatclient after ``make installer``) to test it instead
of building one; the tests then check that bundle, whatever tree it was built from."""


def ensure_build_tools(kind: str) -> None:
    """Install the Debian packages ``kind`` (bundle, deb, nsis, test) needs, via the project's script."""
    subprocess.run([str(ENSURE_BUILD_TOOLS), kind], check=True, stdout=subprocess.DEVNULL)


def ensure_translations() -> None:
    """Compile the English ``.qm`` when it is missing or older than the ``.ts`` (as ``make translations``)."""
    if QM_FILE.is_file() and QM_FILE.stat().st_mtime >= TS_FILE.stat().st_mtime:
        return
    subprocess.run(
        [str(VENV_BIN / "pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(QM_FILE)], check=True
    )


def build_bundle(dist: Path, work: Path) -> Path:
    """Build the PyInstaller bundle from the spec into ``dist``; returns the bundle folder."""
    ensure_build_tools("bundle")
    ensure_translations()
    log = work.parent / "pyinstaller.log"
    work.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        result = subprocess.run(
            [
                str(VENV_BIN / "pyinstaller"),
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(dist),
                "--workpath",
                str(work),
                str(SPEC),
            ],
            cwd=REPO_ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed ({result.returncode}):\n{log.read_text()[-4000:]}")
    return dist / "seatclient"


def app_environment(home: Path, **extra: str) -> dict[str, str]:
    """Environment for running the app: offscreen Qt, a fresh HOME and XDG folders, no system config."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "QT_"))}
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / folder)
    (home / "runtime").chmod(0o700)
    env.update(
        HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        SEATCLIENT_SYSTEM_CONFIG=str(home / "no-system-config.toml"),
        GSETTINGS_BACKEND="memory",
    )
    env.pop("SEATCLIENT_RESOURCES", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.update(extra)
    return env


def source_command() -> list[str]:
    """The seat client run from source, as ``python -m seatclient``."""
    return [sys.executable, "-m", "seatclient"]


def run(
    command: list[str], env: dict[str, str], timeout: float = 90, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` and capture its text output (never raises on a non-zero exit)."""
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=timeout, cwd=cwd or REPO_ROOT
    )


_STEP_LINE = re.compile(r"^(PASS|FAIL)\s+(\S+)\s+\d+ ms\s+(.*)$")
_LOOPBACK_URL = re.compile(r"http://127\.0\.0\.1:\d+")


def self_test_steps(output: str) -> list[tuple[str, str, str]]:
    """(PASS/FAIL, step, detail) of each self-test line, with the embedded backend's port removed."""
    steps = []
    for line in output.splitlines():
        match = _STEP_LINE.match(line.strip())
        if match:
            verdict, step, detail = match.groups()
            steps.append((verdict, step, _LOOPBACK_URL.sub("http://127.0.0.1:PORT", detail.strip())))
    return steps


def translation_of(context: str, source: str) -> str:
    """The English translation of ``source`` in ``context`` in the committed ``.ts`` file ("" if none)."""
    for context_element in ET.parse(TS_FILE).getroot().iter("context"):
        if context_element.findtext("name") != context:
            continue
        for message in context_element.iter("message"):
            if message.findtext("source") == source:
                return message.findtext("translation") or ""
    return ""


@dataclass(frozen=True)
class DebInfo:
    """What ``dpkg-deb`` says about a package file."""

    control: dict[str, str]
    conffiles: list[str]
    paths: list[str]
    members: list[str]


def parse_control(text: str) -> dict[str, str]:
    """A deb822 paragraph as {field: value}, continuation lines joined with newlines."""
    fields: dict[str, str] = {}
    name = ""
    for line in text.splitlines():
        if line.startswith((" ", "\t")) and name:
            fields[name] += "\n" + line.strip()
        elif ":" in line:
            name, value = line.split(":", 1)
            fields[name] = value.strip()
    return fields


def inspect_deb(deb: Path) -> DebInfo:
    """Read the control file, conffiles, file list and ar members of ``deb``."""
    control = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    conffiles = subprocess.run(
        ["dpkg-deb", "--info", str(deb), "conffiles"], check=True, capture_output=True, text=True
    ).stdout.split()
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    paths = [line.split(None, 5)[5].split(" -> ")[0].removeprefix(".") for line in listing.splitlines()]
    members = subprocess.run(["ar", "t", str(deb)], check=True, capture_output=True, text=True).stdout.split()
    return DebInfo(parse_control(control), conffiles, paths, members)


def depends_alternatives(depends: str) -> set[str]:
    """Every package name that appears in a Depends field, alternatives included, versions stripped."""
    names = set()
    for group in depends.split(","):
        for alternative in group.split("|"):
            names.add(alternative.strip().split(" ")[0].split(":")[0])
    return names


def is_root() -> bool:
    """Whether the tests run as root (and so may install a package)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0
