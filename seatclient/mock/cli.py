"""``seatclient-mock``: the mock backend as a standalone server for trainers' labs and tests."""

from __future__ import annotations

import argparse

import uvicorn

from seatclient.mock.server import create_app
from seatclient.mock.state import MockOptions


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser of ``seatclient-mock``."""
    parser = argparse.ArgumentParser(prog="seatclient-mock", description="12345 座席客户端的培训/模拟后台")
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    parser.add_argument("--port", type=int, default=8700, help="监听端口（默认 8700）")
    parser.add_argument("--access-ttl", type=int, default=900, help="访问令牌有效期（秒）")
    parser.add_argument("--heartbeat", type=float, default=15.0, help="事件流心跳间隔（秒）")
    parser.add_argument("--no-admin", action="store_true", help="关闭 /mock/... 控制接口")
    parser.add_argument("--ssl-certfile", help="HTTPS 证书文件（PEM）")
    parser.add_argument("--ssl-keyfile", help="HTTPS 私钥文件（PEM）")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the mock backend until interrupted."""
    args = build_parser().parse_args(argv)
    options = MockOptions(access_ttl=args.access_ttl, heartbeat=args.heartbeat, admin=not args.no_admin)
    uvicorn.run(
        create_app(options),
        host=args.host,
        port=args.port,
        log_level="info",
        timeout_graceful_shutdown=2,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
