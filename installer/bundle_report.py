"""Print a built bundle's size against the budget (and on Linux its glibc floor).

    .venv/bin/python installer/bundle_report.py installer/out/seatclient
    -> bundle installer/out/seatclient: 128.6 MiB (134.8 MB) in 192 files; budget 130 MiB
       glibc floor 2.35 (_internal/libpython3.11.so.1.0 requires GLIBC_2.35)

Sizes are the files' own sizes (symlinks not followed), which is what an installer unpacks.
Exit code 0, or 1 when the bundle is over the budget.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "linux"))

from glibc_floor import glibc_floor

BUDGET_MIB = 130
MIB = 1024 * 1024


def bundle_size(bundle: Path) -> tuple[int, int]:
    """Total bytes of the regular files under ``bundle`` and how many there are."""
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def main(argv: list[str] | None = None) -> int:
    """Print the report; exit 1 when the bundle exceeds the budget."""
    parser = argparse.ArgumentParser(description="Report a bundle's size and glibc floor.")
    parser.add_argument("bundle", type=Path, help="the onedir bundle, e.g. installer/out/seatclient")
    parser.add_argument("--budget-mib", type=float, default=BUDGET_MIB, help="size budget in MiB")
    args = parser.parse_args(argv)
    total, count = bundle_size(args.bundle)
    print(
        f"bundle {args.bundle}: {total / MIB:.1f} MiB ({total / 1e6:.1f} MB) in {count} files; "
        f"budget {args.budget_mib:g} MiB"
    )
    if sys.platform.startswith("linux"):
        floor = glibc_floor(args.bundle)
        print(f"glibc floor {floor.text} ({floor.file} requires GLIBC_{floor.text})")
    if total > args.budget_mib * MIB:
        print(f"bundle is over the {args.budget_mib:g} MiB budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
