"""A region of the seat window before its feature is in place: a titled, accessible empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class RegionPlaceholder(QWidget):
    """A region that says what will appear in it, so the layout is real from the first day."""

    def __init__(self, object_name: str, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hint_label = QLabel(hint)
        self.hint_label.setObjectName(f"{object_name}Hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label.setStyleSheet("QLabel { color: #7f8c8d; padding: 16px; }")
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        self.setMinimumSize(240, 140)
