"""Showing the error funnel's messages without blocking the event loop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox


def show_error_message(title: str, text: str) -> None:
    """Show an error box that does not block (``open()``, never ``exec()``)."""
    box = QMessageBox(QApplication.activeWindow())
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
