"""Plain-callback observers: the UI connects them to Qt signals, tests to lists."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Observers(Generic[T]):
    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], None]] = []

    def connect(self, callback: Callable[[T], None]) -> Callable[[], None]:
        """Returns the function that disconnects it again."""
        self._callbacks.append(callback)
        return lambda: self._callbacks.remove(callback)

    def emit(self, value: T) -> None:
        for callback in list(self._callbacks):
            try:
                callback(value)
            except Exception:
                # One broken observer must not stop the sync engine or the others.
                log.exception("an observer failed")
