"""The intake form (工单录入): built from the form schema, typed from the keyboard while the caller talks.

Every field comes from ``resources/rules/intake_form.json`` through the ``OrderEditor``; this module
knows field *types*, never field keys. It shows what the editor says (errors, which fields are visible
and required, the due date, masked identity) and forwards what the call-taker types. It touches no
database and decides no rule.

Keyboard: Tab follows the form; Ctrl+1…Ctrl+9 jump to the sections; Ctrl+Enter submits; in the
topic and place boxes, typing (Chinese, pinyin or initials) or Down opens the list of matches.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from seatclient.forms.editor import FieldState, OrderEditor, ValueChange
from seatclient.forms.schema import FieldType, Section
from seatclient.forms.validation import FieldError
from seatclient.i18n import join_list, tr
from seatclient.ui.form_fields import (
    FieldControls,
    PlaceControls,
    SearchCompleter,
    TopicControls,
    field_controls_for,
)

SECTION_SHORTCUT = "Ctrl+{number}"
"""The key that jumps to section ``number`` (1-based); Alt+1…5 belong to the main window's panels."""

SUBMIT_SHORTCUTS = ("Ctrl+Return", "Ctrl+Enter")
"""The keys that submit the order (main keyboard and keypad Enter)."""

PreSubmitCheck = Callable[[dict[str, Any]], Sequence[Any]]
"""A check run on a valid order's payload before it is submitted; what it returns holds submission back."""


