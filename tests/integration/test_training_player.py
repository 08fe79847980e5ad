"""The scenario player and the classroom lab over real HTTP, against a ``seatclient-mock`` process."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpx
import pytest
from support.mockproc import MockServer, start_mock
from support.waiting import until

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.errors import BackendError
from seatclient.api.events import EventStream, StreamTuning
from seatclient.api.models import (
    EVENT_CALL_ENDED,
    EVENT_CALL_TRANSCRIPT,
    EVENT_TRAINING_SCORED,
    SeatState,
    ServerEvent,
    TrainingScoreWire,
    TranscriptLine,
)
from seatclient.api.training import TrainingApi, parse_score, parse_transcript_line, training_refused
from seatclient.mock.cli import build_parser
from seatclient.mock.lab import configure_lab
from seatclient.mock.server import create_app
from seatclient.mock.state import MockOptions
from seatclient.rules import load_rule_file
from seatclient.training.scenarios import Scenario, ScenarioReferences, default_scenario_dir, load_scenario
from seatclient.training.scoring import CallRecord, ModelOptions, Scorer, load_default_scorer, model_record

SPEED = 25.0
PERFECT_SCENARIO = "abusive-garbage-uncollected"
"""Timed caller lines at 1, 9, 20 and 32 s; answers to 文明 and 贵姓; a dispatch to Xiaoshan's law enforcement."""
QUICK_TO_HANG_UP = "school-canteen-poisoning"
"""The caller gives up after 25 s of ringing (one second at 25 times the speed)."""


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    server = start_mock(["--heartbeat", "0.5", "--lab"], tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return load_default_scorer()


def scenario(scenario_id: str) -> Scenario:
    references = ScenarioReferences.load()
    return load_scenario(load_rule_file(default_scenario_dir() / f"{scenario_id}.json"), references)


@dataclass
class Trainee:
    client: ApiClient
    training: TrainingApi
    job_number: str
    events: list[ServerEvent] = field(default_factory=list)

    def lines(self, call_id: str) -> list[TranscriptLine]:
        found = [parse_transcript_line(e.data) for e in self.events if e.type == EVENT_CALL_TRANSCRIPT]
        return [line for line in found if line is not None and line.call_id == call_id]

    def caller_lines(self, call_id: str) -> list[str]:
        return [line.text for line in self.lines(call_id) if line.speaker == "caller"]

    def score(self, call_id: str) -> TrainingScoreWire | None:
        for event in self.events:
            if event.type == EVENT_TRAINING_SCORED:
                score = parse_score(event.data)
                if score is not None and score.call_id == call_id:
                    return score
        return None

    async def wait_for_state(self, state: SeatState) -> None:
        async def reached() -> bool:
            return (await self.client.seat_state()).state is state

        deadline = asyncio.get_running_loop().time() + 10
        while not await reached():
            assert asyncio.get_running_loop().time() < deadline, f"seat never reached {state}"
            await asyncio.sleep(0.05)


@asynccontextmanager
async def trainee(server: MockServer, job_number: str, ready: bool = True) -> AsyncIterator[Trainee]:
    client = ApiClient(make_http_client(server.url))
    stream: EventStream | None = None
    task: asyncio.Task[None] | None = None
    try:
        await client.sign_in(job_number, "demo1234", f"T{job_number}")
        person = Trainee(client, TrainingApi(client), job_number)
        stream = EventStream(client, StreamTuning(idle_timeout=3))
        stream.event_received.connect(person.events.append)
        task = asyncio.create_task(stream.run())
        if ready:
            await client.request_state("ready")
        yield person
    finally:
        if stream is not None and task is not None:
            stream.stop()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await client.aclose()


async def play_model_call(
    person: Trainee, played: Scenario, scorer: Scorer, leave_out_closing: bool = False
) -> tuple[str, CallRecord]:
    """Play a scenario as its model call-taker would: answer, greet, say the scripts, close, submit."""
    model = model_record(played, scorer, ModelOptions(job_number=person.job_number))
    started = await person.training.play(played.id, speed=SPEED, reply_delay_seconds=0.1)
    call_id = started.call_id
    await person.wait_for_state(SeatState.RINGING)
    await person.client.call_command(call_id, "answer")
    await person.wait_for_state(SeatState.TALKING)
    await until(lambda: len(person.caller_lines(call_id)) >= 1, what="the caller's first line")
    await person.training.say(call_id, model.greeting)
    question = played.answers[0]
    await person.training.say(call_id, f"请问，{question.keywords[0]}？")
    await until(lambda: question.text in person.caller_lines(call_id), what="the answer to the question")
    for line in model.said:
        await person.training.say(call_id, line)
    timed = {line.text for line in played.lines}
    await until(lambda: timed <= set(person.caller_lines(call_id)), what="every timed caller line")
    if not leave_out_closing:
        await person.training.say(call_id, model.closing)
    await person.client.call_command(call_id, "hangup")
    assert model.order is not None and model.disposition is not None
    payload = {
        "call_id": call_id,
        "job_number": person.job_number,
        "fields": dict(model.order),
        "confidential": bool(played.expected.confidential),
        "disposition": model.disposition.value,
        "unit_id": model.units[0] if model.units else None,
        "linked_order_number": model.linked_order,
        "not_accepted_reason": model.not_accepted_reason,
        "emergency_line": model.emergency_line,
    }
    await person.client.create_order(payload, idempotency_key=f"order:{call_id}")
    await until(lambda: person.score(call_id) is not None, what="the score")
    return call_id, model


@pytest.mark.asyncio
async def test_timed_lines_keyword_answers_and_a_perfect_run(lab: MockServer, scorer: Scorer) -> None:
    played = scenario(PERFECT_SCENARIO)
    async with trainee(lab, "2001") as person:
        call_id, _ = await play_model_call(person, played, scorer)
        caller_said = person.caller_lines(call_id)
        timed = [line.text for line in played.lines]
        # The timed lines in their order, the answer to the question among them.
        assert [text for text in caller_said if text in timed] == timed
        assert played.answers[0].text in caller_said  # the answer to the trainee's question
        agent = [line.text for line in person.lines(call_id) if line.speaker == "agent"]
        assert agent[0] == "您好，12345热线，2001号为您服务，请讲。"
        score = person.score(call_id)
        assert score is not None
        assert (score.score, score.full_marks, score.passed, score.deductions) == (100, 100, True, [])
        assert score.scenario_id == PERFECT_SCENARIO and score.job_number == "2001"


@pytest.mark.asyncio
async def test_a_run_without_the_closing_loses_the_closings_points(lab: MockServer, scorer: Scorer) -> None:
    async with trainee(lab, "2002") as person:
        call_id, _ = await play_model_call(person, scenario(PERFECT_SCENARIO), scorer, leave_out_closing=True)
        score = person.score(call_id)
        assert score is not None
        assert [(d.kind, d.points) for d in score.deductions] == [("missing_closing", 3)]
        assert score.score == 97 and score.passed
        assert "感谢您的来电" in score.deductions[0].message


@pytest.mark.asyncio
async def test_a_repeat_caller_finds_the_earlier_order_and_the_link_scores_full(
    lab: MockServer, scorer: Scorer
) -> None:
    played = scenario("repeat-streetlight-progress")
    assert played.expected.linked_order == "HZ20260223000418"
    async with trainee(lab, "2005") as person:
        earlier = await person.client.orders_for_phone(str(played.caller.number))
        assert earlier == []  # seeded only once the scenario is played
        call_id, _ = await play_model_call(person, played, scorer)
        found = await person.client.orders_for_phone(str(played.caller.number))
        # Newest first: this call's link, then the earlier order the trainee was to find.
        assert [order.status_label for order in found] == ["已并入原工单", "办理中"]
        assert found[1].order_number == "HZ20260223000418"
        score = person.score(call_id)
        assert score is not None and (score.score, score.deductions) == (100, [])


@pytest.mark.asyncio
async def test_a_silent_line_handled_by_the_scripts_without_an_order_scores_full(
    lab: MockServer, scorer: Scorer
) -> None:
    played = scenario("silent-line")
    model = model_record(played, scorer, ModelOptions(job_number="2006"))
    assert model.order is None and model.closing == ""
    async with trainee(lab, "2006") as person:
        started = await person.training.play(played.id, speed=SPEED)
        await person.wait_for_state(SeatState.RINGING)
        await person.client.call_command(started.call_id, "answer")
        await person.wait_for_state(SeatState.TALKING)
        for text in (model.greeting, *model.said):
            await person.training.say(started.call_id, text)
        await person.client.call_command(started.call_id, "hangup")
        await person.client.call_command(started.call_id, "order-saved")
        await person.client.end_wrap_up()
        # No order comes: once the seat has left the call (and a short grace), the run is scored.
        await until(lambda: person.score(started.call_id) is not None, timeout=8, what="the score")
        score = person.score(started.call_id)
        assert score is not None and (score.score, score.deductions) == (100, [])
        assert person.caller_lines(started.call_id) == []


@pytest.mark.asyncio
async def test_an_unanswered_scenario_call_is_abandoned_and_scored_as_missed(lab: MockServer) -> None:
    async with trainee(lab, "2003") as person:
        started = await person.training.play(QUICK_TO_HANG_UP, speed=SPEED)
        await person.wait_for_state(SeatState.RINGING)
        await until(lambda: person.score(started.call_id) is not None, timeout=8, what="the missed call")
        ended = [
            e for e in person.events if e.type == EVENT_CALL_ENDED and e.data["call_id"] == started.call_id
        ]
        assert ended and ended[-1].data["end_reason"] == "abandoned"
        score = person.score(started.call_id)
        assert score is not None
        assert (score.score, score.passed) == (0, False)
        assert [d.kind for d in score.deductions] == ["missed_call"]
        assert "响铃 25 秒无人接听" in score.deductions[0].message
        assert person.caller_lines(started.call_id) == []  # an unanswered caller says nothing


@pytest.mark.asyncio
async def test_one_run_at_a_time_and_unknown_scenarios(lab: MockServer) -> None:
    async with trainee(lab, "2004", ready=False) as person:
        with pytest.raises(BackendError) as unknown:
            await person.training.play("no-such-scenario")
        assert unknown.value.status == 404 and unknown.value.body is not None
        assert unknown.value.body.message == "没有培训场景 no-such-scenario"
        listed = await person.training.scenarios()
        assert len(listed) == 46 and {s.difficulty for s in listed} == {"easy", "medium", "hard"}
        # Not ready yet: a run whose call never rang gives way to the next choice.
        first = await person.training.play(PERFECT_SCENARIO, speed=SPEED)
        second = await person.training.play("random", speed=SPEED)
        assert second.call_id != first.call_id
        await person.client.request_state("ready")
        await person.wait_for_state(SeatState.RINGING)
        assert (await person.client.seat_state()).call_id == second.call_id
        with pytest.raises(BackendError) as busy:
            await person.training.play("random")
        assert busy.value.status == 409 and busy.value.body is not None
        assert busy.value.body.code == "play_in_progress"


@pytest.mark.asyncio
async def test_a_backend_that_is_not_training_refuses_scenario_commands() -> None:
    # The same application `seatclient-mock --no-training` serves, called in-process.
    options = MockOptions(training=False)
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(options)), base_url="http://prod")
    client = ApiClient(http)
    try:
        await client.sign_in("1001", "demo1234", "A01")
        api = TrainingApi(client)
        for command in (api.scenarios(), api.play("random"), api.say("C1", "您好")):
            with pytest.raises(BackendError) as refused:
                await command
            assert refused.value.status == 403 and training_refused(refused.value)
            assert refused.value.body is not None
            assert refused.value.body.message == "本后台不是培训后台，不接受培训场景和培训通话命令"
        assert (await http.get("/lab")).status_code == 403
    finally:
        await client.aclose()


