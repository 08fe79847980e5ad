"""Build the seat client's .deb from a PyInstaller bundle, with dpkg-deb only.

    .venv/bin/python installer/linux/build_deb.py installer/out/seatclient --out installer/out

Layout of the package:

* ``/opt/seatclient/``: the bundle as built (``seatclient`` and ``_internal/``);
* ``/usr/bin/seatclient``: a symlink to it (the bootloader resolves its real location);
* ``/usr/share/applications/seatclient.desktop`` and the icon in the hicolor theme;
* ``/etc/seatclient/config.toml``: the commented template (installer/config.toml), a conffile, so
  upgrades keep the hall's edits and ``dpkg -r`` leaves it while ``dpkg -P`` removes it;
* ``/usr/share/doc/seatclient/copyright``.

There are no maintainer scripts: the desktop database and the icon cache are refreshed by the
dpkg triggers of desktop-file-utils and gtk-update-icon-cache (when installed), and the bundle
writes nothing under /opt at run time, so ``dpkg -P`` leaves nothing behind.

``Depends`` names the system libraries the bundle leaves to the system (see installer/seatclient.spec)
and a CJK font; ``libc6 (>= x.y)`` comes from the bundle's glibc floor, measured here.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glibc_floor import glibc_floor

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "seatclient"
DEFAULT_MAINTAINER = "seatclient maintainers <maintainers@users.noreply.r-seed-68dfc713.example>"
INSTALL_DIR = Path("opt") / PACKAGE
CONFFILE = Path("etc") / PACKAGE / "config.toml"

# Libraries the bundle needs from the system (Qt's X11/xcb, OpenGL, font and D-Bus stack and the
# C++ runtime), as Debian packages; "a | b" where Debian and its derivatives renamed one
# (libgcc1 before Debian 11, the t64 names from Debian 13 / Ubuntu 24.04).
LIBRARY_DEPENDS = (
    "libgcc-s1 | libgcc1",
    "libstdc++6",
    "libegl1",
    "libgl1",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0 | libglib2.0-0t64",
    "libgssapi-krb5-2",
    "libbrotli1",
    "libzstd1",
)
# Chinese text needs a CJK font; any of these has Simplified Chinese.
FONT_DEPENDS = "fonts-wqy-microhei | fonts-noto-cjk | fonts-wqy-zenhei"
# "Remember password" needs a Secret Service; without one the client works and does not remember.
RECOMMENDS = ("gnome-keyring",)

DESCRIPTION = """\
seat client for the 12345 government service hotline
 Desktop client for call-takers of Zhejiang's 12345 government service
 hotline: sign in to a seat, take and register calls, fill in work orders
 with due dates on China's working-day calendar, dispatch them to the
 responsible units and search the knowledge base. Without a configured
 backend it starts an embedded training backend.
 .
 12345 政务服务便民热线座席客户端：座席签入与状态切换、来电受理登记、
 按工作日（含法定节假日和调休）计算办理时限的工单填写、派单到承办单位、
 知识库检索。未配置后台地址时启动内置培训后台，供培训使用。
"""

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Version=1.0
Name=12345 Seat Client
Name[zh_CN]=12345 座席客户端
GenericName=Hotline seat client
GenericName[zh_CN]=热线座席客户端
Comment=Seat client for the 12345 government service hotline
Comment[zh_CN]=12345 政务服务便民热线座席客户端
Exec=seatclient
Icon=seatclient
Terminal=false
Categories=Network;Telephony;
Keywords=12345;hotline;call;seat;
Keywords[zh_CN]=12345;热线;座席;工单;
StartupNotify=true
StartupWMClass=seatclient
"""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: seatclient

Files: *
License: Proprietary
 The seat client itself. It bundles Python (PSF License), Qt and PySide6
 (LGPL-3.0) and other open-source Python packages under their own licences;
 their licence files are in /opt/seatclient/_internal where the packages
 ship them.
"""


def project_version() -> str:
    """``__version__`` from seatclient/version.py, read without importing the package."""
    tree = ast.parse((ROOT / "seatclient" / "version.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == "__version__" for target in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise SystemExit("seatclient/version.py defines no __version__ string")


def debian_architecture() -> str:
    """The architecture dpkg builds for on this machine (amd64, arm64, loongarch64, ...)."""
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def depends_field(bundle: Path) -> str:
    """The ``Depends`` value: the C library at the bundle's glibc floor, the libraries and a font."""
    floor = glibc_floor(bundle)
    libc = f"libc6 (>= {floor.text})" if floor.file else "libc6"
    return ", ".join((libc, *LIBRARY_DEPENDS, FONT_DEPENDS))


