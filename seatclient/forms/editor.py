"""The order being edited (工单录入): values, live validation, conditions, due date, masking and autosave.

A call-taker types the order while talking, so the editor answers every keystroke at once: the
field's error, which other fields appeared, disappeared or became required, whether the due date or
the masking changed. The widget shows what the editor says and decides no rule itself.

Nothing here imports Qt widgets; time is always passed in or read from an injected clock, so the
whole behaviour is testable without a display. The pieces shared by every order (schema, validator,
catalogue, due-date calculator) are built once by :class:`OrderEditorFactory`, which hands out one
:class:`OrderEditor` per call. :class:`AutosavePolicy` says when a draft save is due; the Qt
controller only runs a timer for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from types import MappingProxyType
from typing import Any

from seatclient.forms.calendar import SHANGHAI, DueDate, DueDateCalculator, load_default_calculator
from seatclient.forms.drafts import DraftStore
from seatclient.forms.masking import masked_values, order_log_summary, order_title
from seatclient.forms.order import OrderDraft, json_safe
from seatclient.forms.places import PlaceRef, Places
from seatclient.forms.places import load_default as load_default_places
from seatclient.forms.schema import FieldSpec, FieldType, FormSchema, is_filled
from seatclient.forms.schema import load_default as load_default_schema
from seatclient.forms.taxonomy import Taxonomy, TopicRef
from seatclient.forms.taxonomy import load_default as load_default_taxonomy
from seatclient.forms.time_limits import TimeLimitLookupError
from seatclient.forms.validation import FieldError, FormValidator, parse_datetime_value
from seatclient.i18n import tr
from seatclient.rules import RuleBook

DEFAULT_TIME_LIMIT_FIELD = "time_limit_class"
"""The key of the choice field holding the time-limit class in the shipped form."""

TEXT_INPUT_TYPES = frozenset(
    {FieldType.TEXT, FieldType.MULTILINE, FieldType.PHONE, FieldType.DATETIME, FieldType.TOPIC}
)
"""Field types typed as one piece of text; :meth:`OrderEditor.set_text` turns that text into the value."""

TOPIC_SEPARATORS = ("/", "／")
"""What may separate class and item in typed topic text (``城乡建设 / 城市建设和管理``)."""


def to_beijing(moment: datetime) -> datetime:
    """Return ``moment`` as Beijing time; a naive value is taken as Beijing time already.

    The hotline is provincial: a time a caller says ("昨晚 8 点") is Beijing time whatever zone the
    server clock reports in.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=SHANGHAI)
    return moment.astimezone(SHANGHAI)


# ---------------------------------------------------------------------------------------------------
# Typed date-times
# ---------------------------------------------------------------------------------------------------

_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "大前天": 3}
_NOW_WORDS = frozenset({"现在", "刚才", "刚刚"})
_AFTERNOON = frozenset({"下午", "傍晚", "晚上", "夜里", "夜间"})
_MORNING = frozenset({"凌晨", "早上", "早晨", "上午"})
_TYPED_DATETIME = re.compile(
    r"""
    ^(?:
        (?P<relative>大前天|前天|昨天|昨日|今天|今日)
      | (?:(?P<year>\d{4})\s*[-/.年]\s*)?(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})\s*[日号]?
    )?
    \s*[T,，]?\s*
    (?P<period>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间)?
    \s*
    (?:(?P<hour>\d{1,2})\s*[:：点时]\s*(?:(?P<minute>\d{1,2})\s*分?|(?P<half>半))?)?
    $""",
    re.VERBOSE,
)