def test_the_mock_command_line_makes_a_production_like_backend_and_a_lab() -> None:
    args = build_parser().parse_args(["--no-training", "--lab", "--trainer-password", "x"])
    assert (args.no_training, args.lab, args.trainer_password, args.host) == (True, True, "x", None)


@pytest.mark.asyncio
async def test_the_lab_report_lists_two_trainees_with_their_scores(lab: MockServer, scorer: Scorer) -> None:
    async with trainee(lab, "2011") as first, trainee(lab, "2012") as second:
        missed = await second.training.play(QUICK_TO_HANG_UP, speed=SPEED)
        await play_model_call(first, scenario(PERFECT_SCENARIO), scorer)
        await until(lambda: second.score(missed.call_id) is not None, timeout=8, what="the second score")
    response = httpx.get(f"{lab.url}/lab/report.csv", timeout=5)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["工号", "姓名", "场景编号", "场景"]
    mine = {row[0]: row for row in rows[1:] if row[0] in ("2011", "2012")}
    assert (mine["2011"][1], mine["2012"][1]) == ("褚俊杰", "卫晓雯")
    assert mine["2011"][2:4] == [PERFECT_SCENARIO, "骂骂咧咧投诉垃圾三天没人收"]
    assert mine["2011"][5:10] == ["已评分", "100", "100", "85", "及格"]
    assert mine["2012"][5:10] == ["已评分", "0", "100", "85", "不及格"]
    assert mine["2012"][10].startswith("来电未接听（-100）")
    page = httpx.get(f"{lab.url}/lab", timeout=5).text
    assert "TRAINING" in page and 'http-equiv="refresh"' in page and "褚俊杰" in page
    printable = httpx.get(f"{lab.url}/lab/report.html", timeout=5).text
    assert "@media print" in printable and "培训成绩报告" in printable


