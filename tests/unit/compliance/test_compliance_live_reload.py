"""Live rule updates: which files a bundle changed, rebuilding only what uses them, broken files refused."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from seatclient.api.models import EVENT_CONFIG_UPDATED, ConfigBundle
from seatclient.compliance.live import ComplianceRules, load_compliance_rules, reload_compliance
from seatclient.mock.server import create_app
from seatclient.mock.state import MockOptions, MockWorld
from seatclient.rules import RuleBook


@pytest.fixture(scope="module")
def shipped() -> ComplianceRules:
    return load_compliance_rules(RuleBook())


def shipped_data(name: str) -> Any:
    return copy.deepcopy(RuleBook().get(name).data)


def phrases_plus(text: str, phrase_id: str = "impatient-live") -> dict[str, Any]:
    phrases = shipped_data("forbidden_phrases")
    phrases["categories"][0]["phrases"].append({"id": phrase_id, "text": text, "suggestion": "请您慢慢说。"})
    return dict(phrases)


def test_bundle_reports_only_files_whose_content_in_force_changed() -> None:
    book = RuleBook()
    same = {name: shipped_data(name) for name in ("scripts", "lookalikes")}
    assert book.apply_bundle("v1", same) == frozenset()
    assert book.bundle_version == "v1"
    assert book.apply_bundle("v2", {**same, "forbidden_phrases": phrases_plus("没门儿")}) == {
        "forbidden_phrases"
    }
    # The same content under a new version changes nothing; dropping a file brings the local one back.
    assert book.apply_bundle("v3", {**same, "forbidden_phrases": phrases_plus("没门儿")}) == frozenset()
    assert book.apply_bundle("v4", same) == {"forbidden_phrases"}
    assert book.get("forbidden_phrases").data == shipped_data("forbidden_phrases")


def test_bundle_file_errors_carry_the_line_of_the_indented_document() -> None:
    book = RuleBook()
    phrases = shipped_data("forbidden_phrases")
    phrases["mode"] = "loud"
    book.apply_bundle("v9", {"forbidden_phrases": phrases})
    error = book.get("forbidden_phrases").error("mode", "bad")
    # In the shipped file (2-space indent, as hall files are kept) "mode" is on line 4.
    assert error.line == 4
    assert error.describe() == "配置包 v9：forbidden_phrases:4: mode: bad"


def test_a_new_phrase_list_rebuilds_only_the_matcher(shipped: ComplianceRules) -> None:
    book = RuleBook()
    book.apply_bundle("v2", {"forbidden_phrases": phrases_plus("没门儿")})
    outcome = reload_compliance(shipped, book, {"forbidden_phrases"})
    assert (outcome.matcher_changed, outcome.policy_changed, outcome.scripts_changed) == (True, False, False)
    assert outcome.errors == ()
    assert outcome.rules.policy is shipped.policy and outcome.rules.scripts is shipped.scripts
    assert [hit.matched_text for hit in outcome.rules.matcher.find("这个诉求没门儿")] == ["没门儿"]
    assert shipped.matcher.find("这个诉求没门儿") == []
    assert outcome.summary() == "已更新：服务禁语，无需重启。"


def test_new_lookalikes_rebuild_the_matcher_and_new_scripts_the_script_book(shipped: ComplianceRules) -> None:
    book = RuleBook()
    scripts = shipped_data("scripts")
    greeting = next(script for script in scripts["scripts"] if script["kind"] == "greeting")
    greeting["text_zh"] = "您好，杭州12345，{job_number}号话务员为您服务。"
    book.apply_bundle("v2", {"scripts": scripts, "lookalikes": shipped_data("lookalikes")})
    outcome = reload_compliance(shipped, book, {"scripts", "lookalikes"})
    assert (outcome.matcher_changed, outcome.scripts_changed) == (True, True)
    greeting_script = outcome.rules.scripts.get("greeting")
    filled = outcome.rules.scripts.fill(greeting_script, {"job_number": "1001"})
    assert filled.text == "您好，杭州12345，1001号话务员为您服务。"
    assert outcome.summary() == "已更新：服务禁语、服务话术，无需重启。"


def test_unrelated_files_change_nothing(shipped: ComplianceRules) -> None:
    outcome = reload_compliance(shipped, RuleBook(), {"units", "seat_rules"})
    assert not outcome.changed and outcome.errors == () and outcome.rules is shipped
    assert outcome.summary() == ""


def test_a_broken_file_keeps_its_part_while_a_good_one_applies(shipped: ComplianceRules) -> None:
    book = RuleBook()
    phrases = phrases_plus("没门儿")
    del phrases["categories"][1]["phrases"][0]["suggestion"]
    policy = shipped_data("compliance_policy")
    policy["transcript_alert_seconds"] = 9
    book.apply_bundle("v5", {"forbidden_phrases": phrases, "compliance_policy": policy})
    outcome = reload_compliance(shipped, book, {"forbidden_phrases", "compliance_policy"})
    assert outcome.rules.matcher is shipped.matcher
    assert outcome.rules.policy.transcript_alert_seconds == 9
    assert (outcome.matcher_changed, outcome.policy_changed) == (False, True)
    [error] = outcome.errors
    assert error.pointer == "categories/1/phrases/0/suggestion"
    # The phrase's object: line 356 of the shipped file, five lower for the phrase added above it.
    assert error.line == 361
    assert outcome.summary() == (
        "已更新：禁语检查范围，无需重启。 后台下发的规则有误，仍按原规则执行："
        "配置包 v5：forbidden_phrases:361: categories/1/phrases/0/suggestion: 必须是非空字符串"
    )


@pytest.mark.asyncio
async def test_mock_upload_changes_the_served_bundle_and_tells_signed_in_seats() -> None:
    world = MockWorld(options=MockOptions())
    app = create_app(world=world)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
        signed = await http.post(
            "/api/v1/session", json={"job_number": "1001", "password": "demo1234", "seat_id": "A01"}
        )
        signed.raise_for_status()
        headers = {"Authorization": f"Bearer {signed.json()['access_token']}"}
        before = ConfigBundle.model_validate((await http.get("/api/v1/config", headers=headers)).json())

        refused = await http.post("/mock/config", json={"files": {"seat_rules": {}}})
        assert refused.status_code == 422

        reply = (
            await http.post("/mock/config", json={"files": {"forbidden_phrases": phrases_plus("没门儿")}})
        ).json()
        assert reply["changed"] is True and reply["notified"] == ["1001"]
        assert reply["version"] != before.version
        after = ConfigBundle.model_validate((await http.get("/api/v1/config", headers=headers)).json())
        assert after.version == reply["version"]
        assert after.files["forbidden_phrases"] == phrases_plus("没门儿")
        assert after.files["scripts"] == before.files["scripts"]
        unchanged = await http.get("/api/v1/config", headers={**headers, "If-None-Match": after.version})
        assert unchanged.status_code == 304

        # A second upload keeps the first one's files.
        again = (await http.post("/mock/config", json={"files": {"scripts": shipped_data("scripts")}})).json()
        assert again["changed"] is False
        events = [event for event in world.hub.log_for("1001").after(0) if event.type == EVENT_CONFIG_UPDATED]
        assert [event.data["version"] for event in events] == [reply["version"], reply["version"]]
