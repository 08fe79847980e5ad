"""A refused order back on its form: the backend's field names mapped to the form's keys.

The backend names the fields of a 422 as it sees the request: ``fields.caller_phone`` (the order's
form values sit under ``fields``), ``caller.phone`` (a nested name), ``matter_place.district`` (a
part of a field) or ``unit_id`` (a part of the disposition, not a form field at all). The form shows
an error beside each of its fields; everything that is not a form field goes into the notice above
the form, so no problem the backend named is ever dropped. Qt-free.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from seatclient.forms.order import OrderDraft
from seatclient.i18n import tr

_WRAPPERS = ("body", "fields")
"""Leading name parts that only say where in the request a field sits (FastAPI's ``body``, the
order's ``fields``)."""


def _outside_labels() -> dict[str, str]:
    # Built on demand so the labels follow the language chosen at start-up.
    return {
        "disposition": tr("Rejection", "处理方式"),
        "unit_id": tr("Rejection", "承办单位"),
        "linked_order_number": tr("Rejection", "关联工单号"),
        "not_accepted_reason": tr("Rejection", "不予受理的情形"),
        "emergency_line": tr("Rejection", "紧急热线"),
        "knowledge_article_id": tr("Rejection", "引用的知识"),
        "knowledge_article_ids": tr("Rejection", "引用的知识"),
        "confidential": tr("Rejection", "是否保密"),
    }


@dataclass(frozen=True)
class FormErrors:
    """The backend's field errors, sorted into the form's fields and the rest.

    Attributes:
        by_field: form key → problem, in the order the backend listed them (problems of several
            backend names for one form field are joined with "；").
        outside: backend name → problem, for names that are no field of the form.
    """

    by_field: Mapping[str, str] = field(default_factory=dict)
    outside: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        """Whether there is any problem at all."""
        return bool(self.by_field or self.outside)

    def outside_text(self) -> str:
        """The problems that are not beside a form field, as one line (``承办单位：没有…；…``); "" when none."""
        labels = _outside_labels()
        return "；".join(
            tr("Rejection", "{name}：{problem}").format(name=labels.get(name, name), problem=problem)
            for name, problem in self.outside.items()
        )


def form_key_for(name: str, form_keys: Collection[str]) -> str | None:
    """The form field a backend field name refers to, or ``None`` when it is no form field.

    ``fields.caller_phone`` and ``caller_phone`` → ``caller_phone``; ``caller.phone`` →
    ``caller_phone`` (nested names joined with ``_``); ``matter_place.district`` and
    ``fields.matter_place.0`` → ``matter_place`` (the longest leading part that is a form key).

    Args:
        name: the name as the backend sent it.
        form_keys: the keys of the form's fields.
    """
    parts = [part for part in name.strip().split(".") if part]
    while len(parts) > 1 and parts[0] in _WRAPPERS and "_".join(parts) not in form_keys:
        parts = parts[1:]
    for length in range(len(parts), 0, -1):
        leading = parts[:length]
        for candidate in ("_".join(leading), ".".join(leading)):
            if candidate in form_keys:
                return candidate
    return None


def map_field_errors(field_errors: Mapping[str, str], form_keys: Collection[str]) -> FormErrors:
    """Sort the backend's field errors into the form's fields and the rest (see ``form_key_for``).

    Args:
        field_errors: backend name → problem (``ErrorBody.fields``).
        form_keys: the keys of the form's fields.
    """
    by_field: dict[str, str] = {}
    outside: dict[str, str] = {}
    for name, problem in field_errors.items():
        key = form_key_for(name, form_keys)
        if key is None:
            outside[name] = problem
        elif key in by_field and problem not in by_field[key].split("；"):
            by_field[key] = f"{by_field[key]}；{problem}"
        else:
            by_field.setdefault(key, problem)
    return FormErrors(by_field, outside)


def draft_from_payload(payload: Mapping[str, Any]) -> OrderDraft:
    """The order draft an order payload was made from (``OrderDraft.to_payload``), to correct it.

    The values are those sent (normalised: phones in E.164, text stripped); fields that were
    hidden or empty were not sent and come back as the form's defaults.

    Raises:
        ValueError: the payload lacks the call, the job number, the values or the times, or a
            time is not ISO 8601 with a zone.
    """
    call_id = payload.get("call_id")
    job_number = payload.get("job_number")
    values = payload.get("fields")
    if not isinstance(call_id, str) or not isinstance(job_number, str) or not isinstance(values, Mapping):
        raise ValueError("the payload has no call id, job number or field values")
    created = _payload_time(payload, "created_at")
    updated = _payload_time(payload, "updated_at")
    return OrderDraft(
        call_id=call_id,
        job_number=job_number,
        values=dict(values),
        confidential=payload.get("confidential") is True,
        created_at=created,
        updated_at=updated,
    )


def _payload_time(payload: Mapping[str, Any], key: str) -> datetime:
    text = payload.get(key)
    if not isinstance(text, str):
        raise ValueError(f"the payload has no {key}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"the payload's {key} has no time zone")
    return moment
