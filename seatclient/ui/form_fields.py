"""The controls of each field type of the intake form, and the completion list of topics and places.

The form (:mod:`seatclient.ui.intake_form`) builds one :class:`FieldControls` per schema field with
:func:`field_controls_for`; each knows how to show an ``OrderEditor`` value in its controls and hands
what the call-taker types back to the editor through the form (:class:`FieldHost`). None of them
knows a field key or decides a rule.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from seatclient.forms.editor import FieldState, OrderEditor, ValueChange
from seatclient.forms.schema import PARTS, FieldSpec, FieldType
from seatclient.i18n import tr

RADIO_OPTION_LIMIT = 4
"""A choice with at most this many options is shown as radio buttons (all visible, arrow keys); more as a list."""

COMPLETION_LIMIT = 20
"""The most matches a topic or place list shows."""

_COMPLETION_ROLE = Qt.ItemDataRole.UserRole
_EXTRA_ROLE = Qt.ItemDataRole.UserRole + 1
_ERROR_STYLE = "QLabel { color: #c0392b; }"
_HINT_STYLE = "QLabel { color: #7f8c8d; }"
_MASKED_STYLE = "color: #7f8c8d;"
_MULTILINE_LINES = 3
_FULL_DATETIME_SAMPLE = "2026-12-31 23:59"
"""A date-time as the box writes it in full on leaving: the box is at least this wide."""
_LINE_EDIT_PADDING = 18
"""A line edit's frame and text margins, with a little air."""


class FieldHost(Protocol):
    """What field controls need from the form holding them."""

    @property
    def editor(self) -> OrderEditor:
        """The order being edited."""
        ...

    def commit(self, change: ValueChange) -> None:
        """Show what a change the call-taker made did (errors, conditions, masks, due date)."""
        ...


