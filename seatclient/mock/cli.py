"""``seatclient-mock``: the mock backend as a standalone server for trainers' labs and tests."""

from __future__ import annotations

import argparse
import asyncio

import uvicorn

from seatclient.mock.hall import HallTuning
from seatclient.mock.lab import configure_lab, lab_banner
from seatclient.mock.server import create_app
from seatclient.mock.simulation import MAX_SEATS, MIN_SEATS, SimulatedHall
from seatclient.mock.state import MockOptions, MockWorld

DEFAULT_SIMULATED_SEATS = 50
"""How many simulated call-takers ``--seats`` without a number brings into the hall."""


def seat_count(text: str) -> int:
    """Parse ``--seats``: a whole number of simulated seats in the allowed range.

    Raises:
        argparse.ArgumentTypeError: not a whole number, or out of range (the message says what is allowed).
    """
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"座席数应为 {MIN_SEATS} 至 {MAX_SEATS} 之间的整数，收到“{text}”"
        ) from None
    if not MIN_SEATS <= count <= MAX_SEATS:
        raise argparse.ArgumentTypeError(f"座席数应为 {MIN_SEATS} 至 {MAX_SEATS} 之间的整数，收到 {count}")
    return count


def build_parser() -> argparse.ArgumentParser:
    """Return the command-line parser of ``seatclient-mock``."""
    parser = argparse.ArgumentParser(prog="seatclient-mock", description="12345 座席客户端的培训/模拟后台")
    parser.add_argument("--host", help="监听地址（默认 127.0.0.1；--lab 时为 0.0.0.0，即教室网络）")
    parser.add_argument("--port", type=int, default=8700, help="监听端口（默认 8700）")
    parser.add_argument("--access-ttl", type=int, default=900, help="访问令牌有效期（秒）")
    parser.add_argument("--heartbeat", type=float, default=15.0, help="事件流心跳间隔（秒）")
    parser.add_argument("--no-admin", action="store_true", help="关闭 /mock/... 控制接口")
    parser.add_argument("--ssl-certfile", help="HTTPS 证书文件（PEM）")
    parser.add_argument("--ssl-keyfile", help="HTTPS 私钥文件（PEM）")
    lab = parser.add_argument_group("培训教室")
    lab.add_argument(
        "--lab", action="store_true", help="培训教室：在教室网络上为多名学员（工号 2001-2030）提供培训后台"
    )
    lab.add_argument(
        "--trainer-password", help="培训老师查看 /lab 成绩页面的密码；不设时只能在本机浏览器打开 /lab"
    )
    lab.add_argument("--no-training", action="store_true", help="模拟正式后台：拒绝培训场景等培训命令")
    hall = parser.add_argument_group("模拟话务大厅")
    hall.add_argument(
        "--calls-per-minute", type=float, default=0.0, help="全厅每分钟来电数（泊松过程；默认 0：不自动来电）"
    )
    hall.add_argument(
        "--calls-per-ready-seat", type=float, default=0.0, help="每个示闲座席每分钟增加的来电数（默认 0）"
    )
    hall.add_argument("--patience", type=float, default=120.0, help="来电人平均等待多少秒后挂机（默认 120）")
    hall.add_argument(
        "--connection-grace",
        type=float,
        default=20.0,
        help="座席事件流断开多少秒后标记为连接中断（默认 20）",
    )
    hall.add_argument(
        "--seats",
        type=seat_count,
        nargs="?",
        const=DEFAULT_SIMULATED_SEATS,
        default=0,
        metavar="N",
        help=(
            f"模拟 N 名受话人员在大厅中签入并接听来电（{MIN_SEATS} 至 {MAX_SEATS}；"
            f"只写 --seats 为 {DEFAULT_SIMULATED_SEATS}；不写则不模拟），供班长监控看板演示"
        ),
    )
    hall.add_argument("--seed", type=int, help="随机种子，便于重现演练")
    hall.add_argument(
        "--floor-interval", type=float, default=5.0, help="向班长推送大厅统计数据的间隔（秒，默认 5）"
    )
    hall.add_argument("--ring-timeout", type=int, help="振铃超时秒数，覆盖 seat_rules.json（5 至 120）")
    hall.add_argument("--wrap-up", type=int, help="话后整理秒数，覆盖 seat_rules.json（5 至 3600）")
    order = hall.add_mutually_exclusive_group()
    order.add_argument(
        "--order-required",
        dest="order_required",
        action="store_true",
        default=None,
        help="工单保存前不能结束话后整理",
    )
    order.add_argument(
        "--order-not-required",
        dest="order_required",
        action="store_false",
        help="不要求保存工单即可结束话后整理",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the mock backend until interrupted."""
    args = build_parser().parse_args(argv)
    options = MockOptions(
        access_ttl=args.access_ttl,
        heartbeat=args.heartbeat,
        admin=not args.no_admin,
        training=not args.no_training,
        hall=HallTuning(
            calls_per_minute=args.calls_per_minute,
            calls_per_minute_per_ready_seat=args.calls_per_ready_seat,
            patience_seconds=args.patience,
            connection_grace_seconds=args.connection_grace,
            seed=args.seed,
        ),
        ring_timeout=args.ring_timeout,
        wrap_up_seconds=args.wrap_up,
        order_required=args.order_required,
        floor_figures_interval=args.floor_interval,
    )
    if args.lab:
        print(lab_banner(args.port, args.trainer_password is not None), flush=True)
    world = MockWorld(options)
    config = uvicorn.Config(
        configure_lab(create_app(world=world), args.trainer_password),
        host=args.host or ("0.0.0.0" if args.lab else "127.0.0.1"),
        port=args.port,
        log_level="info",
        timeout_graceful_shutdown=2,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )
    if not args.seats:
        uvicorn.Server(config).run()
        return 0
    simulation = SimulatedHall(world, args.seats, seed=args.seed)
    asyncio.run(_serve_with_simulation(uvicorn.Server(config), simulation))
    return 0


async def _serve_with_simulation(server: uvicorn.Server, simulation: SimulatedHall) -> None:
    # The simulated agents live on the server's loop, like the hall they work in.
    simulation.start()
    try:
        await server.serve()
    finally:
        await simulation.stop()


if __name__ == "__main__":
    raise SystemExit(main())
