"""The live phrase alert (实时禁语提醒): a small banner when the call-taker just said a forbidden phrase.

Fed one transcript line at a time (:meth:`TranscriptAlert.show_line`); only the call-taker's side is
checked. The banner names the words and the better wording, stays a few seconds (the hall's
``transcript_alert_seconds``) and goes. It never takes the keyboard focus: the call-taker is typing the
order while talking, and a screen reader announces it as an alert instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from seatclient.compliance.checks import check_transcript_line
from seatclient.compliance.phrases import Hit, PhraseMatcher
from seatclient.i18n import tr


class TranscriptAlert(QFrame):
    """A discreet banner with the suggestion for a forbidden phrase the call-taker just said.

    Args:
        matcher: the forbidden-phrase matcher.
        call_taker_speakers: the transcript speaker codes of the call-taker's side (the policy's).
        seconds: how long the banner stays (the policy's ``transcript_alert_seconds``).
        parent: the parent widget (the banner lives inside the seat window, never as its own window).

    Signals:
        hits_shown: (list of ``Hit``) the banner showed these hits (for the wrap-up self-check).
    """

    hits_shown = Signal(list)

    def __init__(
        self,
        matcher: PhraseMatcher,
        call_taker_speakers: Iterable[str],
        seconds: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptAlert")
        self.setAccessibleName(tr("TranscriptAlert", "实时禁语提醒"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setStyleSheet(
            "QFrame#transcriptAlert { background: #fef9e7; border: 1px solid #f4d03f; border-radius: 4px; }"
        )
        self._matcher = matcher
        self._speakers = tuple(call_taker_speakers)

        self.message_label = QLabel()
        self.message_label.setObjectName("transcriptAlertText")
        self.message_label.setAccessibleIdentifier("transcriptAlertText")
        self.message_label.setAccessibleDescription(tr("TranscriptAlert", "禁语提醒内容"))
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message_label.setStyleSheet("QLabel { color: #7d6608; }")
        self.close_button = QToolButton()
        self.close_button.setObjectName("transcriptAlertClose")
        self.close_button.setText("×")
        self.close_button.setAccessibleName(tr("TranscriptAlert", "关闭提醒"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.message_label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(seconds * 1000))
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    @property
    def duration_ms(self) -> int:
        """How long the banner stays, in milliseconds."""
        return self._timer.interval()

    def set_matcher(self, matcher: PhraseMatcher) -> None:
        """Check later lines with ``matcher`` (a new phrase list arrived); a banner shown stays."""
        self._matcher = matcher

    def set_call_taker_speakers(self, speakers: Iterable[str]) -> None:
        """Treat the transcript speaker codes ``speakers`` as the call-taker's side from now on."""
        self._speakers = tuple(speakers)

    def set_duration(self, seconds: float) -> None:
        """Keep later banners up for ``seconds``."""
        self._timer.setInterval(int(seconds * 1000))

    def show_line(self, text: str, speaker: str) -> list[Hit]:
        """Check a transcript line; when the call-taker said a forbidden phrase, show the banner.

        Returns:
            The hits shown (empty for the caller's lines and for clean lines; the banner then stays
            as it was).
        """
        hits = check_transcript_line(text, speaker, self._matcher, self._speakers)
        if not hits:
            return []
        first = hits[0]
        category = self._matcher.category(first.category).label
        message = tr(
            "TranscriptAlert", "刚才说的“{words}”属于服务禁语（{category}），可以说：{suggestion}"
        ).format(words=first.matched_text, category=category, suggestion=first.suggestion)
        if len(hits) > 1:
            message += tr("TranscriptAlert", "（这句话共 {count} 处）").format(count=len(hits))
        self.message_label.setText(message)
        self.setAccessibleDescription(message)
        self.show()
        self.raise_()
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))
        self._timer.start()
        self.hits_shown.emit(list(hits))
        return hits

    def dismiss(self) -> None:
        """Hide the banner now."""
        self._timer.stop()
        self.hide()

    def message(self) -> str:
        """The text the banner shows ("" before the first alert)."""
        return self.message_label.text()
