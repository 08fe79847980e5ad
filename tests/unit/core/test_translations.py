"""The English translation is complete and loads; Chinese stays the default."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from seatclient.i18n import install_language, join_clauses, join_list, join_phrases, tr

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """Compile the .ts into a private resources folder and install English from it."""
    resources = tmp_path / "resources"
    (resources / "translations").mkdir(parents=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [
            str(lrelease),
            "-silent",
            str(ROOT / "resources/translations/seatclient_en.ts"),
            "-qm",
            str(resources / "translations/seatclient_en.qm"),
        ],
        check=True,
    )
    monkeypatch.setenv("SEATCLIENT_RESOURCES", str(resources))
    assert install_language("en")
    yield
    install_language("zh_CN")


def test_every_string_in_the_code_is_translated() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools/update_translations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_english_is_loaded_and_chinese_comes_back(english: None) -> None:
    assert tr("SignInDialog", "请输入工号。") != "请输入工号。"
    assert tr("BackendError", "工号或密码错误，请重新输入。").isascii()
    install_language("zh_CN")
    assert tr("SignInDialog", "请输入工号。") == "请输入工号。"


def test_a_missing_translation_file_keeps_chinese(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp: QApplication
) -> None:
    monkeypatch.setenv("SEATCLIENT_RESOURCES", str(tmp_path))
    assert not install_language("en")
    assert tr("SignInDialog", "请输入工号。") == "请输入工号。"


def test_lists_are_joined_in_the_language_in_force(english: None) -> None:
    assert join_list(["示闲", "示忙"]) == "示闲, 示忙"
    assert join_clauses(["a", "b"]) == "a; b"
    assert join_phrases(["a", "b"]) == "a, b"
    install_language("zh_CN")
    assert join_list(["甲", "乙", "丙"]) == "甲、乙、丙"
    assert join_clauses(["甲", "乙"]) == "甲；乙"
    assert join_phrases(["甲", "乙"]) == "甲，乙"
