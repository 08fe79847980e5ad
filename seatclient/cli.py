"""The ``seatclient`` command: the seat client, its self-test, and the hall IT tools."""

from __future__ import annotations

import argparse
import sys

from seatclient.config import ConfigError, load_settings
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
    from seatclient.app import run

    return run(settings)
