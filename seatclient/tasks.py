"""Background work started from the UI: kept referenced, de-duplicated, and never failing silently."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Literal

log = logging.getLogger(__name__)


class BackgroundTasks:
    """Starts coroutines as tasks and keeps a reference to each until it ends.

    A key names a kind of work: a command pressed twice while the first press is under way is
    ignored (``if_running="ignore"``, against double presses), a look-up superseded by a newer one
    is cancelled (``if_running="cancel"``). An exception escaping a task goes to ``on_error``.
    """

    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        self._on_error = on_error
        self._tasks: set[asyncio.Task[Any]] = set()
        self._keyed: dict[str, asyncio.Task[Any]] = {}

    def spawn(
        self,
        coroutine: Coroutine[Any, Any, Any],
        key: str | None = None,
        if_running: Literal["ignore", "cancel"] = "ignore",
    ) -> asyncio.Task[Any] | None:
        """Run ``coroutine`` in the background; returns its task, or ``None`` when ignored."""
        if key is not None:
            running = self._keyed.get(key)
            if running is not None and not running.done():
                if if_running == "ignore":
                    coroutine.close()
                    return None
                running.cancel()
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        if key is not None:
            self._keyed[key] = task
        task.add_done_callback(self._finished)
        return task

    def is_running(self, key: str) -> bool:
        """Whether work under ``key`` is under way."""
        task = self._keyed.get(key)
        return task is not None and not task.done()

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        for key, keyed in list(self._keyed.items()):
            if keyed is task:
                del self._keyed[key]
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            self._on_error(error)

    async def cancel_all(self) -> None:
        """Cancel everything still running and wait for it to finish."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
