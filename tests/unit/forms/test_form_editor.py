"""The order editor: values, conditions, errors, due dates, masking, drafts and the catalogue adapter."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest

from seatclient.forms.calendar import SHANGHAI, DueDateCalculator, load_default_calculator
from seatclient.forms.drafts import DraftStore
from seatclient.forms.editor import (
    DEFAULT_TIME_LIMIT_FIELD,
    FieldState,
    FormCatalog,
    OrderEditor,
    OrderEditorFactory,
    check_time_limit_field,
)
from seatclient.forms.places import PlaceRef
from seatclient.forms.schema import FormSchema
from seatclient.forms.schema import load_default as load_schema
from seatclient.forms.taxonomy import TopicRef
from seatclient.forms.validation import ErrorCode, FormValidator

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)  # a Tuesday
PACKAGE_KNOWS_2027 = any(day.year == 2027 for day in chinese_calendar.holidays)


@pytest.fixture(scope="module")
def factory() -> OrderEditorFactory:
    return OrderEditorFactory.load_default(clock=lambda: NOW)


def new_editor(factory: OrderEditorFactory, **values: Any) -> OrderEditor:
    return factory.new_order("call-1", "8001", NOW, values)


def complete_complaint(editor: OrderEditor) -> None:
    for key, value in {
        "caller_name": "王先生",
        "caller_phone": "0571-87654321",
        "address": "西湖区文三路 90 号",
        "request_type": "complaint_report",
        "involved_party": "某某餐馆",
        "occurred_location": "文三路 90 号门口",
        "event_description": "餐馆油烟直排。",
        "caller_request": "要求核查整改。",
        "matter_place": {"district": "西湖区", "street": "西溪街道"},
    }.items():
        editor.set_value(key, value)
    editor.set_text("occurred_at", "昨天 20:00")
    editor.set_text("business_topic", "市场监管 / 市场秩序")


# -- the catalogue -------------------------------------------------------------------------------


def test_catalog_checks_and_searches(factory: OrderEditorFactory) -> None:
    catalog = factory.catalog
    assert catalog.is_valid_topic("城乡建设", "城市建设和管理")
    assert not catalog.is_valid_topic("城乡建设", "工资福利")
    assert catalog.is_valid_place("西湖区", "北山街道")
    assert not catalog.is_valid_place("上城区", "北山街道")
    assert catalog.search_topics("gzfl") == [TopicRef("劳动和社会保障", "工资福利")]
    assert catalog.search_districts("xh") == ["西湖区", "余杭区"]
    assert catalog.search_districts("")[:3] == ["上城区", "拱墅区", "西湖区"]
    # Limited to the district, a query finds only its streets; without one, the whole city.
    assert catalog.search_streets("bs", "西湖区") == [PlaceRef("西湖区", "北山街道")]
    assert PlaceRef("拱墅区", "半山街道") in catalog.search_streets("bs")
    assert PlaceRef("拱墅区", "半山街道") in catalog.search_streets("bs", "西湖")  # not a district name
    assert catalog.search_streets("", None) == []
    westlake_streets = catalog.search_streets("", "西湖区", limit=None)
    assert PlaceRef("西湖区", "北山街道") in westlake_streets
    assert all(place.district == "西湖区" for place in westlake_streets)


def test_catalog_resolves_only_unique_item_names(factory: OrderEditorFactory) -> None:
    assert factory.catalog.topic_for_item("工资福利") == TopicRef("劳动和社会保障", "工资福利")
    assert factory.catalog.topic_for_item("其他") is None  # every class has one
    assert factory.catalog.topic_for_item("没有这一项") is None


# -- values and changes --------------------------------------------------------------------------


def test_new_order_starts_from_defaults_and_known_values(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory, caller_phone="13812345678")
    assert editor.values["caller_phone"] == "13812345678"
    assert editor.values["time_limit_class"] == "general"
    assert editor.values["confidential"] is False
    assert editor.values["phone_withheld"] is False
    assert not editor.dirty
    assert editor.revision == 0
    assert editor.call_id == "call-1" and editor.job_number == "8001"
    assert editor.registered_at == NOW


def test_set_value_reports_the_field_error(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    change = editor.set_value("caller_phone", "1381234")
    assert change.changed
    assert change.error is not None and change.error.code is ErrorCode.INVALID_PHONE
    change = editor.set_value("caller_phone", "13812345678")
    assert change.error is None
    assert editor.dirty
    assert editor.revision == 2


def test_setting_the_same_value_changes_nothing(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    change = editor.set_value("time_limit_class", "general")
    assert not change.changed
    assert not editor.dirty
    assert editor.revision == 0
    # A yes/no False is not the number 0, even though Python says False == 0.
    assert editor.set_value("confidential", 0).changed


def test_unknown_key_is_refused(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    with pytest.raises(KeyError):
        editor.set_value("no_such_field", "x")
    with pytest.raises(ValueError):
        editor.set_text("request_type", "help")  # a choice is not typed


def test_condition_changes_are_reported_for_other_fields(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    assert editor.field_state("phone_withheld_reason") == FieldState("phone_withheld_reason", False, False)
    assert editor.field_state("caller_phone") == FieldState("caller_phone", True, True)
    change = editor.set_value("phone_withheld", True)
    assert set(change.affected) == {
        FieldState("phone_withheld_reason", True, True),
        FieldState("caller_phone", False, False),
    }
    change = editor.set_value("request_type", "help")
    assert {state.key for state in change.affected} == {
        "address",
        "occurred_at",
        "occurred_location",
        "matter_place",
    }
    assert all(state.required and state.visible for state in change.affected)
    # Complaint adds "involved party"; the other fields stay required, so they are not reported.
    change = editor.set_value("request_type", "complaint_report")
    assert change.affected == (FieldState("involved_party", True, True),)


def test_errors_and_first_error_key(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    assert editor.first_error_key() == "caller_name"
    assert [error.field_key for error in editor.errors()] == [
        "caller_name",
        "caller_phone",
        "request_type",
        "event_description",
        "caller_request",
        "business_topic",
    ]
    complete_complaint(editor)
    assert editor.errors() == []
    assert editor.first_error_key() is None
    editor.set_value("caller_request", "  ")
    assert editor.first_error_key() == "caller_request"


# -- typed text ------------------------------------------------------------------------------------


def test_datetime_text_is_read_and_shown_in_full(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    change = editor.set_text("occurred_at", "昨天晚上8点")
    assert change.error is None
    assert editor.values["occurred_at"] == "2026-11-23T20:00:00+08:00"
    assert editor.input_text("occurred_at") == "2026-11-23 20:00"
    assert editor.datetime_preview("occurred_at") == "2026-11-23 20:00 星期一"


def test_unreadable_or_future_datetime_is_kept_and_refused(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    change = editor.set_text("occurred_at", "上周")
    assert change.error is not None and change.error.code is ErrorCode.INVALID_DATETIME
    assert editor.values["occurred_at"] == "上周"  # kept for the draft, shown back as typed
    assert editor.input_text("occurred_at") == "上周"
    assert editor.datetime_preview("occurred_at") == ""
    change = editor.set_text("occurred_at", "今天 10:30")  # 30 minutes after NOW
    assert change.error is not None and change.error.code is ErrorCode.FUTURE_TIME
    change = editor.set_text("occurred_at", "")
    assert editor.values["occurred_at"] is None
    assert change.error is None  # not required while the request type is unset


def test_topic_text(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    editor.set_text("business_topic", "城乡建设 / 城市建设和管理")
    assert editor.values["business_topic"] == {"class": "城乡建设", "item": "城市建设和管理"}
    assert editor.input_text("business_topic") == "城乡建设 / 城市建设和管理"
    editor.set_text("business_topic", "工资福利")  # a unique item name is enough
    assert editor.values["business_topic"] == {"class": "劳动和社会保障", "item": "工资福利"}
    change = editor.set_text("business_topic", "gzfl")  # typed, not chosen
    assert change.error is not None and change.error.code is ErrorCode.INCOMPLETE_TOPIC
    assert editor.input_text("business_topic") == "gzfl"
    change = editor.set_text("business_topic", "城乡建设／工资福利")
    assert change.error is not None and change.error.code is ErrorCode.UNKNOWN_TOPIC
    editor.set_text("business_topic", " ")
    assert editor.values["business_topic"] is None


# -- due date ------------------------------------------------------------------------------------


def test_due_date_follows_the_time_limit_class(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    due = editor.due_date()
    assert due is not None
    assert (due.due_date, due.working_days, due.provisional) == (date(2026, 12, 3), 7, False)
    change = editor.set_value("time_limit_class", "quick")
    assert change.due_date_changed
    due = editor.due_date()
    assert due is not None and (due.due_date, due.working_days) == (date(2026, 11, 27), 3)
    assert not editor.set_value("caller_name", "王").due_date_changed


def test_due_date_counts_over_the_national_day_holiday() -> None:
    factory = OrderEditorFactory.load_default(clock=lambda: NOW)
    # Registered on 30 September 2025: 1-8 October off, Saturday 11 October a make-up working day.
    editor = factory.new_order(
        "c", "8001", datetime(2025, 9, 30, 9, 0, tzinfo=SHANGHAI), {"time_limit_class": "quick"}
    )
    due = editor.due_date()
    assert due is not None and due.due_date == date(2025, 10, 11)


@pytest.mark.skipif(PACKAGE_KNOWS_2027, reason="installed chinese-calendar knows 2027")
def test_due_date_past_the_holiday_data_is_provisional(factory: OrderEditorFactory) -> None:
    editor = factory.new_order("c", "8001", datetime(2026, 12, 28, 9, 0, tzinfo=SHANGHAI))
    due = editor.due_date()
    assert due is not None
    assert (due.due_date, due.provisional) == (date(2027, 1, 6), True)


def test_no_due_date_without_a_class(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    editor.set_value("time_limit_class", None)
    assert editor.due_date() is None
    editor.set_value("time_limit_class", "extra_urgent")  # from an old draft, not in ZJ-2025
    assert editor.due_date() is None


def test_time_limit_field_must_fit_the_policy() -> None:
    schema = load_schema()
    calculator = load_default_calculator()
    check_time_limit_field(schema, calculator, DEFAULT_TIME_LIMIT_FIELD)
    with pytest.raises(ValueError, match="HZ-2020"):
        check_time_limit_field(schema, calculator, DEFAULT_TIME_LIMIT_FIELD, "HZ-2020")
    with pytest.raises(ValueError, match="choice"):
        check_time_limit_field(schema, calculator, "caller_name")
    with pytest.raises(ValueError, match="missing"):
        check_time_limit_field(schema, calculator, "missing")


# -- masking -------------------------------------------------------------------------------------


def test_masked_text_only_for_confidential_identity_fields(factory: OrderEditorFactory) -> None:
    editor = new_editor(
        factory, caller_name="张三丰", caller_phone="13812345678", address="西湖区文三路 90 号"
    )
    assert editor.masked_text("caller_name") is None
    change = editor.set_value("confidential", True)
    assert change.masking_changed
    assert editor.masked_text("caller_name") == "张**"
    assert editor.masked_text("caller_phone") == "138****5678"
    assert editor.masked_text("address") == "西湖区***"
    assert editor.masked_text("event_description") is None  # no confidential_mask
    editor.set_value("caller_name", "")
    assert editor.masked_text("caller_name") is None
    assert editor.set_value("confidential", False).masking_changed  # back to plain: redraw
    assert editor.masked_text("caller_phone") is None
    assert not editor.set_value("caller_phone", "13812345679").masking_changed


def test_title_display_values_and_log_are_masked_when_confidential(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory, caller_name="张三丰", caller_phone="13812345678", request_type="help")
    assert editor.title() == "求助 · 张三丰 · 13812345678"
    editor.set_value("confidential", True)
    editor.set_text("event_description", "张三丰说楼下噪音大，电话13812345678。")
    assert editor.title() == "求助 · 张** · 138****5678"
    shown = editor.display_values()
    assert shown["caller_name"] == "张**"
    assert "张三丰" not in shown["event_description"] and "13812345678" not in shown["event_description"]
    assert "张三丰" not in editor.log_summary() and "13812345678" not in editor.log_summary()
    assert editor.values["caller_name"] == "张三丰"  # the real value is untouched


# -- drafts --------------------------------------------------------------------------------------


def test_draft_and_payload(factory: OrderEditorFactory) -> None:
    editor = new_editor(factory)
    complete_complaint(editor)
    draft = editor.draft(NOW + timedelta(minutes=3))
    assert draft.call_id == "call-1" and draft.job_number == "8001"
    assert draft.created_at == NOW
    assert draft.updated_at == NOW + timedelta(minutes=3)
    assert draft.values["occurred_at"] == "2026-11-23T20:00:00+08:00"
    payload = editor.payload()
    assert payload["fields"]["caller_phone"] == "+8657187654321"
    assert payload["fields"]["business_topic"] == {"class": "市场监管", "item": "市场秩序"}
    assert "phone_withheld_reason" not in payload["fields"]  # hidden
    assert payload["confidential"] is False and payload["protected_fields"] == []


def test_autosave_writes_only_when_dirty(tmp_path: Path, factory: OrderEditorFactory) -> None:
    with DraftStore(tmp_path / "drafts.sqlite3") as store:
        editor = new_editor(factory)
        assert editor.autosave(store) is False
        assert store.get("8001", "call-1") is None
        editor.set_value("caller_name", "李女士")
        assert editor.autosave(store, NOW + timedelta(seconds=5)) is True
        assert not editor.dirty
        saved = store.get("8001", "call-1")
        assert saved is not None
        assert saved.values["caller_name"] == "李女士"
        assert saved.updated_at == NOW + timedelta(seconds=5)
        assert editor.autosave(store) is False  # nothing new
        editor.set_value("caller_name", "李女士")  # same value: still clean
        assert editor.autosave(store) is False


def test_failed_save_keeps_the_editor_dirty(factory: OrderEditorFactory) -> None:
    class BrokenStore(DraftStore):
        def __init__(self) -> None:  # no database at all
            pass

        def save(self, draft: Any) -> bool:
            raise OSError("disk full")

    editor = new_editor(factory)
    editor.set_value("caller_name", "李女士")
    with pytest.raises(OSError):
        editor.autosave(BrokenStore())
    assert editor.dirty


def test_submitted_order_is_not_saved_again(tmp_path: Path, factory: OrderEditorFactory) -> None:
    with DraftStore(tmp_path / "drafts.sqlite3") as store:
        editor = new_editor(factory)
        editor.set_value("caller_name", "李女士")
        editor.autosave(store)
        assert editor.mark_submitted(store) is True
        assert editor.submitted
        editor.set_value("caller_name", "李女士2")
        assert editor.autosave(store) is False
        assert store.load_for("8001") == []


def test_resume_reopens_a_draft(tmp_path: Path, factory: OrderEditorFactory) -> None:
    with DraftStore(tmp_path / "drafts.sqlite3") as store:
        editor = new_editor(factory)
        editor.set_text("occurred_at", "昨天 20:00")
        editor.set_value("time_limit_class", "quick")
        editor.autosave(store)
        draft = store.latest_for("8001")
    assert draft is not None
    resumed = factory.resume(draft)
    assert resumed.call_id == "call-1"
    assert resumed.registered_at == NOW
    assert resumed.input_text("occurred_at") == "2026-11-23 20:00"
    due = resumed.due_date()
    assert due is not None and due.due_date == date(2026, 11, 27)
    assert not resumed.dirty


def test_editor_refuses_bad_construction(factory: OrderEditorFactory) -> None:
    schema: FormSchema = factory.schema
    calculator: DueDateCalculator = factory.calculator
    validator = FormValidator(schema, factory.catalog)
    with pytest.raises(ValueError, match="time zone"):
        OrderEditor(
            schema,
            validator,
            factory.catalog,
            calculator,
            call_id="c",
            job_number="1",
            registered_at=datetime(2026, 1, 1),
        )
    with pytest.raises(ValueError, match="call id"):
        OrderEditor(
            schema, validator, factory.catalog, calculator, call_id="", job_number="1", registered_at=NOW
        )
    other_schema_validator = FormValidator(load_schema(), factory.catalog)
    with pytest.raises(ValueError, match="same schema"):
        OrderEditor(
            schema,
            other_schema_validator,
            factory.catalog,
            calculator,
            call_id="c",
            job_number="1",
            registered_at=NOW,
        )


def test_editor_without_a_time_limit_field(factory: OrderEditorFactory) -> None:
    editor = OrderEditor(
        factory.schema,
        factory.validator,
        FormCatalog(factory.catalog.taxonomy, factory.catalog.places),
        factory.calculator,
        call_id="c",
        job_number="1",
        registered_at=datetime(2026, 11, 24, 2, 0, tzinfo=UTC),
        time_limit_field=None,
    )
    assert editor.due_date() is None
    assert not editor.set_value("time_limit_class", "quick").due_date_changed