def parse_datetime_input(text: str, now: datetime) -> datetime | None:
    """Read a date-time as a call-taker types it; ``None`` when it cannot be read.

    Accepted, in Beijing time (``now`` gives today and the year): ISO 8601 (``2025-11-21 20:00``,
    ``2025-11-21T20:00:00+08:00``); ``2025/11/21 20:00``, ``2025年11月21日 20时30分``; a date of
    this year (``11-21 20:00``, ``11月21日``); a time today (``20:00``, ``8点半``); ``今天``,
    ``昨天``, ``前天``, ``大前天`` with or without a time; a part of the day before the hour
    (``昨天晚上8点`` is 20:00); ``现在``, ``刚才``. A date without a time means the start of the day.
    Full-width digits and colons typed with a Chinese input method are accepted.

    Args:
        text: what was typed.
        now: the current time (aware or naive Beijing time).

    Returns:
        An aware datetime in Beijing time, to the minute (seconds kept only from ISO text).
    """
    compact = unicodedata.normalize("NFKC", text).strip()
    if not compact:
        return None
    local_now = to_beijing(now)
    if compact in _NOW_WORDS:
        return local_now.replace(second=0, microsecond=0)
    try:
        iso = datetime.fromisoformat(compact)
    except ValueError:
        iso = None
    if iso is not None:
        return to_beijing(iso)
    match = _TYPED_DATETIME.match(compact)
    if match is None:
        return None
    parts = match.groupdict()
    has_date = parts["relative"] is not None or parts["month"] is not None
    has_time = parts["hour"] is not None
    if not has_date and not has_time:
        return None
    if parts["period"] is not None and not has_time:
        return None
    day: date = local_now.date()
    try:
        if parts["relative"] is not None:
            day = day - timedelta(days=_RELATIVE_DAYS[parts["relative"]])
        elif parts["month"] is not None:
            year = int(parts["year"]) if parts["year"] else day.year
            day = date(year, int(parts["month"]), int(parts["day"]))
        hour = int(parts["hour"]) if has_time else 0
        minute = 30 if parts["half"] else int(parts["minute"] or 0)
        hour = _apply_period(parts["period"], hour)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)
    except ValueError:
        return None


def _apply_period(period: str | None, hour: int) -> int:
    """Turn a 12-hour reading with a part of the day ("下午 3 点") into the 24-hour clock."""
    if period in _AFTERNOON and 1 <= hour < 12:
        return hour + 12
    if period == "中午" and 1 <= hour < 11:
        return hour + 12
    if period in _MORNING and hour == 12:
        return 0
    return hour


def format_datetime_value(value: Any, zone: tzinfo = SHANGHAI) -> str:
    """Return a stored date-time value as shown in the form (``2025-11-21 20:00``); ``""`` when unreadable."""
    moment = parse_datetime_value(value)
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------------------------------------------
# The catalogue of topics and places
# ---------------------------------------------------------------------------------------------------