class SearchCompleter(QObject):
    """A pop-up list of matches under a line edit, refilled from a search on every keystroke.

    Qt's own filtering cannot match pinyin initials, so the list shows exactly what the search
    returns (unfiltered mode), and the text put into the box is each row's completion text.

    Args:
        edit: the line edit completed.
        search: text → rows of (shown text, text put into the box, extra data or ``None``).
        chosen: called with (completion text, extra data) when a row is picked.
    """

    def __init__(
        self,
        edit: QLineEdit,
        search: Callable[[str], list[tuple[str, str, str | None]]],
        chosen: Callable[[str, str | None], None],
    ) -> None:
        super().__init__(edit)
        self._edit = edit
        self._search = search
        self._chosen = chosen
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(_COMPLETION_ROLE)
        self.completer.setMaxVisibleItems(10)
        self.popup = QListView()
        self.completer.setPopup(self.popup)
        self.completer.setWidget(edit)
        # The index overload carries the row's extra data; the text overload would lose it.
        self.completer.activated[QModelIndex].connect(self._on_completer_activated)  # type: ignore[index]
        # The box is named before its list is made, so the list can be named after it.
        self.popup.setObjectName(f"{edit.objectName()}_completions")
        self.popup.setAccessibleName(tr("IntakeForm", "{name}候选项").format(name=edit.accessibleName()))

    def refresh(self, text: str, show: bool = True) -> None:
        """Refill the list with the matches of ``text`` and show it when there are any."""
        self.model.clear()
        for shown, completion, extra in self._search(text):
            item = QStandardItem(shown)
            item.setData(completion, _COMPLETION_ROLE)
            item.setData(extra, _EXTRA_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        if self.model.rowCount() and show:
            self.completer.setCompletionPrefix("")
            self.completer.complete(self._edit.rect())
        elif self.popup.isVisible():
            self.popup.hide()

    def rows(self) -> list[str]:
        """The texts the list shows now."""
        return [self.model.item(row).text() for row in range(self.model.rowCount())]

    def close(self) -> None:
        """Close the list (the focus went elsewhere)."""
        self.popup.hide()

    def popup_visible(self) -> bool:
        """Whether the list is open."""
        return self.popup.isVisible()

    def choose_row(self, row: int) -> None:
        """Pick row ``row`` as if it was clicked."""
        index = self.model.index(row, 0)
        self._apply(index)

    def _on_completer_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self._apply(index)

    def _apply(self, index: QModelIndex | QPersistentModelIndex) -> None:
        completion = index.data(_COMPLETION_ROLE)
        extra = index.data(_EXTRA_ROLE)
        if not isinstance(completion, str):
            return
        self._edit.setText(completion)
        self.popup.hide()
        self._chosen(completion, extra if isinstance(extra, str) else None)


class FieldControls(ABC):
    """The controls of one form field and how they show and take its value.

    Args:
        form: the form holding the field.
        spec: the field's definition.
    """

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        self.form = form
        self.spec = spec
        self.key = spec.key
        self.label_text = spec.label.text(form.editor.language)
        self.help_text = spec.help.text(form.editor.language) if spec.help else ""
        self.controls: list[QWidget] = []
        self.row_label: QLabel | None = None
        self.container = QWidget()
        self.container.setObjectName(f"fieldBox_{self.key}")
        self.control_row = QHBoxLayout()
        self.control_row.setContentsMargins(0, 0, 0, 0)
        self.control_row.setSpacing(6)
        self.error_label = QLabel()
        self.error_label.setObjectName(f"error_{self.key}")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.setAccessibleDescription(
            tr("IntakeForm", "{label}的错误提示").format(label=self.label_text)
        )
        self.error_label.setAccessibleIdentifier(f"error_{self.key}")
        self.error_label.hide()
        column = QVBoxLayout(self.container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(self.control_row)
        column.addWidget(self.error_label)
        self.error_message = ""

    def make_row_label(self) -> QLabel:
        """Create the label shown left of the field (not used by yes/no fields, whose box has the label)."""
        label = QLabel(self.label_text)
        label.setObjectName(f"label_{self.key}")
        # The shown text gains a required mark; what a screen reader says stays the label.
        label.setAccessibleName(self.label_text)
        label.setToolTip(self.help_text)
        self.row_label = label
        return label

    def _add_control(self, control: QWidget, name: str, accessible_name: str) -> None:
        control.setObjectName(name)
        control.setAccessibleName(accessible_name)
        if self.help_text:
            control.setToolTip(self.help_text)
            control.setAccessibleDescription(self.help_text)
        self.controls.append(control)

    def focus_target(self) -> QWidget:
        """The control that takes the focus when the form jumps to this field."""
        return self.controls[0]

    def has_focus(self) -> bool:
        """Whether one of the field's controls has the keyboard focus."""
        focused = QApplication.focusWidget()
        return focused is not None and any(
            focused is control or control.isAncestorOf(focused) for control in self.controls
        )

    @abstractmethod
    def load(self, editor: OrderEditor) -> None:
        """Show the editor's value without reporting it as a change."""

    def refresh_mask(self, editor: OrderEditor) -> None:
        """Show masked or real text as the editor says; only text fields of identity are ever masked."""
        return  # choices, yes/no, dates, topics and places carry no identity

    def focus_entered(self, control: QWidget, reason: Qt.FocusReason) -> None:
        """The focus came into ``control``, one of the field's controls, for ``reason``."""
        return  # only masked fields react: they show the real text

    def focus_left(self) -> None:
        """The focus left the field for another one."""
        return  # fields that tidy or mask their text on leaving override this

    def set_state(self, state: FieldState) -> None:
        """Mark the field required or not (visibility is the form layout's job)."""
        if self.row_label is not None:
            mark = '<span style="color:#c0392b">*</span>' if state.required else ""
            self.row_label.setText(f"{mark}{self.label_text}")

    def set_error(self, message: str) -> bool:
        """Show ``message`` under the field ("" hides it); returns whether what is shown changed."""
        if message == self.error_message:
            return False
        self.error_message = message
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        for control in self.controls:
            control.setAccessibleDescription(message or self.help_text)
        return True


class TextControls(FieldControls):
    """A one-line text or phone field; identity fields show masked text while not being edited."""

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.edit = QLineEdit()
        self._add_control(self.edit, f"field_{self.key}", self.label_text)
        if spec.placeholder:
            self.edit.setPlaceholderText(spec.placeholder.text(form.editor.language))
        if spec.type is FieldType.PHONE:
            self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.control_row.addWidget(self.edit)
        self.masked = False
        self.edit.textEdited.connect(self._on_text_edited)

    def _on_text_edited(self, text: str) -> None:
        self.form.commit(self.form.editor.set_text(self.key, text))

    def text(self) -> str:
        """The text the box shows (the masked text while masked)."""
        return self.edit.text()

    def load(self, editor: OrderEditor) -> None:
        """Show the editor's value (real text; masking follows)."""
        self._set_masked(False, editor)
        self.edit.setText(editor.input_text(self.key))
        self.refresh_mask(editor)

    def _set_masked(self, masked: bool, editor: OrderEditor, masked_text: str = "") -> None:
        shown = masked_text if masked else (editor.input_text(self.key) if self.masked else self.edit.text())
        if shown != self.edit.text():
            self.edit.setText(shown)
        if masked != self.masked:
            self.masked = masked
            # Read-only while masked: nothing typed or dropped can land in the masked text.
            self.edit.setReadOnly(masked)
            self.edit.setStyleSheet(f"QLineEdit {{ {_MASKED_STYLE} }}" if masked else "")

    def refresh_mask(self, editor: OrderEditor) -> None:
        """Mask the text when the order is confidential and the box is not being edited."""
        masked_text = editor.masked_text(self.key)
        if masked_text is None or self.has_focus():
            self._set_masked(False, editor)
        else:
            self._set_masked(True, editor, masked_text)

    def focus_entered(self, control: QWidget, reason: Qt.FocusReason) -> None:
        """Show the real text for editing."""
        if self.masked:
            self._set_masked(False, self.form.editor)
            self.edit.end(False)

    def focus_left(self) -> None:
        """Mask again when leaving."""
        self.refresh_mask(self.form.editor)


class MultilineControls(FieldControls):
    """A multi-line text field; Tab moves to the next field instead of typing a tab."""

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.edit = QPlainTextEdit()
        self._add_control(self.edit, f"field_{self.key}", self.label_text)
        self.edit.setTabChangesFocus(True)
        if spec.placeholder:
            self.edit.setPlaceholderText(spec.placeholder.text(form.editor.language))
        line = self.edit.fontMetrics().lineSpacing()
        self.edit.setFixedHeight(line * _MULTILINE_LINES + 14)
        self.control_row.addWidget(self.edit)
        self.masked = False
        self._loading = False
        self.edit.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        if self._loading or self.masked:
            return
        self.form.commit(self.form.editor.set_text(self.key, self.edit.toPlainText()))

    def text(self) -> str:
        """The text the box shows (the masked text while masked)."""
        return self.edit.toPlainText()

    def _show(self, text: str) -> None:
        self._loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._loading = False

    def load(self, editor: OrderEditor) -> None:
        """Show the editor's value (real text; masking follows)."""
        self.masked = False
        self.edit.setReadOnly(False)
        self._show(editor.input_text(self.key))
        self.refresh_mask(editor)

    def refresh_mask(self, editor: OrderEditor) -> None:
        """Mask the text when the order is confidential and the box is not being edited."""
        masked_text = editor.masked_text(self.key)
        if masked_text is None or self.has_focus():
            if self.masked:
                self.masked = False
                self.edit.setReadOnly(False)
                self._show(editor.input_text(self.key))
            return
        self.masked = True
        self.edit.setReadOnly(True)
        self._show(masked_text)

    def focus_entered(self, control: QWidget, reason: Qt.FocusReason) -> None:
        """Show the real text for editing."""
        if self.masked:
            self.masked = False
            self.edit.setReadOnly(False)
            self._show(self.form.editor.input_text(self.key))

    def focus_left(self) -> None:
        """Mask again when leaving."""
        self.refresh_mask(self.form.editor)


class RadioChoiceControls(FieldControls):
    """A choice with few options: radio buttons, all visible; arrow keys move between them."""

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.box = QWidget()
        self.box.setObjectName(f"field_{self.key}")
        self.box.setAccessibleName(self.label_text)
        row = QHBoxLayout(self.box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        self.group = QButtonGroup(self.box)
        self.buttons: dict[str, QRadioButton] = {}
        for index, option in enumerate(spec.options):
            text = option.label.text(form.editor.language)
            button = QRadioButton(text)
            self._add_control(button, f"field_{self.key}_{option.value}", text)
            if option.help:
                button.setToolTip(option.help.text(form.editor.language))
            self.group.addButton(button, index)
            self.buttons[option.value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.control_row.addWidget(self.box)
        self._values = [option.value for option in spec.options]
        self.group.idToggled.connect(self._on_toggled)

    def _on_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.form.commit(self.form.editor.set_value(self.key, self._values[button_id]))

    def focus_entered(self, control: QWidget, reason: Qt.FocusReason) -> None:
        """Tabbing into the options lands on the checked one, as arrow keys then move from it."""
        checked = self.group.checkedButton()
        tabbing = reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        if tabbing and checked is not None and checked is not control:
            checked.setFocus(reason)

    def focus_target(self) -> QWidget:
        """The checked button, or the first one."""
        checked = self.group.checkedButton()
        return checked if checked is not None else self.controls[0]

    def load(self, editor: OrderEditor) -> None:
        """Check the editor's option (none when the value is empty or unknown)."""
        value = editor.value(self.key)
        self.group.blockSignals(True)
        # An exclusive group cannot uncheck its last button; lift exclusivity to clear it.
        self.group.setExclusive(False)
        for option_value, button in self.buttons.items():
            button.setChecked(option_value == value)
        self.group.setExclusive(True)
        self.group.blockSignals(False)

    def set_error(self, message: str) -> bool:
        """Show the message and describe it on the group too."""
        changed = super().set_error(message)
        self.box.setAccessibleDescription(message or self.help_text)
        return changed


class ComboChoiceControls(FieldControls):
    """A choice with many options: a drop-down list, with an empty first entry."""

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.combo = QComboBox()
        self._add_control(self.combo, f"field_{self.key}", self.label_text)
        self.combo.addItem(tr("IntakeForm", "（未选择）"), None)
        for option in spec.options:
            self.combo.addItem(option.label.text(form.editor.language), option.value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.control_row.addWidget(self.combo)
        self.control_row.addStretch(1)
        self.combo.currentIndexChanged.connect(self._on_index_changed)

    def _on_index_changed(self, index: int) -> None:
        self.form.commit(self.form.editor.set_value(self.key, self.combo.itemData(index)))

    def load(self, editor: OrderEditor) -> None:
        """Select the editor's option (the empty entry when empty or unknown)."""
        index = self.combo.findData(editor.value(self.key))
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)


class BoolControls(FieldControls):
    """A yes/no field: a check box carrying the field's label."""

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.check = QCheckBox(self.label_text)
        self._add_control(self.check, f"field_{self.key}", self.label_text)
        self.control_row.addWidget(self.check)
        self.control_row.addStretch(1)
        self.check.toggled.connect(self._on_toggled)

    def _on_toggled(self, checked: bool) -> None:
        self.form.commit(self.form.editor.set_value(self.key, checked))

    def load(self, editor: OrderEditor) -> None:
        """Tick the box when the editor's value is ``True``."""
        self.check.blockSignals(True)
        self.check.setChecked(editor.value(self.key) is True)
        self.check.blockSignals(False)

    def set_state(self, state: FieldState) -> None:
        """Mark a required yes/no field in its box's text."""
        self.check.setText(f"*{self.label_text}" if state.required else self.label_text)


class DateTimeControls(FieldControls):
    """A date-time typed as people say it ("昨天 20:00", "11-21 8点半", "现在"); empty means not given.

    Beside the box, how the text was understood; leaving the box writes it in full.
    """

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.edit = QLineEdit()
        self._add_control(self.edit, f"field_{self.key}", self.label_text)
        self.edit.setPlaceholderText(
            spec.placeholder.text(form.editor.language)
            if spec.placeholder
            else tr("IntakeForm", "年-月-日 时:分")
        )
        self.hint = tr("IntakeForm", "可输入：昨天 20:00、11-21 8点半、现在；不清楚可不填")
        # The box keeps room for a time written in full (and its placeholder); the hint beside it
        # wraps instead of squeezing the box in a narrow form.
        metrics = self.edit.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(_FULL_DATETIME_SAMPLE),
            metrics.horizontalAdvance(self.edit.placeholderText()),
        )
        self.edit.setMinimumWidth(widest + _LINE_EDIT_PADDING)
        self.edit.setMaximumWidth(max(240, widest + _LINE_EDIT_PADDING))
        self.preview = QLabel()
        self.preview.setObjectName(f"preview_{self.key}")
        self.preview.setStyleSheet(_HINT_STYLE)
        self.preview.setWordWrap(True)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.preview.setAccessibleDescription(
            tr("IntakeForm", "{label}的识别结果").format(label=self.label_text)
        )
        self.preview.setAccessibleIdentifier(f"preview_{self.key}")
        self.control_row.addWidget(self.edit)
        self.control_row.addWidget(self.preview, 1)
        self.edit.textEdited.connect(self._on_text_edited)

    def _on_text_edited(self, text: str) -> None:
        self.form.commit(self.form.editor.set_text(self.key, text))
        self._refresh_preview(self.form.editor)

    def _refresh_preview(self, editor: OrderEditor) -> None:
        understood = editor.datetime_preview(self.key)
        if understood:
            self.preview.setText(tr("IntakeForm", "→ {moment}").format(moment=understood))
        else:
            self.preview.setText("" if self.edit.text().strip() else self.hint)

    def load(self, editor: OrderEditor) -> None:
        """Show the editor's value in full (or the unreadable text as typed)."""
        self.edit.setText(editor.input_text(self.key))
        self._refresh_preview(editor)

    def focus_left(self) -> None:
        """Write the understood time in full, so what is saved is what is seen."""
        editor = self.form.editor
        if editor.datetime_preview(self.key):
            self.edit.setText(editor.input_text(self.key))


class TopicControls(FieldControls):
    """A business topic: one box, matches of Chinese, pinyin or initials shown as "class / item"."""

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.edit = QLineEdit()
        self._add_control(self.edit, f"field_{self.key}", self.label_text)
        self.edit.setPlaceholderText(
            spec.placeholder.text(form.editor.language)
            if spec.placeholder
            else tr("IntakeForm", "输入中文、拼音或首字母，如 csjs；按 ↓ 查看候选")
        )
        self.control_row.addWidget(self.edit)
        self.completions = SearchCompleter(self.edit, self._search, self._on_chosen)
        self.edit.textEdited.connect(self._on_text_edited)

    def _search(self, text: str) -> list[tuple[str, str, str | None]]:
        topics = self.form.editor.catalog.search_topics(text, COMPLETION_LIMIT)
        return [(topic.label(), topic.label(), None) for topic in topics]

    def _on_text_edited(self, text: str) -> None:
        self.completions.refresh(text)
        self.form.commit(self.form.editor.set_text(self.key, text))

    def _on_chosen(self, completion: str, extra: str | None) -> None:
        self.form.commit(self.form.editor.set_text(self.key, completion))

    def load(self, editor: OrderEditor) -> None:
        """Show the topic as "class / item"."""
        self.edit.setText(editor.input_text(self.key))

    def focus_left(self) -> None:
        """Close the list and write a resolved topic in full ("工资福利" → "劳动和社会保障 / 工资福利")."""
        self.completions.close()
        self.edit.setText(self.form.editor.input_text(self.key))


class PlaceControls(FieldControls):
    """A place of the matter: a district box and a street box, each with matches as you type.

    The street list is limited to the chosen district; with no district yet, it searches the whole
    city and picking a street fills in its district.
    """

    def __init__(self, form: FieldHost, spec: FieldSpec) -> None:
        super().__init__(form, spec)
        self.district_name, self.street_name = PARTS[FieldType.PLACE]
        self.district_edit = QLineEdit()
        self.street_edit = QLineEdit()
        district_label = tr("IntakeForm", "区县")
        street_label = tr("IntakeForm", "街道（乡镇）")
        for edit, part, part_label in (
            (self.district_edit, "district", district_label),
            (self.street_edit, "street", street_label),
        ):
            caption = QLabel(part_label)
            caption.setObjectName(f"label_{self.key}_{part}")
            caption.setBuddy(edit)
            self._add_control(
                edit,
                f"field_{self.key}_{part}",
                tr("IntakeForm", "{label}：{part}").format(label=self.label_text, part=part_label),
            )
            edit.setPlaceholderText(tr("IntakeForm", "中文或拼音首字母"))
            self.control_row.addWidget(caption)
            self.control_row.addWidget(edit, 1)
        self.district_completions = SearchCompleter(
            self.district_edit, self._search_districts, self._on_district_chosen
        )
        self.street_completions = SearchCompleter(
            self.street_edit, self._search_streets, self._on_street_chosen
        )
        self.district_edit.textEdited.connect(self._on_district_edited)
        self.street_edit.textEdited.connect(self._on_street_edited)

    def _search_districts(self, text: str) -> list[tuple[str, str, str | None]]:
        names = self.form.editor.catalog.search_districts(text, COMPLETION_LIMIT)
        return [(name, name, None) for name in names]

    def _search_streets(self, text: str) -> list[tuple[str, str, str | None]]:
        district = self.district_edit.text().strip()
        places = self.form.editor.catalog.search_streets(text, district or None, COMPLETION_LIMIT)
        rows: list[tuple[str, str, str | None]] = []
        for place in places:
            shown = (
                place.street
                if place.district == district
                else tr("IntakeForm", "{street}（{district}）").format(
                    street=place.street, district=place.district
                )
            )
            rows.append((shown, place.street, place.district))
        return rows

    def _commit(self) -> None:
        district = self.district_edit.text().strip()
        street = self.street_edit.text().strip()
        value = {self.district_name: district, self.street_name: street} if district or street else None
        self.form.commit(self.form.editor.set_value(self.key, value))

    def _on_district_edited(self, text: str) -> None:
        self.district_completions.refresh(text)
        self._commit()

    def _on_street_edited(self, text: str) -> None:
        self.street_completions.refresh(text)
        self._commit()

    def _on_district_chosen(self, completion: str, extra: str | None) -> None:
        self._commit()

    def _on_street_chosen(self, completion: str, extra: str | None) -> None:
        if extra is not None and extra != self.district_edit.text().strip():
            self.district_edit.setText(extra)
        self._commit()

    def focus_entered(self, control: QWidget, reason: Qt.FocusReason) -> None:
        """Close the other box's list when moving between district and street."""
        other = self.street_completions if control is self.district_edit else self.district_completions
        other.close()

    def focus_left(self) -> None:
        """Close both lists."""
        self.district_completions.close()
        self.street_completions.close()

    def load(self, editor: OrderEditor) -> None:
        """Show the district and street."""
        value = editor.value(self.key)
        parts = value if isinstance(value, dict) else {}
        self.district_edit.setText(str(parts.get(self.district_name) or ""))
        self.street_edit.setText(str(parts.get(self.street_name) or ""))


_CONTROL_CLASSES: dict[FieldType, type[FieldControls]] = {
    FieldType.TEXT: TextControls,
    FieldType.PHONE: TextControls,
    FieldType.MULTILINE: MultilineControls,
    FieldType.BOOL: BoolControls,
    FieldType.DATETIME: DateTimeControls,
    FieldType.TOPIC: TopicControls,
    FieldType.PLACE: PlaceControls,
}


def field_controls_for(form: FieldHost, spec: FieldSpec) -> FieldControls:
    if spec.type is FieldType.CHOICE:
        if len(spec.options) <= RADIO_OPTION_LIMIT:
            return RadioChoiceControls(form, spec)
        return ComboChoiceControls(form, spec)
    return _CONTROL_CLASSES[spec.type](form, spec)
