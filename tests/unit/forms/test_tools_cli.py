"""The hall IT command line: due-date and validate-config."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from seatclient import tools
from seatclient.resources import resource_path
from seatclient.rules import RuleError, RuleFile

REPO_ROOT = Path(__file__).resolve().parents[3]


def test_due_date_plain_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = tools.main(
        ["due-date", "--registered", "2025-09-30T16:20", "--class", "routine", "--policy", "HZ-2020"]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0] == "截止时间：2025-10-14T23:59:59+08:00"
    assert "HZ-2020" in out[1] and "routine" in out[1] and "5 个工作日" in out[1]
    assert out[2] == "临时结果：否"


def test_due_date_json_uses_the_default_policy(capsys: pytest.CaptureFixture[str]) -> None:
    code = tools.main(["due-date", "--registered", "2025-09-28T16:30:00+00:00", "--class", "quick", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    # 16:30 UTC on Sep 28 is Sep 29 in Hangzhou: Sep 30, Oct 9, Oct 10.
    assert result == {
        "registered": "2025-09-28T16:30:00+00:00",
        "registration_date": "2025-09-29",
        "due_date": "2025-10-10",
        "deadline": "2025-10-10T23:59:59+08:00",
        "working_days": 3,
        "provisional": False,
        "policy": "ZJ-2025",
        "class": "quick",
    }


def test_due_date_beyond_the_data_is_marked_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    code = tools.main(["due-date", "--registered", "2199-03-02T10:00", "--class", "general", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert result["provisional"] is True
    assert result["due_date"] == "2199-03-12"  # Sat 2199-03-02: Mar 4-8, 11, 12


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["due-date", "--class", "quick"],
        ["due-date", "--registered", "yesterday", "--class", "quick"],
        ["due-date", "--registered", "2025-09-30T10:00", "--class", "routine"],  # not a ZJ-2025 class
        ["due-date", "--registered", "2025-09-30T10:00", "--class", "quick", "--policy", "XX"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert tools.main(argv) == 2
    assert capsys.readouterr().err.strip()


def test_unknown_class_names_the_allowed_ones(capsys: pytest.CaptureFixture[str]) -> None:
    tools.main(["due-date", "--registered", "2025-09-30T10:00", "--class", "routine"])
    assert "quick、general" in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert tools.main(["--help"]) == 0
    assert "due-date" in capsys.readouterr().out


def test_due_date_reads_a_hall_override_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shipped = json.loads(resource_path("rules", "time_limits.json").read_text(encoding="utf-8"))
    shipped["default_policy"] = "HZ-2020"
    (tmp_path / "time_limits.json").write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    code = tools.main(
        [
            "due-date",
            "--registered",
            "2025-09-30T10:00",
            "--class",
            "urgent",
            "--rules-dir",
            str(tmp_path),
            "--json",
        ]
    )
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (result["policy"], result["due_date"]) == ("HZ-2020", "2025-10-11")


def _copy_shipped(folder: Path, *names: str) -> None:
    for name in names:
        shutil.copy(resource_path("rules", f"{name}.json"), folder / f"{name}.json")


def test_validate_config_clean_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _copy_shipped(tmp_path, "taxonomy", "places", "time_limits", "holidays")
    assert tools.main(["validate-config", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == ["检查了 4 个规则文件，发现 0 个问题"]
    assert captured.err == ""


def test_validate_config_reports_file_line_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy_shipped(tmp_path, "taxonomy")
    places = resource_path("rules", "places.json").read_text(encoding="utf-8")
    broken_places = places.replace('"北山街道"', '"北山"', 1)
    (tmp_path / "places.json").write_text(broken_places, encoding="utf-8")
    (tmp_path / "holidays.json").write_text(
        '{\n  "years": [\n    {"year": 2027,}\n  ]\n}\n', encoding="utf-8"
    )
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")

    code = tools.main(["validate-config", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.out.splitlines()
    beishan_line = broken_places[: broken_places.index('"北山"')].count("\n") + 1
    streets_index = json.loads(broken_places)["districts"][2]["streets"].index("北山")
    assert lines[0].startswith(f"{tmp_path / 'holidays.json'}:3: ")  # bad JSON, with its line
    assert "JSON" in lines[0]
    assert lines[1].startswith(
        f"{tmp_path / 'places.json'}:{beishan_line}: districts/2/streets/{streets_index}: "
    )
    assert "北山" in lines[1]
    assert len(lines) == 3  # two problems and the summary
    assert "notes.json" in captured.err  # an unknown rule set is only a warning


def test_validate_config_not_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tools.main(["validate-config", str(tmp_path / "missing")]) == 2
    assert str(tmp_path / "missing") in capsys.readouterr().err


def test_a_new_rule_set_is_registered_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tools, "RULE_VALIDATORS", dict(tools.RULE_VALIDATORS))

    def no_empty_phrases(rule_file: RuleFile) -> list[RuleError]:
        return [rule_file.error(str(i), "空") for i, phrase in enumerate(rule_file.data) if not phrase]

    tools.register_validator("forbidden_phrases", no_empty_phrases)
    (tmp_path / "forbidden_phrases.json").write_text('[\n  "不知道",\n  ""\n]\n', encoding="utf-8")
    report = tools.validate_config_dir(tmp_path)
    assert [(p.pointer, p.line) for p in report.problems] == [("1", 3)]
    assert report.skipped == []


def test_runs_as_a_module_in_a_real_process() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "seatclient.tools",
            "due-date",
            "--registered",
            "2026-02-12T08:30",
            "--class",
            "general",
            "--json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert (result["due_date"], result["provisional"]) == ("2026-02-28", False)


def test_every_shipped_rule_file_is_checked_and_clean(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = resource_path("rules")
    assert sorted(path.stem for path in shipped.glob("*.json")) == sorted(
        name for name in tools.RULE_VALIDATORS if (shipped / f"{name}.json").exists()
    )
    assert tools.main(["validate-config", str(shipped)]) == 0
    captured = capsys.readouterr()
    assert "警告" not in captured.err and "跳过" not in captured.err
