"""An order being recorded (工单草稿) and the payload sent to the backend when it is submitted."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from seatclient.forms.schema import FormSchema
from seatclient.forms.validation import normalise_values


def utc_now() -> datetime:
    """Return the current time in UTC (drafts store UTC; the UI converts for display)."""
    return datetime.now(UTC)


def json_safe(value: Any) -> Any:
    """Return ``value`` with date-times turned into ISO 8601 text, so it can be stored as JSON."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


@dataclass(frozen=True)
class OrderDraft:
    """The values of one order while the call-taker records it, tied to the call and the seat.

    Attributes:
        call_id: the call the order records (the CTI call id, or a local id for an order without a call).
        job_number: the call-taker's job number (工号); drafts of one job number are never shown to another.
        values: field key → value; JSON-compatible (date-times as ISO text) and read-only.
        confidential: whether the caller asked for confidentiality (是否保密).
        created_at: when the draft was started (UTC).
        updated_at: when the values last changed (UTC).
    """

    call_id: str
    job_number: str
    values: Mapping[str, Any]
    confidential: bool
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        """Check the identity and times, and freeze the values so a stored draft cannot change under it."""
        if not self.call_id or not self.job_number:
            raise ValueError("an order draft needs a call id and a job number")
        if self.created_at.tzinfo is None or self.updated_at.tzinfo is None:
            raise ValueError("order draft times must carry a time zone")
        frozen = MappingProxyType(json_safe(self.values))
        object.__setattr__(self, "values", frozen)

    @classmethod
    def start(
        cls,
        schema: FormSchema,
        call_id: str,
        job_number: str,
        values: Mapping[str, Any] | None = None,
        now: datetime | None = None,
    ) -> OrderDraft:
        """Start a draft with the form's defaults, overlaid by ``values`` (e.g. the caller's number)."""
        moment = now if now is not None else utc_now()
        merged = {**schema.defaults(), **(values or {})}
        return cls(
            call_id=call_id,
            job_number=job_number,
            values=merged,
            confidential=merged.get(schema.confidential_field) is True,
            created_at=moment,
            updated_at=moment,
        )

    def with_values(
        self, schema: FormSchema, values: Mapping[str, Any], now: datetime | None = None
    ) -> OrderDraft:
        """Return a copy holding ``values`` (all of them, not a patch), with the flag and time updated."""
        return replace(
            self,
            values=values,
            confidential=values.get(schema.confidential_field) is True,
            updated_at=now if now is not None else utc_now(),
        )

    def values_json(self) -> str:
        """Return the values as compact JSON text (how drafts are stored)."""
        return json.dumps(dict(self.values), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def to_payload(self, schema: FormSchema) -> dict[str, Any]:
        """Return the order as sent to the backend.

        Hidden and empty fields are left out and values normalised (phones in E.164). A confidential
        order lists its identity fields in ``protected_fields`` so the backend withholds them from the
        handling unit (HZ 7.3, ZJ art. 19): ``{"confidential": true, "protected_fields": ["caller_name",
        "caller_phone", "address"]}``.
        """
        fields = normalise_values(schema, self.values)
        fields[schema.confidential_field] = self.confidential
        return {
            "form": schema.form_id,
            "form_version": schema.version,
            "call_id": self.call_id,
            "job_number": self.job_number,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "fields": fields,
            "confidential": self.confidential,
            "protected_fields": list(schema.protected_fields()) if self.confidential else [],
        }
