"""The knowledge base for the UI (`AgentDeskClient.kb`): articles from the cache, written
through the outbox (admins and team leads; the server refuses anyone else, with its reason).

An article still on its way has a negative id until the server answers with its own (the
row takes it at once); it can be edited from then on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agentdesk.client.cache.database import Cache
from agentdesk.client.outbox import kb_writes
from agentdesk.client.outbox.store import OutboxItem
from agentdesk.client.outbox.writes import Write
from agentdesk.client.queries.records import record

WRITER_ROLES = ("admin", "team_lead")


class KbClient:
    def __init__(self, cache: Cache, submit: Callable[[Write], OutboxItem]) -> None:
        self._cache = cache
        self._submit = submit

    def articles(self, *, limit: int = 1000) -> list[dict[str, Any]]:
        """Every article, by title (searching them by their words: `agentdesk.assist.kb.browse`)."""
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT * FROM kb_articles ORDER BY title COLLATE NOCASE, id LIMIT ?", (limit,)
            ).mappings()
            return [record(r) for r in rows]

    def article(self, article_id: int) -> dict[str, Any] | None:
        with self._cache.read() as conn:
            row = conn.exec_driver_sql("SELECT * FROM kb_articles WHERE id = ?", (article_id,)).mappings().first()
        return None if row is None else record(row)

    def version(self, article_id: int) -> str | None:
        """The article's version as the server wrote it (its updated_at), to send with a change."""
        with self._cache.read() as conn:
            return conn.exec_driver_sql("SELECT updated_at FROM kb_articles WHERE id = ?", (article_id,)).scalar()

    def create(
        self,
        *,
        title: str,
        body: str,
        language: str,
        tags: list[str] | None = None,
        url: str | None = None,
        snippets: dict[str, str] | None = None,
    ) -> OutboxItem:
        write = kb_writes.create_article(
            title=title, body=body, language=language, tags=tags, url=url, snippets=snippets
        )
        return self._submit(write)

    def update(self, article_id: int, changes: dict[str, Any]) -> OutboxItem:
        """Change the fields in `changes`, based on the version in the cache now."""
        return self._submit(kb_writes.update_article(article_id, changes, if_updated_at=self.version(article_id)))

    def delete(self, article_id: int) -> OutboxItem:
        return self._submit(kb_writes.delete_article(article_id, if_updated_at=self.version(article_id)))
