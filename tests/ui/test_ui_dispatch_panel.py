"""The dispatch panel and the unit picker: suggestions with reasons, keyboard choice, pinyin search, signals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from seatclient.config import DEFAULT_SHORTCUTS
from seatclient.dispatch import DispatchCatalogue, Topic, load_default
from seatclient.ui.dispatch_panel import (
    DEFAULT_DISPATCH_SHORTCUTS,
    DispatchPanel,
    Disposition,
    SuggestionCard,
    shortcut_action_label,
)
from seatclient.ui.unit_picker import UNIT_ID_ROLE, UnitListModel, UnitPicker

BUILDING = Topic("城乡建设", "城市建设和管理")
XIHU_REASON = "城乡建设/违章搭建，属地西湖区北山街道 → 西湖区综合行政执法局（关键词：违章搭建、搭建）"


@pytest.fixture(scope="module")
def catalogue() -> DispatchCatalogue:
    return load_default()


@pytest.fixture
def panel(qtbot: QtBot, catalogue: DispatchCatalogue) -> Iterator[DispatchPanel]:
    widget = DispatchPanel(catalogue, catalogue.directory)
    qtbot.addWidget(widget)
    widget.resize(560, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    yield widget


def visible_cards(panel: DispatchPanel) -> list[SuggestionCard]:
    return [card for card in panel.cards if card.isVisible()]


def press(qtbot: QtBot, sequence: str) -> None:
    """Press a key combination where the focus is, as the person would."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keySequence(target, QKeySequence(sequence))


def test_suggestions_follow_the_order_with_their_reasons(panel: DispatchPanel) -> None:
    assert visible_cards(panel) == []
    assert panel.empty_label.isVisible()

    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
    cards = visible_cards(panel)
    assert [card.name_label.text() for card in cards] == ["西湖区综合行政执法局", "西湖区北山街道办事处"]
    assert cards[0].reason_label.text() == XIHU_REASON
    assert cards[0].tag_label.text() == "属地"
    assert cards[0].accessibleName() == "建议 1：西湖区综合行政执法局"
    assert cards[0].accessibleDescription() == XIHU_REASON
    assert not panel.empty_label.isVisible()

    panel.set_order(BUILDING, "滨江区", None, "邻居在楼顶违章搭建")
    assert [card.name_label.text() for card in visible_cards(panel)] == [
        "滨江区综合行政执法局",
        "滨江区司法局",
    ]
    assert visible_cards(panel)[0].reason_label.text() == (
        "城乡建设/违章搭建，属地滨江区 → 滨江区综合行政执法局（关键词：违章搭建、搭建）"
    )

    suggestions = panel.set_order(None, "西湖区", None, "公积金提取问题")
    assert [suggestion.unit.id for suggestion in suggestions] == ["hz-provident-fund"]
    only = visible_cards(panel)
    assert len(only) == 1 and only[0].tag_label.text() == "职能"
    assert "不下派乡镇（街道）" in only[0].reason_label.text()


def test_an_unknown_district_is_named_and_suggestions_still_come(panel: DispatchPanel) -> None:
    suggestions = panel.set_order(BUILDING, "火星区", None, "违章搭建")
    assert panel.notice_label.isVisible()
    assert panel.notice_label.text().startswith("未知的区县“火星区”，允许的区县：上城区、")
    assert suggestions and visible_cards(panel)
    panel.set_order(BUILDING, "西湖区", None, "违章搭建")
    assert not panel.notice_label.isVisible()


def test_choosing_a_suggestion_by_keyboard(qtbot: QtBot, panel: DispatchPanel) -> None:
    chosen: list[str] = []
    panel.unit_chosen.connect(chosen.append)
    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
    panel.picker.search_edit.setFocus()

    press(qtbot, "Ctrl+Shift+P")
    assert QApplication.focusWidget() is panel.cards[0]
    press(qtbot, "Down")
    assert QApplication.focusWidget() is panel.cards[1]
    press(qtbot, "Return")
    assert chosen == ["xihu-beishan"]
    assert [card.isChecked() for card in panel.cards] == [False, True, False]
    assert panel.chosen_label.text() == "已选承办单位：西湖区北山街道办事处（西湖区北山街道）"

    press(qtbot, "1")  # a digit chooses that suggestion at once
    assert chosen == ["xihu-beishan", "xihu-law-enforcement"]
    assert QApplication.focusWidget() is panel.cards[0]
    assert [card.isChecked() for card in panel.cards] == [True, False, False]
    press(qtbot, "Space")  # the chosen one again: no change, no signal
    assert chosen == ["xihu-beishan", "xihu-law-enforcement"]
    assert panel.cards[0].isChecked()
    press(qtbot, "3")  # there is no third suggestion
    assert chosen == ["xihu-beishan", "xihu-law-enforcement"]

    requested: list[str] = []
    panel.disposition_requested.connect(requested.append)
    press(qtbot, "Ctrl+D")
    assert requested == ["dispatch"]
    chosen_unit = panel.chosen_unit()
    assert chosen_unit is not None and chosen_unit.id == "xihu-law-enforcement"


