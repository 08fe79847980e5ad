"""The order side of the seat window: intake form, drafts, scripts, knowledge and dispatch, following the call.

``OrderDesk`` is glue, not a widget: it builds the regions the seat window shows (the form with its
forbidden-phrase panel and related knowledge, the scripts panel, the knowledge panel, the dispatch
panel) and moves the order through its life as the call moves (``follow_call``):

- ringing: the greeting with the job number is prompted;
- answered (a new call): unsaved drafts are written, a new order starts with the caller's number
  and the server time of answering;
- every draft save: the backend is told the order is saved (``SeatSession.report_order_saved``);
- hung up: the closing script is prompted; the call gone: the prompt clears.

A disposition chosen in the dispatch panel submits a valid order through the outbox
(``_submit_order``), which delivers it whatever the link does. Between calls the form is disabled and
says so; an order not submitted when the seat client stopped is restored at the next sign-in.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from seatclient.api.errors import BackendError
from seatclient.api.events import ConnectionState
from seatclient.api.models import CallInfo, CallPhase
from seatclient.compliance.checks import CompliancePolicy
from seatclient.compliance.phrases import PhraseMatcher
from seatclient.compliance.prompter import CallerInfo, Disposition, ScriptPrompter
from seatclient.compliance.scripts import ScriptSelectionError
from seatclient.dispatch import DispatchCatalogue, Topic, UnitDirectory
from seatclient.forms.drafts import DraftStore
from seatclient.forms.editor import OrderEditor, OrderEditorFactory
from seatclient.forms.schema import FieldType
from seatclient.i18n import tr
from seatclient.knowledge.service import KnowledgeService
from seatclient.outbox import DuplicateKeyError, OrderSender, Outbox, OutboxStore
from seatclient.session import IllegalRequest, SeatSession
from seatclient.tasks import BackgroundTasks
from seatclient.ui.dispatch_panel import DispatchPanel
from seatclient.ui.dispatch_panel import Disposition as DispatchDisposition
from seatclient.ui.form_autosave import FormAutosave
from seatclient.ui.intake_form import IntakeFormWidget
from seatclient.ui.knowledge_panel import KnowledgePanel
from seatclient.ui.knowledge_push import KnowledgePush
from seatclient.ui.phrase_warning import PhraseWarningPanel
from seatclient.ui.scripts_panel import ScriptsPanel

log = logging.getLogger(__name__)

ORDER_KIND = "order.create"
"""The outbox kind of a submitted order (the order sender maps it to ``POST /api/v1/orders``)."""

ORDER_LANE = "orders"
"""Orders are delivered strictly in the order they were submitted."""

CONTEXT_FIELDS = ("event_description", "caller_request")
"""The form's texts that say what the caller wants: related knowledge and dispatch read them."""

ANSWER_FIELDS = ("direct_answer", "notes")
"""Where an inserted knowledge answer goes: the first of these fields the form has."""

CALLER_PHONE_FIELD = "caller_phone"
"""The field prefilled with the caller's number when it is not withheld."""

ARTICLE_ID_KEY = "knowledge_article_id"
"""The payload key naming the knowledge article answered from (the last one inserted)."""

ARTICLE_IDS_KEY = "knowledge_article_ids"
"""The payload key listing every knowledge article whose answer was inserted, in order."""

BLANK_CALL_ID = "no-call"
"""The call id of the blank order shown, disabled, between calls (it is never saved)."""

_TALKING_PHASES = (CallPhase.TALKING, CallPhase.HELD)

_PROMPTER_DISPOSITIONS: dict[DispatchDisposition, tuple[Disposition, str | None]] = {
    DispatchDisposition.DIRECT_ANSWER: (Disposition.DIRECT_ANSWER, None),
    DispatchDisposition.DISPATCH: (Disposition.DISPATCHED, None),
    DispatchDisposition.EXTRA_URGENT: (Disposition.DISPATCHED, None),
    DispatchDisposition.EMERGENCY_110: (Disposition.EMERGENCY_TRANSFER, "110"),
    DispatchDisposition.EMERGENCY_119: (Disposition.EMERGENCY_TRANSFER, "119"),
    DispatchDisposition.EMERGENCY_120: (Disposition.EMERGENCY_TRANSFER, "120"),
    DispatchDisposition.EMERGENCY_122: (Disposition.EMERGENCY_TRANSFER, "122"),
}
"""What the scripts panel says for a disposition (不予受理 needs a reason, picked in the scripts panel)."""

