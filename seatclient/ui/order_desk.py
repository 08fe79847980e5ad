"""The order side of the seat window: intake form, drafts, scripts, knowledge and dispatch, following the call.

``OrderDesk`` is glue, not a widget: it builds the regions the seat window shows (the form with its
forbidden-phrase panel and related knowledge, the scripts panel, the knowledge panel, the dispatch
panel) and moves the order through its life as the call moves (``follow_call``):

- ringing: the greeting with the job number is prompted, and the caller's earlier orders are
  looked up (``repeat_callers``); an open one is offered for 关联已有工单 and to the scripts;
- answered (a new call): unsaved drafts are written, a new order starts with the caller's number
  and the server time of answering;
- every draft save: the backend is told the order is saved (``SeatSession.report_order_saved``);
- hung up: the closing script is prompted; the call gone: the prompt clears.

A disposition chosen in the dispatch panel submits a valid order through the outbox
(``_submit_order``), which delivers it whatever the link does; an emergency transfer is recorded at
once, complete or not, and its line announced on ``emergency_transfer_requested``. Between calls the
form is disabled and says so; the newest order not submitted when the seat client stopped is
restored at the next sign-in, any others are offered in ``other_drafts``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
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
from seatclient.compliance.checks import SELF_CHECK_PAYLOAD_KEY, CompliancePolicy
from seatclient.compliance.live import ComplianceRules
from seatclient.compliance.phrases import PhraseMatcher
from seatclient.compliance.prompter import CallerInfo, Disposition, PromptStage, ScriptPrompter, Situation
from seatclient.compliance.scripts import ScriptSelectionError
from seatclient.dispatch import DispatchCatalogue, Topic, UnitDirectory
from seatclient.forms.calendar import registration_date
from seatclient.forms.drafts import DraftStore
from seatclient.forms.editor import OrderEditor, OrderEditorFactory
from seatclient.forms.repeat_callers import CallerHistory, RepeatCallerLookup
from seatclient.forms.schema import FieldType
from seatclient.i18n import tr
from seatclient.knowledge.service import KnowledgeService
from seatclient.outbox import (
    DuplicateKeyError,
    EntryState,
    FormErrors,
    OrderSender,
    Outbox,
    OutboxEntry,
    OutboxStore,
    draft_from_payload,
    map_field_errors,
)
from seatclient.session import IllegalRequest, SeatSession
from seatclient.tasks import BackgroundTasks
from seatclient.ui.dispatch_panel import DispatchPanel, not_accepted_words
from seatclient.ui.dispatch_panel import Disposition as DispatchDisposition
from seatclient.ui.form_autosave import FormAutosave, OtherDraftsButton
from seatclient.ui.intake_form import IntakeFormWidget
from seatclient.ui.knowledge_panel import KnowledgePanel
from seatclient.ui.knowledge_push import KnowledgePush
from seatclient.ui.phrase_warning import PhraseWarningPanel
from seatclient.ui.rejected_order import ServerErrorsOnForm
from seatclient.ui.repeat_caller_panel import RepeatCallerPanel
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
"""What the scripts panel says for a disposition (不予受理 adds the reason confirmed in the dispatch panel)."""

_EMERGENCY_LINES = {
    DispatchDisposition.EMERGENCY_110: "110",
    DispatchDisposition.EMERGENCY_119: "119",
    DispatchDisposition.EMERGENCY_120: "120",
    DispatchDisposition.EMERGENCY_122: "122",
}


def disposition_fields(
    disposition: str,
    unit_id: str | None,
    *,
    not_accepted_reason: str | None = None,
    linked_order_number: str | None = None,
) -> dict[str, Any]:
    """The order request's disposition fields (``OrderRequest``) for a dispatch panel disposition.

    ``not_accepted_reason`` (a ``NotAcceptedReason`` value) goes with 不予受理 and
    ``linked_order_number`` with 关联已有工单; each is left out of every other disposition.

    Raises:
        ValueError: ``disposition`` is no dispatch panel ``Disposition`` value.
    """
    kind = DispatchDisposition(disposition)
    if kind is DispatchDisposition.NOT_ACCEPTED:
        return {"disposition": kind.value, "unit_id": None, "not_accepted_reason": not_accepted_reason}
    if kind is DispatchDisposition.LINK_EXISTING:
        return {"disposition": kind.value, "unit_id": None, "linked_order_number": linked_order_number}
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
        repeat_lookup: looks up earlier orders (repeat callers, order progress); without it there
            is no repeat-caller panel and a linked order number is checked for presence only.

    Signals:
        outbox_changed: (``Outbox`` or ``None``) the signed-in person's outbox started, or stopped.
        emergency_transfer_requested: (line: 110, 119, 120 or 122) the call-taker chose an emergency
            transfer; the order records it, whoever transfers calls listens here.
    """

    outbox_changed = Signal(object)
    emergency_transfer_requested = Signal(str)

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
        repeat_lookup: RepeatCallerLookup | None = None,
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
        self._answer_records: dict[str, dict[str, Any]] = {}
        self.prompter = prompter
        schema = factory.schema
        self._context_keys = [key for key in CONTEXT_FIELDS if schema.has_field(key)]
        self._answer_key = next((key for key in ANSWER_FIELDS if schema.has_field(key)), None)
        self._topic_key = next((spec.key for spec in schema.fields if spec.type is FieldType.TOPIC), None)
        self._place_key = next((spec.key for spec in schema.fields if spec.type is FieldType.PLACE), None)

        self.form = IntakeFormWidget(self._blank_editor())
        self.server_errors = ServerErrorsOnForm(self.form)
        self.autosave = FormAutosave(self.form, drafts)
        self.phrase_warning = PhraseWarningPanel(matcher, policy)
        self.phrase_warning.attach_form(self.form)
        self.push = KnowledgePush(knowledge, tasks)
        self.push.apply_shortcuts(shortcuts)
        self.scripts_panel = ScriptsPanel(prompter, shortcuts)
        self.knowledge_panel = KnowledgePanel(knowledge, tasks)
        self.knowledge_panel.apply_shortcuts(shortcuts)
        self.dispatch_panel = DispatchPanel(
            catalogue,
            directory,
            shortcuts,
            reason_words=lambda reason: not_accepted_words(prompter, reason),
            order_number_check=repeat_lookup.rules.order_number_problem if repeat_lookup else None,
        )
        self.repeat_callers: RepeatCallerPanel | None = None
        if repeat_lookup is not None:
            self.repeat_callers = RepeatCallerPanel(
                repeat_lookup, tasks, lambda: registration_date(session.clock.now()), shortcuts
            )
            self.repeat_callers.link_requested.connect(self._on_link_requested)
            self.repeat_callers.repeat_script_requested.connect(self._on_repeat_script_requested)
            self.repeat_callers.history_changed.connect(self._on_caller_history)
        self.other_drafts = OtherDraftsButton(schema, factory.language)
        self.other_drafts.draft_chosen.connect(self.open_draft)
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
        self.push.open_requested.connect(self.knowledge_panel.show_pushed_article)
        self.dispatch_panel.disposition_requested.connect(self._on_disposition_requested)
        self.dispatch_panel.emergency_requested.connect(self.emergency_transfer_requested)
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
        notice_row = QHBoxLayout()
        notice_row.setSpacing(6)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.other_drafts, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(notice_row)
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
        self.server_errors.clear()
        self.form.set_editor(self._blank_editor())
        self.form.setEnabled(False)
        self.push.set_context("")
        self.dispatch_panel.reset()
        self._show_notice(tr("OrderDesk", "当前没有通话：接通来电后在此记录工单。"))
        self._refresh_other_drafts()

    def _show_order(self, editor: OrderEditor, notice: str, warning: bool = False) -> None:
        self._order_call_id = editor.call_id
        self._article_ids = []
        self._pending_disposition = None
        self.server_errors.clear()
        self.form.set_editor(editor)
        self.form.setEnabled(True)
        self.phrase_warning.begin_call(editor.call_id)
        self.dispatch_panel.reset()
        self._offer_link_candidate()
        self._follow_texts()
        self._show_notice(notice, warning)
        self._refresh_other_drafts()

    def focus_form(self) -> None:
        """Put the cursor back in the form (where it was)."""
        self.form.focus_form()

    def add_banner(self, banner: QWidget) -> None:
        """Show ``banner`` right above the form, under the notice line (the live phrase alert)."""
        layout = self.form_region.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(self.form_splitter), banner)

    def compliance_rules(self) -> ComplianceRules:
        """The phrase matcher, policy and scripts the desk checks and prompts with now."""
        warning = self.phrase_warning
        return ComplianceRules(matcher=warning.matcher, policy=warning.policy, scripts=self.prompter.book)

    def set_compliance_rules(self, rules: ComplianceRules) -> None:
        """Check and prompt with ``rules`` from now on (a new config bundle); what is typed stays as it is."""
        self.phrase_warning.set_rules(rules.matcher, rules.policy)
        if rules.scripts is not self.prompter.book:
            self.prompter.set_book(rules.scripts)

    # -- the seat's life ---------------------------------------------------------------------------

    def signed_in(self) -> None:
        """The person signed in: start the outbox and restore an order they did not submit."""
        job_number = self._session.job_number
        self.prompter.set_job_number(job_number)
        if self._order_sender is not None:
            self.outbox = Outbox(self._outbox_store, self._order_sender, job_number)
            self.outbox.entry_changed.connect(self._on_outbox_entry)
            self._outbox_task = self._tasks.spawn(self.outbox.run(), key="outbox")
            self.outbox_changed.emit(self.outbox)
        unfinished = self._drafts.load_for(job_number)
        if unfinished:
            # The newest comes back; the others are one click away (other_drafts), never lost.
            draft = max(unfinished, key=lambda each: each.updated_at)
            others = len(unfinished) - 1
            notice = (
                tr(
                    "OrderDesk",
                    "已恢复最新的未提交工单草稿；另有 {count} 份未提交草稿，可在右侧“其他未提交草稿”中打开。",
                ).format(count=others)
                if others
                else tr("OrderDesk", "已恢复未提交的工单草稿")
            )
            self._show_order(self._factory.resume(draft), notice, warning=True)
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
        if self.outbox is not None:
            self.outbox.entry_changed.disconnect(self._on_outbox_entry)
            self.outbox = None
            self.outbox_changed.emit(None)
        self.prompter.call_ended()
        self._ringing_call_id = None
        self._ending_call_id = None
        if self.repeat_callers is not None:
            self.repeat_callers.clear()
        self._show_idle()

    def _on_connection_changed(self, state: ConnectionState) -> None:
        # Orders waiting out a backoff go at once when the link is back.
        if state is ConnectionState.CONNECTED and self.outbox is not None:
            self.outbox.wake()
        # So does a repeat-caller look-up that failed for want of the link.
        if state is ConnectionState.CONNECTED and self.repeat_callers is not None:
            self.repeat_callers.connection_restored()

    def flush(self) -> bool:
        """Write every unsaved draft now (sign-out, quit, a new call); ``True`` when nothing is left."""
        return self.autosave.flush()

    def follow_call(self, call: CallInfo | None) -> None:
        """Move the order and the scripts along with the seat's current call (``session.call_changed``)."""
        if self.repeat_callers is not None:
            self.repeat_callers.follow_call(call)
        if call is not None and call.offered_at is not None and call.answered_at is not None:
            self._note_answer(call.call_id, call.answered_at - call.offered_at)
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

    def _note_answer(self, call_id: str, ringing_for: timedelta) -> None:
        # Quality review asks on which ring the call was answered (HZ 7.1: within three); the
        # backend's timestamps say it, whatever the seat's own clock did.
        if call_id in self._answer_records:
            return
        rules = self._session.rules
        ring = rules.ring_count(ringing_for)
        self._answer_records[call_id] = {
            "answered_at_ring": ring,
            "answered_within_rings": ring <= rules.answer_within_rings,
            "rang_seconds": round(ringing_for.total_seconds(), 1),
        }

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
        # Only the answer field changes: the form keeps its scroll position and the cursor its place.
        self.form.show_value(editor.set_value(key, combined))
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

    # -- repeat callers and other drafts ----------------------------------------------------------

    def _on_caller_history(self, history: CallerHistory | None) -> None:
        """The caller's earlier orders arrived: offer the newest open one for linking and to the scripts."""
        self._offer_link_candidate()
        latest = history.latest_open if history is not None else None
        caller = self.prompter.caller
        if latest is None or caller is None or caller.earlier_order_number:
            return
        if self.repeat_callers is None or caller.call_id != self.repeat_callers.call_id:
            return  # the prompter already follows another call
        # The repeat-caller scripts name the earlier order; the prompter learns it with the caller,
        # which is safe to tell it again while the greeting is still up.
        if self.prompter.prompt.stage is PromptStage.GREETING:
            self.prompter.call_ringing(CallerInfo(caller.call_id, latest.order_number, latest.status_label))

    def _offer_link_candidate(self) -> None:
        history = self.repeat_callers.history if self.repeat_callers is not None else None
        latest = history.latest_open if history is not None else None
        self.dispatch_panel.set_link_candidate(latest.order_number if latest is not None else "")

    def _on_link_requested(self, order_number: str) -> None:
        """Link the call to an earlier order (关联已有工单) instead of making a duplicate."""
        self.dispatch_panel.open_link(order_number)
        self.dispatch_panel.confirm_link()

    def _on_repeat_script_requested(self) -> None:
        """Show the repeat-caller script, naming the caller's newest open order."""
        panel = self.repeat_callers
        history = panel.history if panel is not None else None
        latest = history.latest_open if history is not None else None
        caller = self.prompter.caller
        same_call = panel is not None and caller is not None and caller.call_id == panel.call_id
        if (
            latest is not None
            and caller is not None
            and same_call
            and caller.earlier_order_number != latest.order_number
        ):
            # Telling the prompter the earlier order restarts its phase; the caller is past the
            # greeting when the call-taker asks for this script, so that is where it goes back to.
            stage = self.prompter.prompt.stage
            self.prompter.call_ringing(CallerInfo(caller.call_id, latest.order_number, latest.status_label))
            if stage is not PromptStage.GREETING:
                self.prompter.caller_speaking()
        self.prompter.situation(Situation.REPEAT_CALLER)

    def _refresh_other_drafts(self) -> None:
        job_number = self._session.job_number
        drafts = self._drafts.load_for(job_number) if job_number else []
        self.other_drafts.set_drafts([draft for draft in drafts if draft.call_id != self._order_call_id])

    def open_draft(self, call_id: str) -> bool:
        """Open another of the person's unsubmitted drafts in the form; ``False`` when it cannot be now.

        The order of the call in progress is finished first; a draft that is gone (submitted
        elsewhere) is named in the notice.
        """
        call = self._session.current_call
        if call is not None and call.call_id == self._order_call_id and not self.form.editor.submitted:
            self._show_notice(tr("OrderDesk", "请先提交当前通话的工单，再打开其他草稿。"), warning=True)
            return False
        self.flush()
        draft = self._drafts.get(self._session.job_number, call_id)
        if draft is None:
            self._show_notice(tr("OrderDesk", "该草稿已不存在（可能已提交）。"), warning=True)
            self._refresh_other_drafts()
            return False
        self._show_order(self._factory.resume(draft), tr("OrderDesk", "已打开未提交的工单草稿"), warning=True)
        self.form.focus_section(0)
        return True

    # -- submitting --------------------------------------------------------------------------------

    def _on_disposition_requested(self, kind: str) -> None:
        disposition = DispatchDisposition(kind)
        prompt = _PROMPTER_DISPOSITIONS.get(disposition)
        reason = self.dispatch_panel.not_accepted_reason()
        if disposition is DispatchDisposition.NOT_ACCEPTED and reason is not None:
            prompt = (Disposition.NOT_ACCEPTED, reason.value)
        if prompt is not None:
            try:
                self.prompter.disposition_chosen(prompt[0], prompt[1])
            except ScriptSelectionError as exc:
                log.warning("no script for disposition %s: %s", kind, exc)
        if not self.form.isEnabled():
            self._show_notice(tr("OrderDesk", "没有正在记录的工单，不能提交。"), warning=True)
            return
        if disposition.emergency_line is not None:
            # An emergency is recorded at once, complete or not (the backend accepts it so): the
            # caller is transferred now and must not wait for the form.
            self._pending_disposition = None
            self._submit_order(self.form.editor.payload(), disposition.value, None)
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
        answer = self._answer_records.get(str(body.get("call_id", "")))
        if answer is not None and isinstance(body.get(SELF_CHECK_PAYLOAD_KEY), dict):
            body[SELF_CHECK_PAYLOAD_KEY] = {**body[SELF_CHECK_PAYLOAD_KEY], **answer}
        reason = self.dispatch_panel.not_accepted_reason()
        body.update(
            disposition_fields(
                disposition,
                unit_id,
                not_accepted_reason=reason.value if reason is not None else None,
                linked_order_number=self.dispatch_panel.linked_order_number(),
            )
        )
        body[ARTICLE_ID_KEY] = self._article_ids[-1] if self._article_ids else None
        body[ARTICLE_IDS_KEY] = list(self._article_ids)
        editor = self.form.editor
        try:
            # A correction of a refused order goes out as its next revision (a new key).
            outbox.enqueue_revision(
                ORDER_KIND, body, f"order:{editor.job_number}:{editor.call_id}", lane=ORDER_LANE
            )
        except DuplicateKeyError:
            self._show_notice(tr("OrderDesk", "这张工单已经提交过。"), warning=True)
            return False
        editor.mark_submitted(self._drafts)
        self.form.setEnabled(False)
        self._show_notice(tr("OrderDesk", "工单已提交，正在发送到后台。"))
        return True

    # -- refused orders ----------------------------------------------------------------------------

    def _form_is_free(self) -> bool:
        """Whether the form may show another order: it holds none, or only one already submitted."""
        return not self.form.isEnabled() or self.form.editor.submitted

    def _on_outbox_entry(self, entry: OutboxEntry) -> None:
        if entry.kind != ORDER_KIND or entry.state is not EntryState.REJECTED or entry.acknowledged:
            return
        if self._form_is_free():
            # Arriving by itself, the refusal must not pull the cursor from wherever the person types.
            self.reopen_rejected(entry.id, focus=False)
            return
        # The person is recording another order: tell, do not take the form away from them.
        self._show_notice(
            tr(
                "OrderDesk", "有一张工单被后台退回（{problem}）。提交当前工单后，请在“今日工单”中打开修改。"
            ).format(problem=entry.error_message or tr("OrderDesk", "未说明原因")),
            warning=True,
        )

    def reopen_rejected(self, entry_id: int, focus: bool = True) -> bool:
        """Open a refused order in the form again, its values as sent and the backend's errors beside its fields.

        The draft is stored as open again, so corrections are autosaved and survive a restart;
        submitting it queues a new revision (a new idempotency key). Problems the backend named
        for things that are not form fields (the unit, the disposition) go into the notice.

        Args:
            entry_id: the refused outbox entry.
            focus: put the cursor in the first refused field (when the person asked to open it).

        Returns:
            ``False`` when the entry is not a refused order of this person, or the form holds an
            unsubmitted order of the current call (that one is finished first).
        """
        outbox = self.outbox
        entry = outbox.get(entry_id) if outbox is not None else None
        if entry is None or entry.kind != ORDER_KIND or entry.state is not EntryState.REJECTED:
            return False
        try:
            draft = draft_from_payload(entry.payload)
        except ValueError as exc:
            log.error("refused outbox entry %d cannot be opened as a form: %s", entry_id, exc)
            self._show_notice(entry.problem_text(), warning=True)
            return False
        if not self._form_is_free():
            if self._order_call_id == draft.call_id:
                # Already open and perhaps half corrected: keep what was typed.
                first = next(iter(self.server_errors.shown), None)
                if focus and first is not None:
                    self.form.focus_field(first)
                elif focus:
                    self.form.focus_form()
                return True
            call = self._session.current_call
            if call is not None and call.call_id == self._order_call_id:
                self._show_notice(
                    tr("OrderDesk", "请先提交当前通话的工单，再修改被退回的工单。"), warning=True
                )
                return False
        self.flush()
        # The submitted draft is replaced by the values as sent, open again for the correction.
        self._drafts.discard(draft.job_number, draft.call_id)
        self._drafts.save(draft)
        editor = self._factory.resume(draft)
        errors = map_field_errors(entry.field_errors, editor.schema.keys)
        self._show_order(editor, "", warning=True)
        article_ids = entry.payload.get(ARTICLE_IDS_KEY)
        if isinstance(article_ids, list):
            self._article_ids = [str(each) for each in article_ids]
        unit_id = entry.payload.get("unit_id")
        if isinstance(unit_id, str) and unit_id:
            self.dispatch_panel.choose_unit(unit_id)
        left_over = self.server_errors.show(errors.by_field)
        outside = dict(errors.outside)
        for key, problem in left_over.items():
            outside[key] = problem
        notice = tr(
            "OrderDesk", "工单被后台退回：{message}。请按字段旁的提示修改，再选择处理方式重新提交。"
        ).format(message=entry.error_message or tr("OrderDesk", "未说明原因"))
        other = FormErrors({}, outside).outside_text()
        if other:
            notice += tr("OrderDesk", "其他问题：{problems}").format(problems=other)
        self._show_notice(notice, warning=True)
        first = next(iter(self.server_errors.shown), None)
        if focus and first is not None:
            self.form.focus_field(first)
        return True
