"""Knowledge-base suggestions: precision@1 and @3 over labelled public and demo data, and speed.

Labelled sets (every query's right article is known):
- banking77 (../shared/corpus/support_datasets): one article per intent category. Its title
  and tags are the category's words; its body is the first `EXAMPLES` customer questions
  of the category, as a help-centre FAQ lists the questions it answers. The queries are
  `BANKING_QUERIES` other questions of the training file, never those in an article.
- ABCD: one article per subflow of its knowledge base (title: the subflow's words; body:
  the agent's steps); queries: the customer's turns of each sample dialogue whose subflow
  the knowledge base has.
- the demo data: every subject and first message of each matter in each language
  (es/ca/en) against the demo's own help-centre articles (MATTER_ARTICLE).

Speed: the demo conversations against 10k articles (the demo's among banking77-phrased
fillers), timed as the client runs it: `relevant_articles` and the whole `suggest`, the
latter for one contact with all 96 conversations (the repeat-contact rule's worst case).
Run: `python benchmarks/run.py assist_eval`.
"""

from __future__ import annotations

import atexit
import csv
import json
import random
import re
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from agentdesk.assist import kb
from agentdesk.assist.rules import suggest
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import now_ts, to_json
from agentdesk.server.seed.texts.company import KB_ARTICLES, MATTER_ARTICLE
from agentdesk.server.seed.texts.matters import TEXTS
from benchmarks.figures import Figure

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "support_datasets"
EXAMPLES = 12
BANKING_QUERIES = 2000
ARTICLES_FOR_SPEED = 10_000
FILL = {
    "name": "Marta",
    "agent": "Jordi",
    "order": "LC-48213",
    "invoice": "F-2025-0412",
    "product": "rentadora",
    "date": "12/03",
    "time": "10:30",
    "amount": "49,90 €",
    "days": "6",
    "link": "",
}


def _scratch() -> Path:
    directory = Path(tempfile.mkdtemp(prefix="agentdesk-assist-bench-"))
    atexit.register(shutil.rmtree, directory, True)
    return directory


def _words(name: str) -> str:
    return re.sub(r"[_\-]+", " ", name)


def _cache(articles: list[dict[str, Any]]) -> tuple[Cache, list[int]]:
    cache = Cache(_scratch() / "cache.db")
    with cache.write() as conn:
        for i, a in enumerate(articles, 1):
            conn.exec_driver_sql(
                "INSERT INTO kb_articles (id, title, body, language, tags, url, snippets) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (i, a["title"], a["body"], a["language"], to_json(a.get("tags", [])), a.get("url"), "{}"),
            )
    kb.refresh(cache)
    return cache, list(range(1, len(articles) + 1))


def _precision(cache: Cache, queries: list[tuple[str, str, int]]) -> tuple[float, float]:
    at1 = at3 = 0
    for text, language, expected in queries:
        found = [h.id for h in kb.search(cache, text, language, k=3)]
        at1 += found[:1] == [expected]
        at3 += expected in found
    return at1 / len(queries), at3 / len(queries)


