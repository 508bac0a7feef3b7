"""The knowledge base, ranked for a conversation: SQLite FTS5 bm25 over stemmed, accent-folded text.

The index lives in the client's cache (`kb_fts`, cache schema step 2), so suggestions work
offline. Triggers mark an article stale when the feed writes it; `refresh` restems stale
articles before every search, which costs one indexed lookup when nothing changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from agentdesk.assist.text import guess_language, language_of, stemmed, terms, word_forms
from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_json
from agentdesk.client.queries.records import record

# Title and tags say what an article is about; the body also says much that it is not.
_WEIGHTS = "4.0, 1.0, 2.5, 1.5"
# How many customer messages, newest first, make the question: older ones are often settled.
LATEST_MESSAGES = 3
# bm25 has no upper bound; this maps it onto (0, 1) so that a strong match is near 0.8+.
_CONFIDENCE_SCALE = 8.0
# More distinct query terms than this add time but no precision (greetings, signatures).
_MAX_QUERY_TERMS = 24


@dataclass(frozen=True, slots=True)
class ArticleHit:
    id: int
    title: str
    language: str
    url: str | None
    snippets: dict[str, str]
    score: float  # -bm25: higher is better
    matched: tuple[str, ...]  # the query terms in the article's title and tags, for the "why"
    coverage: float = 0.0  # the share of the title's and tags' terms the customer used

    @property
    def confidence(self) -> float:
        # bm25 says little in a small knowledge base (a word in every article weighs nothing),
        # so a customer who names what an article's title and tags name counts as well.
        return max(self.score / (self.score + _CONFIDENCE_SCALE), self.coverage)

    def snippet(self, channel: str | None) -> str:
        return self.snippets.get(channel or "", "") or next(iter(self.snippets.values()), "") or self.title


# How often this process restemmed each cache's articles: part of `version`.
_restemmed: dict[str, int] = {}


def refresh(cache: Cache) -> int:
    """Restem the articles the feed changed since the last search; returns how many."""
    with cache.read() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM kb_fts_stale LIMIT 1").first() is None:
            return 0
    with cache.write() as conn:
        changed = reindex(conn)
    _restemmed[str(cache.path)] = _restemmed.get(str(cache.path), 0) + 1
    return changed


def version(cache: Cache) -> tuple[int, ...]:
    """Changes whenever the index does (an insert or update is restemmed; a delete lowers the count)."""
    refresh(cache)
    with cache.read() as conn:
        count, last = conn.exec_driver_sql("SELECT count(*), max(id) FROM kb_articles").one()
    return _restemmed.get(str(cache.path), 0), count, last or 0


def reindex(conn: Connection) -> int:
    rows = conn.exec_driver_sql(
        "SELECT a.id, a.title, a.body, a.language, a.tags, a.snippets FROM kb_fts_stale s "
        "JOIN kb_articles a ON a.id = s.id"
    ).all()
    for article_id, title, body, language, tags, snippets in rows:
        conn.exec_driver_sql("DELETE FROM kb_fts WHERE rowid = ?", (article_id,))
        conn.exec_driver_sql(
            "INSERT INTO kb_fts (rowid, title, body, tags, snippets, language) VALUES (?, ?, ?, ?, ?, ?)",
            (
                article_id,
                stemmed(title or "", language),
                stemmed(body or "", language),
                stemmed(" ".join(from_json(tags) or []), language),
                stemmed(" ".join((from_json(snippets) or {}).values()), language),
                language_of(language),
            ),
        )
    conn.exec_driver_sql("DELETE FROM kb_fts_stale")
    return len(rows)


def search(cache: Cache, text: str, language: str | None, k: int = 3) -> list[ArticleHit]:
    """The `k` articles that best answer `text`, in the text's language when the base has any."""
    refresh(cache)
    counts = Counter(terms(text, language))
    query_terms = [t for t, _ in counts.most_common(_MAX_QUERY_TERMS)]
    if not query_terms or k <= 0:
        return []
    # Quoted, so that no customer word is read as FTS5 syntax (NOT, NEAR, a column name).
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in query_terms)
    lang = language_of(language)
    with cache.read() as conn:
        rows = _ranked(conn, match, lang, k) or _ranked(conn, match, None, k)
    return [_hit(row, set(query_terms)) for row in rows]


