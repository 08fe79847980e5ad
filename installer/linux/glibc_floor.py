"""The oldest glibc a built bundle runs on: the highest GLIBC_x.y version any of its ELF files requires.

    .venv/bin/python installer/linux/glibc_floor.py installer/out/seatclient
    -> glibc floor 2.34 (PySide6/Qt/lib/libQt6Core.so.6 requires GLIBC_2.34)

Reads each file's version references (``objdump -p``, "required from libc.so.6"), which is what the
dynamic loader checks at start-up; symbols a file merely defines do not count.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_ELF_MAGIC = b"\x7fELF"
_GLIBC_VERSION = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")


@dataclass(frozen=True)
class GlibcFloor:
    """The highest glibc version required, and one file that requires it.

    Attributes:
        version: e.g. ``(2, 34)``; ``(0, 0)`` when no file references glibc.
        file: the path, relative to the bundle, of a file that needs ``version``.
    """

    version: tuple[int, ...]
    file: str

    @property
    def text(self) -> str:
        """The version as Debian writes it, e.g. ``2.34``."""
        return ".".join(str(part) for part in self.version)


def is_elf(path: Path) -> bool:
    """Whether ``path`` is a regular file starting with the ELF magic number."""
    if not path.is_file() or path.is_symlink():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == _ELF_MAGIC


def required_glibc_versions(path: Path) -> set[tuple[int, ...]]:
    """The GLIBC_x.y[.z] versions ``path`` requires from the C library, from its version references."""
    listing = subprocess.run(["objdump", "-p", str(path)], check=True, capture_output=True, text=True).stdout
    versions: set[tuple[int, ...]] = set()
    in_references = False
    for line in listing.splitlines():
        if line.startswith("Version References:"):
            in_references = True
            continue
        if in_references and line and not line.startswith(" "):
            break
        if in_references:
            for match in _GLIBC_VERSION.finditer(line):
                versions.add(tuple(int(part) for part in match.groups() if part is not None))
    return versions


def glibc_floor(bundle: Path) -> GlibcFloor:
    """Scan every ELF file under ``bundle`` and return the highest glibc version any requires."""
    best = GlibcFloor((0, 0), "")
    for path in sorted(bundle.rglob("*")):
        if not is_elf(path):
            continue
        for version in required_glibc_versions(path):
            if version > best.version:
                best = GlibcFloor(version, str(path.relative_to(bundle)))
    return best


def main(argv: list[str] | None = None) -> int:
    """Print the glibc floor of a bundle folder; exit 1 when it holds no ELF file needing glibc."""
    parser = argparse.ArgumentParser(description="Print the oldest glibc a bundle runs on.")
    parser.add_argument("bundle", type=Path, help="the onedir bundle, e.g. installer/out/seatclient")
    args = parser.parse_args(argv)
    floor = glibc_floor(args.bundle)
    if not floor.file:
        print(f"{args.bundle}: no ELF file requiring glibc found", file=sys.stderr)
        return 1
    print(f"glibc floor {floor.text} ({floor.file} requires GLIBC_{floor.text})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