def test_choosing_by_mouse(qtbot: QtBot, panel: DispatchPanel) -> None:
    with qtbot.waitSignal(panel.unit_chosen) as blocker:
        panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
        qtbot.mouseClick(panel.cards[1].reason_label, Qt.MouseButton.LeftButton)
    assert blocker.args == ["xihu-beishan"]
    assert panel.cards[1].isChecked()


def test_down_from_the_last_suggestion_goes_to_the_search(qtbot: QtBot, panel: DispatchPanel) -> None:
    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
    panel.focus_suggestions()
    press(qtbot, "Down")
    press(qtbot, "Down")
    assert QApplication.focusWidget() is panel.picker.search_edit
    press(qtbot, "Ctrl+Shift+F")
    assert QApplication.focusWidget() is panel.picker.search_edit


def test_search_by_pinyin_initials_and_pick_by_keyboard(qtbot: QtBot, panel: DispatchPanel) -> None:
    chosen: list[str] = []
    panel.unit_chosen.connect(chosen.append)
    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
    panel.focus_suggestions()

    press(qtbot, "Ctrl+Shift+F")
    search = panel.picker.search_edit
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "gjj")
    assert [unit.id for unit in panel.picker.results()][:1] == ["hz-provident-fund"]
    assert panel.picker.status_label.text().startswith("找到 ")
    press(qtbot, "Return")
    assert chosen == ["hz-provident-fund"]
    assert [card.isChecked() for card in panel.cards] == [False, False, False]  # not a suggested unit
    assert panel.chosen_label.text() == "已选承办单位：杭州住房公积金管理中心（全市）"

    panel.picker.focus_search()
    qtbot.keyClicks(search, "xhzfj")  # the selected text is replaced
    assert panel.picker.query() == "xhzfj"
    assert [unit.id for unit in panel.picker.results()][:2] == ["xihu-law-enforcement", "xihu-housing"]
    press(qtbot, "Down")
    assert QApplication.focusWidget() is panel.picker.result_view
    press(qtbot, "Down")
    press(qtbot, "Return")
    assert chosen == ["hz-provident-fund", "xihu-housing"]
    press(qtbot, "Up")
    press(qtbot, "Up")
    assert QApplication.focusWidget() is search

    panel.picker.set_query("西湖 执法")
    assert [unit.id for unit in panel.picker.results()] == ["xihu-law-enforcement"]
    press(qtbot, "Return")
    assert chosen[-1] == "xihu-law-enforcement"
    assert panel.cards[0].isChecked()  # a unit picked in the search that is also suggested

    panel.picker.set_query("zzzzqqq")
    assert panel.picker.results() == []
    assert panel.picker.status_label.text() == "没有找到“zzzzqqq”"
    press(qtbot, "Escape")
    assert panel.picker.query() == ""


def test_dispatch_needs_a_unit_first(qtbot: QtBot, panel: DispatchPanel) -> None:
    requested: list[str] = []
    panel.disposition_requested.connect(requested.append)
    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
    panel.picker.search_edit.setFocus()

    press(qtbot, "Ctrl+Shift+D")
    assert requested == []
    assert panel.hint_label.isVisible()
    assert panel.hint_label.text() == "请先选择承办单位：Ctrl+Shift+P 选择建议，或 Ctrl+Shift+F 查找。"
    assert QApplication.focusWidget() is panel.cards[0]
    qtbot.mouseClick(panel.buttons[Disposition.DISPATCH], Qt.MouseButton.LeftButton)
    assert requested == []

    press(qtbot, "Return")
    assert not panel.hint_label.isVisible()
    press(qtbot, "Ctrl+Shift+D")
    assert requested == ["extra_urgent"]


def test_a_direct_answer_needs_no_unit_and_goes_at_once(qtbot: QtBot, panel: DispatchPanel) -> None:
    requested: list[str] = []
    panel.disposition_requested.connect(requested.append)
    panel.picker.search_edit.setFocus()
    press(qtbot, "Ctrl+R")
    assert requested == ["direct_answer"]