class FormCatalog:
    """The business topics and places a form offers: checks for validation, searches for completion.

    Implements :class:`seatclient.forms.validation.OptionCatalog`.

    Args:
        taxonomy: the business-topic index (HZ appendix E).
        places: the districts and their streets, towns and townships.
    """

    def __init__(self, taxonomy: Taxonomy, places: Places) -> None:
        self.taxonomy = taxonomy
        self.places = places
        items: dict[str, list[TopicRef]] = {}
        for topic in taxonomy.topics():
            items.setdefault(topic.item_name, []).append(topic)
        # Only an item name found in exactly one class identifies a topic ("其他" is in every class).
        self._unique_items = {name: refs[0] for name, refs in items.items() if len(refs) == 1}

    @classmethod
    def load_default(cls, rule_book: RuleBook | None = None) -> FormCatalog:
        """Build the catalogue from the taxonomy and places rule files in force."""
        book = rule_book or RuleBook()
        return cls(load_default_taxonomy(book), load_default_places(book))

    def is_valid_topic(self, class_name: str, item_name: str) -> bool:
        """Tell whether ``item_name`` is a second-level item of the class ``class_name``."""
        return self.taxonomy.is_valid(class_name, item_name)

    def is_valid_place(self, district: str, street: str) -> bool:
        """Tell whether ``street`` (a street, town or township) lies in ``district``."""
        return self.places.is_valid(district, street)

    def topic_for_item(self, item_name: str) -> TopicRef | None:
        """Return the topic whose item is called ``item_name``, or ``None`` when none or several are."""
        return self._unique_items.get(item_name)

    def search_topics(self, query: str, limit: int | None = 20) -> list[TopicRef]:
        """Find topics by item name or "class / item", in Chinese, full pinyin or initials, best first."""
        return self.taxonomy.search(query, limit)

    def search_districts(self, query: str, limit: int | None = 20) -> list[str]:
        """Find district names by name, short name or pinyin; an empty query lists every district."""
        if not query.strip():
            names = [district.name for district in self.places.districts]
            return names if limit is None else names[:limit]
        return [district.name for district in self.places.search_districts(query, limit)]

    def search_streets(
        self, query: str, district: str | None = None, limit: int | None = 20
    ) -> list[PlaceRef]:
        """Find streets, towns and townships, best first.

        Args:
            query: Chinese, full pinyin or initials; empty lists the district's streets (nothing
                when no district is known).
            district: limit the search to this district when it is a known district name;
                otherwise the whole city is searched.
            limit: the most results; ``None`` for all.
        """
        known = self.places.district(district) if district else None
        if not query.strip():
            if known is None:
                return []
            refs = [PlaceRef(known.name, street) for street in known.streets]
            return refs if limit is None else refs[:limit]
        return self.places.search_streets(query, known.name if known else None, limit)


# ---------------------------------------------------------------------------------------------------
# The editor
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldState:
    """Whether a field is shown and must be filled, for the values as they are now.

    Attributes:
        key: the field key.
        visible: ``False`` when a ``visible_if`` condition hides it (then it is neither checked nor sent).
        required: whether it must be filled now.
    """

    key: str
    visible: bool
    required: bool


@dataclass(frozen=True)
class ValueChange:
    """What one change of a field value did to the form.

    Attributes:
        key: the field changed.
        changed: ``False`` when the new value equals the old one (nothing else happened).
        error: the field's error for the new value, or ``None`` when it is fine.
        affected: the other fields whose visibility or required-ness changed, with their new state.
        masking_changed: the confidentiality changed, so masked displays must be redrawn.
        due_date_changed: the time-limit class changed, so the due date must be redrawn.
    """

    key: str
    changed: bool
    error: FieldError | None
    affected: tuple[FieldState, ...] = ()
    masking_changed: bool = False
    due_date_changed: bool = False


def check_time_limit_field(
    schema: FormSchema, calculator: DueDateCalculator, field_key: str, policy: str | None = None
) -> None:
    """Check that ``field_key`` is a choice field whose options are classes of the time-limit policy.

    Raises:
        ValueError: with a Chinese message naming the field and the allowed class codes, when the
            form and the time-limit rules disagree (for example after switching the default policy).
    """
    if not schema.has_field(field_key):
        raise ValueError(tr("OrderEditor", "表单中没有办理时限字段 {key}").format(key=field_key))
    spec = schema.field(field_key)
    if spec.type is not FieldType.CHOICE:
        raise ValueError(tr("OrderEditor", "办理时限字段 {key} 必须是 choice 类型").format(key=field_key))
    try:
        chosen = calculator.time_limits.policy(policy)
    except TimeLimitLookupError as exc:
        raise ValueError(str(exc)) from exc
    allowed = chosen.class_codes()
    unknown = [option.value for option in spec.options if option.value not in allowed]
    if unknown:
        raise ValueError(
            tr(
                "OrderEditor",
                "办理时限字段 {key} 的选项 {unknown} 不是办理时限政策 {policy} 的类别，可用：{allowed}",
            ).format(
                key=field_key, unknown="、".join(unknown), policy=chosen.name, allowed="、".join(allowed)
            )
        )


