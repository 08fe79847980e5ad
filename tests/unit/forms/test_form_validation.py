"""Validation of intake form values: required and conditional fields, lengths, phones, times, options."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from seatclient.forms.schema import FormSchema, load_default
from seatclient.forms.validation import (
    ErrorCode,
    FieldError,
    FormValidator,
    PhoneKind,
    normalise_values,
    parse_phone,
    validate_form,
)

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2025, 11, 22, 10, 0, tzinfo=CHINA)


class FakeCatalog:
    """A two-topic, two-place catalogue; stands in for the taxonomy and places rule files."""

    topics = {("城乡建设", "城市建设和管理"), ("劳动和社会保障", "工资福利")}
    places = {("西湖区", "西溪街道"), ("上城区", "湖滨街道")}

    def is_valid_topic(self, class_name: str, item_name: str) -> bool:
        return (class_name, item_name) in self.topics

    def is_valid_place(self, district: str, street: str) -> bool:
        return (district, street) in self.places


@pytest.fixture(scope="module")
def schema() -> FormSchema:
    return load_default()


@pytest.fixture(scope="module")
def validator(schema: FormSchema) -> FormValidator:
    return FormValidator(schema, FakeCatalog())


def complaint(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "caller_name": "王先生",
        "phone_withheld": False,
        "caller_phone": "13812345678",
        "address": "西湖区文三路 90 号",
        "request_type": "complaint_report",
        "confidential": False,
        "involved_party": "某某餐馆",
        "occurred_at": "2025-11-21T20:00:00+08:00",
        "occurred_location": "文三路 90 号门口",
        "event_description": "餐馆油烟直排，影响居民生活。",
        "caller_request": "要求相关部门核查整改。",
        "business_topic": {"class": "城乡建设", "item": "城市建设和管理"},
        "matter_place": {"district": "西湖区", "street": "西溪街道"},
        "time_limit_class": "general",
    }
    values.update(changes)
    return values


def codes(errors: list[FieldError]) -> list[tuple[str, str]]:
    return [(error.field_key, error.code.value) for error in errors]


def test_a_complete_complaint_is_valid(validator: FormValidator) -> None:
    assert validator.validate(complaint(), NOW) == []


def test_an_empty_form_lists_required_fields_in_form_order(validator: FormValidator) -> None:
    errors = validator.validate({}, NOW)
    assert codes(errors) == [
        ("caller_name", "required"),
        ("caller_phone", "required"),
        ("request_type", "required"),
        ("event_description", "required"),
        ("caller_request", "required"),
        ("business_topic", "required"),
        ("time_limit_class", "required"),
    ]
    assert errors[0].message == "请填写姓名"
    assert errors[2].message == "请选择诉求分类"


def test_an_enquiry_needs_no_content_details(validator: FormValidator) -> None:
    values = complaint(request_type="enquiry", business_topic={"class": "劳动和社会保障", "item": "工资福利"})
    for key in ("address", "involved_party", "occurred_at", "occurred_location", "matter_place"):
        values.pop(key)
    assert validator.validate(values, NOW) == []


def test_a_complaint_requires_who_when_where_and_place(validator: FormValidator) -> None:
    values = complaint()
    for key in ("address", "involved_party", "occurred_at", "occurred_location", "matter_place"):
        values[key] = "" if key != "matter_place" else None
    assert codes(validator.validate(values, NOW)) == [
        ("address", "required"),
        ("involved_party", "required"),
        ("occurred_at", "required"),
        ("occurred_location", "required"),
        ("matter_place", "required"),
    ]


def test_blank_text_counts_as_missing(validator: FormValidator) -> None:
    assert codes(validator.validate(complaint(caller_request="   \n "), NOW)) == [
        ("caller_request", "required")
    ]


def test_place_bound_topic_requires_a_place_for_an_enquiry(validator: FormValidator) -> None:
    values = complaint(request_type="enquiry", matter_place=None)
    assert codes(validator.validate(values, NOW)) == [("matter_place", "required")]
    values["business_topic"] = {"class": "劳动和社会保障", "item": "工资福利"}
    assert validator.validate(values, NOW) == []


@pytest.mark.parametrize(
    ("typed", "e164", "display", "kind"),
    [
        ("13812345678", "+8613812345678", "13812345678", PhoneKind.MOBILE),
        ("19912345678", "+8619912345678", "19912345678", PhoneKind.MOBILE),
        ("138 1234 5678", "+8613812345678", "13812345678", PhoneKind.MOBILE),
        ("+86 138-1234-5678", "+8613812345678", "13812345678", PhoneKind.MOBILE),
        ("１３８１２３４５６７８", "+8613812345678", "13812345678", PhoneKind.MOBILE),  # full-width digits
        ("0571-87654321", "+8657187654321", "0571-87654321", PhoneKind.FIXED_LINE),
        ("057187654321", "+8657187654321", "0571-87654321", PhoneKind.FIXED_LINE),
        ("(0571) 8765 4321", "+8657187654321", "0571-87654321", PhoneKind.FIXED_LINE),
        ("87654321", "+8657187654321", "0571-87654321", PhoneKind.FIXED_LINE),  # local: Hangzhou assumed
        ("0574-87654321", "+8657487654321", "0574-87654321", PhoneKind.FIXED_LINE),  # Ningbo
        ("010-12345678", "+861012345678", "010-12345678", PhoneKind.FIXED_LINE),
        ("021 8765 4321", "+862187654321", "021-87654321", PhoneKind.FIXED_LINE),
    ],
)
def test_valid_phone_numbers_are_normalised(typed: str, e164: str, display: str, kind: PhoneKind) -> None:
    info = parse_phone(typed, "CN", "0571")
    assert info is not None
    assert (info.e164, info.display, info.kind) == (e164, display, kind)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1381234567", "invalid_phone"),  # 10 digits
        ("138123456789", "invalid_phone"),  # 12 digits
        ("10012345678", "invalid_phone"),  # no mobile range starts 100
        ("0571-8765432", "invalid_phone"),  # Hangzhou numbers have 8 digits
        ("8765432", "invalid_phone"),  # 7-digit local number
        ("95588", "invalid_phone"),  # bank service short number
        ("4008001234", "phone_not_personal"),  # 400 service number cannot take a call-back
        ("138abc45678", "invalid_phone"),
        ("+44 7911 123456", "invalid_phone"),  # not a number of the field's region
    ],
)
def test_invalid_phone_numbers_are_refused(validator: FormValidator, typed: str, code: str) -> None:
    assert parse_phone(typed, "CN", "0571") is None
    error = validator.validate_field("caller_phone", complaint(caller_phone=typed), NOW)
    assert error is not None
    assert (error.field_key, error.code.value) == ("caller_phone", code)
    assert "联系电话" in error.message


def test_local_number_needs_the_configured_area_code() -> None:
    assert parse_phone("87654321", "CN", None) is None
    info = parse_phone("87654321", "CN", "0574")
    assert info is not None and info.display == "0574-87654321"


def test_withheld_number_needs_a_reason(validator: FormValidator) -> None:
    withheld = complaint(phone_withheld=True, caller_phone="")
    assert codes(validator.validate(withheld, NOW)) == [("phone_withheld_reason", "required")]
    assert validator.validate_field("phone_withheld_reason", withheld, NOW) == FieldError(
        "phone_withheld_reason", ErrorCode.REQUIRED, "请填写未留电话原因"
    )
    withheld["phone_withheld_reason"] = "来电号码隐藏，来电人拒绝提供"
    assert validator.validate(withheld, NOW) == []


def test_withheld_number_hides_a_typed_number(validator: FormValidator) -> None:
    # A half-typed number left behind when the box was ticked must not block the order.
    values = complaint(phone_withheld=True, caller_phone="1381", phone_withheld_reason="拒绝提供")
    assert validator.validate(values, NOW) == []
    assert "caller_phone" not in normalise_values(validator.schema, values)


def test_a_reason_without_withholding_is_ignored(validator: FormValidator) -> None:
    values = complaint(phone_withheld_reason="x" * 500)  # hidden field: not validated, not sent
    assert validator.validate(values, NOW) == []


@pytest.mark.parametrize(
    ("occurred_at", "code"),
    [
        ("2025-11-22T09:59:00+08:00", None),
        ("2025-11-22T10:04:59+08:00", None),  # within the 5 minutes of clock tolerance
        ("2025-11-22T10:05:01+08:00", "future_time"),
        ("2025-11-23T08:00:00+08:00", "future_time"),
        ("2025-11-22T02:30:00+00:00", "future_time"),  # 10:30 in Hangzhou
        ("2025-11-22T01:30:00+00:00", None),  # 09:30 in Hangzhou
        ("2025-11-22T10:30", "future_time"),  # naive text read in the zone of now
        ("2025-11-22 09:00", None),
        ("昨天晚上", "invalid_datetime"),
        ("2025-13-01T10:00", "invalid_datetime"),
    ],
)
def test_time_of_event_must_not_be_in_the_future(
    validator: FormValidator, occurred_at: str, code: str | None
) -> None:
    error = validator.validate_field("occurred_at", complaint(occurred_at=occurred_at), NOW)
    assert (error.code.value if error else None) == code


def test_datetime_objects_are_accepted(validator: FormValidator) -> None:
    assert (
        validator.validate_field("occurred_at", complaint(occurred_at=NOW - timedelta(days=2)), NOW) is None
    )
    error = validator.validate_field("occurred_at", complaint(occurred_at=NOW + timedelta(hours=1)), NOW)
    assert error is not None and error.message == "事发时间不能晚于当前时间"


def test_lengths(validator: FormValidator) -> None:
    assert validator.validate_field("caller_name", complaint(caller_name="张" * 30), NOW) is None
    error = validator.validate_field("caller_name", complaint(caller_name="张" * 31), NOW)
    assert error == FieldError("caller_name", ErrorCode.TOO_LONG, "姓名不能超过 30 个字（现有 31 个字）")
    error = validator.validate_field("event_description", complaint(event_description="事" * 2001), NOW)
    assert error is not None and error.code is ErrorCode.TOO_LONG


def test_choice_values_must_be_options(validator: FormValidator) -> None:
    error = validator.validate_field("request_type", complaint(request_type="投诉举报"), NOW)
    assert error is not None and error.code is ErrorCode.INVALID_CHOICE
    assert validator.validate_field("time_limit_class", complaint(time_limit_class="quick"), NOW) is None
    error = validator.validate_field("time_limit_class", complaint(time_limit_class="urgent"), NOW)
    assert error is not None and error.code is ErrorCode.INVALID_CHOICE


def test_wrong_value_types(validator: FormValidator) -> None:
    assert codes(validator.validate(complaint(confidential="yes", caller_name=42), NOW)) == [
        ("caller_name", "invalid_type"),
        ("confidential", "invalid_type"),
    ]


def test_topic_values_are_checked_through_the_catalog(validator: FormValidator) -> None:
    unknown = validator.validate_field(
        "business_topic", complaint(business_topic={"class": "城乡建设", "item": "工资福利"}), NOW
    )
    assert unknown is not None and unknown.code is ErrorCode.UNKNOWN_TOPIC
    assert "城乡建设 / 工资福利" in unknown.message
    half = validator.validate_field("business_topic", complaint(business_topic={"class": "城乡建设"}), NOW)
    assert half is not None and half.code is ErrorCode.INCOMPLETE_TOPIC
    wrong = validator.validate_field("business_topic", complaint(business_topic="城乡建设"), NOW)
    assert wrong is not None and wrong.code is ErrorCode.INVALID_TYPE


def test_place_values_are_checked_through_the_catalog(validator: FormValidator) -> None:
    unknown = validator.validate_field(
        "matter_place", complaint(matter_place={"district": "西湖区", "street": "湖滨街道"}), NOW
    )
    assert unknown is not None and unknown.code is ErrorCode.UNKNOWN_PLACE
    half = validator.validate_field(
        "matter_place", complaint(matter_place={"district": "西湖区", "street": ""}), NOW
    )
    assert half is not None and half.code is ErrorCode.INCOMPLETE_PLACE
    assert (
        validator.validate_field(
            "matter_place", complaint(matter_place={"district": "上城区", "street": "湖滨街道"}), NOW
        )
        is None
    )


def test_validate_field_follows_the_other_fields(validator: FormValidator) -> None:
    assert validator.validate_field("involved_party", complaint(involved_party=""), NOW) == FieldError(
        "involved_party", ErrorCode.REQUIRED, "请填写涉及对象"
    )
    assert (
        validator.validate_field("involved_party", complaint(involved_party="", request_type="help"), NOW)
        is None
    )
    with pytest.raises(KeyError):
        validator.validate_field("no_such_field", complaint(), NOW)


def test_required_keys_for_marking_the_form(validator: FormValidator) -> None:
    assert validator.required_keys({"request_type": "enquiry"}) == {
        "caller_name",
        "caller_phone",
        "request_type",
        "event_description",
        "caller_request",
        "business_topic",
        "time_limit_class",
    }
    assert validator.required_keys({"request_type": "help", "phone_withheld": True}) == {
        "caller_name",
        "phone_withheld_reason",
        "address",
        "request_type",
        "occurred_at",
        "occurred_location",
        "event_description",
        "caller_request",
        "business_topic",
        "matter_place",
        "time_limit_class",
    }


def test_english_labels_in_messages(schema: FormSchema) -> None:
    errors = FormValidator(schema, FakeCatalog(), language="en").validate({}, NOW)
    # Without an installed translation the sentence stays Chinese; the label follows the language.
    assert errors[0].message == "请填写Name"


def test_normalise_values_for_the_backend(schema: FormSchema) -> None:
    values = complaint(caller_phone="0571 8765 4321", caller_name="  王先生 ", notes="", unknown_key="x")
    normalised = normalise_values(schema, values)
    assert normalised["caller_phone"] == "+8657187654321"
    assert normalised["caller_name"] == "王先生"
    assert "notes" not in normalised and "unknown_key" not in normalised
    assert "phone_withheld_reason" not in normalised
    assert list(normalised) == [key for key in schema.keys if key in normalised]


def test_validate_form_convenience(schema: FormSchema) -> None:
    assert codes(validate_form(schema, complaint(caller_name=""), FakeCatalog(), NOW)) == [
        ("caller_name", "required")
    ]


def test_now_defaults_to_the_current_time(validator: FormValidator) -> None:
    tomorrow = (datetime.now().astimezone() + timedelta(days=1)).isoformat()
    error = validator.validate_field("occurred_at", complaint(occurred_at=tomorrow))
    assert error is not None and error.code is ErrorCode.FUTURE_TIME


JUNK_VALUES: list[Any] = [
    0,
    3.5,
    -1,
    "x",
    [],
    {},
    True,
    False,
    [1],
    {"class": 1, "item": None},
    {"district": []},
]


def test_junk_values_give_errors_never_exceptions(schema: FormSchema, validator: FormValidator) -> None:
    for key in schema.keys:
        for junk in JUNK_VALUES:
            values = complaint(**{key: junk})
            errors = validator.validate(values, NOW)
            assert all(error.message for error in errors)
            normalise_values(schema, values)
            if isinstance(junk, int | float | list) and not isinstance(junk, bool):
                # No field of the form takes a number or a list: a visible one must report it.
                visible = key not in schema.hidden_fields(values)
                assert (key in {error.field_key for error in errors}) == visible, (key, junk)