def _banking() -> tuple[list[dict[str, Any]], list[tuple[str, str, int]]]:
    by_category: dict[str, list[str]] = defaultdict(list)
    with (CORPUS / "banking77_train.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_category[row["category"]].append(row["text"])
    categories = json.loads((CORPUS / "banking77_categories.json").read_text())
    articles, held_out = [], []
    for index, category in enumerate(categories, 1):
        texts = by_category[category]
        articles.append(
            {
                "title": _words(category),
                "body": "\n".join(texts[:EXAMPLES]),
                "language": "en",
                "tags": [_words(category)],
            }
        )
        held_out += [(text, "en", index) for text in texts[EXAMPLES:]]
    return articles, random.Random(77).sample(held_out, min(BANKING_QUERIES, len(held_out)))


def _abcd() -> tuple[list[dict[str, Any]], list[tuple[str, str, int]]]:
    steps = json.loads((CORPUS / "abcd_kb.json").read_text())
    subflows = list(steps)
    articles = [
        {"title": _words(s), "body": " ".join(_words(a) for a in steps[s]), "language": "en", "tags": []}
        for s in subflows
    ]
    queries = []
    for dialogue in json.loads((CORPUS / "abcd_sample.json").read_text()):
        if dialogue["scenario"]["subflow"] not in steps:
            continue  # a subflow the knowledge base has no steps for: no right answer exists
        said = " ".join(text for who, text in dialogue["original"] if who == "customer")
        queries.append((said, "en", subflows.index(dialogue["scenario"]["subflow"]) + 1))
    return articles, queries


def _demo_articles() -> tuple[list[dict[str, Any]], dict[tuple[str, str], int]]:
    articles, ids = [], {}
    for a in KB_ARTICLES:
        articles.append(
            {
                "title": a.title,
                "body": f"{a.body}\n{a.email}",
                "language": a.language,
                "tags": list(a.tags),
                "url": a.url,
            }
        )
        ids[(a.slug, a.language)] = len(articles)
    return articles, ids


def _demo_queries(ids: dict[tuple[str, str], int], offset: int = 0) -> list[tuple[str, str, int]]:
    queries = []
    for language, matters in TEXTS.items():
        for matter, text in matters.items():
            slug = MATTER_ARTICLE.get(matter)
            if slug is None or (slug, language) not in ids:
                continue
            for phrase in (*text.subjects, *text.openings, *text.chat_openings):
                queries.append((phrase.format(**FILL), language, ids[(slug, language)] + offset))
    return queries


def precision() -> list[Figure]:
    figures = []
    banking_articles, banking_queries = _banking()
    abcd_articles, abcd_queries = _abcd()
    demo_articles, demo_ids = _demo_articles()
    for name, articles, queries in (
        ("banking77", banking_articles, banking_queries),
        ("abcd", abcd_articles, abcd_queries),
        ("demo", demo_articles, _demo_queries(demo_ids)),
    ):
        cache, _ = _cache(articles)
        p1, p3 = _precision(cache, queries)
        cache.close()
        figures += [
            Figure(f"assist_{name}_precision_at_1 (n={len(queries)}, {len(articles)} articles)", p1, "p@1"),
            Figure(f"assist_{name}_precision_at_3 (n={len(queries)}, {len(articles)} articles)", p3, "p@3"),
        ]
    return figures


def _fillers(count: int) -> Iterator[dict[str, Any]]:
    """Articles phrased like real support questions (banking77's), on matters of their own."""
    with (CORPUS / "banking77_train.csv").open(newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    r = random.Random(10_000)
    for _ in range(count):
        chosen = r.sample(texts, 4)
        yield {"title": chosen[0], "body": "\n".join(chosen[1:]), "language": "en", "tags": []}


def _timed(fn: Callable[[], object], rounds: int) -> list[float]:
    took = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        took.append((time.perf_counter() - start) * 1000)
    return took


def speed() -> list[Figure]:
    demo_articles, demo_ids = _demo_articles()
    articles = demo_articles + list(_fillers(ARTICLES_FOR_SPEED - len(demo_articles)))
    cache, _ = _cache(articles)
    queries = _demo_queries(demo_ids)
    now = now_ts()
    with cache.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO queues (id, name, channel, settings, sla_first_response_s) VALUES (1, 'q', 'email', '{}', 900)"
        )
        conn.exec_driver_sql("INSERT INTO contacts (id, name) VALUES (1, 'Marta')")
        for i, (text, language, _) in enumerate(queries, 1):
            conn.exec_driver_sql(
                "INSERT INTO conversations (id, queue_id, contact_id, channel, status, language, created_at) "
                "VALUES (?, 1, 1, 'email', 'open', ?, ?)",
                (i, language, now),
            )
            conn.exec_driver_sql(
                "INSERT INTO messages (id, conversation_id, direction, kind, text, created_at) "
                "VALUES (?, ?, 'inbound', 'message', ?, '2026-01-01T00:00:00.000000+00:00')",
                (i, i, text),
            )
    p1, p3 = _precision(cache, queries)
    ids = range(1, len(queries) + 1)
    relevant = _timed(lambda: [kb.relevant_articles(cache, i, 3) for i in ids], 3)
    # All conversations belong to one contact: the repeat-contact rule reads its 20 latest
    # others, worked out once (cold) and then remembered until they change (warm).
    cold = _timed(lambda: suggest(cache, 1), 1)[0]
    warm = statistics.median(_timed(lambda: [suggest(cache, i) for i in ids], 3)) / len(queries)
    cache.close()
    n = len(queries)
    return [
        Figure(f"assist_demo_precision_at_1_among_{len(articles)}_articles", p1, "p@1"),
        Figure(f"assist_demo_precision_at_3_among_{len(articles)}_articles", p3, "p@3"),
        Figure(
            f"assist_relevant_articles_ms_per_conversation_{len(articles)}_articles",
            statistics.median(relevant) / n,
            "ms",
        ),
        Figure(f"assist_suggest_ms_first_conversation_cold_{len(articles)}_articles", cold, "ms"),
        Figure(f"assist_suggest_ms_per_conversation_warm_{len(articles)}_articles", warm, "ms"),
    ]


BENCHMARKS: dict[str, Callable[[], list[Figure]]] = {"assist_precision": precision, "assist_speed": speed}

if __name__ == "__main__":
    for bench in BENCHMARKS.values():
        for figure in bench():
            print(figure.line(), flush=True)