def _default_clock() -> datetime:
    return datetime.now().astimezone()


class OrderEditor:
    """One order being recorded: its values and everything the form shows about them.

    Build it through :class:`OrderEditorFactory` (one per answered call). All times are aware; the
    clock is the backend's clock (``ServerClock.now``) so "not in the future" and relative dates
    ("昨天") follow the server, not the workstation.

    Args:
        schema: the form.
        validator: the validator of ``schema``.
        catalog: the topics and places (checks and searches).
        calculator: due dates from time-limit classes.
        call_id: the call the order records.
        job_number: the call-taker's job number (工号).
        registered_at: when the order was registered (server time of answering; aware); the due
            date counts from it and it is the draft's creation time.
        values: initial values overlaid on the form's defaults (e.g. the caller's number), or a
            resumed draft's values.
        clock: the current time (aware); the local clock when ``None``.
        time_limit_field: the key of the choice field holding the time-limit class, or ``None``
            when the form has none (no due date is shown then).
        time_limit_policy: the time-limit policy name; the rules' default when ``None``.
        language: the language of labels inside messages (``"zh_CN"`` or ``"en"``).

    Raises:
        ValueError: when ``registered_at`` is naive, ids are empty, or the time-limit field does not
            fit the time-limit rules.
    """

    def __init__(
        self,
        schema: FormSchema,
        validator: FormValidator,
        catalog: FormCatalog,
        calculator: DueDateCalculator,
        *,
        call_id: str,
        job_number: str,
        registered_at: datetime,
        values: Mapping[str, Any] | None = None,
        clock: Callable[[], datetime] | None = None,
        time_limit_field: str | None = DEFAULT_TIME_LIMIT_FIELD,
        time_limit_policy: str | None = None,
        language: str = "zh_CN",
    ) -> None:
        if validator.schema is not schema:
            raise ValueError("the validator must be built for the same schema")
        if registered_at.tzinfo is None or registered_at.utcoffset() is None:
            raise ValueError("registered_at must carry a time zone")
        if not call_id or not job_number:
            raise ValueError("an order needs a call id and a job number")
        if time_limit_field is not None:
            check_time_limit_field(schema, calculator, time_limit_field, time_limit_policy)
        self._schema = schema
        self._validator = validator
        self._catalog = catalog
        self._calculator = calculator
        self._call_id = call_id
        self._job_number = job_number
        self._registered_at = registered_at
        self._clock = clock or _default_clock
        self._time_limit_field = time_limit_field
        self._time_limit_policy = time_limit_policy
        self._language = language
        self._values: dict[str, Any] = json_safe({**schema.defaults(), **(values or {})})
        self._states = self._compute_states()
        self._dirty = False
        self._submitted = False
        self._revision = 0

    # -- what the editor holds ---------------------------------------------------------------------

    @property
    def schema(self) -> FormSchema:
        """The form."""
        return self._schema

    @property
    def catalog(self) -> FormCatalog:
        """The topics and places, for completion lists."""
        return self._catalog

    @property
    def call_id(self) -> str:
        """The call the order records."""
        return self._call_id

    @property
    def job_number(self) -> str:
        """The call-taker's job number."""
        return self._job_number

    @property
    def registered_at(self) -> datetime:
        """When the order was registered (aware)."""
        return self._registered_at

    @property
    def language(self) -> str:
        """The language of labels (``"zh_CN"`` or ``"en"``)."""
        return self._language

    @property
    def time_limit_field(self) -> str | None:
        """The key of the time-limit class field, or ``None``."""
        return self._time_limit_field

    @property
    def values(self) -> Mapping[str, Any]:
        """The current values (read-only view; JSON-compatible, date-times as ISO text)."""
        return MappingProxyType(self._values)

    def value(self, key: str) -> Any:
        """Return the value of field ``key`` (``None`` when empty); raises ``KeyError`` for an unknown key."""
        self._schema.field(key)
        return self._values.get(key)

    @property
    def confidential(self) -> bool:
        """Whether the caller asked for confidentiality (the form's confidential field is ticked)."""
        return self._values.get(self._schema.confidential_field) is True

    @property
    def dirty(self) -> bool:
        """Whether values changed since the last save (or since the editor was made)."""
        return self._dirty

    @property
    def revision(self) -> int:
        """How many changes were made; grows by one per change that altered a value."""
        return self._revision

    @property
    def submitted(self) -> bool:
        """Whether the order was submitted; a submitted order is no longer autosaved."""
        return self._submitted

    def now(self) -> datetime:
        """The current time of the editor's clock."""
        return self._clock()

    # -- changing values ---------------------------------------------------------------------------

    def set_value(self, key: str, value: Any) -> ValueChange:
        """Set field ``key`` to ``value`` and report what that did.

        Values are kept JSON-compatible: a ``datetime`` becomes ISO text. Setting the value a field
        already has changes nothing and leaves the editor clean.

        Raises:
            KeyError: for a key the form does not have.
        """
        self._schema.field(key)
        new_value = json_safe(value)
        old_value = self._values.get(key)
        # type() too: True == 1 and {"a": 1} == {"a": True}, but they are different answers.
        if type(old_value) is type(new_value) and old_value == new_value:
            return ValueChange(key=key, changed=False, error=self.field_error(key))
        was_confidential = self.confidential
        self._values[key] = new_value
        self._dirty = True
        self._revision += 1
        old_states = self._states
        self._states = self._compute_states()
        affected = tuple(
            state for other, state in self._states.items() if other != key and state != old_states.get(other)
        )
        return ValueChange(
            key=key,
            changed=True,
            error=self.field_error(key),
            affected=affected,
            # While confidential, any change may alter a mask (the place shapes the masked address).
            masking_changed=was_confidential or self.confidential,
            due_date_changed=key == self._time_limit_field,
        )

    def set_text(self, key: str, text: str) -> ValueChange:
        """Set a text-typed field from what was typed.

        Text, multi-line and phone fields keep the text as typed (normalised only when sent).
        Date-time text is read with :func:`parse_datetime_input`; text that cannot be read is kept
        as typed so the field shows an error and the draft keeps it. Topic text is
        ``class / item``; an item name alone is enough when no other class has an item of that name.

        Raises:
            KeyError: for a key the form does not have.
            ValueError: for a field not typed as text (choice, yes/no, place).
        """
        spec = self._schema.field(key)
        if spec.type not in TEXT_INPUT_TYPES:
            raise ValueError(f"field {key} of type {spec.type} is not typed as text")
        return self.set_value(key, self._value_from_text(spec, text))

    def _value_from_text(self, spec: FieldSpec, text: str) -> Any:
        if spec.type is FieldType.DATETIME:
            if not text.strip():
                return None
            moment = parse_datetime_input(text, self._clock())
            return moment.isoformat() if moment is not None else text
        if spec.type is FieldType.TOPIC:
            return self.topic_from_text(text)
        return text

    def topic_from_text(self, text: str) -> dict[str, str] | None:
        """Return the topic value for typed text: ``城乡建设 / 城市建设和管理`` → ``{"class", "item"}``.

        An item name alone resolves when it is unique in the taxonomy; otherwise the class is left
        empty so validation asks for the class. Empty text gives ``None``.
        """
        compact = text.strip()
        if not compact:
            return None
        for separator in TOPIC_SEPARATORS:
            if separator in compact:
                class_name, _, item_name = compact.partition(separator)
                return {"class": class_name.strip(), "item": item_name.strip()}
        found = self._catalog.topic_for_item(compact)
        if found is not None:
            return found.to_json()
        return {"class": "", "item": compact}

    def input_text(self, key: str) -> str:
        """Return a text-typed field's value as it is shown in its input box.

        Date-times show as ``2025-11-21 20:00`` (text that could not be read is shown as typed),
        topics as ``class / item``.
        """
        spec = self._schema.field(key)
        value = self._values.get(key)
        if value is None:
            return ""
        if spec.type is FieldType.DATETIME:
            return format_datetime_value(value) or (value if isinstance(value, str) else "")
        if spec.type is FieldType.TOPIC:
            if not isinstance(value, Mapping):
                return ""
            class_name = str(value.get("class") or "").strip()
            item_name = str(value.get("item") or "").strip()
            return TopicRef(class_name, item_name).label() if class_name else item_name
        return value if isinstance(value, str) else ""

    def datetime_preview(self, key: str) -> str:
        """Return how a date-time field's value was understood (``2025-11-21 20:00 星期五``), or ``""``."""
        moment = parse_datetime_value(self._values.get(key))
        if moment is None:
            return ""
        local = to_beijing(moment)
        weekday = (
            tr("OrderEditor", "星期一"),
            tr("OrderEditor", "星期二"),
            tr("OrderEditor", "星期三"),
            tr("OrderEditor", "星期四"),
            tr("OrderEditor", "星期五"),
            tr("OrderEditor", "星期六"),
            tr("OrderEditor", "星期日"),
        )[local.weekday()]
        return f"{local:%Y-%m-%d %H:%M} {weekday}"

    # -- conditions and errors ---------------------------------------------------------------------

    def _compute_states(self) -> dict[str, FieldState]:
        hidden = self._schema.hidden_fields(self._values)
        required = self._validator.required_keys(self._values)
        return {
            key: FieldState(key=key, visible=key not in hidden, required=key in required)
            for key in self._schema.keys
        }

    def field_state(self, key: str) -> FieldState:
        """Return whether field ``key`` is visible and required now; ``KeyError`` for an unknown key."""
        return self._states[key]

    def field_states(self) -> dict[str, FieldState]:
        """Return the state of every field, in form order."""
        return dict(self._states)

    def field_error(self, key: str) -> FieldError | None:
        """Return the error of field ``key`` for the current values, or ``None``."""
        return self._validator.validate_field(key, self._values, self._clock())

    def errors(self) -> list[FieldError]:
        """Return every error of the form, in form order (what blocks submission)."""
        return self._validator.validate(self._values, self._clock())

    def first_error_key(self) -> str | None:
        """Return the key of the first field with an error, in form order, or ``None`` when valid."""
        errors = self.errors()
        return errors[0].field_key if errors else None

    # -- due date ----------------------------------------------------------------------------------

    def due_date(self) -> DueDate | None:
        """Return the due date for the chosen time-limit class, or ``None`` when none is chosen."""
        if self._time_limit_field is None:
            return None
        class_code = self._values.get(self._time_limit_field)
        if not isinstance(class_code, str) or not class_code:
            return None
        try:
            return self._calculator.due(self._registered_at, class_code, self._time_limit_policy)
        except TimeLimitLookupError:
            # A value from an old draft that the current policy no longer has: no due date, and the
            # field's own validation reports the bad option.
            return None

    # -- masking -----------------------------------------------------------------------------------

    def masked_text(self, key: str) -> str | None:
        """Return what a field shows while it is not being edited, when that must be masked.

        ``None`` means show the real value: the order is not confidential, the field carries no
        ``confidential_mask``, or it is empty.
        """
        spec = self._schema.field(key)
        if not self.confidential or spec.confidential_mask is None:
            return None
        value = self._values.get(key)
        if not isinstance(value, str) or not is_filled(value):
            return None
        masked = masked_values(self._schema, self._values).get(key)
        return masked if isinstance(masked, str) else None

    def display_values(self) -> dict[str, Any]:
        """Return the values as lists may show them: masked when the order is confidential."""
        if not self.confidential:
            return dict(self._values)
        return masked_values(self._schema, self._values)

    def title(self) -> str:
        """Return a one-line title (list rows, window titles), masked when the order is confidential."""
        return order_title(self._schema, self.draft(), self._language)

    def log_summary(self) -> str:
        """Return a line describing the order for logs, with the caller's identity always masked."""
        return order_log_summary(self._schema, self.draft())

    # -- drafts and submission ---------------------------------------------------------------------

    def draft(self, now: datetime | None = None) -> OrderDraft:
        """Return the order as a draft; ``now`` (aware) is its update time, the clock's time when ``None``."""
        return OrderDraft(
            call_id=self._call_id,
            job_number=self._job_number,
            values=self._values,
            confidential=self.confidential,
            created_at=self._registered_at,
            updated_at=now if now is not None else self._clock(),
        )

    def payload(self, now: datetime | None = None) -> dict[str, Any]:
        """Return the order as sent to the backend (see :meth:`OrderDraft.to_payload`)."""
        return self.draft(now).to_payload(self._schema)

    def mark_clean(self) -> None:
        """Note that the current values are saved."""
        self._dirty = False

    def autosave(self, store: DraftStore, now: datetime | None = None) -> bool:
        """Save the draft when values changed since the last save; returns whether it was written.

        A submitted order is not saved again, and a save the store refuses (the draft was already
        submitted from elsewhere) also clears the dirty flag, so it is not retried forever. When the
        store raises, the editor stays dirty and the next call tries again.
        """
        if not self._dirty or self._submitted:
            return False
        revision = self._revision
        written = store.save(self.draft(now))
        if self._revision == revision:
            self._dirty = False
        return written

    def mark_submitted(self, store: DraftStore, now: datetime | None = None) -> bool:
        """Mark the order submitted in ``store`` and stop autosaving it; returns the store's answer."""
        self._submitted = True
        self._dirty = False
        return store.mark_submitted(self._job_number, self._call_id, now or self._clock())


