"""Client cache benchmarks, each against the floor of raw `sqlite3` doing the same work on the same file.

Data is generated straight into a cache file (no server): the figures are the client's own.
"""

from __future__ import annotations

import atexit
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from agentdesk.client.cache.apply import row_values
from agentdesk.client.cache.database import Cache
from agentdesk.client.queries.contact import timeline
from agentdesk.client.queries.inbox import InboxFilter, InboxView
from agentdesk.client.queries.search import fts_query, search_messages
from agentdesk.client.sync.pages import apply_delta_page
from benchmarks.figures import Figure

WORDS = tuple(
    " ".join(
        [
            "hola comanda factura atención cliente pedido entrega retraso devolución reembolso",
            "cita horario dirección teléfono correo gracias problema tarjeta pago cobro",
            "envío número cuenta contraseña order refund delivery invoice appointment address",
            "password payment account thanks issue",
        ]
    ).split()
)
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _fresh(name: str) -> Cache:
    folder = tempfile.mkdtemp(prefix="agentdesk-bench-")
    # Each cache is a few hundred MB: gone when the run ends, not left in /tmp.
    atexit.register(shutil.rmtree, folder, True)
    return Cache(Path(folder) / f"{name}.sqlite3")


def _text(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _message(i: int, rng: random.Random, conversations: int) -> dict[str, Any]:
    return {
        "id": i,
        "conversation_id": 1 + i % conversations,
        "queue_id": 1,
        "direction": "inbound",
        "kind": "message",
        "channel": "email",
        "identity_id": None,
        "author_id": None,
        "subject": None,
        "text": _text(rng),
        "html": None,
        "attachments": [],
        "meta": {},
        "external_id": None,
        "delivery_status": "received",
        "delivery_error": None,
        "created_at": (T0 + timedelta(seconds=i)).isoformat(),
    }


def _conversation(i: int, rng: random.Random) -> dict[str, Any]:
    at = T0 + timedelta(seconds=rng.randint(0, 10_000_000))
    return {
        "id": i,
        "queue_id": 1 + i % 5,
        "contact_id": 1 + i % 20_000,
        "identity_id": None,
        "channel": rng.choice(["email", "whatsapp", "webchat"]),
        "subject": _text(rng, 4),
        "status": rng.choice(["open", "open", "pending", "resolved"]),
        "snoozed_until": None,
        "assignee_id": rng.choice([None, 1, 2, 3]),
        "priority": "normal",
        "language": "es",
        "first_response_due_at": (at + timedelta(hours=1)).isoformat(),
        "resolution_due_at": (at + timedelta(days=1)).isoformat(),
        "first_response_at": None,
        "resolved_at": None,
        "last_inbound_at": at.isoformat(),
        "last_activity_at": at.isoformat(),
        "created_at": at.isoformat(),
    }


def _pages(changes: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    return [
        {"changes": changes[i : i + size], "cursor": i + size, "head": len(changes), "has_more": True, "next": None}
        for i in range(0, len(changes), size)
    ]


def bench_apply() -> list[Figure]:
    n, rng = 100_000, random.Random(1)
    changes = [
        {"seq": i, "entity": "message", "id": i, "op": "upsert", "data": _message(i, rng, 2000)}
        for i in range(1, n + 1)
    ]
    cache = _fresh("apply")
    start = time.perf_counter()
    for page in _pages(changes, 1000):
        apply_delta_page(cache, page, [])
    ours = n / (time.perf_counter() - start)
    cache.close()
    # Floor: the same rows, already converted, inserted with executemany, one transaction per page.
    floor_cache = _fresh("apply-floor")
    rows = [row_values("message", c["id"], c["data"], 0) for c in changes]
    floor_cache.close()
    db = sqlite3.connect(floor_cache.path, isolation_level=None)
    db.execute("PRAGMA synchronous=NORMAL")
    sql = f"INSERT INTO messages VALUES ({', '.join('?' * len(rows[0]))})"
    start = time.perf_counter()
    for i in range(0, n, 1000):
        db.execute("BEGIN IMMEDIATE")
        db.executemany(sql, rows[i : i + 1000])
        db.execute("UPDATE sync_state SET cursor = ? WHERE id = 1", (i,))
        db.execute("COMMIT")
    floor = n / (time.perf_counter() - start)
    db.close()
    return [Figure("client_apply_100k", ours, "changes/s", floor, "changes/s")]


def _median_ms(fn: Callable[[], Any], runs: int = 50) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _p95_ms(fns: list[Callable[[], Any]]) -> float:
    times = []
    for fn in fns:
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.quantiles(times, n=20)[18]


def bench_inbox() -> list[Figure]:
    rng = random.Random(2)
    cache = _fresh("inbox")
    with cache.write() as conn:
        from agentdesk.client.cache.apply import UPSERTS

        conn.exec_driver_sql(
            UPSERTS["conversation"].sql,
            [row_values("conversation", i, _conversation(i, rng), 0) for i in range(1, 100_001)],
        )
        conn.exec_driver_sql("ANALYZE")
    figures = []
    for sort in ("activity", "sla"):
        view = InboxView(cache, 1, InboxFilter(view="all", sort=sort))  # type: ignore[arg-type]
        ours = _median_ms(lambda view=view: view.page(None, 50))
        order = "last_activity_at DESC, id DESC" if sort == "activity" else "sla_due_at, id"
        db = sqlite3.connect(cache.path)
        floor = _median_ms(
            lambda db=db, order=order: db.execute(
                "SELECT c.*, ct.name FROM conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id "
                f"WHERE c.status IN ('open', 'pending') ORDER BY {order} LIMIT 50"
            ).fetchall()
        )
        db.close()
        figures.append(Figure(f"client_inbox_first_page_100k_{sort}", ours, "ms", floor, "ms"))
    cache.close()
    return figures


def bench_search() -> list[Figure]:
    rng = random.Random(3)
    cache = _fresh("search")
    path = cache.path
    cache.close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    sql = "INSERT INTO messages (id, conversation_id, queue_id, channel, kind, text, created_at) VALUES (?,?,?,?,?,?,?)"
    for chunk in range(0, 1_000_000, 50_000):
        db.execute("BEGIN")
        db.executemany(
            sql,
            (
                (i, 1 + i % 50_000, 1, "email", "message", _text(rng), (T0 + timedelta(seconds=i)).isoformat())
                for i in range(chunk + 1, chunk + 50_001)
            ),
        )
        db.execute("COMMIT")
    db.close()
    cache = Cache(path)
    queries = [" ".join(rng.sample(WORDS, rng.choice([1, 2]))).replace("ó", "o") for _ in range(200)]
    ours = _p95_ms([lambda q=q: search_messages(cache, q, limit=20) for q in queries])
    db = sqlite3.connect(path)
    floor = _p95_ms(
        [
            lambda q=q: db.execute(
                "SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC LIMIT 20", (fts_query(q),)
            ).fetchall()
            for q in queries
        ]
    )
    db.close()
    cache.close()
    return [Figure("client_fts_search_p95_1m", ours, "ms", floor, "ms")]


def bench_timeline() -> list[Figure]:
    rng = random.Random(4)
    cache = _fresh("timeline")
    with cache.write() as conn:
        rows = [
            (i, 1, None, None, "order", "{}", None, (T0 + timedelta(minutes=i)).isoformat(), 0)
            for i in range(1, 10_001)
        ]
        # Other contacts' events, so the index has to do its work.
        rows += [
            (i, 2 + i % 500, None, None, "order", "{}", None, (T0 + timedelta(minutes=i)).isoformat(), 0)
            for i in range(10_001, 60_001)
        ]
        conn.exec_driver_sql("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)", rows)
        conn.exec_driver_sql("ANALYZE")
    del rng
    ours = _median_ms(lambda: timeline(cache, 1, limit=50))
    db = sqlite3.connect(cache.path)
    floor = _median_ms(
        lambda: db.execute(
            "SELECT * FROM events WHERE contact_id = 1 ORDER BY occurred_at DESC, id DESC LIMIT 50"
        ).fetchall()
    )
    db.close()
    cache.close()
    return [Figure("client_timeline_10k_events", ours, "ms", floor, "ms")]


BENCHMARKS: dict[str, Callable[[], list[Figure]]] = {
    "client_apply_100k": bench_apply,
    "client_inbox_first_page_100k": bench_inbox,
    "client_fts_search_p95_1m": bench_search,
    "client_timeline_10k": bench_timeline,
}
