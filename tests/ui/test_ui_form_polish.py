"""Form polish: the date-time box keeps its text whole beside its hint in the width a 1440 px seat window gives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from seatclient.forms.calendar import SHANGHAI
from seatclient.forms.editor import OrderEditorFactory
from seatclient.ui.intake_form import IntakeFormWidget

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
FORM_WIDTH_AT_1440 = 500
"""The central form's width in a 1440 px seat window with its default side columns (e2e_seat_window.png)."""


@pytest.fixture
def narrow_form(qtbot: QtBot) -> Iterator[IntakeFormWidget]:
    factory = OrderEditorFactory.load_default(clock=lambda: NOW)
    widget = IntakeFormWidget(factory.new_order("call-1", "8001", NOW))
    qtbot.addWidget(widget)
    widget.resize(FORM_WIDTH_AT_1440, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    yield widget


def text_fits(edit: QLineEdit) -> bool:
    """Whether the box shows all its text (the text margins and frame take about 10 px)."""
    return edit.fontMetrics().horizontalAdvance(edit.text()) + 10 <= edit.width()


def inside(label: QLabel, form: IntakeFormWidget) -> bool:
    box = QRect(label.mapTo(form, QPoint(0, 0)), label.size())
    return form.rect().contains(box)


def test_the_datetime_box_and_its_hint_are_whole_at_the_width_of_a_1440_window(
    qtbot: QtBot, narrow_form: IntakeFormWidget, artifacts_dir: Path
) -> None:
    when = narrow_form.controls("occurred_at")[0]
    assert isinstance(when, QLineEdit)
    preview = narrow_form.findChild(QLabel, "preview_occurred_at")
    assert preview is not None
    narrow_form.focus_field("occurred_at")
    # The placeholder and the hint beside the empty box.
    assert when.fontMetrics().horizontalAdvance(when.placeholderText()) + 10 <= when.width()
    assert preview.height() >= preview.heightForWidth(preview.width()) and inside(preview, narrow_form)
    assert narrow_form.grab().save(str(artifacts_dir / "intake_form_datetime_hint.png"))

    event = QInputMethodEvent("", [])
    event.setCommitString("昨天晚上8点半")
    QApplication.sendEvent(when, event)
    assert preview.text() == "→ 2026-11-23 20:30 星期一"
    narrow_form.focus_field("occurred_location")
    assert when.text() == "2026-11-23 20:30"
    QApplication.processEvents()
    assert text_fits(when), (when.width(), when.text())
    assert preview.height() >= preview.heightForWidth(preview.width()) and inside(preview, narrow_form)
    narrow_form.scroll_area.ensureWidgetVisible(when)
    assert narrow_form.grab().save(str(artifacts_dir / "intake_form_datetime_1440.png"))
