"""The asyncio loop the UI runs on: qasync's, with a timer that cannot get stuck firing.

qasync (0.28) runs each scheduled callback from a Qt timer's `timerEvent`, then forgets it in a
`finally` that raises KeyError when the timer is not in its table — and the KeyError skips the
`killTimer` after it, so that Qt timer fires again on every pass of the event loop, failing each
time ("Error calling Python override of QObject::timerEvent()", CabbageDevelopment/qasync#22).
That message came with the rare stalls of our Qt tests. This timer kills and forgets a Qt timer
before it runs the callback, so an unknown or repeated timer event ends there.
"""

from __future__ import annotations

import asyncio

import qasync
from PySide6.QtCore import QObject, QTimerEvent
from PySide6.QtWidgets import QApplication


class _CallbackTimer(QObject):
    """What qasync's `_SimpleTimer` provides (add_callback, stop, set_debug), run-once."""

    def __init__(self) -> None:
        super().__init__()
        self._callbacks: dict[int, asyncio.Handle] = {}
        self._stopped = False

    def add_callback(self, handle: asyncio.Handle, delay: float = 0) -> asyncio.Handle:
        timer_id = self.startTimer(int(max(0.0, delay) * 1000))
        self._callbacks[timer_id] = handle
        return handle

    def timerEvent(self, event: QTimerEvent) -> None:
        timer_id = event.timerId()
        self.killTimer(timer_id)
        handle = self._callbacks.pop(timer_id, None)
        if handle is None or self._stopped or handle.cancelled():
            return
        handle._run()

    def stop(self) -> None:
        self._stopped = True
        for timer_id in self._callbacks:
            self.killTimer(timer_id)
        self._callbacks.clear()

    def set_debug(self, enabled: bool) -> None:
        """qasync's debug timing of callbacks is not kept; asyncio's own debug mode still works."""


def new_event_loop(app: QApplication) -> qasync.QEventLoop:
    loop = qasync.QEventLoop(app)
    loop._timer = _CallbackTimer()  # before anything is scheduled on the loop
    return loop
