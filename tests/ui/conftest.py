"""Widget tests: ``async def`` tests run on a qasync loop over the Qt application."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from seatclient.ui.event_loop import SeatEventLoop
from seatclient.ui.gc_guard import GuiThreadGarbageCollector


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], Any]]:
    """Run every async widget test on the Qt event loop, as the application does."""

    def qt_loop() -> SeatEventLoop:
        app = QApplication.instance() or QApplication([])
        return SeatEventLoop(app)

    return {"qt": qt_loop}


@pytest.fixture(scope="session", autouse=True)
def gui_thread_garbage_collection(qapp: QApplication) -> Iterator[None]:
    """Collect cycles on the GUI thread only, as the application does (see ``GuiThreadGarbageCollector``)."""
    collector = GuiThreadGarbageCollector()
    collector.start()
    yield
    collector.stop()
