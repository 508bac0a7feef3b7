"""The UI's asyncio loop: every scheduled callback runs once, and a stray timer event is harmless."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QCoreApplication, QTimerEvent


def test_callbacks_run_once_in_order_and_cancelled_ones_never(qasync_loop) -> None:
    ran: list[str] = []

    async def body() -> None:
        qasync_loop.call_soon(ran.append, "first")
        qasync_loop.call_later(0.05, ran.append, "later")
        qasync_loop.call_soon(ran.append, "cancelled").cancel()
        qasync_loop.call_soon(ran.append, "second")
        await asyncio.sleep(0.2)

    qasync_loop.run_until_complete(body())
    assert ran == ["first", "second", "later"]


def test_a_timer_event_the_loop_does_not_know_is_ignored(qasync_loop) -> None:
    """qasync's own timer raised KeyError here and then never killed its Qt timer (qasync#22)."""
    ran: list[int] = []

    async def body() -> None:
        QCoreApplication.sendEvent(qasync_loop._timer, QTimerEvent(987_654))
        qasync_loop.call_soon(ran.append, 1)
        await asyncio.sleep(0.05)

    qasync_loop.run_until_complete(body())
    assert ran == [1]
