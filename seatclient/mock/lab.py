"""The trainer's view of a classroom lab: every trainee's scenario calls, scores and misses.

``seatclient-mock --lab`` runs on the trainer's machine and serves the trainees' seat clients over
the classroom network. These pages are for the trainer, in a browser:

- ``/lab``: one table per trainee (calls played, scored, passed, average) and every run with its
  misses; it refreshes itself every few seconds;
- ``/lab/report.csv``: one row per run, UTF-8 with a byte-order mark so Excel shows the Chinese;
- ``/lab/report.html``: the same as a printable page (A4, print CSS).

Who may look: with ``--trainer-password`` anyone who gives it (HTTP Basic, any user name); without
one, only a browser on the trainer's machine itself (loopback), never a trainee's workstation.
Everything is marked TRAINING.

# No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations at run time.
"""

import csv
import html
import io
import ipaddress
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from seatclient.mock.accounts import DEMO_PASSWORD, TRAINEE_ACCOUNTS
from seatclient.mock.server import ApiError
from seatclient.mock.training import PLAY_STATUS_LABELS, ScenarioPlay, TrainingDirector

CHINA_TIME = timezone(timedelta(hours=8), "CST")
REFRESH_SECONDS = 5
"""How often the live trainer view reloads itself."""

CSV_HEADER = (
    "工号",
    "姓名",
    "场景编号",
    "场景",
    "开始时间",
    "状态",
    "得分",
    "满分",
    "及格线",
    "是否及格",
    "扣分项",
)


@dataclass
class LabSettings:
    """How the trainer's pages are protected.

    Attributes:
        trainer_password: the password (HTTP Basic, any user name); ``None`` limits the pages to
            the machine the mock runs on.
    """

    trainer_password: str | None = None


def configure_lab(app: FastAPI, trainer_password: str | None) -> FastAPI:
    """Set the trainer's password of an app built by ``create_app`` (``seatclient-mock --lab``); returns it."""
    app.state.lab = LabSettings(trainer_password=trainer_password or None)
    return app


def lab_banner(port: int, protected: bool) -> str:
    """What ``seatclient-mock --lab`` prints for the trainer: how trainees connect and where the view is."""
    first, last = TRAINEE_ACCOUNTS[0].job_number, TRAINEE_ACCOUNTS[-1].job_number
    view = (
        f"http://<本机地址>:{port}/lab（凭老师密码访问）"
        if protected
        else f"http://127.0.0.1:{port}/lab（仅限在本机浏览器打开）"
    )
    return (
        f"培训教室 TRAINING：学员在座席客户端用 --backend http://<本机地址>:{port} 连接，"
        f"工号 {first}-{last}，密码 {DEMO_PASSWORD}；老师成绩页面 {view}，"
        f"报表 /lab/report.csv 与 /lab/report.html"
    )


@dataclass(frozen=True)
class TraineeSummary:
    """One trainee's figures in the lab.

    Attributes:
        job_number: the trainee's job number.
        name: their name.
        played: runs started.
        scored: runs scored.
        passed: runs that reached the pass mark.
        average: the average score of the scored runs, or ``None``.
    """

    job_number: str
    name: str
    played: int
    scored: int
    passed: int
    average: float | None


def trainee_summaries(plays: Iterable[ScenarioPlay]) -> list[TraineeSummary]:
    """Every trainee's figures, by job number."""
    by_trainee: dict[str, list[ScenarioPlay]] = {}
    for play in plays:
        by_trainee.setdefault(play.job_number, []).append(play)
    summaries = []
    for job_number in sorted(by_trainee):
        runs = by_trainee[job_number]
        scores = [run.report.score for run in runs if run.report is not None]
        summaries.append(
            TraineeSummary(
                job_number=job_number,
                name=runs[0].trainee_name,
                played=len(runs),
                scored=len(scores),
                passed=sum(1 for run in runs if run.report is not None and run.report.passed),
                average=sum(scores) / len(scores) if scores else None,
            )
        )
    return summaries


def _local(moment: datetime) -> str:
    return moment.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M:%S")


def _misses(play: ScenarioPlay) -> list[str]:
    if play.report is None:
        return []
    return [
        f"{deduction.label}（-{deduction.points}）：{deduction.message}"
        for deduction in play.report.deductions
    ]


def report_rows(plays: Iterable[ScenarioPlay]) -> list[list[str]]:
    """One row per run, in the order of ``CSV_HEADER``."""
    rows = []
    for play in sorted(plays, key=lambda each: (each.job_number, each.started_at)):
        report = play.report
        rows.append(
            [
                play.job_number,
                play.trainee_name,
                play.scenario.id,
                play.scenario.title,
                _local(play.started_at),
                PLAY_STATUS_LABELS[play.status],
                "" if report is None else str(report.score),
                "" if report is None else str(report.full_marks),
                "" if report is None else str(report.pass_mark),
                "" if report is None else ("及格" if report.passed else "不及格"),
                "；".join(_misses(play)),
            ]
        )
    return rows


def report_csv(plays: Iterable[ScenarioPlay]) -> bytes:
    """The report as CSV: UTF-8 with a byte-order mark (Excel opens the Chinese correctly), CRLF rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(report_rows(plays))
    return buffer.getvalue().encode("utf-8-sig")


_STYLE = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 0 1.5em 2em; color: #222; }
.training { background: #e67e22; color: #fff; font-weight: bold; padding: 6px 12px; margin: 0 -1.5em 1em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
.pass { color: #1e8449; font-weight: bold; } .fail { color: #c0392b; font-weight: bold; }
.misses { margin: 0; padding-left: 1.2em; } .note { color: #666; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; font-size: 10.5pt; }
  .training { -webkit-print-color-adjust: exact; print-color-adjust: exact; margin: 0 0 1em; }
  .noprint { display: none; }
  tr { page-break-inside: avoid; }
}
"""