class OrderEditorFactory:
    """What every order shares, built once: schema, validator, catalogue, due dates and the clock.

    Args:
        schema: the form.
        catalog: the topics and places.
        calculator: due dates from time-limit classes.
        clock: the current time (aware; pass ``ServerClock.now``); the local clock when ``None``.
        time_limit_field: the key of the time-limit class field, ``None`` for a form without one.
        time_limit_policy: the time-limit policy; the rules' default when ``None``.
        language: the language of labels and messages.

    Raises:
        ValueError: when the time-limit field does not fit the time-limit rules.
    """

    def __init__(
        self,
        schema: FormSchema,
        catalog: FormCatalog,
        calculator: DueDateCalculator,
        *,
        clock: Callable[[], datetime] | None = None,
        time_limit_field: str | None = DEFAULT_TIME_LIMIT_FIELD,
        time_limit_policy: str | None = None,
        language: str = "zh_CN",
    ) -> None:
        if time_limit_field is not None:
            check_time_limit_field(schema, calculator, time_limit_field, time_limit_policy)
        self.schema = schema
        self.catalog = catalog
        self.calculator = calculator
        self.validator = FormValidator(schema, catalog, language)
        self.clock = clock or _default_clock
        self.time_limit_field = time_limit_field
        self.time_limit_policy = time_limit_policy
        self.language = language

    @classmethod
    def load_default(
        cls,
        rule_book: RuleBook | None = None,
        clock: Callable[[], datetime] | None = None,
        language: str = "zh_CN",
    ) -> OrderEditorFactory:
        """Build the factory from the rule files in force (form, taxonomy, places, holidays, time limits)."""
        book = rule_book or RuleBook()
        return cls(
            load_default_schema(book),
            FormCatalog.load_default(book),
            load_default_calculator(book),
            clock=clock,
            language=language,
        )

    def new_order(
        self,
        call_id: str,
        job_number: str,
        registered_at: datetime,
        values: Mapping[str, Any] | None = None,
    ) -> OrderEditor:
        """Start a new order for an answered call.

        Args:
            call_id: the CTI call id.
            job_number: the call-taker's job number.
            registered_at: the server time the call was answered (aware).
            values: values known already, e.g. ``{"caller_phone": "13812345678"}``.
        """
        return self._editor(call_id, job_number, registered_at, values)

    def resume(self, draft: OrderDraft) -> OrderEditor:
        """Reopen a saved draft (after a crash or a restart); it counts from its registration time."""
        editor = self._editor(draft.call_id, draft.job_number, draft.created_at, draft.values)
        return editor

    def _editor(
        self,
        call_id: str,
        job_number: str,
        registered_at: datetime,
        values: Mapping[str, Any] | None,
    ) -> OrderEditor:
        return OrderEditor(
            self.schema,
            self.validator,
            self.catalog,
            self.calculator,
            call_id=call_id,
            job_number=job_number,
            registered_at=registered_at,
            values=values,
            clock=self.clock,
            time_limit_field=self.time_limit_field,
            time_limit_policy=self.time_limit_policy,
            language=self.language,
        )


