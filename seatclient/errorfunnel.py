"""One funnel for unexpected errors: log them all, tell the person once, in words they understand."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from types import TracebackType

from seatclient.i18n import tr

log = logging.getLogger("seatclient.errors")


class ErrorFunnel:
    """Receives every unexpected exception (``sys.excepthook``, the asyncio loop, slots).

    Each is logged with its traceback; the person is shown a plain message, and the same error
    repeating within ``quiet_seconds`` is logged but not shown again, so a failing timer cannot
    bury the seat in dialogs.
    """

    def __init__(
        self,
        show: Callable[[str, str], None],
        quiet_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._show = show
        self._quiet = quiet_seconds
        self._clock = clock
        self._last_shown: dict[str, float] = {}

    @staticmethod
    def _fingerprint(exc: BaseException, tb: TracebackType | None) -> str:
        frames = traceback.extract_tb(tb)[-3:] if tb else []
        where = "|".join(f"{f.filename}:{f.lineno}" for f in frames)
        return f"{type(exc).__qualname__}@{where}"

    def report(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> bool:
        """Log an unexpected error and show it unless it is a recent repeat; returns whether shown."""
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        key = self._fingerprint(exc, tb)
        now = self._clock()
        if now - self._last_shown.get(key, -1e9) < self._quiet:
            return False
        self._last_shown[key] = now
        self._show(
            tr("ErrorFunnel", "程序出现了意外错误"),
            tr(
                "ErrorFunnel",
                "程序遇到一个意外错误，已记录在日志中。"
                "可以继续工作；如果问题反复出现，请联系信息技术人员。\n\n错误类型：{kind}",
            ).format(kind=exc_type.__name__),
        )
        return True
