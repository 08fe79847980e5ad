"""The asyncio event loop on Qt's, as the application and its tests run it."""

from __future__ import annotations

import sys
from typing import Any

import qasync
from PySide6.QtCore import QCoreApplication


class SeatEventLoop(qasync.QEventLoop):
    """qasync's loop plus the async-generator hooks every asyncio loop installs while it runs.

    qasync leaves them out, so an async generator abandoned mid-iteration (httpx's line reader on a
    cut event stream, say) is finalized by the garbage collector with no loop to run its cleanup,
    and the connection it held is leaked. With the hooks, asyncio closes it on the loop, and
    ``shutdown_asyncgens`` at exit finds every generator still open.
    """

    def __init__(self, app: QCoreApplication | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self._saved_asyncgen_hooks: Any = None

    def _before_run_forever(self) -> None:
        super()._before_run_forever()
        self._saved_asyncgen_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(
            firstiter=self._asyncgen_firstiter_hook, finalizer=self._asyncgen_finalizer_hook
        )

    def _after_run_forever(self) -> None:
        if self._saved_asyncgen_hooks is not None:
            sys.set_asyncgen_hooks(*self._saved_asyncgen_hooks)
            self._saved_asyncgen_hooks = None
        super()._after_run_forever()
