"""The backend's refusal shown on the form: each problem beside its field, until that field is changed.

The form's own error labels show the backend's message for the refused fields (read aloud too: the
controls' accessible description is the message). Editing a field takes its message away and
gives the label back to the form's own validation; ``clear`` takes every message away (another
order is shown).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject

from seatclient.ui.intake_form import IntakeFormWidget


@dataclass
class _Shown:
    message: str
    descriptions: list[str]
    form_error_then: str


class ServerErrorsOnForm(QObject):
    """Puts the backend's field errors beside the fields of an ``IntakeFormWidget``.

    Args:
        form: the intake form.
    """

    def __init__(self, form: IntakeFormWidget) -> None:
        super().__init__(form)
        self._form = form
        self._shown: dict[str, _Shown] = {}
        form.values_changed.connect(self._on_value_changed)

    @property
    def shown(self) -> dict[str, str]:
        """Field key → the backend's message shown beside it now."""
        return {key: shown.message for key, shown in self._shown.items()}

    def show(self, by_field: Mapping[str, str]) -> dict[str, str]:
        """Show each message beside its field; returns those that could not be (no such visible field).

        Args:
            by_field: form key → the backend's message.
        """
        self.clear()
        form = self._form
        left_over: dict[str, str] = {}
        for key, message in by_field.items():
            if key not in form.field_keys() or not form.is_field_shown(key):
                left_over[key] = message
                continue
            controls = form.controls(key)
            self._shown[key] = _Shown(
                message, [control.accessibleDescription() for control in controls], form.error_text(key)
            )
            label = form.error_label(key)
            label.setText(message)
            label.setVisible(True)
            for control in controls:
                control.setAccessibleDescription(message)
        return left_over

    def clear(self) -> None:
        """Take every backend message away."""
        for key in list(self._shown):
            self._restore(key)

    def _on_value_changed(self, key: str) -> None:
        # The person changed the refused value: the backend's word on the old value no longer holds.
        if key in self._shown:
            self._restore(key)

    def _restore(self, key: str) -> None:
        shown = self._shown.pop(key)
        form = self._form
        if key not in form.field_keys():
            return
        own = form.error_text(key)
        label = form.error_label(key)
        label.setText(own)
        label.setVisible(bool(own))
        for control, description in zip(form.controls(key), shown.descriptions, strict=False):
            # The description held the form's own error at the time, or the field's help text.
            control.setAccessibleDescription(own or ("" if shown.form_error_then else description))
