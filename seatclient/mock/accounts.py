"""The demo accounts of the training backend (listed in the README).

Besides the hall's demo call-takers and team leader, a classroom lab (``seatclient-mock --lab``)
has thirty trainee accounts, 2001 to 2030, each signing in with the demo password.
"""

from __future__ import annotations

from dataclasses import dataclass

from seatclient.api.models import Role


@dataclass(frozen=True)
class DemoAccount:
    """One person the mock backend knows.

    Attributes:
        job_number: the 工号 said in the greeting.
        name: the person's name.
        password: the demo password (training only; a real backend never holds plain passwords).
        roles: what the person may do.
        team: the team (班组) for the team leader's board.
    """

    job_number: str
    name: str
    password: str
    roles: tuple[Role, ...]
    team: str


DEMO_PASSWORD = "demo1234"

TRAINEE_NAMES = (
    "赵一帆",
    "钱思远",
    "孙雨桐",
    "李嘉怡",
    "周子轩",
    "吴欣然",
    "郑浩然",
    "王诗涵",
    "冯宇航",
    "陈梓萱",
    "褚俊杰",
    "卫晓雯",
    "蒋博文",
    "沈佳琪",
    "韩子墨",
    "杨若曦",
    "朱明哲",
    "秦语嫣",
    "尤天佑",
    "许静怡",
    "何俊熙",
    "吕雅琴",
    "施文博",
    "张可欣",
    "孔令辉",
    "曹梦瑶",
    "严志强",
    "华晓丽",
    "金宏宇",
    "魏书宁",
)
"""The trainees of a classroom lab, job numbers 2001 onwards."""

FIRST_TRAINEE_JOB_NUMBER = 2001

TRAINEE_ACCOUNTS: tuple[DemoAccount, ...] = tuple(
    DemoAccount(
        str(FIRST_TRAINEE_JOB_NUMBER + index),
        name,
        DEMO_PASSWORD,
        (Role.CALL_TAKER,),
        "培训一班" if index < len(TRAINEE_NAMES) // 2 else "培训二班",
    )
    for index, name in enumerate(TRAINEE_NAMES)
)
"""A classroom lab's trainee accounts (2001-2030), demo accounts like the others."""

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("1001", "张敏", DEMO_PASSWORD, (Role.CALL_TAKER,), "一班"),
    DemoAccount("1002", "李娜", DEMO_PASSWORD, (Role.CALL_TAKER,), "一班"),
    DemoAccount("1003", "王磊", DEMO_PASSWORD, (Role.CALL_TAKER,), "二班"),
    DemoAccount("1004", "陈晓燕", DEMO_PASSWORD, (Role.CALL_TAKER,), "二班"),
    DemoAccount("9001", "周静", DEMO_PASSWORD, (Role.TEAM_LEADER, Role.CALL_TAKER), "一班"),
    *TRAINEE_ACCOUNTS,
)
