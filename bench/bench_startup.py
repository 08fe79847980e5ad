"""Start-up time to the first window: the PyInstaller bundle, ``python -m seatclient`` and a bare PySide6 window.

    .venv/bin/python bench/bench_startup.py            # 3 cold + 10 warm runs of each
    .venv/bin/python bench/bench_startup.py --quick    # 1 cold + 3 warm runs of each
    .venv/bin/python bench/bench_startup.py --bundle installer/out/seatclient

The seat client is timed with its hidden ``--startup-check`` flag, which starts exactly as
``seatclient`` does (Qt application, translation, embedded training backend, the sign-in dialog)
and prints a line once the dialog is exposed; the baseline is a PySide6 ``QLabel`` shown the same
way, in the same run. Each figure is the wall time from process creation to that line, so it
includes the interpreter (or the bundle's bootloader) and every import. Windows are real X11
windows under a private Xvfb when Xvfb is installed, otherwise offscreen.

Cold runs follow ``sync; echo 3 > /proc/sys/vm/drop_caches`` (root only): the files are read from
disk again, as on the first start after a reboot. Without that permission the first run of each
is reported as "first" instead and the output says so. The bundle is installer/out/seatclient
(``make installer``), built into a temporary folder when absent.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "installer" / "out" / "seatclient"
READY_TIMEOUT = 60.0

HELLO_WORLD = """
import sys, time
started = time.perf_counter()
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("你好 hello")
label.show()
while label.windowHandle() is None or not label.windowHandle().isExposed():
    app.processEvents()
    time.sleep(0.005)
print(f"hello {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
"""


@dataclass
class Subject:
    """One program whose start-up is timed."""

    name: str
    command: list[str]
    ready_prefix: str
    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)


def drop_page_cache() -> bool:
    """Write back and drop the page cache; returns whether the kernel allowed it."""
    subprocess.run(["sync"], check=False)
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


@contextmanager
def display() -> Iterator[dict[str, str]]:
    """Environment variables for a private Xvfb display, or for offscreen rendering without Xvfb."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    try:
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(10)


def clean_environment(home: Path, display_env: dict[str, str]) -> dict[str, str]:
    """A fresh profile and no workstation configuration, like a new user's first start."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "QT_", "DISPLAY"))}
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / folder)
    env.update(HOME=str(home), SEATCLIENT_SYSTEM_CONFIG=str(home / "none.toml"), **display_env)
    env.pop("SEATCLIENT_RESOURCES", None)
    return env


def time_to_window(subject: Subject, env: dict[str, str]) -> float:
    """Start the subject and return milliseconds until it reports its window; it then exits."""
    started = time.perf_counter()
    process = subprocess.Popen(
        subject.command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    elapsed: float | None = None
    for line in process.stdout:
        if line.startswith(subject.ready_prefix):
            elapsed = (time.perf_counter() - started) * 1000
            break
        if time.perf_counter() - started > READY_TIMEOUT:
            break
    _, errors = process.communicate(timeout=READY_TIMEOUT)
    if elapsed is None or process.returncode != 0:
        raise SystemExit(f"{subject.name}: no window (exit {process.returncode}): {errors[-2000:]}")
    return elapsed


def build_bundle(target: Path) -> Path:
    """Build the bundle with PyInstaller into ``target``; returns the bundle folder."""
    print(f"building the bundle into {target} (about a minute) ...", flush=True)
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyinstaller"),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(target / "dist"),
            "--workpath",
            str(target / "work"),
            str(ROOT / "installer" / "seatclient.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return target / "dist" / "seatclient"


def median(values: list[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print figures, ratios and the RESULT line."""
    parser = argparse.ArgumentParser(description="Time start-up to the first window.")
    parser.add_argument("--quick", action="store_true", help="1 cold and 3 warm runs of each")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the onedir bundle folder")
    args = parser.parse_args(argv)
    cold_rounds, warm_rounds = (1, 3) if args.quick else (3, 10)

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        bundle: Path = args.bundle
        if not (bundle / "seatclient").is_file():
            bundle = build_bundle(Path(scratch) / "bundle")
        subjects = [
            Subject("bundle", [str(bundle / "seatclient"), "--startup-check"], "startup-check "),
            Subject("source", [sys.executable, "-m", "seatclient", "--startup-check"], "startup-check "),
            Subject("pyside6-hello", [sys.executable, "-c", HELLO_WORLD], "hello "),
        ]
        with display() as display_env:
            env = clean_environment(Path(scratch) / "home", display_env)
            can_drop = drop_page_cache()
            cold_kind = "dropped-caches" if can_drop else "first-run"
            print(f"bundle: {bundle}")
            print(f"platform: {display_env['QT_QPA_PLATFORM']}")
            if can_drop:
                print("cold: page cache dropped before each cold run")
            else:
                print("cold: NOT measured after dropping caches (no permission); 'cold' = first run of each")
            for round_number in range(cold_rounds if can_drop else 1):
                for subject in subjects:
                    if can_drop:
                        drop_page_cache()
                    subject.cold_ms.append(time_to_window(subject, env))
                print(f"  cold round {round_number + 1} done", flush=True)
            for _ in range(warm_rounds):
                for subject in subjects:
                    subject.warm_ms.append(time_to_window(subject, env))

    print(f"\n{'program':<15}{'cold ms':>10}{'warm ms':>10}{'warm min':>10}{'warm max':>10}")
    for subject in subjects:
        print(
            f"{subject.name:<15}{median(subject.cold_ms):>10.0f}{median(subject.warm_ms):>10.0f}"
            f"{min(subject.warm_ms):>10.0f}{max(subject.warm_ms):>10.0f}"
        )
    packaged, source, hello = subjects
    ratios = {
        "bundle_vs_source_cold": median(packaged.cold_ms) / median(source.cold_ms),
        "bundle_vs_source_warm": median(packaged.warm_ms) / median(source.warm_ms),
        "bundle_vs_hello_cold": median(packaged.cold_ms) / median(hello.cold_ms),
        "bundle_vs_hello_warm": median(packaged.warm_ms) / median(hello.warm_ms),
        "source_vs_hello_warm": median(source.warm_ms) / median(hello.warm_ms),
    }
    print()
    for name, value in ratios.items():
        print(f"{name:<24}{value:6.2f}x")
    figures = " ".join(
        f"{subject.name.replace('pyside6-', '')}_{kind}_ms={median(values):.0f}"
        for subject in subjects
        for kind, values in (("cold", subject.cold_ms), ("warm", subject.warm_ms))
    )
    ratio_text = " ".join(f"{name}={value:.2f}" for name, value in ratios.items())
    print(f"RESULT startup {figures} {ratio_text} cold={cold_kind} platform={display_env['QT_QPA_PLATFORM']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