def test_every_button_emits_its_own_disposition(qtbot: QtBot, panel: DispatchPanel) -> None:
    requested: list[str] = []
    lines: list[str] = []
    panel.disposition_requested.connect(requested.append)
    panel.emergency_requested.connect(lines.append)
    panel.choose_unit("xihu-law-enforcement")
    for disposition, button in panel.buttons.items():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        # Not accepted and link ask their question first; the confirm button then asks.
        if disposition is Disposition.NOT_ACCEPTED:
            qtbot.mouseClick(panel.confirm_not_accepted_button, Qt.MouseButton.LeftButton)
        elif disposition is Disposition.LINK_EXISTING:
            panel.link_edit.setText("HZ20261122000123")
            qtbot.mouseClick(panel.confirm_link_button, Qt.MouseButton.LeftButton)
        assert requested[-1] == disposition.value
    for disposition, action in panel.emergency_actions.items():
        action.trigger()
        assert requested[-1] == disposition.value
    assert len(requested) == len(Disposition)
    assert lines == ["110", "119", "120", "122"]


def test_emergency_menu_opens_on_its_key_and_a_digit_picks_the_number(
    qtbot: QtBot, panel: DispatchPanel
) -> None:
    requested: list[str] = []
    panel.disposition_requested.connect(requested.append)
    panel.picker.search_edit.setFocus()
    press(qtbot, "Ctrl+Shift+E")
    qtbot.waitUntil(panel.emergency_menu.isVisible, timeout=2000)
    assert [action.text() for action in panel.emergency_menu.actions()] == [
        "&1  转 110 公安",
        "&2  转 119 消防",
        "&3  转 120 急救",
        "&4  转 122 交警",
    ]
    lines: list[str] = []
    panel.emergency_requested.connect(lambda line: lines.append(f"{line}:{len(requested)}"))
    qtbot.keyClick(panel.emergency_menu, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: not panel.emergency_menu.isVisible(), timeout=2000)
    assert requested == ["emergency_120"]
    assert lines == ["120:0"]  # the transfer is asked for before the order is recorded


def test_the_choice_survives_order_changes_and_reset_clears_it(panel: DispatchPanel) -> None:
    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
    assert panel.choose_suggestion(1)
    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建，已经两周了")
    assert panel.cards[0].isChecked()
    panel.set_order(
        BUILDING, "滨江区", None, "违章搭建"
    )  # no longer suggested: still chosen, no card checked
    chosen = panel.chosen_unit()
    assert chosen is not None and chosen.id == "xihu-law-enforcement"
    assert not any(card.isChecked() for card in panel.cards)
    assert not panel.choose_unit("no-such-unit")

    panel.picker.set_query("gjj")
    panel.reset()
    assert panel.chosen_unit() is None
    assert panel.chosen_label.text() == "未选择承办单位"
    assert visible_cards(panel) == []
    assert panel.picker.query() == "" and panel.picker.results() == []


