"""Regions added to a built seat window: a dock, a View menu entry, a key, and a place after "reset layout"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from seatclient.config import DEFAULT_SHORTCUTS
from seatclient.ui.main_window import MainWindow
from seatclient.ui.state_bar import SeatStateBar


def make_window(tmp_path: Path, qtbot: QtBot) -> MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        SeatStateBar(lambda: datetime(2026, 11, 22, tzinfo=UTC)),
        {**DEFAULT_SHORTCUTS, "panel.extra": "Alt+9"},
        training=True,
        backend_label="training",
        settings=settings,
    )
    qtbot.addWidget(window)
    window.allow_close()
    return window


def test_an_added_region_shares_a_place_and_has_a_menu_entry_and_key(tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(tmp_path, qtbot)
    extra = QLabel("extra")
    dock = window.add_region(
        "extra", "附加", extra, Qt.DockWidgetArea.RightDockWidgetArea, "panel.extra", tab_with="knowledge"
    )
    window.show()
    qtbot.waitExposed(window)
    assert dock.objectName() == "dock_extra"
    assert window.tabifiedDockWidgets(window.docks["knowledge"]).count(dock) == 1
    entries = [action.objectName() for action in window.view_menu.actions()]
    assert entries.index("actionToggle_extra") < entries.index("actionResetLayout")
    key_action = window.findChild(type(window.view_menu.actions()[0]), "actionPanel_extra")
    assert key_action is not None and key_action.shortcut().toString() == "Alt+9"

    dock.setFloating(True)
    window.reset_layout()
    assert not dock.isFloating()
    assert dock in window.tabifiedDockWidgets(window.docks["knowledge"])


def test_a_hidden_by_default_region_is_shown_by_its_key(tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(tmp_path, qtbot)
    dock = window.add_region(
        "extra", "附加", QLabel("extra"), Qt.DockWidgetArea.LeftDockWidgetArea, "panel.extra", visible=False
    )
    window.show()
    qtbot.waitExposed(window)
    assert dock.isHidden()
    window.toggle_region("extra")
    assert dock.isVisible()


def test_a_saved_layout_brings_an_added_region_back_as_the_person_left_it(
    tmp_path: Path, qtbot: QtBot
) -> None:
    first = make_window(tmp_path, qtbot)
    dock = first.add_region("extra", "附加", QLabel("extra"), Qt.DockWidgetArea.RightDockWidgetArea)
    first.show()
    qtbot.waitExposed(first)
    dock.hide()
    first.save_layout()
    first.close()

    second = make_window(tmp_path, qtbot)
    again = second.add_region("extra", "附加", QLabel("extra"), Qt.DockWidgetArea.RightDockWidgetArea)
    second.show()
    qtbot.waitExposed(second)
    assert again.isHidden()
    assert second.docks["knowledge"].isVisible()


def test_a_region_tabbed_later_goes_behind_the_scripts_and_the_knowledge_base(
    tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window(tmp_path, qtbot)
    behind_scripts = window.add_region(
        "a", "甲", QLabel("a"), Qt.DockWidgetArea.RightDockWidgetArea, tab_with="scripts"
    )
    behind_dispatch = window.add_region(
        "b", "乙", QLabel("b"), Qt.DockWidgetArea.RightDockWidgetArea, tab_with="dispatch"
    )
    window.show()
    qtbot.waitExposed(window)
    assert not window.docks["scripts"].visibleRegion().isEmpty()
    assert not window.docks["knowledge"].visibleRegion().isEmpty()
    assert behind_scripts.visibleRegion().isEmpty()
    assert behind_dispatch.visibleRegion().isEmpty()
