"""Assist tests run on a bare cache file: rows are written as the feed would write them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import to_json
from agentdesk.server.seed.texts.company import KB_ARTICLES


class Rows:
    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self._ids: dict[str, int] = {}

    def add(self, table: str, **values: Any) -> int:
        values = {k: to_json(v) if isinstance(v, dict | list) else v for k, v in values.items()}
        if "id" not in values:
            self._ids[table] = self._ids.get(table, 1000) + 1
            values["id"] = self._ids[table]
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        with self.cache.write() as conn:
            conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(values.values()))
        return int(values["id"])

    def demo_articles(self) -> dict[tuple[str, str], int]:
        ids = {}
        for article in KB_ARTICLES:
            ids[(article.slug, article.language)] = self.add(
                "kb_articles",
                title=article.title,
                body=article.body,
                language=article.language,
                tags=list(article.tags),
                url=article.url,
                snippets={"email": article.email, "whatsapp": article.short, "webchat": article.short},
            )
        return ids


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    c = Cache(tmp_path / "cache.db")
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def rows(cache: Cache) -> Rows:
    return Rows(cache)
