"""The inbox list at 100k conversations: the Qt model's first page, its data() calls, and the
delegate's paint, so the list stays smooth (issue 7: "never blocks")."""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from agentdesk.client.cache.apply import UPSERTS, row_values
from agentdesk.client.queries.inbox import InboxFilter, InboxView
from agentdesk.ui.inbox.delegate import InboxDelegate
from agentdesk.ui.inbox.model import PAGE_SIZE, ROW_ROLE, InboxModel
from benchmarks.client_cache import _conversation, _fresh, _median_ms, _message
from benchmarks.figures import Figure

CONVERSATIONS = 100_000


def bench_inbox_model() -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    rng = random.Random(4)
    cache = _fresh("ui-inbox")
    with cache.write() as conn:
        conn.exec_driver_sql(
            UPSERTS["conversation"].sql,
            [row_values("conversation", i, _conversation(i, rng), 0) for i in range(1, CONVERSATIONS + 1)],
        )
        conn.exec_driver_sql(
            UPSERTS["message"].sql,
            [row_values("message", i, _message(i, rng, CONVERSATIONS), 0) for i in range(1, CONVERSATIONS + 1)],
        )
        conn.exec_driver_sql("ANALYZE")
    view = InboxView(cache, 1, InboxFilter(view="all"))
    model = InboxModel()
    first_page = _median_ms(lambda model=model: model.set_source(view), runs=20)

    db = sqlite3.connect(cache.path)
    floor = _median_ms(
        lambda: (
            db.execute("SELECT count(*) FROM conversations WHERE status IN ('open', 'pending')").fetchone(),
            db.execute(
                "SELECT c.*, ct.name FROM conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id "
                f"WHERE c.status IN ('open', 'pending') ORDER BY last_activity_at DESC, id DESC LIMIT {PAGE_SIZE}"
            ).fetchall(),
        ),
        runs=20,
    )
    db.close()

    indexes = [model.index(row) for row in range(model.rowCount())]
    roles = (ROW_ROLE, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

    def all_data(model: InboxModel = model, indexes: list = indexes) -> None:
        for index in indexes:
            for role in roles:
                model.data(index, role)

    data_us = _median_ms(all_data, runs=20) * 1000 / (len(indexes) * len(roles))

    names: Callable[[int | None], str] = lambda user_id: f"Agent {user_id}"  # noqa: E731
    delegate = InboxDelegate(names)
    image = QImage(400, 80, QImage.Format.Format_ARGB32)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 400, 60)
    option.font = app.font()
    option.palette = app.palette()
    painter = QPainter(image)
    start = time.perf_counter()
    for index in indexes:
        delegate.paint(painter, option, index)
    paint_us = (time.perf_counter() - start) * 1_000_000 / len(indexes)
    painter.end()
    cache.close()
    # Qt objects go before the interpreter's own teardown, which otherwise trips over them.
    del painter, image, option, delegate, indexes, model
    return [
        Figure("ui_inbox_model_first_page_100k", first_page, "ms", floor, "ms"),
        Figure("ui_inbox_model_data_call", data_us, "µs"),
        Figure("ui_inbox_delegate_paint_row", paint_us, "µs"),
    ]


BENCHMARKS = {"ui_inbox_model_100k": bench_inbox_model}
