"""The pre-submit phrase warning (提交前禁语提示): forbidden phrases in the order's texts, shown inline.

When the call-taker submits the order, its text fields are checked (``check_order_texts``). Hits show in
this panel, not in a modal dialog: each with its field, the words underlined in their context and the
better wording, and a "修改" button that puts the cursor on the words. In warn mode "仍然提交" sends the
order as written; in block mode the order is refused until the words are changed (HZ 7.1, 10.2.1).
What was shown and what the call-taker did is kept as the wrap-up self-check stored with the order.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from seatclient.compliance.checks import (
    CompliancePolicy,
    FieldFinding,
    WrapUpSelfCheck,
    check_order_texts,
    findings_block,
)
from seatclient.compliance.phrases import Hit, PhraseMatcher
from seatclient.i18n import tr
from seatclient.ui.intake_form import IntakeFormWidget

CONTEXT_CHARACTERS = 14
"""How many characters of text are shown on each side of a hit."""

MAX_LIST_HEIGHT = 260
"""The tallest the list of hits grows (in pixels) before it scrolls."""

_HIGHLIGHT_STYLE = "background-color:#fadbd8; color:#922b21; text-decoration:underline; font-weight:bold;"


def _utf16_offset(text: str, index: int) -> int:
    """Qt counts text positions in UTF-16 units; Python in code points (they differ past U+FFFF)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _locate(text: str, hit: Hit) -> tuple[int, int] | None:
    """Where ``hit`` is in ``text`` now: its own span if unchanged, else the nearest same words."""
    start, end = hit.original_span
    if text[start:end] == hit.matched_text:
        return start, end
    positions: list[int] = []
    position = text.find(hit.matched_text)
    while position >= 0:
        positions.append(position)
        position = text.find(hit.matched_text, position + 1)
    if not positions:
        return None
    nearest = min(positions, key=lambda candidate: abs(candidate - start))
    return nearest, nearest + len(hit.matched_text)


def hit_in_context_html(text: str, hit: Hit, context: int = CONTEXT_CHARACTERS) -> str:
    """The words of ``hit`` highlighted within up to ``context`` characters either side, as rich text."""
    start, end = hit.original_span
    before_start = max(0, start - context)
    after_end = min(len(text), end + context)
    before = ("…" if before_start > 0 else "") + text[before_start:start]
    after = text[end:after_end] + ("…" if after_end < len(text) else "")

    def plain(part: str) -> str:
        return html.escape(" ".join(part.split()), quote=False)

    return (
        f'{plain(before)}<span style="{_HIGHLIGHT_STYLE}">{html.escape(text[start:end])}</span>{plain(after)}'
    )


def _category_label(matcher: PhraseMatcher, category_id: str) -> str:
    """The category's Chinese name, or its id when a newer list no longer has it."""
    try:
        return matcher.category(category_id).label
    except KeyError:
        return category_id


