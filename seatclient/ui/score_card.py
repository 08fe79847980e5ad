"""The score card (培训评分): a trainee's score after a scenario call, with each miss and what was expected.

Shown after wrap-up, in its own small window that never blocks the seat window: the total, pass or
fail against the pass mark, and one row per deduction (what, how many points, what the standard
expects). Esc or the close button closes it; it is marked TRAINING like everything in training.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from seatclient.api.models import TrainingScoreWire
from seatclient.i18n import tr


class ScoreCard(QDialog):
    """The score of one training call; see the module text.

    Args:
        parent: the seat window (the card stays above it without blocking it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreCard")
        self.setWindowTitle(tr("ScoreCard", "【培训】本通电话评分"))
        self.setAccessibleName(tr("ScoreCard", "培训评分"))
        self.setModal(False)
        self.score: TrainingScoreWire | None = None

        self.training_bar = QLabel(tr("ScoreCard", "培训模式 TRAINING · 模拟来电评分，不计入正式考核"))
        self.training_bar.setObjectName("scoreCardTraining")
        self.training_bar.setAccessibleName(tr("ScoreCard", "培训模式"))
        self.training_bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_bar.setStyleSheet(
            "QLabel { background: #e67e22; color: white; font-weight: bold; padding: 4px; }"
        )

        self.title_label = QLabel()
        self.title_label.setObjectName("scoreCardTitle")
        self.title_label.setAccessibleIdentifier("scoreCardTitle")
        self.title_label.setAccessibleDescription(tr("ScoreCard", "培训场景"))
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("QLabel { font-weight: bold; }")

        self.total_label = QLabel()
        self.total_label.setObjectName("scoreCardTotal")
        self.total_label.setAccessibleIdentifier("scoreCardTotal")
        self.total_label.setAccessibleDescription(tr("ScoreCard", "得分"))

        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("scoreCardVerdict")
        self.verdict_label.setAccessibleIdentifier("scoreCardVerdict")
        self.verdict_label.setAccessibleDescription(tr("ScoreCard", "是否及格"))

        self.misses_table = QTableWidget(0, 3)
        self.misses_table.setObjectName("scoreCardMisses")
        self.misses_table.setAccessibleName(tr("ScoreCard", "扣分项"))
        self.misses_table.setHorizontalHeaderLabels(
            [tr("ScoreCard", "扣分项"), tr("ScoreCard", "扣分"), tr("ScoreCard", "说明（应当如何）")]
        )
        self.misses_table.verticalHeader().setVisible(False)
        self.misses_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.misses_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.misses_table.setWordWrap(True)
        header = self.misses_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.none_label = QLabel(tr("ScoreCard", "没有扣分项：这通电话处理得完全规范。"))
        self.none_label.setObjectName("scoreCardNoMisses")
        self.none_label.setStyleSheet("QLabel { color: #1e8449; }")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(tr("ScoreCard", "关闭 (Esc)"))
        self.close_button.setAccessibleName(tr("ScoreCard", "关闭评分"))
        self.close_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        # Esc works however the focus moved inside the card (QDialog's own handling needs the focus here).
        self._close_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.training_bar)
        layout.addWidget(self.title_label)
        layout.addWidget(self.total_label)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.misses_table, 1)
        layout.addWidget(self.none_label)
        layout.addWidget(self.buttons)
        self.resize(680, 420)

    def show_score(self, score: TrainingScoreWire) -> None:
        """Fill the card with ``score`` and show it in front, focus on its close button."""
        self.score = score
        self.title_label.setText(tr("ScoreCard", "场景：{title}").format(title=score.title))
        self.total_label.setText(
            tr("ScoreCard", "得分 {score} / {full}").format(score=score.score, full=score.full_marks)
        )
        self.total_label.setStyleSheet("QLabel { font-size: 20pt; font-weight: bold; }")
        if score.passed:
            verdict = tr("ScoreCard", "及格（及格线 {mark} 分）").format(mark=score.pass_mark)
            colour = "#1e8449"
        else:
            verdict = tr("ScoreCard", "不及格（及格线 {mark} 分）").format(mark=score.pass_mark)
            colour = "#c0392b"
        self.verdict_label.setText(verdict)
        self.verdict_label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        self.misses_table.setRowCount(len(score.deductions))
        for row, deduction in enumerate(score.deductions):
            cells = (deduction.label, f"-{deduction.points}", deduction.message)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.misses_table.setItem(row, column, item)
        self.misses_table.resizeRowsToContents()
        self.misses_table.setVisible(bool(score.deductions))
        self.none_label.setVisible(not score.deductions)
        summary = tr("ScoreCard", "培训评分：{score} 分，{verdict}，扣分项 {count} 项").format(
            score=score.score, verdict=verdict, count=len(score.deductions)
        )
        self.setAccessibleDescription(summary)
        self.show()
        self.raise_()
        self.activateWindow()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def summary(self) -> str:
        """What a screen reader is told about the card."""
        return self.accessibleDescription()
