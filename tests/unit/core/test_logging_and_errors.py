"""The log never holds a password, a token or a phone number; the error funnel tells people once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from seatclient.errorfunnel import ErrorFunnel
from seatclient.logsetup import configure_logging, redact


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("caller 13812345678 rang", "13812345678"),
        ("caller +86 138 1234 5678 rang", "138 1234 5678"),
        ("landline 0571-87654321", "87654321"),
        ("landline 057187654321", "057187654321"),
        ("Authorization: Bearer abc.DEF-123_xyz", "abc.DEF-123_xyz"),
        ('{"password": "hunter2"}', "hunter2"),
        ("refresh_token=tok-123", "tok-123"),
    ],
)
def test_redact_removes_secrets(text: str, secret: str) -> None:
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text", ["event 1763812345678 delivered", "order 2026112200012 saved", "seat A01 ready"]
)
def test_redact_keeps_ids_that_are_not_phones(text: str) -> None:
    assert redact(text) == text


def test_log_file_holds_no_secret_even_in_tracebacks(tmp_path: Path) -> None:
    log_file = configure_logging(tmp_path / "logs", to_stderr=False)
    logger = logging.getLogger("seatclient.test")
    logger.info("signing in with password=%s from %s", "s3cret-pw", "13900001111")
    try:
        raise ValueError("token=abc123 for 0571-88887777")
    except ValueError:
        logger.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = log_file.read_text(encoding="utf-8")
    for secret in ("s3cret-pw", "13900001111", "abc123", "88887777"):
        assert secret not in content
    assert "signing in" in content and "ValueError" in content
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_seatclient", False):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_funnel_shows_once_then_stays_quiet_for_repeats() -> None:
    shown: list[tuple[str, str]] = []
    now = [100.0]
    funnel = ErrorFunnel(
        lambda title, text: shown.append((title, text)), quiet_seconds=30, clock=lambda: now[0]
    )

    def fail() -> None:
        raise KeyError("x")

    for _ in range(3):
        try:
            fail()
        except KeyError as exc:
            funnel.report(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1
    assert "KeyError" in shown[0][1]
    now[0] += 31
    try:
        fail()
    except KeyError as exc:
        assert funnel.report(type(exc), exc, exc.__traceback__)
    assert len(shown) == 2
