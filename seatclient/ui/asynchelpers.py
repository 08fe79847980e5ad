"""Awaiting Qt dialogs from coroutines without nested event loops."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QDialog


async def wait_for_dialog(dialog: QDialog) -> int:
    """Open ``dialog`` window-modally with ``open()`` and wait until it finishes; returns its result.

    ``exec()`` would start a nested event loop inside the coroutine and break qasync; ``open()``
    returns at once and the ``finished`` signal completes the future.
    """
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def _done(result: int) -> None:
        if not future.done():
            future.set_result(result)

    dialog.finished.connect(_done)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(_done)
