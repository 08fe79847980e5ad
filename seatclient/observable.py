"""A Qt-free signal: the core announces facts through these; the UI bridges them to Qt signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)


class Signal(Generic[T]):
    """A list of callbacks called with one value, in the order they were connected.

    A failing callback is logged and does not stop the others: one broken view must not keep the
    rest of the seat from learning a state change.
    """

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], None]] = []

    def connect(self, callback: Callable[[T], None]) -> None:
        """Call ``callback`` on every ``emit``."""
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[[T], None]) -> None:
        """Stop calling ``callback``."""
        self._callbacks.remove(callback)

    def emit(self, value: T) -> None:
        """Call every connected callback with ``value``."""
        for callback in list(self._callbacks):
            try:
                callback(value)
            except Exception:
                log.exception("a listener failed while handling %r", type(value).__name__)