class PhraseWarningPanel(QFrame):
    """The inline list of forbidden phrases found in the order when it was submitted.

    Hidden until there is something to show. Use :meth:`attach_form` to check an intake form on every
    submission; or call :meth:`check` and :meth:`show_findings` yourself.

    Args:
        matcher: the forbidden-phrase matcher.
        policy: which fields to check and their names when the form has none.
        parent: the parent widget.

    Signals:
        submit_anyway_requested: (findings list) "仍然提交" was chosen in warn mode.
        revise_requested: (field key, start, end) "修改" was chosen for words in a field the attached
            form does not have (the direct answer); positions are Python string indices.
    """

    submit_anyway_requested = Signal(list)
    revise_requested = Signal(str, int, int)

    def __init__(
        self, matcher: PhraseMatcher, policy: CompliancePolicy, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phraseWarningPanel")
        self.setAccessibleName(tr("PhraseWarning", "服务禁语提示"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#phraseWarningPanel { background: #fffaf0; border: 1px solid #f0b27a; border-radius: 4px; }"
        )
        self._matcher = matcher
        self._policy = policy
        self._labels: dict[str, str] = policy.field_labels()
        self._form: IntakeFormWidget | None = None
        self._findings: list[FieldFinding] = []
        self._rows: list[tuple[FieldFinding, Hit]] = []
        self._self_check = WrapUpSelfCheck()
        self.revise_buttons: list[QPushButton] = []
        self.hit_labels: list[QLabel] = []

        self.header_label = QLabel()
        self.header_label.setObjectName("phraseWarningHeader")
        self.header_label.setAccessibleIdentifier("phraseWarningHeader")
        self.header_label.setAccessibleDescription(tr("PhraseWarning", "禁语检查结果"))
        self.header_label.setWordWrap(True)

        self._rows_widget = QWidget()
        self._rows_widget.setObjectName("phraseWarningRows")
        self._rows_layout = QVBoxLayout(self._rows_widget)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(6)
        self.rows_area = QScrollArea()
        self.rows_area.setObjectName("phraseWarningScroll")
        self.rows_area.setWidgetResizable(True)
        self.rows_area.setFrameShape(QFrame.Shape.NoFrame)
        self.rows_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rows_area.setWidget(self._rows_widget)

        self.submit_anyway_button = QPushButton(tr("PhraseWarning", "仍然提交"))
        self.submit_anyway_button.setObjectName("submitAnywayButton")
        self.submit_anyway_button.setAccessibleName(tr("PhraseWarning", "不修改，仍然提交工单"))
        self.submit_anyway_button.setAutoDefault(False)
        self.submit_anyway_button.clicked.connect(self.submit_anyway)
        self.close_button = QPushButton(tr("PhraseWarning", "关闭提示"))
        self.close_button.setObjectName("closePhraseWarningButton")
        self.close_button.setAccessibleName(tr("PhraseWarning", "关闭禁语提示"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.hide)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_anyway_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.header_label)
        layout.addWidget(self.rows_area)
        layout.addLayout(buttons)
        self.hide()

    # -- wiring ------------------------------------------------------------------------------------

    def attach_form(self, form: IntakeFormWidget) -> None:
        """Check ``form``'s texts on every submission and show what is found; hide once it is submitted.

        Field names come from the form where it has the field, else from the policy.
        """
        self._form = form
        self._name_fields()
        form.set_pre_submit_check(self.check)
        form.pre_submit_findings.connect(self.show_findings)
        form.submit_requested.connect(self._submitted)

    def _name_fields(self) -> None:
        form = self._form
        if form is None:
            self._labels = self._policy.field_labels()
            return
        schema = form.editor.schema
        language = form.editor.language
        self._labels = self._policy.field_labels("en" if language == "en" else "zh_CN")
        for key in self._policy.order_field_keys:
            if schema.has_field(key):
                self._labels[key] = schema.field(key).label.text(language)

    @property
    def matcher(self) -> PhraseMatcher:
        """The forbidden-phrase matcher in force."""
        return self._matcher

    @property
    def policy(self) -> CompliancePolicy:
        """The compliance policy in force (which texts are checked)."""
        return self._policy

    def set_rules(self, matcher: PhraseMatcher, policy: CompliancePolicy) -> None:
        """Check with new rules from the next submission on (a new config bundle); nothing typed is touched.

        The list shown stays as it was found; its categories are named from the rules it was found with.
        """
        self._matcher = matcher
        self._policy = policy
        self._name_fields()

    def set_field_labels(self, labels: Mapping[str, str]) -> None:
        """Name fields with ``labels`` (field key -> name) in the list."""
        self._labels.update(labels)

    def begin_call(self, call_id: str) -> None:
        """Start a new wrap-up self-check for ``call_id`` and hide what was shown for the last order."""
        self._self_check = WrapUpSelfCheck(call_id)
        self._set_findings([])
        self.hide()

    # -- checking ----------------------------------------------------------------------------------

    def check(self, payload: dict[str, Any]) -> list[FieldFinding]:
        """The pre-submit check: the forbidden phrases in ``payload``'s text fields."""
        return check_order_texts(payload, self._matcher, self._policy.order_field_keys)

    @property
    def self_check(self) -> WrapUpSelfCheck:
        """The record of what was shown during this call (transcript alerts may add to it)."""
        return self._self_check

    def record_transcript_hits(self, hits: list[Hit]) -> None:
        """Add live alerts shown for this call to the self-check (connect ``TranscriptAlert.hits_shown``)."""
        self._self_check.record_transcript_hits(hits)

    def finalize_payload(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Return ``payload`` with the wrap-up self-check, judged against the texts in it, added.

        A record kept for another call is not attached: the order gets an empty one of its own.
        """
        call_id = str(payload.get("call_id", ""))
        if not self._self_check.call_id:
            self._self_check.call_id = call_id
        elif call_id and call_id != self._self_check.call_id:
            self._self_check = WrapUpSelfCheck(call_id)
        return self._self_check.attach_to(payload, self.check(payload))

    # -- showing -----------------------------------------------------------------------------------

    def findings(self) -> list[FieldFinding]:
        """The findings shown now."""
        return list(self._findings)

    def blocking(self) -> bool:
        """Whether what is shown must be changed before the order may be submitted."""
        return findings_block(self._findings)

    def show_findings(self, payload: dict[str, Any], findings: list[FieldFinding]) -> None:
        """Show ``findings`` of the order ``payload`` (connected to the form's ``pre_submit_findings``)."""
        call_id = str(payload.get("call_id", ""))
        if call_id and self._self_check.call_id and call_id != self._self_check.call_id:
            self._self_check = WrapUpSelfCheck(call_id)
        elif call_id and not self._self_check.call_id:
            self._self_check.call_id = call_id
        self._self_check.record_order_findings(findings)
        self._set_findings(findings)
        self.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))
        if self.revise_buttons:
            # The call-taker just asked to submit: the next key press should act on this list.
            self.revise_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_findings(self, findings: list[FieldFinding]) -> None:
        self._findings = list(findings)
        while self._rows_layout.count():
            item = self._rows_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._rows = [(finding, hit) for finding in findings for hit in finding.hits]
        self.revise_buttons = []
        self.hit_labels = []
        for index, (finding, hit) in enumerate(self._rows):
            self._rows_layout.addWidget(self._row(index, finding, hit))
        self._rows_layout.addStretch(1)
        self._fit_rows()
        count = len(self._rows)
        blocking = self.blocking()
        if blocking:
            header = tr("PhraseWarning", "工单文字中有 {count} 处服务禁语，按规定必须修改后才能提交。")
            colour = "#922b21"
        else:
            header = tr("PhraseWarning", "工单文字中有 {count} 处服务禁语，建议修改后再提交。")
            colour = "#9a5b00"
        self.header_label.setText(header.format(count=count))
        self.header_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        self.submit_anyway_button.setVisible(not blocking)
        self.submit_anyway_button.setEnabled(not blocking and bool(self._rows))
        self.setAccessibleDescription(self.header_label.text())

    def _fit_rows(self) -> None:
        """Make the list as tall as its rows at the current width, up to a limit past which it scrolls."""
        width = max(self.rows_area.viewport().width(), 200)
        needed = self._rows_layout.totalHeightForWidth(width)
        if needed < 0:
            needed = self._rows_widget.sizeHint().height()
        self.rows_area.setFixedHeight(min(needed + 4, MAX_LIST_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the list: wrapped rows need more height when the panel gets narrower."""
        super().resizeEvent(event)
        self._fit_rows()

    def _row(self, index: int, finding: FieldFinding, hit: Hit) -> QWidget:
        field_name = self._labels.get(finding.field_key, finding.field_key)
        category = _category_label(self._matcher, hit.category)
        row = QFrame()
        row.setObjectName(f"phraseHit_{index}")
        row.setStyleSheet(f"QFrame#phraseHit_{index} {{ border-top: 1px solid #f5cba7; }}")
        text_label = QLabel(
            tr("PhraseWarning", "<b>{field}</b>（{category}）：{context}").format(
                field=html.escape(field_name),
                category=html.escape(category),
                context=hit_in_context_html(finding.text, hit),
            )
        )
        text_label.setObjectName(f"phraseHitText_{index}")
        text_label.setTextFormat(Qt.TextFormat.RichText)
        text_label.setWordWrap(True)
        spoken = tr("PhraseWarning", "{field}中的“{words}”属于服务禁语（{category}）").format(
            field=field_name, words=hit.matched_text, category=category
        )
        text_label.setAccessibleDescription(spoken)
        suggestion_label = QLabel(
            tr("PhraseWarning", "建议改为：{suggestion}").format(suggestion=hit.suggestion)
        )
        suggestion_label.setObjectName(f"phraseHitSuggestion_{index}")
        suggestion_label.setWordWrap(True)
        suggestion_label.setTextFormat(Qt.TextFormat.PlainText)
        suggestion_label.setStyleSheet("QLabel { color: #1e8449; }")
        suggestion_label.setAccessibleDescription(
            tr("PhraseWarning", "建议改为：{suggestion}").format(suggestion=hit.suggestion)
        )
        revise = QPushButton(tr("PhraseWarning", "修改"))
        revise.setObjectName(f"reviseButton_{index}")
        revise.setAccessibleName(
            tr("PhraseWarning", "修改{field}中的“{words}”").format(field=field_name, words=hit.matched_text)
        )
        revise.setAutoDefault(False)
        revise.clicked.connect(lambda _=False, index=index: self.revise(index))
        self.revise_buttons.append(revise)
        self.hit_labels.append(text_label)

        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(text_label)
        texts.addWidget(suggestion_label)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(texts, 1)
        layout.addWidget(revise, 0, Qt.AlignmentFlag.AlignTop)
        return row

    # -- actions -----------------------------------------------------------------------------------

    def revise(self, index: int) -> None:
        """Go to the words of row ``index``: focus their field and select them."""
        finding, hit = self._rows[index]
        self._self_check.record_revise_request(finding.field_key, hit.phrase_id)
        form = self._form
        if form is None or finding.field_key not in form.field_keys():
            start, end = hit.original_span
            self.revise_requested.emit(finding.field_key, start, end)
            return
        form.focus_field(finding.field_key)
        control = form.controls(finding.field_key)[0]
        if isinstance(control, QLineEdit):
            text = control.text()
            span = _locate(text, hit)
            if span is not None:
                start = _utf16_offset(text, span[0])
                control.setSelection(start, _utf16_offset(text, span[1]) - start)
        elif isinstance(control, QPlainTextEdit):
            text = control.toPlainText()
            span = _locate(text, hit)
            if span is not None:
                cursor = control.textCursor()
                cursor.setPosition(_utf16_offset(text, span[0]))
                cursor.setPosition(_utf16_offset(text, span[1]), QTextCursor.MoveMode.KeepAnchor)
                control.setTextCursor(cursor)
                control.ensureCursorVisible()

    def submit_anyway(self) -> bool:
        """Submit the order as written ("仍然提交"); refused in block mode.

        Returns:
            Whether submission went ahead (the attached form emitted ``submit_requested``, or, without
            a form, ``submit_anyway_requested`` was emitted).
        """
        if not self._findings or self.blocking():
            return False
        findings = list(self._findings)
        self.submit_anyway_requested.emit(findings)
        if self._form is None:
            return True
        return self._form.submit_acknowledged(findings)

    def _submitted(self, payload: dict[str, Any]) -> None:
        self._set_findings([])
        self.hide()