@pytest.mark.asyncio
async def test_the_lab_pages_ask_for_the_trainers_password() -> None:
    app = configure_lab(create_app(MockOptions()), "jiaoshi-2026")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://lab") as browser:
        asked = await browser.get("/lab")
        assert asked.status_code == 401 and asked.headers["www-authenticate"].startswith("Basic")
        wrong = await browser.get("/lab", auth=("trainer", "guess"))
        assert wrong.status_code == 401
        right = await browser.get("/lab/report.csv", auth=("trainer", "jiaoshi-2026"))
        assert right.status_code == 200 and right.content.startswith(b"\xef\xbb\xbf")


@pytest.mark.asyncio
async def test_without_a_password_only_the_trainers_own_machine_sees_the_lab() -> None:
    app = create_app(MockOptions())
    remote = httpx.ASGITransport(app=app, client=("192.168.10.23", 50000))
    async with httpx.AsyncClient(transport=remote, base_url="http://lab") as trainee_pc:
        refused = await trainee_pc.get("/lab")
        assert refused.status_code == 403 and refused.json()["code"] == "trainer_only"
    local = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=local, base_url="http://lab") as trainer_pc:
        page = await trainer_pc.get("/lab")
        assert page.status_code == 200 and "还没有学员开始培训场景" in page.text