class IntakeFormWidget(QWidget):
    """The order form of the seat window, built from the editor's schema.

    One titled group per section; Ctrl+<n> jumps to section n; Ctrl+Enter submits. Errors show
    under a field once the call-taker changed it (all of them on submit), never in a dialog. While
    the order is confidential, the caller's identity fields show masked text except while edited.
    Start a new order with :meth:`set_editor`; the form keeps its controls (built once per schema).

    Args:
        editor: the order being edited.
        parent: the parent widget.

    Signals:
        values_changed: (field key) the call-taker changed a value (the autosave controller listens).
        submit_requested: (payload dict, see ``OrderDraft.to_payload``) submission asked, form valid.
        field_error_changed: (field key, message) the error shown for a field changed ("" = none).
        title_changed: (title) the order's one-line title changed (masked when confidential).
        pre_submit_findings: (payload dict, findings list) the pre-submit check (see
            :meth:`set_pre_submit_check`) found something; submission is held back until
            :meth:`submit_acknowledged` is called with these findings.
    """

    values_changed = Signal(str)
    submit_requested = Signal(dict)
    field_error_changed = Signal(str, str)
    title_changed = Signal(str)
    pre_submit_findings = Signal(dict, list)

    def __init__(self, editor: OrderEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self._editor = editor
        self._schema = editor.schema
        self._touched: set[str] = set()
        self._fields: dict[str, FieldControls] = {}
        self._control_fields: dict[QObject, FieldControls] = {}
        self._section_boxes: list[QGroupBox] = []
        self._section_keys: list[list[str]] = []
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._last_focused: QWidget | None = None
        self._title = ""
        self._row_labels: list[QLabel] = []
        self._pre_submit_check: PreSubmitCheck | None = None
        language = editor.language
        self.setAccessibleName(self._schema.title.text(language))

        content = QWidget()
        content.setObjectName("intakeFormContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(10)
        for number, section in enumerate(self._schema.sections, start=1):
            column.addWidget(self._build_section(number, section))
        column.addStretch(1)
        self._align_label_columns()

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("intakeFormScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes from field to field; the scroll area itself is no stop.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(content)

        protected = join_list(
            self._schema.field(key).label.text(language) for key in self._schema.protected_fields()
        )
        self.confidential_notice = QLabel(
            tr("IntakeForm", "保密工单：{fields}在离开输入框后脱敏显示").format(fields=protected)
        )
        self.confidential_notice.setObjectName("confidentialNotice")
        self.confidential_notice.setAccessibleDescription(tr("IntakeForm", "保密提示"))
        self.confidential_notice.setStyleSheet(
            "QLabel { background: #fdecea; color: #922b21; padding: 3px 8px; border-radius: 3px; }"
        )
        self.due_label = QLabel()
        self.due_label.setObjectName("dueDateLabel")
        self.due_label.setAccessibleIdentifier("dueDateLabel")
        self.due_label.setAccessibleDescription(tr("IntakeForm", "办结时限"))
        self.due_label.setStyleSheet("QLabel { font-weight: bold; }")
        self.submit_button = QPushButton(tr("IntakeForm", "提交工单（Ctrl+Enter）"))
        self.submit_button.setObjectName("submitOrderButton")
        self.submit_button.setAccessibleName(tr("IntakeForm", "提交工单"))
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)

        footer = QHBoxLayout()
        footer.setContentsMargins(8, 4, 8, 6)
        footer.addWidget(self.due_label)
        footer.addSpacing(12)
        footer.addWidget(self.confidential_notice)
        footer.addStretch(1)
        footer.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll_area, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addLayout(footer)

        self._set_tab_order()
        self._make_shortcuts()
        self.set_editor(editor)

    # -- building ----------------------------------------------------------------------------------

    def _build_section(self, number: int, section: Section) -> QGroupBox:
        title = section.title.text(self._editor.language)
        box = QGroupBox(
            tr("IntakeForm", "{number}. {title}（Ctrl+{number}）").format(number=number, title=title)
            if number <= 9
            else title
        )
        box.setObjectName(f"section_{section.key}")
        box.setAccessibleName(title)
        # A grid, not a QFormLayout: a hidden grid row folds away with its spacing, and PySide6 6.12's
        # QFormLayout.setRowVisible corrupts the refcount of None (a crash after a few thousand calls).
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        keys: list[str] = []
        for spec in section.fields:
            field = field_controls_for(self, spec)
            self._fields[spec.key] = field
            keys.append(spec.key)
            if spec.type is FieldType.BOOL:
                label = QLabel("")
            else:
                label = field.make_row_label()
                label.setBuddy(field.focus_target())
                label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
                # The label's first line sits level with the control's text, not above it.
                label.setContentsMargins(0, 4, 0, 0)
            self._row_labels.append(label)
            row = grid.rowCount()
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field.container, row, 1)
            self._rows[spec.key] = (label, field.container)
            for control in field.controls:
                self._control_fields[control] = field
                control.installEventFilter(self)
        self._section_boxes.append(box)
        self._section_keys.append(keys)
        return box

    def _align_label_columns(self) -> None:
        """Give every section the same label width, so the fields line up down the whole form."""
        widest = 0
        for field in self._fields.values():
            if field.row_label is not None:
                metrics = field.row_label.fontMetrics()
                # Room for the required mark, which comes and goes with the conditions.
                widest = max(widest, metrics.horizontalAdvance(f"*{field.label_text}"))
        for label in self._row_labels:
            label.setMinimumWidth(widest + 4)

    def _set_tab_order(self) -> None:
        chain = [control for key in self._schema.keys for control in self._fields[key].controls]
        chain.append(self.submit_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _make_shortcuts(self) -> None:
        self._shortcuts: list[QShortcut] = []
        for sequence in SUBMIT_SHORTCUTS:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)
            self._shortcuts.append(shortcut)
        for index in range(min(len(self._section_boxes), 9)):
            shortcut = QShortcut(QKeySequence(SECTION_SHORTCUT.format(number=index + 1)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda index=index: self.focus_section(index))
            self._shortcuts.append(shortcut)

    # -- the editor --------------------------------------------------------------------------------

    @property
    def editor(self) -> OrderEditor:
        """The order being edited."""
        return self._editor

    def set_editor(self, editor: OrderEditor) -> None:
        """Show another order (a new call, or a recovered draft): values, states, due date; no errors yet.

        Raises:
            ValueError: when ``editor`` is for another form schema (build a new widget for it).
        """
        if editor.schema is not self._schema:
            raise ValueError("the form was built for another schema")
        self._editor = editor
        self._touched.clear()
        for key, field in self._fields.items():
            field.load(editor)
            if field.set_error(""):
                self.field_error_changed.emit(key, "")
        for state in editor.field_states().values():
            self._apply_state(state)
        self._refresh_masks()
        self._refresh_due_date()
        self._refresh_title()
        self.scroll_area.verticalScrollBar().setValue(0)

    def show_value(self, change: ValueChange) -> None:
        """Show a value set for the call-taker (an inserted answer): the field shows it, the rest stays.

        Unlike :meth:`set_editor`, the scroll position, the cursor and the other fields' errors stay
        as they are; the change is committed as if typed (errors, conditions, autosave).
        """
        self._fields[change.key].load(self._editor)
        self.commit(change)

    def _apply_state(self, state: FieldState) -> None:
        label, container = self._rows[state.key]
        label.setVisible(state.visible)
        container.setVisible(state.visible)
        self._fields[state.key].set_state(state)

    # -- changes -----------------------------------------------------------------------------------

    def commit(self, change: ValueChange) -> None:
        """Show what a change the call-taker made did; fields call this after telling the editor."""
        if not change.changed:
            return
        self._touched.add(change.key)
        self._show_error(change.key, change.error)
        for state in change.affected:
            self._apply_state(state)
            if state.key in self._touched:
                self._show_error(state.key, self._editor.field_error(state.key))
        if change.masking_changed:
            self._refresh_masks()
        if change.due_date_changed:
            self._refresh_due_date()
        self._refresh_title()
        self.values_changed.emit(change.key)

    def _show_error(self, key: str, error: FieldError | None) -> None:
        message = error.message if error is not None else ""
        if self._fields[key].set_error(message):
            self.field_error_changed.emit(key, message)

    def _refresh_masks(self) -> None:
        for field in self._fields.values():
            field.refresh_mask(self._editor)
        self.confidential_notice.setVisible(self._editor.confidential)

    def _refresh_due_date(self) -> None:
        due = self._editor.due_date()
        if due is None:
            self.due_label.setText(tr("IntakeForm", "办结时限：选择办理时限类别后显示"))
            self.due_label.setToolTip("")
            return
        text = tr("IntakeForm", "办结时限：{date}（{days} 个工作日）").format(
            date=due.due_date.isoformat(), days=due.working_days
        )
        if due.provisional:
            text += tr("IntakeForm", "（临时）")
            self.due_label.setToolTip(
                tr("IntakeForm", "该年度节假日安排尚未录入，时限按周一至周五临时计算，请以正式通知为准。")
            )
        else:
            self.due_label.setToolTip("")
        self.due_label.setText(text)

    def _refresh_title(self) -> None:
        title = self._editor.title() or self._schema.title.text(self._editor.language)
        if title != self._title:
            self._title = title
            self.setWindowTitle(title)
            self.title_changed.emit(title)

    def order_title(self) -> str:
        """The order's one-line title for lists and window titles (masked when confidential)."""
        return self._title

    # -- submitting and moving around --------------------------------------------------------------

    def submit(self) -> bool:
        """Validate the whole form; emit ``submit_requested`` when valid, else show every error.

        Returns:
            Whether ``submit_requested`` was emitted. When the order is not valid, the focus moves to
            the first field in error; when the pre-submit check finds something, ``pre_submit_findings``
            is emitted instead.
        """
        errors = self._editor.errors()
        by_key = {error.field_key: error for error in errors}
        self._touched.update(self._fields)
        for key in self._fields:
            self._show_error(key, by_key.get(key))
        if errors:
            self.focus_field(errors[0].field_key)
            return False
        return self._submit_checked(None)

    def set_pre_submit_check(self, check: PreSubmitCheck | None) -> None:
        """Run ``check`` on every valid order before submitting it (``None``: no check).

        When it returns anything, ``pre_submit_findings`` is emitted instead of ``submit_requested``;
        the form itself does not judge what was found.
        """
        self._pre_submit_check = check

    def submit_acknowledged(self, findings: Sequence[Any]) -> bool:
        """Submit although the pre-submit check found ``findings``, which the user chose to keep.

        The form is validated and checked again: only when the check finds exactly ``findings`` (the
        text was not changed in between) is ``submit_requested`` emitted; anything else found is
        reported on ``pre_submit_findings`` as after :meth:`submit`.

        Returns:
            Whether ``submit_requested`` was emitted.
        """
        errors = self._editor.errors()
        if errors:
            return self.submit()
        return self._submit_checked(list(findings))

    def _submit_checked(self, acknowledged: list[Any] | None) -> bool:
        payload = self._editor.payload()
        if self._pre_submit_check is not None:
            findings = list(self._pre_submit_check(payload))
            if findings and findings != acknowledged:
                self.pre_submit_findings.emit(payload, findings)
                return False
        self.submit_requested.emit(payload)
        return True

    def focus_field(self, key: str) -> None:
        """Put the cursor in field ``key`` and scroll it into view."""
        target = self._fields[key].focus_target()
        # Remembered here too: while the window is inactive Qt delivers no FocusIn to record it.
        self._last_focused = target
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll_area.ensureWidgetVisible(target)

    def focus_section(self, index: int) -> None:
        """Put the cursor in the first visible field of section ``index`` (0-based)."""
        for key in self._section_keys[index]:
            if self._editor.field_state(key).visible:
                # Show the section's title too, then make sure the field itself is in view.
                self.scroll_area.ensureWidgetVisible(self._section_boxes[index])
                self.focus_field(key)
                return

    def typing_target(self) -> QWidget | None:
        """The form control the cursor is, or was last, in; ``None`` before the first one."""
        last = self._last_focused
        if last is not None and last.isVisible() and last.isEnabled():
            return last
        return None

    def focus_form(self) -> None:
        """Put the cursor back where it was in the form (the first field the first time)."""
        last = self._last_focused
        if last is not None and last.isVisible() and last.isEnabled():
            last.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.scroll_area.ensureWidgetVisible(last)
            return
        self.focus_section(0)

    # -- what tests and the window read -----------------------------------------------------------

    def field_keys(self) -> list[str]:
        """Every field key, in form order."""
        return list(self._fields)

    def controls(self, key: str) -> list[QWidget]:
        """The input controls of field ``key`` (two for a place, one per option for radio choices)."""
        return list(self._fields[key].controls)

    def error_label(self, key: str) -> QLabel:
        """The label showing field ``key``'s error."""
        return self._fields[key].error_label

    def error_text(self, key: str) -> str:
        """The error shown for field ``key`` ("" when none)."""
        return self._fields[key].error_message

    def is_field_shown(self, key: str) -> bool:
        """Whether field ``key``'s row is shown (its condition holds)."""
        return not self._rows[key][1].isHidden()

    def section_boxes(self) -> list[QGroupBox]:
        """The section groups, in order."""
        return list(self._section_boxes)

    def completions(self, key: str, part: str | None = None) -> SearchCompleter:
        """The match list of a topic field, or of a place field's ``part`` (``"district"`` or ``"street"``).

        Raises:
            ValueError: for a field without a match list.
        """
        field = self._fields[key]
        if isinstance(field, TopicControls):
            return field.completions
        if isinstance(field, PlaceControls):
            return field.street_completions if part == "street" else field.district_completions
        raise ValueError(f"field {key} has no completion list")

    def completion_rows(self, key: str, part: str | None = None) -> list[str]:
        """The matches a topic or place field lists now (``part`` ``"district"``/``"street"`` for a place)."""
        return self.completions(key, part).rows()

    def choose_completion(self, key: str, row: int, part: str | None = None) -> None:
        """Pick row ``row`` of a topic or place field's list, as the call-taker would."""
        self.completions(key, part).choose_row(row)

    # -- focus and keys ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Unmask on entering a field, mask and tidy on leaving it, open completion lists on Down."""
        field = self._control_fields.get(watched)
        if field is None:
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self._last_focused = watched
            reason = event.reason() if isinstance(event, QFocusEvent) else Qt.FocusReason.OtherFocusReason
            field.focus_entered(watched, reason)
            self.scroll_area.ensureWidgetVisible(watched, 50, 30)
        elif kind == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            if event.reason() != Qt.FocusReason.PopupFocusReason and not field.has_focus():
                field.focus_left()
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            completions = self._completions_of(field, watched)
            if completions is not None and not completions.popup_visible() and isinstance(watched, QLineEdit):
                completions.refresh(watched.text())
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _completions_of(field: FieldControls, control: QObject) -> SearchCompleter | None:
        if isinstance(field, TopicControls):
            return field.completions
        if isinstance(field, PlaceControls):
            return field.street_completions if control is field.street_edit else field.district_completions
        return None
