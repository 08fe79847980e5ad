"""Cyclic garbage collection on the GUI thread only."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    """Runs Python's cyclic garbage collector from a Qt timer instead of wherever it happens to trigger.

    The embedded training backend serves HTTP from a thread of its own. Left automatic, the
    collector runs in whichever thread allocates, so a widget caught in a reference cycle could be
    destroyed from the backend's thread, and Qt widgets must only ever die on the GUI thread
    (doing otherwise crashes the process). Collection keeps the usual generation thresholds; it is
    only moved.
    """

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        """Turn off automatic collection and collect on the timer."""
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Give collection back to Python and collect what is left, on this (GUI) thread."""
        self._timer.stop()
        gc.collect()
        gc.enable()

    def collect_due(self) -> None:
        """Collect the oldest generation whose allocation count passed its threshold."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
