"""Autosave of the order being typed, and the menu of the person's other unsubmitted drafts.

The widget knows nothing of storage; this controller listens to ``IntakeFormWidget.values_changed``,
asks the Qt-free ``AutosavePolicy`` when a save is due and runs one single-shot timer for it. The save
itself is ``OrderEditor.autosave(store)``: a committed SQLite write that survives a killed client.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from seatclient.forms.calendar import SHANGHAI
from seatclient.forms.drafts import DraftStore, DraftStoreError
from seatclient.forms.editor import AutosavePolicy, OrderEditor
from seatclient.forms.masking import order_title
from seatclient.forms.order import OrderDraft
from seatclient.forms.schema import FormSchema
from seatclient.i18n import tr
from seatclient.ui.intake_form import IntakeFormWidget

log = logging.getLogger(__name__)


class FormAutosave(QObject):
    """Saves the form's order draft shortly after each change, and at least every second while typing.

    Edits of an order that the form has since replaced (a new call came in) are still saved: the
    controller remembers every editor with unsaved changes until its save went through. A failed
    save is reported and retried after the policy's retry delay; nothing is dropped.

    Args:
        form: the intake form whose changes are saved.
        store: the drafts database (injected; the widget never sees it).
        policy: when saves are due; the default saves 0.3 s after a pause and within 1 s at most.
        monotonic: the clock for the policy (seconds; ``time.monotonic`` by default).
        parent: the Qt parent; the form when ``None``.

    Signals:
        draft_saved: (call id) a draft was written.
        autosave_failed: (message) a save failed; it is retried, the message is for the status bar.
    """

    draft_saved = Signal(str)
    autosave_failed = Signal(str)

    def __init__(
        self,
        form: IntakeFormWidget,
        store: DraftStore,
        policy: AutosavePolicy | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else form)
        self.setObjectName("formAutosave")
        self._form = form
        self._store = store
        self._policy = policy or AutosavePolicy()
        self._monotonic = monotonic
        self._pending: list[OrderEditor] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        form.values_changed.connect(self._on_form_values_changed)

    @property
    def policy(self) -> AutosavePolicy:
        """The policy deciding when saves are due."""
        return self._policy

    def pending(self) -> bool:
        """Whether changes wait to be saved."""
        return any(editor.dirty and not editor.submitted for editor in self._pending)

    def _on_form_values_changed(self, key: str) -> None:
        editor = self._form.editor
        if all(editor is not known for known in self._pending):
            self._pending.append(editor)
        self._policy.note_change(self._monotonic())
        self._schedule()

    def _schedule(self) -> None:
        wait = self._policy.seconds_until_due(self._monotonic())
        if wait is None:
            self._timer.stop()
            return
        # Restart on every change: a change can only bring the due time earlier or leave it.
        self._timer.start(max(0, round(wait * 1000)))

    def _on_timer_timeout(self) -> None:
        if self._policy.is_due(self._monotonic()):
            self.flush()
        else:
            self._schedule()

    def flush(self) -> bool:
        """Save every unsaved order now (call at hang-up, on sign-out and before quitting).

        Returns:
            ``True`` when nothing is left unsaved.
        """
        now = self._monotonic()
        remaining: list[OrderEditor] = []
        failed = False
        for editor in self._pending:
            try:
                if editor.autosave(self._store):
                    self.draft_saved.emit(editor.call_id)
            except (sqlite3.Error, OSError, DraftStoreError) as exc:
                failed = True
                remaining.append(editor)
                log.error("autosave of call %s failed: %s", editor.call_id, exc)
                self.autosave_failed.emit(
                    tr("FormAutosave", "工单草稿保存失败，将自动重试：{error}").format(error=exc)
                )
        self._pending = remaining
        if failed:
            self._policy.note_failed(now)
            self._schedule()
        else:
            self._policy.note_saved(now)
            self._timer.stop()
        return not failed


class OtherDraftsButton(QToolButton):
    """The person's other unsubmitted drafts, in a menu: picking one asks to open it in the form.

    Only the newest unsubmitted draft is restored at sign-in; this button (hidden when there are no
    others) says how many more there are and opens any of them. Each is named by its title (masked
    when confidential) and when it was last changed.

    Args:
        schema: the form the drafts were made with (for their titles).
        language: the language of the titles.
        parent: the parent widget.

    Signals:
        draft_chosen: (call id) open this draft.
    """

    draft_chosen = Signal(str)

    def __init__(self, schema: FormSchema, language: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("otherDraftsButton")
        self.setAccessibleName(tr("OrderDesk", "其他未提交草稿"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._schema = schema
        self._language = language
        self.drafts_menu = QMenu(self)
        self.drafts_menu.setObjectName("otherDraftsMenu")
        self.drafts_menu.setAccessibleName(tr("OrderDesk", "其他未提交草稿"))
        self.setMenu(self.drafts_menu)
        self._call_ids: list[str] = []
        self.hide()

    def set_drafts(self, drafts: Sequence[OrderDraft]) -> None:
        """List ``drafts`` newest first; the button hides when there are none."""
        ordered = sorted(drafts, key=lambda draft: draft.updated_at, reverse=True)
        self.drafts_menu.clear()
        self._call_ids = [draft.call_id for draft in ordered]
        for number, draft in enumerate(ordered, start=1):
            title = order_title(self._schema, draft, self._language) or tr("OrderDesk", "（空白工单）")
            changed = draft.updated_at.astimezone(SHANGHAI).strftime("%m-%d %H:%M")
            prefix = f"&{number}  " if number <= 9 else ""
            action = self.drafts_menu.addAction(
                tr("OrderDesk", "{prefix}{title}（{changed} 修改）").format(
                    prefix=prefix, title=title, changed=changed
                )
            )
            action.setObjectName(f"openDraft_{number}")
            action.triggered.connect(
                lambda _checked=False, call_id=draft.call_id: self.draft_chosen.emit(call_id)
            )
        self.setText(tr("OrderDesk", "其他未提交草稿（{count}）").format(count=len(ordered)))
        self.setVisible(bool(ordered))

    def call_ids(self) -> list[str]:
        """The call ids of the drafts listed, newest first."""
        return list(self._call_ids)

    def entries(self) -> list[str]:
        """The menu's entries as shown."""
        return [action.text() for action in self.drafts_menu.actions()]
