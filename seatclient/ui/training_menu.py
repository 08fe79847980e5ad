"""Training in the seat window: the 培训 menu, the scenario picker, the transcript and the score card.

``TrainingRoom`` is glue, not a widget: it builds the transcript panel (every mode: in production the
backend's speech recognition feeds it), the live phrase alert (placed above the order form), and in
training the 培训 menu (pick a scenario, a random one, the last score) and the score card. It feeds
``call.transcript`` events to the panel and the call-taker's lines to the alert, forwards what a
trainee types to the backend, and shows a ``training.scored`` score once the seat has left the call's
wrap-up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from seatclient.api.errors import BackendError
from seatclient.api.models import (
    EVENT_CALL_TRANSCRIPT,
    EVENT_TRAINING_SCORED,
    CallInfo,
    CallPhase,
    SeatState,
    SeatStatus,
    ServerEvent,
    TrainingScenarioSummary,
    TrainingScoreWire,
)
from seatclient.api.training import RANDOM_SCENARIO, TrainingApi, parse_score, parse_transcript_line
from seatclient.compliance.checks import CompliancePolicy
from seatclient.compliance.phrases import PhraseMatcher
from seatclient.i18n import tr
from seatclient.session import SeatSession
from seatclient.tasks import BackgroundTasks
from seatclient.ui.score_card import ScoreCard
from seatclient.ui.transcript_alert import TranscriptAlert
from seatclient.ui.transcript_panel import TranscriptPanel

log = logging.getLogger(__name__)

TRAINING_SHORTCUTS = {
    "training.pick": "Ctrl+Alt+P",
    "training.random": "Ctrl+Alt+R",
    "training.last_score": "Ctrl+Alt+S",
    "transcript.say": "Ctrl+Alt+Y",
}
"""The training actions and their default keys (also in ``config.DEFAULT_SHORTCUTS``)."""

_AFTER_CALL = (SeatState.WRAP_UP,)


class ScenarioPicker(QDialog):
    """A list of the backend's scenarios to pick one from: type to filter, Enter to start, Esc to cancel.

    Signals:
        scenario_chosen: the id of the scenario to play.
    """

    scenario_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioPicker")
        self.setWindowTitle(tr("TrainingRoom", "【培训】选择培训场景"))
        self.setAccessibleName(tr("TrainingRoom", "选择培训场景"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("scenarioFilter")
        self.filter_edit.setAccessibleName(tr("TrainingRoom", "筛选场景"))
        self.filter_edit.setPlaceholderText(tr("TrainingRoom", "输入文字筛选场景"))
        self.filter_edit.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("scenarioList")
        self.list.setAccessibleName(tr("TrainingRoom", "培训场景"))
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.note_label = QLabel()
        self.note_label.setObjectName("scenarioPickerNote")
        self.note_label.setAccessibleIdentifier("scenarioPickerNote")
        self.note_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("TrainingRoom", "开始 (Enter)"))
        ok.setAccessibleName(tr("TrainingRoom", "开始这个场景"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("TrainingRoom", "取消 (Esc)"))
        cancel.setAccessibleName(tr("TrainingRoom", "取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)
        self.filter_edit.returnPressed.connect(self.accept)
        self.resize(460, 520)

    def set_scenarios(self, scenarios: list[TrainingScenarioSummary]) -> None:
        """List ``scenarios`` (a random one first)."""
        self.list.clear()
        random_item = QListWidgetItem(tr("TrainingRoom", "随机场景"))
        random_item.setData(Qt.ItemDataRole.UserRole, RANDOM_SCENARIO)
        self.list.addItem(random_item)
        for scenario in scenarios:
            item = QListWidgetItem(f"[{scenario.difficulty_label}] {scenario.title}")
            item.setData(Qt.ItemDataRole.UserRole, scenario.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.note_label.setText(
            tr("TrainingRoom", "共 {count} 个场景。开始后请示闲，来电将振铃。").format(count=len(scenarios))
        )

    def _filter(self, text: str) -> None:
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(text) and text not in item.text()
            item.setHidden(hidden)
            if not hidden and first_shown is None:
                first_shown = row
        if first_shown is not None:
            self.list.setCurrentRow(first_shown)

    def accept(self) -> None:
        """Start the highlighted scenario."""
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.scenario_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        super().accept()


class TrainingRoom(QObject):
    """Transcript, live phrase alert, and in training the 培训 menu, picker and score card; see the module text.

    Args:
        session: the seat session (current call and seat state).
        tasks: where background work runs.
        api: the backend's training endpoints.
        matcher: the forbidden-phrase matcher of the live alert.
        policy: which transcript speakers are the call-taker and how long the alert stays.
        training: whether this is a training backend (the menu, the picker, the typing line, the card).
        shortcuts: the shortcut map in force.
        parent: the Qt parent.

    Signals:
        score_shown: a ``TrainingScoreWire`` the card showed.
        notice: a short message for the person (a scenario started, a refusal).
    """

    score_shown = Signal(object)
    notice = Signal(str)

    def __init__(
        self,
        session: SeatSession,
        tasks: BackgroundTasks,
        api: TrainingApi,
        matcher: PhraseMatcher,
        policy: CompliancePolicy,
        training: bool,
        shortcuts: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._tasks = tasks
        self._api = api
        self.training = training
        self._shortcuts = dict(shortcuts)
        self.panel = TranscriptPanel(training)
        self.alert = TranscriptAlert(matcher, policy.call_taker_speakers, policy.transcript_alert_seconds)
        self.score_card = ScoreCard()
        self.picker = ScenarioPicker()
        self.last_score: TrainingScoreWire | None = None
        self._window: QMainWindow | None = None
        self._asked_backend = False
        self._started_call_id: str | None = None
        # What the trainee says goes out one line at a time, in the order typed.
        self._say_lock = asyncio.Lock()
        self._waiting_score: TrainingScoreWire | None = None
        self.menu: QMenu | None = None
        self.pick_action = self._action(
            tr("TrainingRoom", "选择培训场景…"), "training.pick", "actionTrainingPick"
        )
        self.random_action = self._action(
            tr("TrainingRoom", "随机培训场景"), "training.random", "actionTrainingRandom"
        )
        self.last_score_action = self._action(
            tr("TrainingRoom", "查看上次评分"), "training.last_score", "actionTrainingLastScore"
        )
        self.say_action = self._action(
            tr("TrainingRoom", "输入我说的话"), "transcript.say", "actionTranscriptSay"
        )
        self.last_score_action.setEnabled(False)
        self.pick_action.triggered.connect(
            lambda: self._tasks.spawn(self._open_picker(), key="training.pick")
        )
        self.random_action.triggered.connect(lambda: self.play(RANDOM_SCENARIO))
        self.last_score_action.triggered.connect(self.show_last_score)
        self.say_action.triggered.connect(self.panel.focus_input)
        self.picker.scenario_chosen.connect(self.play)
        self.panel.say_requested.connect(self._on_say_requested)
        session.call_changed.connect(self._on_call_changed)

    def _action(self, text: str, action_id: str, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        sequence = self._shortcuts.get(action_id)
        if sequence:
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return action

    def attach(self, window: QMainWindow) -> None:
        """Put the 培训 menu (training only) before the window's last menu, and the keys on the window."""
        self.picker.setParent(window, self.picker.windowFlags())
        self.score_card.setParent(window, self.score_card.windowFlags())
        self._window = window
        window.addAction(self.say_action)
        menu = QMenu(tr("TrainingRoom", "培训(&T)"), window)
        menu.setObjectName("trainingMenu")
        for action in (self.pick_action, self.random_action, self.last_score_action):
            menu.addAction(action)
            window.addAction(action)
        bar = window.menuBar()
        existing = bar.actions()
        if existing:
            bar.insertMenu(existing[-1], menu)
        else:
            bar.addMenu(menu)
        self.menu = menu
        self._show_training_controls()

    def _show_training_controls(self) -> None:
        training = self.training
        if self.menu is not None:
            self.menu.menuAction().setVisible(training)
        for action in (self.pick_action, self.random_action, self.last_score_action):
            action.setEnabled(
                training and (action is not self.last_score_action or self.last_score is not None)
            )
        self.panel.set_training(training)

    def set_training(self, training: bool) -> None:
        """Turn the training controls on: the backend is a training backend the client did not start (a lab)."""
        self.training = training
        self._show_training_controls()
        if training and self._window is not None and hasattr(self._window, "mark_training"):
            self._window.mark_training(
                tr("TrainingRoom", "培训模式 TRAINING · 连接的是培训后台（培训教室），所有来电和工单均为模拟")
            )

    # -- events --------------------------------------------------------------------------------------

    def on_event(self, event: ServerEvent) -> None:
        """Handle one backend event (connect the session bridge's ``event_received``)."""
        if event.type == EVENT_CALL_TRANSCRIPT:
            line = parse_transcript_line(event.data)
            if line is None:
                log.warning("a transcript event without a transcript line")
                return
            if self.panel.add_line(line):
                self.alert.show_line(line.text, line.speaker.value)
        elif event.type == EVENT_TRAINING_SCORED:
            score = parse_score(event.data)
            if score is None:
                log.warning("a training score event without a score")
                return
            self.last_score = score
            self.last_score_action.setEnabled(True)
            self._waiting_score = score
            self._show_score_when_done()

    def on_status(self, status: SeatStatus) -> None:
        """Follow the seat (connect the session bridge's ``status_changed``): a score waits for wrap-up's end.

        The first status after signing in to a backend the client did not start asks the backend
        whether it is a training backend (a classroom lab), so its trainees get the training controls.
        """
        del status
        if not self.training and not self._asked_backend and self._session.sign_in_result is not None:
            self._asked_backend = True
            self._tasks.spawn(self._ask_backend(), key="training.ask-backend")
        self._show_score_when_done()

    async def _ask_backend(self) -> None:
        try:
            training = await self._api.backend_is_training()
        except BackendError as exc:
            log.info("could not ask the backend whether it trains: %s", exc.kind.value)
            self._asked_backend = False
            return
        if training:
            self.set_training(True)

    def _show_score_when_done(self) -> None:
        score = self._waiting_score
        status = self._session.status
        if score is None:
            return
        if status is not None and status.state in _AFTER_CALL and status.call_id == score.call_id:
            return
        self._waiting_score = None
        self.score_card.show_score(score)
        self.score_shown.emit(score)

    def show_last_score(self) -> None:
        """Show the last score again."""
        if self.last_score is not None:
            self.score_card.show_score(self.last_score)

    def _on_call_changed(self, call: CallInfo | None) -> None:
        if call is not None and call.call_id == self._started_call_id:
            # The scenario's call is here: "go ready and it will ring" has done its job.
            self._started_call_id = None
            self.notice.emit("")
        if call is None:
            self.panel.set_call(self.panel.call_id, talking=False)
            return
        self.panel.set_call(call.call_id, talking=call.phase is CallPhase.TALKING)

    # -- intents -------------------------------------------------------------------------------------

    async def _open_picker(self) -> None:
        try:
            scenarios = await self._api.scenarios()
        except BackendError as exc:
            self.notice.emit(exc.user_message())
            return
        self.picker.set_scenarios(scenarios)
        self.picker.filter_edit.clear()
        self.picker.show()
        self.picker.raise_()
        self.picker.activateWindow()
        self.picker.filter_edit.setFocus()

    def play(self, scenario_id: str) -> None:
        """Start a scenario (``random`` for any) at this seat."""
        self._tasks.spawn(self._play(scenario_id), key="training.play")

    async def _play(self, scenario_id: str) -> None:
        try:
            started = await self._api.play(scenario_id)
        except BackendError as exc:
            self.notice.emit(exc.user_message())
            return
        current = self._session.current_call
        if current is not None and current.call_id == started.call_id:
            return  # it rang before the answer came back: nothing to announce
        self._started_call_id = started.call_id
        self.notice.emit(
            tr("TrainingRoom", "培训场景“{title}”已开始：示闲后来电将振铃。").format(title=started.title)
        )

    def _on_say_requested(self, call_id: str, text: str) -> None:
        self._tasks.spawn(self._say(call_id, text))

    async def _say(self, call_id: str, text: str) -> None:
        async with self._say_lock:
            try:
                await self._api.say(call_id, text)
            except BackendError as exc:
                self.notice.emit(exc.user_message())
