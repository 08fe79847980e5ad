"""The transcript panel (通话记录): the current call's lines as a chat, caller on the left, call-taker on the right.

Lines come from the backend's event stream (``call.transcript``): in production the backend's speech
recognition, in training the scenario's caller and the trainee's own words. A trainee types what they
say into the line at the bottom (training only: in production the call-taker simply speaks). The
newest line is always in view, and a screen reader announces each new caller line.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from seatclient.api.models import TranscriptLine, TranscriptSpeaker
from seatclient.i18n import tr

CHINA_TIME = timezone(timedelta(hours=8), "CST")
CALLER_BACKGROUND = "#f2f3f4"
AGENT_BACKGROUND = "#d6eaf8"
MAX_LINE_LENGTH = 2000


def speaker_label(speaker: TranscriptSpeaker) -> str:
    """The Chinese name of a transcript speaker."""
    return (
        tr("TranscriptPanel", "来电人")
        if speaker is TranscriptSpeaker.CALLER
        else tr("TranscriptPanel", "我")
    )


def _clock(moment: datetime) -> str:
    return moment.astimezone(CHINA_TIME).strftime("%H:%M:%S")


class TranscriptPanel(QWidget):
    """Shows the current call's transcript and, in training, takes what the trainee says.

    Args:
        training: whether the trainee types their side (the input line is shown only then).
        parent: the Qt parent.

    Signals:
        say_requested: (call id, text) the trainee said ``text`` to the caller of that call.
    """

    say_requested = Signal(str, str)

    def __init__(self, training: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptPanel")
        self.setAccessibleName(tr("TranscriptPanel", "通话记录"))
        self._training = training
        self._call_id: str | None = None
        self._talking = False
        self._lines: list[TranscriptLine] = []

        self.hint_label = QLabel()
        self.hint_label.setObjectName("transcriptHint")
        self.hint_label.setAccessibleIdentifier("transcriptHint")
        self.hint_label.setAccessibleDescription(tr("TranscriptPanel", "通话记录提示"))
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("QLabel { color: #566573; }")

        self.lines_view = QListWidget()
        self.lines_view.setObjectName("transcriptLines")
        self.lines_view.setAccessibleName(tr("TranscriptPanel", "通话内容"))
        self.lines_view.setWordWrap(True)
        self.lines_view.setSpacing(3)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.lines_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.latest_caller_label = QLabel()
        self.latest_caller_label.setObjectName("transcriptLatestCaller")
        self.latest_caller_label.setAccessibleIdentifier("transcriptLatestCaller")
        self.latest_caller_label.setAccessibleDescription(tr("TranscriptPanel", "来电人刚说的话"))
        self.latest_caller_label.setWordWrap(True)
        self.latest_caller_label.setTextFormat(Qt.TextFormat.PlainText)
        self.latest_caller_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Announced to screen readers; on screen the list already shows the line.
        self.latest_caller_label.setMaximumHeight(0)

        self.say_edit = QLineEdit()
        self.say_edit.setObjectName("transcriptSayEdit")
        self.say_edit.setAccessibleName(tr("TranscriptPanel", "我说"))
        self.say_edit.setPlaceholderText(tr("TranscriptPanel", "输入您对来电人说的话，按回车发送"))
        self.say_edit.setMaxLength(MAX_LINE_LENGTH)
        self.say_edit.returnPressed.connect(self.say)
        self.say_button = QPushButton(tr("TranscriptPanel", "说"))
        self.say_button.setObjectName("transcriptSayButton")
        self.say_button.setAccessibleName(tr("TranscriptPanel", "发送我说的话"))
        self.say_button.clicked.connect(self.say)
        self.say_row = QWidget()
        self.say_row.setObjectName("transcriptSayRow")
        row = QHBoxLayout(self.say_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.say_edit, 1)
        row.addWidget(self.say_button)
        self.say_row.setVisible(training)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.latest_caller_label)
        layout.addWidget(self.say_row)
        self.setTabOrder(self.lines_view, self.say_edit)
        self.setTabOrder(self.say_edit, self.say_button)
        self._update_controls()

    # -- the call ------------------------------------------------------------------------------------

    @property
    def call_id(self) -> str | None:
        """The call whose transcript is shown."""
        return self._call_id

    def lines(self) -> list[TranscriptLine]:
        """The lines shown, oldest first."""
        return list(self._lines)

    def set_call(self, call_id: str | None, talking: bool) -> None:
        """Follow the seat's call: a new call starts an empty transcript; the last one stays after it ends."""
        if call_id is not None and call_id != self._call_id:
            self._call_id = call_id
            self._lines = []
            self.lines_view.clear()
            self.latest_caller_label.clear()
        self._talking = talking and call_id is not None
        self._update_controls()

    def add_line(self, line: TranscriptLine) -> bool:
        """Show one line of the current call (a line of another call starts that call's transcript).

        Returns:
            Whether the line was shown (a repeat of the last line of the same moment is not).
        """
        if line.call_id != self._call_id:
            self.set_call(line.call_id, self._talking)
        if self._lines and self._lines[-1] == line:
            return False
        self._lines.append(line)
        caller = line.speaker is TranscriptSpeaker.CALLER
        item = QListWidgetItem(f"{speaker_label(line.speaker)}  {_clock(line.at)}\n{line.text}")
        item.setTextAlignment(
            (Qt.AlignmentFlag.AlignLeft if caller else Qt.AlignmentFlag.AlignRight)
            | Qt.AlignmentFlag.AlignVCenter
        )
        item.setBackground(QBrush(QColor(CALLER_BACKGROUND if caller else AGENT_BACKGROUND)))
        item.setForeground(QBrush(QColor("#1b2631")))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{speaker_label(line.speaker)}：{line.text}")
        self.lines_view.addItem(item)
        self.lines_view.scrollToBottom()
        if caller:
            self.latest_caller_label.setText(tr("TranscriptPanel", "来电人说：{text}").format(text=line.text))
            QAccessible.updateAccessibility(
                QAccessibleEvent(self.latest_caller_label, QAccessible.Event.Alert)
            )
        self._update_controls()
        return True

    def say(self) -> None:
        """Send what is typed (Enter or the button) as the trainee's words to the caller."""
        text = self.say_edit.text().strip()
        if not text or not self._talking or self._call_id is None:
            return
        self.say_edit.clear()
        self.say_requested.emit(self._call_id, text)

    def set_training(self, training: bool) -> None:
        """Show or hide the trainee's typing line (a lab's backend says it is a training backend)."""
        self._training = training
        self.say_row.setVisible(training)
        self._update_controls()

    def focus_input(self) -> None:
        """Put the cursor in the line the trainee types into."""
        if self._training:
            self.say_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_controls(self) -> None:
        can_say = self._training and self._talking
        self.say_edit.setEnabled(can_say)
        self.say_button.setEnabled(can_say)
        if self._call_id is None:
            hint = tr("TranscriptPanel", "当前没有通话。接通后，通话内容按说话人逐句显示在这里。")
        elif self._talking and self._training:
            hint = tr(
                "TranscriptPanel", "培训：在下方输入您对来电人说的话，按回车发送；来电人会回答相关问题。"
            )
        elif self._talking:
            hint = tr("TranscriptPanel", "通话中：内容由后台语音识别逐句转写。")
        else:
            hint = tr("TranscriptPanel", "通话已结束，以下为本通电话的记录。")
        self.hint_label.setText(hint)