def test_controls_have_accessible_names(qtbot: QtBot, panel: DispatchPanel) -> None:
    names = {
        panel.suggestion_box: "派单建议",
        panel.search_box: "查找其他承办单位",
        panel.disposition_box: "办理方式",
        panel.picker.search_edit: "查找承办单位",
        panel.picker.result_view: "查找结果",
        panel.emergency_button: "紧急转警",
        panel.buttons[Disposition.DIRECT_ANSWER]: "直接答复",
        panel.buttons[Disposition.DISPATCH]: "派单",
        panel.buttons[Disposition.EXTRA_URGENT]: "特急派单",
        panel.buttons[Disposition.NOT_ACCEPTED]: "不予受理",
        panel.buttons[Disposition.LINK_EXISTING]: "关联已有工单",
    }
    for widget, name in names.items():
        assert widget.accessibleName() == name
    assert panel.buttons[Disposition.DISPATCH].text() == "派单（Ctrl+D）"
    for label in (panel.chosen_label, panel.hint_label, panel.notice_label, panel.picker.status_label):
        assert label.accessibleIdentifier(), label.objectName()
    # Tab follows the panel: suggestions, search, list, then the buttons.
    panel.set_order(BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建")
    panel.focus_suggestions()
    order = [QApplication.focusWidget()]
    for _ in range(5):
        press(qtbot, "Tab")
        order.append(QApplication.focusWidget())
    assert order == [
        panel.cards[0],
        panel.cards[1],
        panel.picker.search_edit,
        panel.picker.result_view,
        panel.buttons[Disposition.DISPATCH],
        panel.buttons[Disposition.EXTRA_URGENT],
    ]


def test_the_unit_list_model_is_a_sound_item_model(
    qtmodeltester: ModelTester, catalogue: DispatchCatalogue
) -> None:
    model = UnitListModel()
    units = [hit.unit for hit in catalogue.directory.search("西湖", limit=8)]
    model.set_units(units)
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert model.data(first, UNIT_ID_ROLE) == units[0].id
    assert model.data(first, Qt.ItemDataRole.AccessibleTextRole) == units[0].name
    assert "·" in str(model.data(first, Qt.ItemDataRole.ToolTipRole))


def test_picker_alone_emits_the_picked_unit(qtbot: QtBot, catalogue: DispatchCatalogue) -> None:
    picker = UnitPicker(catalogue.directory)
    qtbot.addWidget(picker)
    picker.set_query("gjj")
    with qtbot.waitSignal(picker.unit_picked) as blocker:
        assert picker.pick_row(0)
    assert blocker.args == ["hz-provident-fund"]
    assert not picker.pick_row(99)


def test_shortcuts_can_be_remapped_or_removed(qtbot: QtBot, catalogue: DispatchCatalogue) -> None:
    panel = DispatchPanel(
        catalogue,
        catalogue.directory,
        shortcuts={"dispatch.dispatch": "Ctrl+Alt+P", "dispatch.direct_answer": ""},
    )
    qtbot.addWidget(panel)
    assert panel.buttons[Disposition.DISPATCH].text() == "派单（Ctrl+Alt+P）"
    assert panel.buttons[Disposition.DIRECT_ANSWER].text() == "直接答复"
    assert "dispatch.direct_answer" not in panel.shortcut_keys()
    assert panel.shortcut_keys()["dispatch.dispatch"] == "Ctrl+Alt+P"


def test_default_keys_clash_with_nothing_else_of_the_seat() -> None:
    # The seat's map holds the dispatch keys too, each once and unchanged; no other action has them.
    others = {
        action: key for action, key in DEFAULT_SHORTCUTS.items() if action not in DEFAULT_DISPATCH_SHORTCUTS
    }
    assert {
        action: DEFAULT_SHORTCUTS[action] for action in DEFAULT_DISPATCH_SHORTCUTS
    } == DEFAULT_DISPATCH_SHORTCUTS
    taken = set(others.values()) | {f"F{n}" for n in range(1, 12)}
    taken |= {"Ctrl+F12", "Ctrl+Return", "Ctrl+Enter"} | {f"Alt+{n}" for n in range(1, 6)}
    taken |= {f"Ctrl+{n}" for n in range(1, 10)}
    ours = list(DEFAULT_DISPATCH_SHORTCUTS.values())
    assert len(set(ours)) == len(ours)
    assert not set(ours) & taken
    # Nor with the editing keys of a text box (select all, copy, undo, delete line...).
    standard = {
        binding.toString() for key in QKeySequence.StandardKey for binding in QKeySequence.keyBindings(key)
    }
    assert not set(ours) & standard
    assert all(shortcut_action_label(action) for action in DEFAULT_DISPATCH_SHORTCUTS)


def test_screenshot_nothing_clipped(qtbot: QtBot, panel: DispatchPanel, artifacts_dir: Path) -> None:
    panel.set_order(
        BUILDING, "西湖区", "北山街道", "邻居在楼顶违章搭建阳光房，晚上施工噪音扰民，另咨询公积金提取"
    )
    panel.choose_suggestion(1)
    panel.picker.set_query("xhzfj")
    QApplication.processEvents()
    path = artifacts_dir / "dispatch_panel.png"
    assert panel.grab().save(str(path))
    assert path.stat().st_size > 10_000
    assert len(visible_cards(panel)) == 3
    # Every label shows all its text: its height is at least what its wrapped text needs.
    labels: list[QLabel] = [
        label for card in visible_cards(panel) for label in (card.name_label, card.reason_label)
    ]
    labels += [panel.chosen_label]
    for label in labels:
        needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        assert label.height() >= needed, label.objectName()
    controls: list[QWidget] = [*panel.buttons.values(), panel.emergency_button, *visible_cards(panel)]
    for control in controls:
        assert control.width() >= control.sizeHint().width(), control.objectName()
        assert panel.rect().contains(QRect(control.mapTo(panel, QPoint(0, 0)), control.size())), (
            control.objectName()
        )
