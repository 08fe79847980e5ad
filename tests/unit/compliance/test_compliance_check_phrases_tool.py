"""``seatclient tools check-phrases``: one JSON object per input line, the shipped or a hall's own list."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from seatclient import tools

REPO_ROOT = Path(__file__).resolve().parents[3]


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_each_line_gets_its_matches_with_spans_and_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    utterances = tmp_path / "calls.txt"
    utterances.write_text("您好，请讲。\r\n我不知道，你自己去问吧\n\n", encoding="utf-8")
    code = tools.main(["check-phrases", str(utterances)])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == ""
    results = _json_lines(captured.out)
    assert [result["line"] for result in results] == [1, 2, 3]
    assert results[0] == {"line": 1, "text": "您好，请讲。", "matches": []}
    assert results[2] == {"line": 3, "text": "", "matches": []}
    second = results[1]
    assert second["text"] == "我不知道，你自己去问吧"
    assert second["matches"] == [
        {
            "phrase": "不知道",
            "category": "shirking",
            "start": 1,
            "end": 4,
            "suggestion": "这个问题我帮您查询或登记，请相关部门给您准确答复。",
        },
        {
            "phrase": "你自己去问",
            "category": "shirking",
            "start": 5,
            "end": 10,
            "suggestion": "我帮您查一下负责的部门和联系方式。",
        },
    ]
    # The output is readable Chinese, not \\u escapes.
    assert "不知道" in captured.out


def test_disguised_phrase_reports_the_span_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    utterances = tmp_path / "calls.txt"
    utterances.write_text("這事不 歸 我們管\n", encoding="utf-8")
    assert tools.main(["check-phrases", str(utterances)]) == 0
    (result,) = _json_lines(capsys.readouterr().out)
    (match,) = result["matches"]  # type: ignore[misc]
    assert match["phrase"] == "不归我们管"
    assert "這事不 歸 我們管"[match["start"] : match["end"]] == "不 歸 我們管"


def test_plain_list_makes_one_custom_category_without_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    phrase_list = tmp_path / "our_list.txt"
    phrase_list.write_text("# 本厅补充禁语\n\n胡说\n  滚蛋  \n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("你别胡说八道\n我不知道\n滚蛋吧".encode())))
    code = tools.main(["check-phrases", "-", "--phrases", str(phrase_list)])
    results = _json_lines(capsys.readouterr().out)
    assert code == 0
    assert results == [
        {
            "line": 1,
            "text": "你别胡说八道",
            "matches": [{"phrase": "胡说", "category": "custom", "start": 2, "end": 4, "suggestion": None}],
        },
        # Only the hall's list counts: the shipped 不知道 is not in it.
        {"line": 2, "text": "我不知道", "matches": []},
        {
            "line": 3,
            "text": "滚蛋吧",
            "matches": [{"phrase": "滚蛋", "category": "custom", "start": 0, "end": 2, "suggestion": None}],
        },
    ]


def test_list_in_the_shipped_format_is_detected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    phrase_list = tmp_path / "phrases.json"
    phrase_list.write_text(
        json.dumps(
            {
                "version": "1",
                "mode": "block",
                "categories": [
                    {
                        "id": "rude",
                        "label": "粗鲁",
                        "label_en": "Rude",
                        "phrases": [{"id": "rude-01", "text": "少废话", "suggestion": "请您慢慢说。"}],
                    }
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    utterances = tmp_path / "calls.txt"
    utterances.write_text("少废话，快说\n", encoding="utf-8")
    assert tools.main(["check-phrases", str(utterances), "--phrases", str(phrase_list)]) == 0
    (result,) = _json_lines(capsys.readouterr().out)
    assert result["matches"] == [
        {"phrase": "少废话", "category": "rude", "start": 0, "end": 3, "suggestion": "请您慢慢说。"}
    ]


def test_broken_plain_list_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    phrase_list = tmp_path / "our_list.txt"
    phrase_list.write_text("胡说\n# 注释\n胡 說\n", encoding="utf-8")
    utterances = tmp_path / "calls.txt"
    utterances.write_text("胡说\n", encoding="utf-8")
    code = tools.main(["check-phrases", str(utterances), "--phrases", str(phrase_list)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert f"{phrase_list}:3:" in captured.err
    assert "第 1 行" in captured.err


def test_single_character_phrase_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    phrase_list = tmp_path / "our_list.txt"
    phrase_list.write_text("胡说\n滚\n", encoding="utf-8")
    code = tools.main(["check-phrases", "-", "--phrases", str(phrase_list)])
    assert code == 2
    assert f"{phrase_list}:2:" in capsys.readouterr().err


def test_broken_json_list_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    phrase_list = tmp_path / "phrases.json"
    phrase_list.write_text('{\n  "version": "1",\n  "mode": "warn",\n  "categories": [\n', encoding="utf-8")
    code = tools.main(["check-phrases", "-", "--phrases", str(phrase_list)])
    assert code == 2
    assert f"{phrase_list}:" in capsys.readouterr().err


def test_missing_or_non_utf8_input_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.txt"
    assert tools.main(["check-phrases", str(missing)]) == 1
    err = capsys.readouterr().err
    assert str(missing) in err and "文件不存在" in err

    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("第一行\n不知道\n".encode("gbk"))
    assert tools.main(["check-phrases", str(gbk)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{gbk}:1:" in captured.err and "UTF-8" in captured.err


def test_real_process_reads_standard_input() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "seatclient", "tools", "check-phrases", "-"],
        input="\ufeff请稍等\n不归我们管\n".encode(),
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    results = _json_lines(completed.stdout.decode("utf-8"))
    assert results[0] == {"line": 1, "text": "请稍等", "matches": []}
    assert [match["phrase"] for match in results[1]["matches"]] == ["不归我们管"]  # type: ignore[attr-defined]
