"""The ``seatclient`` command: the seat client, its self-test, and the hall IT tools."""

from __future__ import annotations

import argparse
import sys

from seatclient.config import ConfigError, Settings, load_settings
from seatclient.i18n import SUPPORTED_LANGUAGES
from seatclient.version import __version__


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser of ``seatclient``."""
    parser = argparse.ArgumentParser(
        prog="seatclient",
        description="12345 政务服务便民热线座席客户端。不指定后台时使用内置培训后台。"
        "另有 'seatclient tools ...' 供大厅信息技术人员使用。",
    )
    parser.add_argument("--version", action="version", version=f"seatclient {__version__}")
    parser.add_argument("--backend", metavar="URL", help="后台地址（覆盖配置文件）")
    parser.add_argument("--ca-bundle", metavar="FILE", help="校验后台证书用的 CA 证书文件")
    parser.add_argument("--seat", metavar="SEAT", help="本工位的座席号")
    parser.add_argument("--language", choices=SUPPORTED_LANGUAGES, help="界面语言")
    parser.add_argument("--rules-dir", metavar="DIR", help="大厅自定义规则文件夹")
    parser.add_argument("--self-test", action="store_true", help="无界面自检：签入、示闲、示忙、签出")
    # For start-up benchmarks and packaging tests, not for people: hidden from --help.
    parser.add_argument("--startup-check", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``seatclient``; returns the process exit code."""
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:1] == ["tools"]:
        from seatclient.tools import main as tools_main

        return tools_main(arguments[1:])
    args = build_parser().parse_args(arguments)
    try:
        settings = load_settings(
            {
                "backend_url": args.backend,
                "ca_bundle": args.ca_bundle,
                "seat_id": args.seat,
                "language": args.language,
                "rules_dir": args.rules_dir,
            }
        )
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.self_test:
        from seatclient.selftest import run_self_test

        return run_self_test(settings)
    if args.startup_check:
        return _startup_check(settings)
    from seatclient.app import run

    return run(settings)


def _startup_check(settings: Settings, timeout: float = 30.0) -> int:
    """Start as ``seatclient`` does until the sign-in dialog is on screen, then quit.

    Prints ``startup-check <ms> ms: <dialog title>``: the time since this function began and the
    dialog's (translated) title, which also tells which language was loaded. Exit code 0, or 1
    when the dialog did not appear within ``timeout`` seconds or a background task failed. The
    profile is a throw-away folder, so the workstation's own state is not touched.
    """
    import asyncio
    import tempfile
    import time
    from pathlib import Path

    from seatclient.app import assemble, make_qt_application
    from seatclient.ui.event_loop import SeatEventLoop
    from seatclient.ui.gc_guard import GuiThreadGarbageCollector

    started = time.perf_counter()
    app = make_qt_application(settings)
    failures: list[BaseException] = []

    async def show_sign_in_dialog() -> int:
        with tempfile.TemporaryDirectory(prefix="seatclient-startup-") as profile:
            seat_client = await assemble(settings, Path(profile), lambda: None, failures.append)
            try:
                seat_client.controller.start()
                dialog = seat_client.controller.dialog
                while (handle := dialog.windowHandle()) is None or not handle.isExposed():
                    if time.perf_counter() - started > timeout:
                        print("startup-check: the sign-in dialog did not appear", file=sys.stderr)
                        return 1
                    await asyncio.sleep(0.005)
                elapsed_ms = (time.perf_counter() - started) * 1000
                print(f"startup-check {elapsed_ms:.0f} ms: {dialog.windowTitle()}", flush=True)
            finally:
                await seat_client.shutdown()
        return 1 if failures else 0

    # The same loop and collector as the application, so the check measures what people run.
    collector = GuiThreadGarbageCollector()
    collector.start()
    try:
        with asyncio.Runner(loop_factory=lambda: SeatEventLoop(app)) as runner:
            return runner.run(show_sign_in_dialog())
    finally:
        collector.stop()