def _cell(text: object) -> str:
    return f"<td>{html.escape(str(text))}</td>"


def render_lab_page(plays: list[ScenarioPlay], now: datetime, printable: bool = False) -> str:
    """The trainer's page: the trainees' figures and every run with its misses."""
    refresh = "" if printable else f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'
    title = "培训成绩报告" if printable else "培训教室 · 学员成绩"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        refresh,
        f"<title>{html.escape(title)} · TRAINING</title><style>{_STYLE}</style></head><body>",
        '<div class="training" role="banner">培训模式 TRAINING · 模拟来电与成绩，不属于正式业务数据</div>',
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="note">生成时间：{_local(now)}'
        + ("" if printable else f"（每 {REFRESH_SECONDS} 秒自动刷新）")
        + "</p>",
    ]
    if not printable:
        parts.append(
            '<p class="noprint"><a href="/lab/report.csv">下载 CSV（Excel）</a> · '
            '<a href="/lab/report.html">打印版报告</a></p>'
        )
    summaries = trainee_summaries(plays)
    parts.append("<h2>学员汇总</h2>")
    if not summaries:
        parts.append('<p class="note">还没有学员开始培训场景。</p>')
    else:
        parts.append(
            "<table><thead><tr><th>工号</th><th>姓名</th><th>已练通话</th><th>已评分</th>"
            "<th>及格</th><th>平均分</th></tr></thead><tbody>"
        )
        for summary in summaries:
            average = "—" if summary.average is None else f"{summary.average:.1f}"
            parts.append(
                "<tr>"
                + "".join(
                    _cell(value)
                    for value in (
                        summary.job_number,
                        summary.name,
                        summary.played,
                        summary.scored,
                        summary.passed,
                        average,
                    )
                )
                + "</tr>"
            )
        parts.append("</tbody></table>")
    parts.append("<h2>每通培训电话</h2>")
    if plays:
        parts.append(
            "<table><thead><tr><th>工号</th><th>姓名</th><th>场景</th><th>开始时间</th><th>状态</th>"
            "<th>得分</th><th>扣分项（扣分：原因与要求）</th></tr></thead><tbody>"
        )
        for play in sorted(plays, key=lambda each: (each.job_number, each.started_at)):
            report = play.report
            if report is None:
                score = "<td>—</td>"
            else:
                verdict = "及格" if report.passed else "不及格"
                css = "pass" if report.passed else "fail"
                score = f'<td class="{css}">{report.score} / {report.full_marks}（{verdict}）</td>'
            misses = _misses(play)
            listed = (
                '<ul class="misses">' + "".join(f"<li>{html.escape(miss)}</li>" for miss in misses) + "</ul>"
                if misses
                else ("无" if report is not None else "")
            )
            parts.append(
                "<tr>"
                + _cell(play.job_number)
                + _cell(play.trainee_name)
                + _cell(play.scenario.title)
                + _cell(_local(play.started_at))
                + _cell(PLAY_STATUS_LABELS[play.status])
                + score
                + f"<td>{listed}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(part for part in parts if part)


_basic = HTTPBasic(auto_error=False, realm="seatclient lab")


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def install_lab_routes(app: FastAPI, director: TrainingDirector) -> None:
    """Add ``/lab``, ``/lab/report.csv`` and ``/lab/report.html`` (kept out of the API contract)."""
    if not hasattr(app.state, "lab"):
        app.state.lab = LabSettings()

    def trainer(
        request: Request, credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)]
    ) -> None:
        settings: LabSettings = app.state.lab
        if not director.world.options.training:
            raise ApiError(403, "training_disabled", "本后台不是培训后台，没有培训教室")
        password = settings.trainer_password
        if password is None:
            if not _is_loopback(request.client.host if request.client else None):
                raise ApiError(
                    403,
                    "trainer_only",
                    "培训教室页面只能在培训老师的电脑上打开（或用 --trainer-password 设置老师密码）",
                )
            return
        given = credentials.password if credentials is not None else ""
        if not secrets.compare_digest(given.encode("utf-8"), password.encode("utf-8")):
            raise _AskForPassword()

    Trainer = Annotated[None, Depends(trainer)]  # noqa: N806 - a type alias

    @app.get("/lab", include_in_schema=False)
    async def lab_page(_: Trainer) -> HTMLResponse:
        return HTMLResponse(render_lab_page(list(director.plays), datetime.now(UTC)))

    @app.get("/lab/report.html", include_in_schema=False)
    async def lab_report_page(_: Trainer) -> HTMLResponse:
        return HTMLResponse(render_lab_page(list(director.plays), datetime.now(UTC), printable=True))

    @app.get("/lab/report.csv", include_in_schema=False)
    async def lab_report_csv(_: Trainer) -> Response:
        stamp = datetime.now(UTC).astimezone(CHINA_TIME).strftime("%Y%m%d-%H%M")
        return Response(
            content=report_csv(director.plays),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="training-report-{stamp}.csv"'},
        )

    @app.exception_handler(_AskForPassword)
    async def _on_ask_for_password(_: Request, __: Exception) -> Response:
        return Response(
            content="需要培训老师密码".encode(),
            status_code=401,
            media_type="text/plain; charset=utf-8",
            headers={"WWW-Authenticate": 'Basic realm="seatclient lab", charset="UTF-8"'},
        )


class _AskForPassword(Exception):
    """The trainer's password is missing or wrong: the browser asks for it (401 with a challenge)."""