def installed_size_kib(root: Path) -> int:
    """Sum of file sizes under ``root`` in KiB, rounded up, as dpkg expects in Installed-Size."""
    total = sum(path.lstat().st_size for path in root.rglob("*") if not path.is_dir())
    return (total + 1023) // 1024


def control_text(version: str, architecture: str, depends: str, size_kib: int, maintainer: str) -> str:
    """The DEBIAN/control file."""
    fields = [
        ("Package", PACKAGE),
        ("Version", version),
        ("Architecture", architecture),
        ("Maintainer", maintainer),
        ("Installed-Size", str(size_kib)),
        ("Depends", depends),
        ("Recommends", ", ".join(RECOMMENDS)),
        ("Section", "net"),
        ("Priority", "optional"),
        ("Description", DESCRIPTION.rstrip("\n")),
    ]
    return "".join(f"{name}: {value}\n" for name, value in fields)


def _copy_icons(staging: Path) -> None:
    icons = ROOT / "resources" / "icons"
    theme = staging / "usr" / "share" / "icons" / "hicolor"
    shutil.copytree(icons / "hicolor", theme, dirs_exist_ok=True)
    scalable = theme / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / "seatclient.svg", scalable / "seatclient.svg")


def _normalise_permissions(staging: Path) -> None:
    """0755 for folders and executables, 0644 for everything else, as Debian policy asks."""
    for path in [staging, *staging.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _md5sums(staging: Path, excluded: set[Path]) -> str:
    lines = []
    for path in sorted(staging.rglob("*")):
        relative = path.relative_to(staging)
        if relative.parts[0] == "DEBIAN" or path.is_symlink() or path.is_dir() or relative in excluded:
            continue
        digest = hashlib.md5(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {relative.as_posix()}\n")
    return "".join(lines)


def stage(bundle: Path, staging: Path, maintainer: str) -> str:
    """Lay out the package tree under ``staging``; returns the package file name."""
    version, architecture = project_version(), debian_architecture()
    shutil.copytree(bundle, staging / INSTALL_DIR, symlinks=True)
    bin_dir = staging / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PACKAGE).symlink_to(Path("/") / INSTALL_DIR / PACKAGE)
    applications = staging / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / f"{PACKAGE}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    _copy_icons(staging)
    (staging / CONFFILE).parent.mkdir(parents=True)
    shutil.copy2(ROOT / "installer" / "config.toml", staging / CONFFILE)
    doc = staging / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    _normalise_permissions(staging)

    debian = staging / "DEBIAN"
    debian.mkdir()
    size = installed_size_kib(staging)
    (debian / "control").write_text(
        control_text(version, architecture, depends_field(bundle), size, maintainer), encoding="utf-8"
    )
    (debian / "conffiles").write_text(f"/{CONFFILE.as_posix()}\n", encoding="utf-8")
    (debian / "md5sums").write_text(_md5sums(staging, {CONFFILE}), encoding="utf-8")
    for name in ("control", "conffiles", "md5sums"):
        (debian / name).chmod(0o644)
    debian.chmod(0o755)
    return f"{PACKAGE}_{version}_{architecture}.deb"


def build(bundle: Path, out_dir: Path, xz_level: int, maintainer: str) -> Path:
    """Stage and build the package; returns the path of the .deb."""
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"{bundle}: no {PACKAGE} executable; build the bundle first (make installer)")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="seatclient-deb-") as temporary:
        staging = Path(temporary) / "root"
        staging.mkdir()
        name = stage(bundle, staging, maintainer)
        target = out_dir / name
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{xz_level}", "--build", str(staging), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def main(argv: list[str] | None = None) -> int:
    """Build the .deb and print its path and size."""
    parser = argparse.ArgumentParser(description="Build the seat client's .deb from a PyInstaller bundle.")
    parser.add_argument("bundle", type=Path, help="the onedir bundle, e.g. installer/out/seatclient")
    parser.add_argument("--out", type=Path, default=ROOT / "installer" / "out", help="output folder")
    parser.add_argument(
        "--xz-level", type=int, default=6, choices=range(10), metavar="0-9", help="xz preset (default 6)"
    )
    parser.add_argument(
        "--maintainer",
        default=os.environ.get("DEB_MAINTAINER", DEFAULT_MAINTAINER),
        help="Maintainer field (default: $DEB_MAINTAINER or the project's)",
    )
    args = parser.parse_args(argv)
    target = build(args.bundle.resolve(), args.out.resolve(), args.xz_level, args.maintainer)
    print(f"{target} ({target.stat().st_size / 1024 / 1024:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
