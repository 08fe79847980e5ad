"""The Qt binding in use must not leak references on void calls (PySide6 6.12.0 on Python 3.11 does)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_calls_keep_none_alive() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        probe.setObjectName("probe")
    # A binding that drops a reference per call aborts the process after a few thousand calls.
    assert sys.getrefcount(None) - before > -100
