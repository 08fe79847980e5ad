"""The demo accounts of the training backend (listed in the README)."""

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

DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("1001", "张敏", DEMO_PASSWORD, (Role.CALL_TAKER,), "一班"),
    DemoAccount("1002", "李娜", DEMO_PASSWORD, (Role.CALL_TAKER,), "一班"),
    DemoAccount("1003", "王磊", DEMO_PASSWORD, (Role.CALL_TAKER,), "二班"),
    DemoAccount("1004", "陈晓燕", DEMO_PASSWORD, (Role.CALL_TAKER,), "二班"),
    DemoAccount("9001", "周静", DEMO_PASSWORD, (Role.TEAM_LEADER, Role.CALL_TAKER), "一班"),
)
