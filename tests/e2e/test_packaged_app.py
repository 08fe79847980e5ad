"""The packaged seat client behaves like the source one: the PyInstaller bundle and the .deb.

The bundle is built once per session from installer/seatclient.spec (about a minute on two cores;
set SEATCLIENT_TEST_BUNDLE to a built bundle to reuse it) and every test here runs it as a
workstation would: the self-test with the embedded training backend, English from the bundled
translation, the Secret Service keyring through D-Bus, the hall IT tools. The .deb is built from
the same bundle, inspected, and, when the tests run as root, installed, run and purged.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.packaging import (
    BUILD_DEB,
    PREBUILT_BUNDLE_VARIABLE,
    REPO_ROOT,
    DebInfo,
    app_environment,
    build_bundle,
    depends_alternatives,
    ensure_build_tools,
    inspect_deb,
    is_root,
    run,
    self_test_steps,
    source_command,
    translation_of,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

BUNDLE_BUDGET_MIB = 130
SIGN_IN_TITLE = ("SignInDialog", "签入 - 12345 座席客户端")


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The onedir bundle: built once per test session, or the one SEATCLIENT_TEST_BUNDLE names."""
    prebuilt = os.environ.get(PREBUILT_BUNDLE_VARIABLE)
    if prebuilt:
        return Path(prebuilt).resolve()
    build_root = tmp_path_factory.mktemp("bundle")
    return build_bundle(build_root / "dist", build_root / "work")