# ---------------------------------------------------------------------------------------------------
# When to save
# ---------------------------------------------------------------------------------------------------


@dataclass
class AutosavePolicy:
    """Says when a draft save is due, from the times of changes (monotonic seconds, passed in).

    A save is due ``quiet_seconds`` after the last change (a pause in typing saves soon), but never
    later than ``max_delay_seconds`` after the first unsaved change: while typing goes on, the draft
    is saved at least every ``max_delay_seconds``, and no change waits longer than that. After a
    failed save the next try waits ``retry_seconds``, so a broken disk does not spin the UI.

    Attributes:
        quiet_seconds: the pause after which a save is due.
        max_delay_seconds: the longest an unsaved change may wait.
        retry_seconds: the wait after a failed save.
    """

    quiet_seconds: float = 0.3
    max_delay_seconds: float = 1.0
    retry_seconds: float = 2.0

    def __post_init__(self) -> None:
        """Check that the delays make sense together."""
        if not 0 <= self.quiet_seconds <= self.max_delay_seconds:
            raise ValueError("autosave needs 0 <= quiet_seconds <= max_delay_seconds")
        if self.retry_seconds <= 0:
            raise ValueError("autosave retry_seconds must be positive")
        self._first_change: float | None = None
        self._last_change: float | None = None
        self._retry_at: float | None = None

    @property
    def pending(self) -> bool:
        """Whether a change waits to be saved."""
        return self._first_change is not None

    def note_change(self, now: float) -> None:
        """Record a change at ``now``."""
        if self._first_change is None:
            self._first_change = now
        self._last_change = now

    def due_at(self) -> float | None:
        """Return when the next save is due, or ``None`` when nothing waits."""
        if self._first_change is None or self._last_change is None:
            return None
        if self._retry_at is not None:
            return self._retry_at
        return min(self._last_change + self.quiet_seconds, self._first_change + self.max_delay_seconds)

    def seconds_until_due(self, now: float) -> float | None:
        """Return how long until a save is due (0 when it is due now), or ``None`` when nothing waits."""
        due = self.due_at()
        return None if due is None else max(0.0, due - now)

    def is_due(self, now: float) -> bool:
        """Tell whether a save should happen at ``now``."""
        due = self.due_at()
        return due is not None and now >= due

    def note_saved(self, now: float) -> None:
        """Record a successful save at ``now``: nothing waits any more."""
        self._first_change = None
        self._last_change = None
        self._retry_at = None

    def note_failed(self, now: float) -> None:
        """Record a failed save at ``now``: the changes still wait, the next try after ``retry_seconds``."""
        if self._first_change is None:
            self._first_change = now
            self._last_change = now
        self._retry_at = now + self.retry_seconds