_EMERGENCY_LINES = {
    DispatchDisposition.EMERGENCY_110: "110",
    DispatchDisposition.EMERGENCY_119: "119",
    DispatchDisposition.EMERGENCY_120: "120",
    DispatchDisposition.EMERGENCY_122: "122",
}


def disposition_fields(disposition: str, unit_id: str | None) -> dict[str, Any]:
    """The order request's disposition fields (``OrderRequest``) for a dispatch panel disposition.

    Raises:
        ValueError: ``disposition`` is no dispatch panel ``Disposition`` value.
    """
    kind = DispatchDisposition(disposition)
    if kind in _EMERGENCY_LINES:
        return {
            "disposition": "emergency_transfer",
            "emergency_line": _EMERGENCY_LINES[kind],
            "unit_id": None,
        }
    wire = "dispatch_extra_urgent" if kind is DispatchDisposition.EXTRA_URGENT else kind.value
    return {"disposition": wire, "unit_id": unit_id if kind.needs_unit else None}


class OrderDesk(QObject):
    """Builds the order regions of the seat window and moves the order along with the call.

    Args:
        session: the seat session (current call, server clock, order-saved reports).
        tasks: where background work runs.
        factory: builds the order editors (pass one whose clock is the server clock).
        drafts: the drafts database in the profile folder.
        knowledge: the opened knowledge service.
        prompter: the script prompter.
        matcher: the forbidden-phrase matcher.
        policy: the compliance policy (which texts are checked).
        catalogue: the dispatch catalogue.
        directory: the handling-unit directory.
        outbox_store: where submitted orders wait for delivery.
        order_sender: delivers outbox entries to the backend; ``None`` when this build has none, so
            an order can be completed but not submitted (the person is told).
        shortcuts: the shortcut map in force.
        parent: the Qt parent.
    """

    def __init__(
        self,
        session: SeatSession,
        tasks: BackgroundTasks,
        factory: OrderEditorFactory,
        drafts: DraftStore,
        knowledge: KnowledgeService,
        prompter: ScriptPrompter,
        matcher: PhraseMatcher,
        policy: CompliancePolicy,
        catalogue: DispatchCatalogue,
        directory: UnitDirectory,
        outbox_store: OutboxStore,
        order_sender: OrderSender | None,
        shortcuts: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._factory = factory
        self._drafts = drafts
        self._outbox_store = outbox_store
        self._order_sender = order_sender
        self.outbox: Outbox | None = None
        self._outbox_task: asyncio.Task[Any] | None = None
        self._ringing_call_id: str | None = None
        self._order_call_id: str | None = None
        self._ending_call_id: str | None = None
        self._pending_disposition: tuple[str, str | None] | None = None
        self._article_ids: list[str] = []
        self.prompter = prompter
        schema = factory.schema
        self._context_keys = [key for key in CONTEXT_FIELDS if schema.has_field(key)]
        self._answer_key = next((key for key in ANSWER_FIELDS if schema.has_field(key)), None)
        self._topic_key = next((spec.key for spec in schema.fields if spec.type is FieldType.TOPIC), None)
        self._place_key = next((spec.key for spec in schema.fields if spec.type is FieldType.PLACE), None)

        self.form = IntakeFormWidget(self._blank_editor())
        self.autosave = FormAutosave(self.form, drafts)
        self.phrase_warning = PhraseWarningPanel(matcher, policy)
        self.phrase_warning.attach_form(self.form)
        self.push = KnowledgePush(knowledge, tasks)
        self.scripts_panel = ScriptsPanel(prompter, shortcuts)
        self.knowledge_panel = KnowledgePanel(knowledge, tasks)
        self.knowledge_panel.apply_shortcuts(shortcuts)
        self.dispatch_panel = DispatchPanel(catalogue, directory, shortcuts)
        # The disposition buttons are wide; in a narrow column the panel scrolls rather than
        # taking the width the form needs.
        self.dispatch_region = QScrollArea()
        self.dispatch_region.setObjectName("dispatchRegion")
        self.dispatch_region.setAccessibleName(tr("OrderDesk", "派单"))
        self.dispatch_region.setWidgetResizable(True)
        self.dispatch_region.setFrameShape(QFrame.Shape.NoFrame)
        self.dispatch_region.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dispatch_region.setWidget(self.dispatch_panel)

        self.notice_label = QLabel()
        self.notice_label.setObjectName("orderNotice")
        self.notice_label.setAccessibleIdentifier("orderNotice")
        self.notice_label.setAccessibleDescription(tr("OrderDesk", "工单提示"))
        self.notice_label.setWordWrap(True)
        self.form_region = self._build_form_region()

        self.form.values_changed.connect(self._on_form_values_changed)
        self.form.submit_requested.connect(self._on_submit_requested)
        self.autosave.draft_saved.connect(self._on_draft_saved)
        self.autosave.autosave_failed.connect(lambda message: self._show_notice(message, warning=True))
        self.knowledge_panel.insert_answer_requested.connect(self.insert_answer)
        self.scripts_panel.insert_requested.connect(self.insert_script)
        self.push.open_requested.connect(self.knowledge_panel.open_article)
        self.dispatch_panel.disposition_requested.connect(self._on_disposition_requested)
        session.call_changed.connect(self.follow_call)
        session.connection_changed.connect(self._on_connection_changed)
        self._show_idle()

    # -- building ----------------------------------------------------------------------------------

    def _build_form_region(self) -> QWidget:
        region = QWidget()
        region.setObjectName("formRegion")
        region.setAccessibleName(tr("OrderDesk", "工单"))
        # The related articles go under the form: beside it they would take the width its fields need.
        self.push.setMinimumHeight(90)
        self.form_splitter = QSplitter(Qt.Orientation.Vertical)
        self.form_splitter.setObjectName("formSplit")
        self.form_splitter.addWidget(self.form)
        self.form_splitter.addWidget(self.push)
        self.form_splitter.setChildrenCollapsible(False)
        self.form_splitter.setStretchFactor(0, 5)
        self.form_splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(region)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.form_splitter, 1)
        layout.addWidget(self.phrase_warning)
        return region

    def _blank_editor(self) -> OrderEditor:
        job_number = self._session.job_number or "-"
        return self._factory.new_order(BLANK_CALL_ID, job_number, self._session.clock.now())

    # -- what is shown -----------------------------------------------------------------------------

    @property
    def order_call_id(self) -> str | None:
        """The call whose order the form holds, ``None`` while the form is blank."""
        return self._order_call_id

    @property
    def notice(self) -> str:
        """The line shown above the form."""
        return self.notice_label.text()

    def _show_notice(self, text: str, warning: bool = False) -> None:
        self.notice_label.setText(text)
        colour = "#922b21" if warning else "#1f4e79"
        background = "#fdecea" if warning else "#eaf2fb"
        self.notice_label.setStyleSheet(
            f"QLabel {{ color: {colour}; background: {background}; padding: 4px 8px; border-radius: 3px; }}"
        )

    def _show_idle(self) -> None:
        self._order_call_id = None
        self._article_ids = []
        self._pending_disposition = None
        self.form.set_editor(self._blank_editor())
        self.form.setEnabled(False)
        self.push.set_context("")
        self.dispatch_panel.reset()
        self._show_notice(tr("OrderDesk", "当前没有通话：接通来电后在此记录工单。"))

    def _show_order(self, editor: OrderEditor, notice: str, warning: bool = False) -> None:
        self._order_call_id = editor.call_id
        self._article_ids = []
        self._pending_disposition = None
        self.form.set_editor(editor)
        self.form.setEnabled(True)
        self.phrase_warning.begin_call(editor.call_id)
        self.dispatch_panel.reset()
        self._follow_texts()
        self._show_notice(notice, warning)

    def focus_form(self) -> None:
        """Put the cursor back in the form (where it was)."""
        self.form.focus_form()

    # -- the seat's life ---------------------------------------------------------------------------

    def signed_in(self) -> None:
        """The person signed in: start the outbox and restore an order they did not submit."""
        job_number = self._session.job_number
        self.prompter.set_job_number(job_number)
        if self._order_sender is not None:
            self.outbox = Outbox(self._outbox_store, self._order_sender, job_number)
            self._outbox_task = self._tasks.spawn(self.outbox.run(), key="outbox")
        unfinished = self._drafts.load_for(job_number)
        if unfinished:
            draft = max(unfinished, key=lambda each: each.updated_at)
            self._show_order(
                self._factory.resume(draft), tr("OrderDesk", "已恢复未提交的工单草稿"), warning=True
            )
        else:
            self._show_idle()
        call = self._session.current_call
        if call is not None:
            self.follow_call(call)

    def signed_out(self) -> None:
        """The session ended: stop delivering (the entries wait on disk) and clear the form."""
        self.flush()
        if self._outbox_task is not None:
            self._outbox_task.cancel()
            self._outbox_task = None
        self.outbox = None
        self.prompter.call_ended()
        self._ringing_call_id = None
        self._ending_call_id = None
        self._show_idle()

    def _on_connection_changed(self, state: ConnectionState) -> None:
        # Orders waiting out a backoff go at once when the link is back.
        if state is ConnectionState.CONNECTED and self.outbox is not None:
            self.outbox.wake()

    def flush(self) -> bool:
        """Write every unsaved draft now (sign-out, quit, a new call); ``True`` when nothing is left."""
        return self.autosave.flush()

    def follow_call(self, call: CallInfo | None) -> None:
        """Move the order and the scripts along with the seat's current call (``session.call_changed``)."""
        if call is None:
            if self._ringing_call_id is not None or self._ending_call_id is not None:
                self.prompter.call_ended()
            self._ringing_call_id = None
            self._ending_call_id = None
            if self._order_call_id is not None and not self.form.editor.submitted:
                self._show_notice(tr("OrderDesk", "通话已结束：请完成工单并选择处理方式。"))
            return
        if call.phase is CallPhase.RINGING and call.call_id != self._ringing_call_id:
            self._ringing_call_id = call.call_id
            self.prompter.call_ringing(CallerInfo(call.call_id))
        elif call.phase in _TALKING_PHASES and call.call_id != self._order_call_id:
            self._start_order(call)
        elif call.phase is CallPhase.ENDED and call.call_id != self._ending_call_id:
            self._ending_call_id = call.call_id
            self.prompter.call_ending()
            self.flush()

    def _start_order(self, call: CallInfo) -> None:
        # Edits of the order being replaced are written before the form shows the new one.
        self.flush()
        if self._ringing_call_id != call.call_id:
            self._ringing_call_id = call.call_id
            self.prompter.call_ringing(CallerInfo(call.call_id))
        values: dict[str, Any] = {}
        if (
            call.caller_number
            and not call.number_withheld
            and self.form.editor.schema.has_field(CALLER_PHONE_FIELD)
        ):
            values[CALLER_PHONE_FIELD] = call.caller_number
        registered_at = call.answered_at or self._session.clock.now()
        editor = self._factory.new_order(call.call_id, self._session.job_number, registered_at, values)
        self._show_order(editor, tr("OrderDesk", "通话中：请记录工单，草稿自动保存。"))
        self.prompter.call_answered()

    # -- the form ----------------------------------------------------------------------------------

    def _on_form_values_changed(self, key: str) -> None:
        if key in self._context_keys or key in (self._topic_key, self._place_key):
            self._follow_texts()

    def _context_text(self) -> str:
        editor = self.form.editor
        parts = [str(editor.value(key) or "").strip() for key in self._context_keys]
        return "\n".join(part for part in parts if part)

    def _follow_texts(self) -> None:
        editor = self.form.editor
        text = self._context_text()
        self.push.set_context(text)
        topic: Topic | None = None
        topic_value = editor.value(self._topic_key) if self._topic_key else None
        if isinstance(topic_value, Mapping) and topic_value.get("class"):
            topic = Topic(str(topic_value["class"]), str(topic_value.get("item") or "") or None)
        district: str | None = None
        street: str | None = None
        place_value = editor.value(self._place_key) if self._place_key else None
        if isinstance(place_value, Mapping):
            district = str(place_value.get("district") or "") or None
            street = str(place_value.get("street") or "") or None
        self.dispatch_panel.set_order(topic, district, street, text)

    def _on_draft_saved(self, call_id: str) -> None:
        status = self._session.status
        # Only this seat's current call can be reported; a restored draft of an earlier call is
        # simply kept on disk.
        if status is None or status.call_id != call_id:
            return
        self._tasks.spawn(self._report_saved(call_id), key=f"order-saved:{call_id}")

    async def _report_saved(self, call_id: str) -> None:
        try:
            await self._session.report_order_saved(call_id)
        except IllegalRequest as exc:
            log.info("order of call %s saved but not reported: %s", call_id, exc.code)
        except BackendError as exc:
            log.warning("reporting the saved order failed: %s", exc.kind.value)
            self._show_notice(exc.user_message(), warning=True)

    def insert_answer(self, article_id: str, text: str) -> bool:
        """Put a knowledge answer into the order's answer field (or its notes); ``False`` when there is none."""
        key = self._answer_key
        if key is None or not self.form.isEnabled():
            self._show_notice(tr("OrderDesk", "没有正在记录的工单，答复未插入。"), warning=True)
            return False
        editor = self.form.editor
        existing = str(editor.value(key) or "").rstrip()
        combined = f"{existing}\n{text.strip()}" if existing else text.strip()
        self.form.commit(editor.set_value(key, combined))
        self.form.set_editor(editor)
        if article_id not in self._article_ids:
            self._article_ids.append(article_id)
        label = editor.schema.field(key).label.text(editor.language)
        self._show_notice(tr("OrderDesk", "已将知识答复插入“{field}”。").format(field=label))
        return True

    def insert_script(self, text: str) -> bool:
        """Type the shown script where the cursor was in the form; ``False`` when there is no such place."""
        if not self.form.isEnabled():
            self._show_notice(tr("OrderDesk", "没有正在记录的工单，话术未插入。"), warning=True)
            return False
        # The insert button took the focus: go back to where the call-taker was typing.
        target = self.form.typing_target()
        self.form.focus_form()
        if isinstance(target, QPlainTextEdit) and not target.isReadOnly():
            target.insertPlainText(text)
        elif isinstance(target, QLineEdit) and not target.isReadOnly():
            target.insert(text)
        else:
            self._show_notice(tr("OrderDesk", "请先把光标放在工单的文字栏里，再插入话术。"), warning=True)
            return False
        return True

    # -- submitting --------------------------------------------------------------------------------

    def _on_disposition_requested(self, kind: str) -> None:
        disposition = DispatchDisposition(kind)
        prompt = _PROMPTER_DISPOSITIONS.get(disposition)
        if prompt is not None:
            try:
                self.prompter.disposition_chosen(prompt[0], prompt[1])
            except ScriptSelectionError as exc:
                log.warning("no script for disposition %s: %s", kind, exc)
        if not self.form.isEnabled():
            self._show_notice(tr("OrderDesk", "没有正在记录的工单，不能提交。"), warning=True)
            return
        unit = self.dispatch_panel.chosen_unit() if disposition.needs_unit else None
        self._pending_disposition = (disposition.value, unit.id if unit is not None else None)
        if not self.form.submit() and self.form.editor.errors():
            self._show_notice(tr("OrderDesk", "工单尚未填写完整，请按提示补充后再提交。"), warning=True)

    def _on_submit_requested(self, payload: dict[str, Any]) -> None:
        pending = self._pending_disposition
        if pending is None:
            self._show_notice(
                tr("OrderDesk", "请在派单区选择处理方式（直接答复、派单、不予受理……），工单随之提交。"),
                warning=True,
            )
            return
        self._pending_disposition = None
        self._submit_order(payload, pending[0], pending[1])

    def _submit_order(self, payload: Mapping[str, Any], disposition: str, unit_id: str | None) -> bool:
        """Queue the order for delivery with its disposition and unit; returns whether it was queued.

        The entry is on disk when this returns and the outbox delivers it (retrying as needed); the
        draft is then marked submitted, so it is not restored again.
        """
        outbox = self.outbox
        if outbox is None:
            self._show_notice(
                tr("OrderDesk", "本机暂不能提交工单：未配置工单发送通道。草稿已保存。"), warning=True
            )
            return False
        body = self.phrase_warning.finalize_payload(dict(payload))
        body.update(disposition_fields(disposition, unit_id))
        body[ARTICLE_ID_KEY] = self._article_ids[-1] if self._article_ids else None
        body[ARTICLE_IDS_KEY] = list(self._article_ids)
        editor = self.form.editor
        try:
            outbox.enqueue(
                ORDER_KIND,
                body,
                idempotency_key=f"order:{editor.job_number}:{editor.call_id}",
                lane=ORDER_LANE,
            )
        except DuplicateKeyError:
            self._show_notice(tr("OrderDesk", "这张工单已经提交过。"), warning=True)
            return False
        editor.mark_submitted(self._drafts)
        self.form.setEnabled(False)
        self._show_notice(tr("OrderDesk", "工单已提交，正在发送到后台。"))
        return True