@pytest.fixture(scope="session")
def deb_file(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb built from the bundle (xz preset 0: the format is the same, the build 10x faster)."""
    ensure_build_tools("deb")
    out = tmp_path_factory.mktemp("deb")
    subprocess.run(
        [sys.executable, str(BUILD_DEB), str(bundle), "--out", str(out), "--xz-level", "0"],
        check=True,
        capture_output=True,
    )
    (deb,) = out.glob("seatclient_*.deb")
    return deb


@pytest.fixture(scope="session")
def deb_info(deb_file: Path) -> DebInfo:
    """What dpkg-deb reads from the package."""
    return inspect_deb(deb_file)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh home folder for one run of the app."""
    path = tmp_path / "app-home"
    path.mkdir()
    return path


def executable(bundle: Path) -> str:
    """The bundle's launcher."""
    return str(bundle / "seatclient")


def elf_files(root: Path) -> Iterator[Path]:
    """Every regular ELF file under ``root``."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    yield path


def needed_libraries(path: Path) -> set[str]:
    """The sonames ``path`` lists as NEEDED."""
    listing = subprocess.run(["objdump", "-p", str(path)], check=True, capture_output=True, text=True)
    return set(re.findall(r"^\s*NEEDED\s+(\S+)$", listing.stdout, re.MULTILINE))


def project_version() -> str:
    """__version__ of seatclient/version.py."""
    namespace: dict[str, str] = {}
    exec((REPO_ROOT / "seatclient" / "version.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


# --- the bundle's contents ---------------------------------------------------------------------


def test_bundle_holds_resources_and_only_the_qt_parts_a_widgets_app_needs(bundle: Path) -> None:
    internal = bundle / "_internal"
    resources = internal / "resources"
    assert (resources / "rules" / "seat_rules.json").is_file()
    assert (resources / "translations" / "seatclient_en.qm").stat().st_size > 1000
    assert (resources / "icons" / "seatclient.svg").is_file()
    assert not list(resources.rglob("*.ts")), "translation sources are not run-time data"
    assert not (resources / "api").exists(), "the API snapshot is a development file"

    qt = internal / "PySide6" / "Qt"
    plugins = {path.relative_to(qt / "plugins").as_posix() for path in (qt / "plugins").rglob("*.so")}
    assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so", "imageformats/libqsvg.so"} <= plugins
    assert "platforminputcontexts/libibusplatforminputcontextplugin.so" in plugins
    dropped_folders = {"wayland-shell-integration", "sqldrivers", "printsupport", "qmltooling", "tls"}
    assert not {plugin.split("/")[0] for plugin in plugins} & dropped_folders
    assert "platformthemes/libqgtk3.so" not in plugins
    libraries = {path.name for path in internal.rglob("libQt6*")}
    assert "libQt6Widgets.so.6" in libraries
    assert not {name for name in libraries if re.match(r"libQt6(Qml|Quick|WebEngine|Pdf|Wayland)", name)}
    assert not (qt / "qml").exists()
    qt_translations = sorted(path.name for path in (qt / "translations").glob("*.qm"))
    assert qt_translations and all(name.endswith(("_zh_CN.qm", "_en.qm")) for name in qt_translations)


def test_bundle_size_within_budget(bundle: Path) -> None:
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    total_mib = sum(path.stat().st_size for path in files) / 1024 / 1024
    assert 60 < total_mib <= BUNDLE_BUDGET_MIB, f"bundle is {total_mib:.1f} MiB"


def test_modules_imported_by_name_are_frozen_in(bundle: Path) -> None:
    from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader

    launcher = CArchiveReader(executable(bundle))
    archive_file = bundle.parent / "PYZ-inspect.pyz"
    archive_file.write_bytes(launcher.extract("PYZ.pyz"))
    try:
        modules = set(ZlibArchiveReader(str(archive_file)).toc)
    finally:
        archive_file.unlink()
    expected = {
        "uvicorn.loops.auto",
        "uvicorn.loops.asyncio",
        "uvicorn.protocols.http.auto",
        "uvicorn.protocols.http.h11_impl",
        "uvicorn.lifespan.on",
        "keyring.backends.SecretService",
        "keyring.backends.Windows",
        "secretstorage",
        "jeepney.io.blocking",
        "phonenumbers.data.region_CN",
        "phonenumbers.shortdata.region_CN",
        "pypinyin.phrases_dict",
        "chinese_calendar.constants",
        "seatclient.forms.drafts",
        "seatclient.tools",
    }
    assert expected <= modules, sorted(expected - modules)
    assert not {name for name in modules if name.startswith(("phonenumbers.geodata", "hypothesis", "mypy"))}
    internal = bundle / "_internal"
    assert (internal / "pypinyin" / "phrases_dict.json").is_file()
    assert list(internal.glob("keyring-*.dist-info/entry_points.txt")), (
        "keyring finds back ends by entry point"
    )


def test_every_library_in_the_bundle_resolves(bundle: Path) -> None:
    environment = dict(os.environ, LD_LIBRARY_PATH=str(bundle / "_internal"))
    unresolved = {}
    for path in elf_files(bundle):
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=environment)
        missing = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
        if missing:
            unresolved[str(path.relative_to(bundle))] = missing
    assert not unresolved


# --- the packaged app at work --------------------------------------------------------------------


def test_self_test_from_bundle_matches_source(bundle: Path, home: Path) -> None:
    packaged = run([executable(bundle), "--self-test"], app_environment(home / "bundle"))
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr
    assert "self-test passed" in packaged.stdout
    packaged_steps = self_test_steps(packaged.stdout)
    names = [step for _, step, _ in packaged_steps]
    essential = ["start-backend", "sign-in", "ready", "away", "sign-out", "shutdown"]
    assert [name for name in names if name in essential] == essential, names
    assert {verdict for verdict, _, _ in packaged_steps} == {"PASS"}
    # The embedded training backend answered over loopback HTTP from inside the bundle.
    assert packaged_steps[0][2] == "http://127.0.0.1:PORT"
    source = run([*source_command(), "--self-test"], app_environment(home / "source"))
    assert source.returncode == 0, source.stdout + source.stderr
    source_steps = self_test_steps(source.stdout)
    assert [step[:2] for step in packaged_steps] == [step[:2] for step in source_steps]
    # Details of call steps carry ring counts and countdowns that depend on timing; these do not.
    assert [step for step in packaged_steps if step[1] in essential] == [
        step for step in source_steps if step[1] in essential
    ]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_language_from_bundle_matches_source(bundle: Path, home: Path, language: str) -> None:
    english = translation_of(*SIGN_IN_TITLE)
    assert english and english != SIGN_IN_TITLE[1], "the .ts file lacks the sign-in title's translation"
    expected = english if language == "en" else SIGN_IN_TITLE[1]
    titles = []
    for command in ([executable(bundle)], source_command()):
        result = run([*command, "--startup-check", "--language", language], app_environment(home))
        assert result.returncode == 0, result.stdout + result.stderr
        match = re.search(r"^startup-check \d+ ms: (.*)$", result.stdout, re.MULTILINE)
        assert match, result.stdout
        titles.append(match.group(1))
    assert titles == [expected, expected]


def test_secret_service_keyring_round_trip_from_bundle(bundle: Path, home: Path) -> None:
    ensure_build_tools("test")
    environment = app_environment(home)
    outputs = []
    for command in ([executable(bundle)], source_command()):
        session = run(
            [
                "dbus-run-session",
                "--",
                "sh",
                "-c",
                'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"',
                "keyring-session",
                *command,
                "tools",
                "keyring-check",
            ],
            environment,
        )
        assert session.returncode == 0, session.stdout + session.stderr
        outputs.append(session.stdout)
    assert "keyring.backends.SecretService.Keyring" in outputs[0]
    assert outputs[0] == outputs[1]


def test_keyring_check_fails_without_secure_keyring_in_bundle(bundle: Path, home: Path) -> None:
    # No D-Bus session: the Secret Service is unreachable, so there is no secure keyring.
    environment = app_environment(home)
    packaged = run([executable(bundle), "tools", "keyring-check"], environment)
    source = run([*source_command(), "tools", "keyring-check"], environment)
    assert packaged.returncode == 1, packaged.stdout + packaged.stderr
    assert "keyring.backends.SecretService" not in packaged.stdout
    assert (packaged.returncode, packaged.stdout) == (source.returncode, source.stdout)


def test_hall_tools_from_bundle_match_source(bundle: Path, home: Path) -> None:
    environment = app_environment(home)
    due_date = [
        "tools",
        "due-date",
        "--registered",
        "2025-09-30T16:20",
        "--class",
        "routine",
        "--policy",
        "HZ-2020",
        "--json",
    ]
    packaged = run([executable(bundle), *due_date], environment)
    source = run([*source_command(), *due_date], environment)
    assert packaged.returncode == 0, packaged.stderr
    assert json.loads(packaged.stdout) == json.loads(source.stdout)
    # Registration day not counted; 10-01..08 National Day holiday; Saturday 10-11 a make-up
    # working day: 10-09, 10-10, 10-11, 10-13, 10-14 are the five working days.
    assert json.loads(packaged.stdout)["due_date"] == "2025-10-14"

    validate = ["tools", "validate-config", str(REPO_ROOT / "resources" / "rules")]
    packaged = run([executable(bundle), *validate], environment)
    source = run([*source_command(), *validate], environment)
    assert packaged.returncode == 0, packaged.stdout + packaged.stderr
    assert (packaged.stdout, packaged.stderr) == (source.stdout, source.stderr)


# --- the .deb -----------------------------------------------------------------------------------


def test_deb_control_conffile_and_layout(deb_info: DebInfo) -> None:
    control = deb_info.control
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert control["Package"] == "seatclient"
    assert control["Version"] == project_version()
    assert control["Architecture"] == architecture
    assert "<" in control["Maintainer"] and "@" in control["Maintainer"]
    assert int(control["Installed-Size"]) > 60_000
    description = control["Description"]
    assert "12345 government service hotline" in description and "座席客户端" in description
    depends = control["Depends"]
    assert "fonts-wqy-microhei | fonts-noto-cjk" in depends
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1", "libdbus-1-3"} <= (
        depends_alternatives(depends)
    )
    assert deb_info.conffiles == ["/etc/seatclient/config.toml"]
    assert "data.tar.xz" in deb_info.members and "control.tar.xz" in deb_info.members
    paths = set(deb_info.paths)
    assert {
        "/opt/seatclient/seatclient",
        "/usr/bin/seatclient",
        "/usr/share/applications/seatclient.desktop",
        "/usr/share/icons/hicolor/48x48/apps/seatclient.png",
        "/usr/share/icons/hicolor/scalable/apps/seatclient.svg",
        "/etc/seatclient/config.toml",
        "/usr/share/doc/seatclient/copyright",
    } <= paths


def test_deb_libc_floor_matches_the_bundle(bundle: Path, deb_info: DebInfo) -> None:
    highest = (0, 0)
    for path in elf_files(bundle):
        listing = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
        references = listing.split("Version References:")[-1] if "Version References:" in listing else ""
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", references):
            highest = max(highest, (int(major), int(minor)))
    assert highest >= (2, 17)
    assert f"libc6 (>= {highest[0]}.{highest[1]})" in deb_info.control["Depends"]


def test_deb_depends_cover_every_system_library_the_bundle_needs(bundle: Path, deb_info: DebInfo) -> None:
    bundled = {path.name for path in bundle.rglob("*")}
    external = set().union(*(needed_libraries(path) for path in elf_files(bundle))) - bundled
    cache = subprocess.run(["ldconfig", "-p"], check=True, capture_output=True, text=True).stdout
    locations = {}
    for soname in sorted(external):
        match = re.search(rf"^\s*{re.escape(soname)} \(libc6,x86-64[^)]*\) => (\S+)$", cache, re.MULTILINE)
        match = match or re.search(rf"^\s*{re.escape(soname)} \([^)]*\) => (\S+)$", cache, re.MULTILINE)
        assert match, f"{soname} is needed by the bundle but not installed here"
        locations[soname] = Path(match.group(1))
    declared = depends_alternatives(deb_info.control["Depends"])
    uncovered = {}
    for soname, location in locations.items():
        candidates = {str(location), str(location.resolve())}
        candidates |= {"/usr" + path for path in list(candidates) if not path.startswith("/usr/")}
        owners = subprocess.run(["dpkg", "-S", *sorted(candidates)], capture_output=True, text=True).stdout
        packages = {line.split(":")[0] for line in owners.splitlines() if ":" in line}
        assert packages, f"no package owns {soname} ({location})"
        if not packages & declared:
            uncovered[soname] = sorted(packages)
    assert not uncovered, f"system libraries whose package is not in Depends: {uncovered}"


def test_desktop_entry_is_valid(deb_file: Path, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "--extract", str(deb_file), str(tmp_path)], check=True)
    desktop = tmp_path / "usr" / "share" / "applications" / "seatclient.desktop"
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    text = desktop.read_text(encoding="utf-8")
    assert "Exec=seatclient\n" in text and "Icon=seatclient\n" in text and "Name[zh_CN]=" in text
    template = (REPO_ROOT / "installer" / "config.toml").read_bytes()
    assert (tmp_path / "etc" / "seatclient" / "config.toml").read_bytes() == template
    assert (tmp_path / "usr" / "bin" / "seatclient").readlink() == Path("/opt/seatclient/seatclient")


def _installed_version() -> str | None:
    query = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status} ${Version}", "seatclient"], capture_output=True, text=True
    )
    if query.returncode != 0 or not query.stdout.startswith("install ok installed"):
        return None
    return query.stdout.split()[-1]


def test_deb_installs_runs_and_purges_cleanly(deb_file: Path, deb_info: DebInfo, home: Path) -> None:
    if not is_root():
        pytest.skip("installing a .deb needs root")
    if _installed_version() is not None or Path("/opt/seatclient").exists():
        pytest.skip("a seatclient package is installed on this machine; not replacing it")
    install = subprocess.run(["dpkg", "-i", str(deb_file)], capture_output=True, text=True)
    try:
        if install.returncode != 0:
            # Missing dependencies: let apt fetch them and finish the configuration.
            fix = subprocess.run(
                ["apt-get", "install", "-y", "-f", "--no-install-recommends"],
                capture_output=True,
                text=True,
                env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
            )
            assert fix.returncode == 0, install.stderr + fix.stdout + fix.stderr
        assert _installed_version() == project_version()
        verify = subprocess.run(["dpkg", "--verify", "seatclient"], capture_output=True, text=True)
        assert verify.returncode == 0 and not verify.stdout.strip(), verify.stdout

        # The installed /etc/seatclient/config.toml is read (no override), all commented out, valid.
        environment = app_environment(home)
        del environment["SEATCLIENT_SYSTEM_CONFIG"]
        result = run(["/usr/bin/seatclient", "--self-test"], environment)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "self-test passed" in result.stdout
    finally:
        subprocess.run(["dpkg", "-r", "seatclient"], capture_output=True, check=False)
        removed_keeps_conffile = Path("/etc/seatclient/config.toml").is_file()
        opt_gone_after_remove = not Path("/opt/seatclient").exists()
        purge = subprocess.run(["dpkg", "-P", "seatclient"], capture_output=True, text=True)
    assert removed_keeps_conffile, "dpkg -r must keep the conffile"
    assert opt_gone_after_remove, "dpkg -r must remove /opt/seatclient"
    assert purge.returncode == 0, purge.stderr
    assert _installed_version() is None
    assert not Path("/opt/seatclient").exists()
    assert not Path("/etc/seatclient").exists()
    shared_folders = {
        "/",
        "/etc",
        "/opt",
        "/usr",
        "/usr/bin",
        "/usr/share",
        "/usr/share/doc",
        "/usr/share/icons",
    }
    left = [
        path
        for path in deb_info.paths
        if (path.rstrip("/") or "/") not in shared_folders
        and not path.startswith("/usr/share/icons/hicolor/")
        and not path.rstrip("/").endswith("/applications")
        and Path(path).exists()
    ]
    assert not left, f"left behind after purge: {left[:10]}"
    hicolor_files = [path for path in deb_info.paths if path.startswith("/usr/share/icons/hicolor/")]
    assert not [path for path in hicolor_files if path.endswith((".png", ".svg")) and Path(path).exists()]
