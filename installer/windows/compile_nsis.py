"""Compile the Windows installer (installer/windows/seatclient.nsi) with makensis.

On Windows, after building the bundle there (see build-windows.yml)::

    python installer/windows/compile_nsis.py --payload installer/out/seatclient

On Linux, to check that the script compiles, against a placeholder payload (``make nsis-check``)::

    .venv/bin/python installer/windows/compile_nsis.py --placeholder

The placeholder is a folder shaped like the real bundle (``seatclient.exe``, ``seatclient-cli.exe``,
``_internal/`` with the resources) whose executables are stubs, so the installer it produces is for compile checks
only. The version comes from seatclient/version.py; makensis runs with ``-V4`` so its log lists
every instruction, which the packaging test reads.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installer" / "windows" / "seatclient.nsi"
CONFIG_TEMPLATE = ROOT / "installer" / "config.toml"
APP_ICON = ROOT / "resources" / "icons" / "seatclient.ico"
PLACEHOLDER_EXE = b"MZ seatclient placeholder payload: not a program; for makensis compile checks only\n"


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


def make_placeholder_payload(target: Path) -> Path:
    """Create a bundle-shaped folder under ``target``: stub executables and the resources."""
    if target.exists():
        shutil.rmtree(target)
    internal = target / "_internal"
    internal.mkdir(parents=True)
    for name in ("seatclient.exe", "seatclient-cli.exe"):
        (target / name).write_bytes(PLACEHOLDER_EXE)
    shutil.copytree(
        ROOT / "resources",
        internal / "resources",
        ignore=shutil.ignore_patterns("*.ts", "api"),
    )
    return target


def makensis_command(payload: Path, outfile: Path, version: str, uncompressed: bool = False) -> list[str]:
    """The makensis command line compiling the installer for ``payload`` into ``outfile``."""
    makensis = shutil.which("makensis")
    if makensis is None:
        raise SystemExit("makensis not found: install NSIS (Debian: apt-get install nsis)")
    return [
        makensis,
        "-V4",
        "-NOCD",
        *(["-DUNCOMPRESSED"] if uncompressed else []),
        f"-DVERSION={version}",
        f"-DPAYLOAD_DIR={payload}",
        f"-DCONFIG_TEMPLATE={CONFIG_TEMPLATE}",
        f"-DAPP_ICON={APP_ICON}",
        f"-DOUTFILE={outfile}",
        str(NSI),
    ]


def compile_installer(
    payload: Path, out_dir: Path, log_file: Path | None = None, uncompressed: bool = False
) -> Path:
    """Run makensis; returns the installer path.

    Args:
        payload: the bundle folder holding ``seatclient.exe``.
        out_dir: where the installer goes.
        log_file: where makensis's full log goes, when given.
        uncompressed: store strings and files as they are, so a test can find them in the file.
    """
    version = project_version()
    if not (payload / "seatclient.exe").is_file():
        raise SystemExit(f"{payload}: no seatclient.exe; build the bundle on Windows first")
    out_dir.mkdir(parents=True, exist_ok=True)
    outfile = out_dir / f"seatclient-{version}-setup.exe"
    result = subprocess.run(
        makensis_command(payload, outfile, version, uncompressed),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if log_file is not None:
        log_file.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr)
        raise SystemExit(f"makensis failed with exit code {result.returncode}")
    return outfile


def main(argv: list[str] | None = None) -> int:
    """Compile the installer and print its path and size."""
    parser = argparse.ArgumentParser(description="Compile the seat client's Windows installer.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--payload", type=Path, help="the Windows bundle folder holding seatclient.exe")
    source.add_argument("--placeholder", action="store_true", help="compile against a stub payload")
    parser.add_argument("--out", type=Path, default=ROOT / "installer" / "out", help="output folder")
    parser.add_argument("--log", type=Path, help="write makensis's full log here")
    parser.add_argument(
        "--uncompressed", action="store_true", help="no compression (for inspecting the result)"
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out.resolve()
    if args.placeholder:
        payload = make_placeholder_payload(out_dir / "nsis-placeholder" / "seatclient")
        out_dir = out_dir / "nsis-placeholder"
    else:
        payload = args.payload.resolve()
    installer = compile_installer(payload, out_dir, args.log, args.uncompressed)
    print(f"{installer} ({installer.stat().st_size / 1024 / 1024:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
