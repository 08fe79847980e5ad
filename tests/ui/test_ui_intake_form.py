"""The intake form widget: built from the schema, typed from the keyboard, never losing what was typed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from seatclient.forms.calendar import SHANGHAI
from seatclient.forms.drafts import DraftStore
from seatclient.forms.editor import OrderEditorFactory
from seatclient.forms.schema import FieldType, load_form_schema
from seatclient.rules.rulebook import parse_rule_text
from seatclient.ui.form_autosave import FormAutosave
from seatclient.ui.intake_form import IntakeFormWidget

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)  # a Tuesday
PACKAGE_KNOWS_2027 = any(day.year == 2027 for day in chinese_calendar.holidays)


@pytest.fixture(scope="module")
def factory() -> OrderEditorFactory:
    return OrderEditorFactory.load_default(clock=lambda: NOW)


@pytest.fixture
def form(qtbot: QtBot, factory: OrderEditorFactory) -> Iterator[IntakeFormWidget]:
    widget = IntakeFormWidget(factory.new_order("call-1", "8001", NOW))
    qtbot.addWidget(widget)
    widget.resize(900, 1150)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    yield widget


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a call-taker: Latin keys as key presses, Chinese as an input method commits it."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def control(form: IntakeFormWidget, key: str, index: int = 0) -> Any:
    return form.controls(key)[index]


def clear_and_type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    type_text(qtbot, edit, text)


def test_every_field_of_the_shipped_schema_is_built_and_named(form: IntakeFormWidget) -> None:
    schema = form.editor.schema
    assert form.field_keys() == list(schema.keys)
    assert [box.accessibleName() for box in form.section_boxes()] == ["反映人信息", "诉求内容", "分类与办理"]
    assert form.section_boxes()[0].title() == "1. 反映人信息（Ctrl+1）"
    kinds = {
        FieldType.TEXT: QLineEdit,
        FieldType.PHONE: QLineEdit,
        FieldType.DATETIME: QLineEdit,
        FieldType.TOPIC: QLineEdit,
        FieldType.PLACE: QLineEdit,
        FieldType.MULTILINE: QPlainTextEdit,
        FieldType.BOOL: QCheckBox,
        FieldType.CHOICE: QRadioButton,
    }
    for spec in schema.fields:
        controls = form.controls(spec.key)
        label = spec.label.zh_CN
        assert controls and all(isinstance(item, kinds[spec.type]) for item in controls), spec.key
        if spec.type is FieldType.CHOICE:
            assert [item.accessibleName() for item in controls] == [o.label.zh_CN for o in spec.options]
            buttons = [item for item in controls if isinstance(item, QRadioButton)]
            assert [button.text() for button in buttons] == [o.label.zh_CN for o in spec.options]
        elif spec.type is FieldType.PLACE:
            assert [item.accessibleName() for item in controls] == [
                f"{label}：区县",
                f"{label}：街道（乡镇）",
            ]
        else:
            assert [item.accessibleName() for item in controls] == [label], spec.key
        assert all(item.objectName().startswith(f"field_{spec.key}") for item in controls)
        error_label = form.error_label(spec.key)
        assert error_label.accessibleDescription() == f"{label}的错误提示"
        assert error_label.objectName() == f"error_{spec.key}"
    assert form.submit_button.accessibleName() == "提交工单"
    # Conditions of a new order: the reason for no number is hidden, the number shown.
    assert form.is_field_shown("caller_phone")
    assert not form.is_field_shown("phone_withheld_reason")


def test_bad_phone_shows_an_error_beside_the_field_and_a_good_one_clears_it(
    qtbot: QtBot, form: IntakeFormWidget
) -> None:
    reported: list[tuple[str, str]] = []
    form.field_error_changed.connect(lambda key, message: reported.append((key, message)))
    phone = control(form, "caller_phone")
    assert form.error_text("caller_phone") == ""
    type_text(qtbot, phone, "1381234")
    message = "联系电话不是有效的手机号或固定电话（固定电话请带区号，如 0571-87654321）"
    assert form.error_text("caller_phone") == message
    assert form.error_label("caller_phone").isVisible()
    assert form.error_label("caller_phone").text() == message
    assert phone.accessibleDescription() == message
    type_text(qtbot, phone, "5678")  # 13812345678
    assert form.editor.values["caller_phone"] == "13812345678"
    assert form.error_text("caller_phone") == ""
    assert not form.error_label("caller_phone").isVisible()
    assert reported[0] == ("caller_phone", message)
    assert reported[-1] == ("caller_phone", "")
    # Untouched fields show nothing even though they are required and empty.
    assert form.error_text("caller_name") == ""


def test_condition_shows_and_hides_the_withheld_reason(qtbot: QtBot, form: IntakeFormWidget) -> None:
    withheld = control(form, "phone_withheld")
    withheld.setFocus()
    qtbot.keyClick(withheld, Qt.Key.Key_Space)
    assert form.editor.values["phone_withheld"] is True
    assert form.is_field_shown("phone_withheld_reason")
    assert not form.is_field_shown("caller_phone")
    assert control(form, "phone_withheld_reason").isVisible()
    assert form.controls("phone_withheld_reason")[0] is not None
    qtbot.keyClick(withheld, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is control(form, "phone_withheld_reason")  # tab order follows
    withheld.setFocus()
    qtbot.keyClick(withheld, Qt.Key.Key_Space)
    assert not form.is_field_shown("phone_withheld_reason")
    assert form.is_field_shown("caller_phone")


def test_submit_with_missing_fields_focuses_the_first_error_and_emits_nothing(
    qtbot: QtBot, form: IntakeFormWidget
) -> None:
    submitted: list[dict[str, Any]] = []
    form.submit_requested.connect(submitted.append)
    type_text(qtbot, control(form, "caller_name"), "Wang")
    notes = control(form, "notes")
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert submitted == []
    assert QApplication.focusWidget() is control(form, "caller_phone")
    assert form.error_text("caller_phone") == "请填写联系电话"
    assert form.error_text("request_type") == "请选择诉求分类"
    assert form.error_text("event_description") == "请填写事由"
    assert form.error_text("caller_name") == ""
    assert notes.toPlainText() == ""  # Ctrl+Enter submitted; it typed no line break


def fill_valid_help_request(qtbot: QtBot, form: IntakeFormWidget) -> None:
    type_text(qtbot, control(form, "caller_name"), "张三丰")
    type_text(qtbot, control(form, "caller_phone"), "13812345678")
    type_text(qtbot, control(form, "address"), "西湖区文三路 90 号")
    help_button = form.controls("request_type")[1]
    qtbot.mouseClick(help_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, control(form, "occurred_at"), "昨天 20:00")
    type_text(qtbot, control(form, "occurred_location"), "文三路 90 号门口")
    type_text(qtbot, control(form, "event_description"), "路灯不亮，晚上很暗。")
    type_text(qtbot, control(form, "caller_request"), "尽快修复。")
    type_text(qtbot, control(form, "business_topic"), "csjs")
    form.choose_completion("business_topic", 0)
    type_text(qtbot, control(form, "matter_place", 0), "西湖区")
    qtbot.keyClick(form.completions("matter_place", "district").popup, Qt.Key.Key_Tab)  # list open
    type_text(qtbot, control(form, "matter_place", 1), "北山街道")


def test_a_complete_form_emits_the_payload(qtbot: QtBot, form: IntakeFormWidget) -> None:
    fill_valid_help_request(qtbot, form)
    with qtbot.waitSignal(form.submit_requested, timeout=1000) as blocker:
        qtbot.keyClick(
            control(form, "caller_request"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    payload = blocker.args[0]
    assert payload["call_id"] == "call-1" and payload["job_number"] == "8001"
    assert payload["fields"] == {
        "caller_name": "张三丰",
        "phone_withheld": False,
        "caller_phone": "+8613812345678",
        "address": "西湖区文三路 90 号",
        "request_type": "help",
        "confidential": False,
        "occurred_at": "2026-11-23T20:00:00+08:00",
        "occurred_location": "文三路 90 号门口",
        "event_description": "路灯不亮，晚上很暗。",
        "caller_request": "尽快修复。",
        "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
        "matter_place": {"district": "西湖区", "street": "北山街道"},
        "time_limit_class": "general",
    }
    assert all(form.error_text(key) == "" for key in form.field_keys())


def test_due_date_label_follows_the_time_limit_class(
    qtbot: QtBot, form: IntakeFormWidget, factory: OrderEditorFactory
) -> None:
    assert form.due_label.text() == "办结时限：2026-12-03（7 个工作日）"
    quick = form.controls("time_limit_class")[0]
    qtbot.mouseClick(quick, Qt.MouseButton.LeftButton)
    assert form.editor.values["time_limit_class"] == "quick"
    assert form.due_label.text() == "办结时限：2026-11-27（3 个工作日）"
    late = factory.new_order("call-2", "8001", datetime(2026, 12, 28, 9, 0, tzinfo=SHANGHAI))
    form.set_editor(late)
    if not PACKAGE_KNOWS_2027:  # 2027's holidays are not published in the data: a provisional date
        assert form.due_label.text() == "办结时限：2027-01-06（7 个工作日）（临时）"
    late.set_value("time_limit_class", None)
    form.set_editor(late)
    assert form.due_label.text() == "办结时限：选择办理时限类别后显示"


def test_confidential_identity_is_masked_whenever_the_field_is_not_being_edited(
    qtbot: QtBot, form: IntakeFormWidget
) -> None:
    name = control(form, "caller_name")
    phone = control(form, "caller_phone")
    type_text(qtbot, name, "张三丰")
    type_text(qtbot, phone, "13812345678")
    confidential = control(form, "confidential")
    confidential.setFocus()
    qtbot.keyClick(confidential, Qt.Key.Key_Space)
    assert form.editor.confidential
    assert form.confidential_notice.isVisible()
    assert form.confidential_notice.text() == "保密工单：姓名、联系电话、联系地址在离开输入框后脱敏显示"
    assert name.text() == "张**"
    assert phone.text() == "138****5678"
    assert name.isReadOnly()
    name.setFocus()
    assert name.text() == "张三丰"  # real text while editing
    assert not name.isReadOnly()
    type_text(qtbot, name, "A")
    assert form.editor.values["caller_name"] == "张三丰A"
    control(form, "address").setFocus()
    assert name.text() == "张**"
    assert form.editor.values["caller_name"] == "张三丰A"  # the mask never becomes the value
    # Titles the form produces are masked too.
    assert "张**" in form.windowTitle() and "张三丰" not in form.windowTitle()
    assert "张三丰" not in form.order_title() and "13812345678" not in form.order_title()
    confidential.setFocus()
    qtbot.keyClick(confidential, Qt.Key.Key_Space)
    assert name.text() == "张三丰A"
    assert not form.confidential_notice.isVisible()


def test_topic_completion_by_pinyin_initials(qtbot: QtBot, form: IntakeFormWidget) -> None:
    topic = control(form, "business_topic")
    type_text(qtbot, topic, "gzfl")
    assert form.completion_rows("business_topic") == ["劳动和社会保障 / 工资福利"]
    assert form.error_text("business_topic") == "请同时选择业务主题的类别和内容"
    popup = form.completions("business_topic").popup
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert topic.text() == "劳动和社会保障 / 工资福利"
    assert form.editor.values["business_topic"] == {"class": "劳动和社会保障", "item": "工资福利"}
    assert form.error_text("business_topic") == ""


def test_street_completion_is_limited_to_the_district(qtbot: QtBot, form: IntakeFormWidget) -> None:
    district, street = control(form, "matter_place", 0), control(form, "matter_place", 1)
    type_text(qtbot, street, "bs")  # no district yet: the whole city
    rows = form.completion_rows("matter_place", "street")
    assert "半山街道（拱墅区）" in rows and "北山街道（西湖区）" in rows
    form.choose_completion("matter_place", rows.index("北山街道（西湖区）"), "street")
    assert (district.text(), street.text()) == ("西湖区", "北山街道")
    assert form.editor.values["matter_place"] == {"district": "西湖区", "street": "北山街道"}
    clear_and_type(qtbot, street, "bs")
    assert form.completion_rows("matter_place", "street") == ["北山街道"]  # only 西湖区's
    clear_and_type(qtbot, district, "xh")
    assert form.completion_rows("matter_place", "district") == ["西湖区", "余杭区"]


def test_down_opens_the_full_district_list(qtbot: QtBot, form: IntakeFormWidget) -> None:
    district = control(form, "matter_place", 0)
    district.setFocus()
    qtbot.keyClick(district, Qt.Key.Key_Down)
    rows = form.completion_rows("matter_place", "district")
    assert rows[:3] == ["上城区", "拱墅区", "西湖区"] and len(rows) == 13


def test_keyboard_moves_through_the_form(qtbot: QtBot, form: IntakeFormWidget) -> None:
    description = control(form, "event_description")
    description.setFocus()
    qtbot.keyClick(description, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is control(form, "caller_request")  # no tab character typed
    assert description.toPlainText() == ""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is control(form, "involved_party")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is control(form, "business_topic")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is control(form, "caller_name")
    # Tabbing into radio buttons lands on the checked option.
    control(form, "matter_place", 1).setFocus()
    qtbot.keyClick(control(form, "matter_place", 1), Qt.Key.Key_Tab)
    general = form.controls("time_limit_class")[1]
    assert QApplication.focusWidget() is general
    qtbot.keyClick(general, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is control(form, "notes")
    qtbot.keyClick(control(form, "notes"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.submit_button


def test_focus_form_returns_to_the_last_field(qtbot: QtBot, form: IntakeFormWidget) -> None:
    form.focus_form()
    assert QApplication.focusWidget() is control(form, "caller_name")
    control(form, "occurred_location").setFocus()
    form.submit_button.setFocus()
    form.focus_form()
    assert QApplication.focusWidget() is control(form, "occurred_location")


def test_datetime_field_shows_how_it_was_understood(qtbot: QtBot, form: IntakeFormWidget) -> None:
    when = control(form, "occurred_at")
    preview = form.findChild(QLabel, "preview_occurred_at")
    assert preview is not None and "可输入" in preview.text()
    type_text(qtbot, when, "昨天晚上8点")
    assert preview.text() == "→ 2026-11-23 20:00 星期一"
    control(form, "occurred_location").setFocus()
    assert when.text() == "2026-11-23 20:00"  # written in full on leaving


def test_new_order_replaces_values_and_errors(
    qtbot: QtBot, form: IntakeFormWidget, factory: OrderEditorFactory
) -> None:
    type_text(qtbot, control(form, "caller_phone"), "123")
    assert form.error_text("caller_phone")
    next_call = factory.new_order("call-2", "8001", NOW, {"caller_phone": "0571-87654321"})
    form.set_editor(next_call)
    assert form.editor is next_call
    assert control(form, "caller_phone").text() == "0571-87654321"
    assert form.error_text("caller_phone") == ""
    other = OrderEditorFactory.load_default(clock=lambda: NOW).new_order("x", "1", NOW)
    with pytest.raises(ValueError):
        form.set_editor(other)  # built for another schema object


def test_autosave_holds_the_draft_within_a_second_and_a_half(
    qtbot: QtBot, form: IntakeFormWidget, tmp_path: Path
) -> None:
    with DraftStore(tmp_path / "drafts.sqlite3") as store:
        autosave = FormAutosave(form, store)
        saved: list[str] = []
        autosave.draft_saved.connect(saved.append)
        type_text(qtbot, control(form, "caller_name"), "李女士")
        type_text(qtbot, control(form, "event_description"), "噪音扰民")

        def draft_holds_typing() -> None:
            draft = store.get("8001", "call-1")
            assert draft is not None
            assert draft.values["caller_name"] == "李女士"
            assert draft.values["event_description"] == "噪音扰民"

        qtbot.waitUntil(draft_holds_typing, timeout=1500)
        assert saved and saved[-1] == "call-1"
        assert not autosave.pending()


def test_autosave_keeps_typing_of_a_replaced_order(
    qtbot: QtBot, form: IntakeFormWidget, factory: OrderEditorFactory, tmp_path: Path
) -> None:
    with DraftStore(tmp_path / "drafts.sqlite3") as store:
        autosave = FormAutosave(form, store)
        first = form.editor
        type_text(qtbot, control(form, "caller_name"), "Zhao")
        form.set_editor(factory.new_order("call-2", "8001", NOW))  # the next call comes in at once
        assert autosave.flush()
        draft = store.get("8001", "call-1")
        assert draft is not None and draft.values["caller_name"] == "Zhao"
        assert not first.dirty


def test_autosave_reports_a_failed_save_and_retries(
    qtbot: QtBot, form: IntakeFormWidget, tmp_path: Path
) -> None:
    store = DraftStore(tmp_path / "drafts.sqlite3")
    store.close()  # a closed database refuses every save
    autosave = FormAutosave(form, store)
    failures: list[str] = []
    autosave.autosave_failed.connect(failures.append)
    type_text(qtbot, control(form, "caller_name"), "Q")
    qtbot.waitUntil(lambda: bool(failures), timeout=1500)
    assert failures[0].startswith("工单草稿保存失败，将自动重试")
    assert autosave.pending()
    assert form.editor.dirty


def test_screenshot_of_a_filled_form(qtbot: QtBot, form: IntakeFormWidget, artifacts_dir: Path) -> None:
    fill_valid_help_request(qtbot, form)
    type_text(qtbot, control(form, "caller_phone"), "0")  # leave one error visible in the picture
    control(form, "confidential").setFocus()
    qtbot.keyClick(control(form, "confidential"), Qt.Key.Key_Space)
    control(form, "notes").setFocus()
    qtbot.wait(50)  # let the layout settle after errors came and went
    path = artifacts_dir / "intake_form_filled.png"
    assert form.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_tab_from_an_open_list_moves_on_and_closes_it(qtbot: QtBot, form: IntakeFormWidget) -> None:
    district, street = form.controls("matter_place")
    type_text(qtbot, district, "xh")
    completions = form.completions("matter_place", "district")
    assert completions.popup_visible()
    qtbot.keyClick(completions.popup, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is street
    assert not completions.popup_visible()


def test_arrow_keys_pick_radio_options(qtbot: QtBot, form: IntakeFormWidget) -> None:
    changed: list[str] = []
    form.values_changed.connect(changed.append)
    enquiry, help_option, complaint = (control(form, "request_type", index) for index in range(3))
    enquiry.setFocus()
    qtbot.keyClick(enquiry, Qt.Key.Key_Space)
    assert form.editor.values["request_type"] == "enquiry"
    qtbot.keyClick(enquiry, Qt.Key.Key_Right)
    assert form.editor.values["request_type"] == "help"
    assert QApplication.focusWidget() is help_option
    assert changed == ["request_type", "request_type"]
    # "Help" makes the address required: the star appears beside its label.
    label = form.findChild(QLabel, "label_address")
    assert label is not None and label.text().startswith('<span style="color:#c0392b">*</span>')
    qtbot.keyClick(help_option, Qt.Key.Key_Right)
    assert form.editor.values["request_type"] == "complaint_report"
    assert complaint.isChecked()


CUSTOM_FORM = """{
  "form": "custom",
  "version": 1,
  "title": {"zh_CN": "测试表单"},
  "confidential_field": "secret",
  "sections": [
    {"key": "one", "title": {"zh_CN": "第一部分"}, "fields": [
      {"key": "who", "type": "text", "label": {"zh_CN": "称呼"}, "confidential_mask": "name"},
      {"key": "where", "type": "multiline", "label": {"zh_CN": "住址"}, "confidential_mask": "address"},
      {"key": "kind", "type": "choice", "label": {"zh_CN": "类型"}, "required": true, "options": [
        {"value": "a", "label": {"zh_CN": "甲"}}, {"value": "b", "label": {"zh_CN": "乙"}},
        {"value": "c", "label": {"zh_CN": "丙"}}, {"value": "d", "label": {"zh_CN": "丁"}},
        {"value": "e", "label": {"zh_CN": "戊"}}]},
      {"key": "secret", "type": "bool", "label": {"zh_CN": "保密"}, "default": false}
    ]}
  ]
}"""


def test_the_form_follows_any_schema(qtbot: QtBot, factory: OrderEditorFactory) -> None:
    schema = load_form_schema(parse_rule_text("intake_form", CUSTOM_FORM, "custom.json"))
    custom = OrderEditorFactory(
        schema, factory.catalog, factory.calculator, clock=lambda: NOW, time_limit_field=None
    )
    form = IntakeFormWidget(custom.new_order("c", "1", NOW))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=2000)
    assert form.field_keys() == ["who", "where", "kind", "secret"]
    assert [box.accessibleName() for box in form.section_boxes()] == ["第一部分"]
    kind = control(form, "kind")
    assert isinstance(kind, QComboBox)  # five options: a list, not radio buttons
    assert [kind.itemText(index) for index in range(kind.count())] == [
        "（未选择）",
        "甲",
        "乙",
        "丙",
        "丁",
        "戊",
    ]
    assert form.due_label.text() == "办结时限：选择办理时限类别后显示"
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert form.editor.values["kind"] == "a"
    where = control(form, "where")
    type_text(qtbot, where, "西湖区文三路 90 号")
    secret = control(form, "secret")
    secret.setFocus()
    qtbot.keyClick(secret, Qt.Key.Key_Space)
    assert where.toPlainText() == "西湖区***"
    assert where.isReadOnly()
    where.setFocus()
    assert where.toPlainText() == "西湖区文三路 90 号"
    assert form.editor.values["where"] == "西湖区文三路 90 号"
    with qtbot.waitSignal(form.submit_requested, timeout=1000) as blocker:
        assert form.submit()
    assert blocker.args[0]["fields"]["where"] == "西湖区文三路 90 号"
    assert blocker.args[0]["protected_fields"] == ["who", "where"]
