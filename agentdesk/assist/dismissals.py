"""Suggestions the agent dismissed or accepted stay away, also after a restart, until their evidence changes.

Kept in the cache (local to this device) by conversation, rule and the fingerprint of the
evidence: a new customer message, another appointment or one more repeat contact makes a
new fingerprint, and the rule may speak again. An accepted one is kept the same way: a
template sent while the window stays closed is not offered again. The server keeps its own
record of the outcome (an event), for the deflection counts.
"""

from __future__ import annotations

from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import now_ts


def remember(cache: Cache, conversation_id: int, rule: str, fingerprint: str) -> None:
    with cache.write() as conn:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO suggestion_dismissals (conversation_id, rule, fingerprint, dismissed_at) "
            "VALUES (?, ?, ?, ?)",
            (conversation_id, rule, fingerprint, now_ts()),
        )


def dismissed(cache: Cache, conversation_id: int) -> set[tuple[str, str]]:
    """(rule, fingerprint) of every suggestion dismissed or accepted in this conversation."""
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT rule, fingerprint FROM suggestion_dismissals WHERE conversation_id = ?", (conversation_id,)
        ).all()
    return {(rule, fingerprint) for rule, fingerprint in rows}