def browse(cache: Cache, text: str, limit: int = 500) -> list[dict[str, Any]] | None:
    """Articles for someone looking through the knowledge base (the manager's search), best first:
    those with every word of `text`, or a word starting so, in any field and any of the languages,
    accents folded; placeholders of articles still on their way included. None when `text` has
    no word to search by (blank, stop words, single letters)."""
    forms = word_forms(text)
    if not forms:
        return None
    refresh(cache)
    match = " AND ".join("(" + " OR ".join(sorted({q for f in w for q in _typed(f)})) + ")" for w in forms)
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT a.* FROM kb_fts f JOIN kb_articles a ON a.id = f.rowid WHERE kb_fts MATCH ? "
            f"ORDER BY bm25(kb_fts, {_WEIGHTS}), a.title COLLATE NOCASE LIMIT ?",
            (match, limit),
        ).mappings()
        return [record(r) for r in rows]


# A stemmer may cut a word typed without its accent shorter or longer than the same word with
# it (Catalan "atenció" → "aten", "atencio" → "atenc"): the editor's search also takes the
# stems up to this many letters shorter than what was typed, never under four letters.
_SHORTER = 3


def _typed(form: str) -> list[str]:
    """FTS5 terms for one form of a typed word: open-ended (a word half typed), and its shorter
    stems exactly; quoted, so that nothing typed is read as FTS5 syntax."""
    quoted = '"' + form.replace('"', '""') + '"'
    shorter = range(max(4, len(form) - _SHORTER), len(form))
    return [quoted + "*", *('"' + form[:n].replace('"', '""') + '"' for n in shorter)]


def _ranked(conn: Connection, match: str, language: str | None, k: int) -> list[Any]:
    where = "kb_fts MATCH ?" + (" AND f.language = ?" if language else "")
    params: tuple[Any, ...] = (match, language, k) if language else (match, k)
    return conn.exec_driver_sql(
        f"SELECT f.rowid, -bm25(kb_fts, {_WEIGHTS}) AS score, f.title, f.tags, a.title, a.language, a.url, "
        f"a.snippets FROM kb_fts f JOIN kb_articles a ON a.id = f.rowid WHERE {where} AND f.rowid > 0 "
        "ORDER BY bm25(kb_fts, " + _WEIGHTS + ") LIMIT ?",
        params,
    ).all()


def _hit(row: Any, query_terms: set[str]) -> ArticleHit:
    article_id, score, stem_title, stem_tags, title, language, url, snippets = row
    subject = set((stem_title + " " + stem_tags).split())
    matched = tuple(t for t in (stem_title + " " + stem_tags).split() if t in query_terms)
    return ArticleHit(
        id=article_id,
        title=title or "",
        language=language or "",
        url=url,
        snippets=from_json(snippets) or {},
        score=float(score),
        matched=tuple(dict.fromkeys(matched)),
        coverage=len(set(matched)) / len(subject) if subject else 0.0,
    )


def customer_text(conn: Connection, conversation_id: int) -> tuple[str, str | None]:
    """The latest customer messages of a conversation (and its subject), and its language."""
    head = conn.exec_driver_sql(
        "SELECT c.subject, coalesce(c.language, k.language) FROM conversations c "
        "LEFT JOIN contacts k ON k.id = c.contact_id WHERE c.id = ?",
        (conversation_id,),
    ).first()
    if head is None:
        return "", None
    texts = conn.exec_driver_sql(
        "SELECT text FROM messages WHERE conversation_id = ? AND direction = 'inbound' "
        "ORDER BY created_at DESC, id DESC LIMIT ?",
        (conversation_id, LATEST_MESSAGES),
    ).scalars()
    text = "\n".join([head[0] or "", *(t or "" for t in texts)])
    return text, head[1] or guess_language(text)


def relevant_articles(cache: Cache, conversation_id: int, k: int = 3) -> list[ArticleHit]:
    with cache.read() as conn:
        text, language = customer_text(conn, conversation_id)
    return search(cache, text, language, k) if text.strip() else []
