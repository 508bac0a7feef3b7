"""When each of a contact's WhatsApp numbers may get free text again: its 24-hour window.

The window belongs to the customer's number, not to one conversation: a reply continuing an
email matter on WhatsApp follows the number's latest window. The server records when each
conversation's window closes; conversations it holds no such time for (from before its
schema 0003) count 24 hours from their last inbound message.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from agentdesk.client.cache.database import Cache
from agentdesk.client.cache.values import from_ts

WHATSAPP_WINDOW = timedelta(hours=24)


def whatsapp_windows(cache: Cache, contact_id: int) -> dict[int, datetime]:
    """Identity id → when its window closes (in the past when closed); numbers never heard from are absent."""
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT identity_id, whatsapp_window_closes_at, last_inbound_at FROM conversations "
            "WHERE contact_id = ? AND channel = 'whatsapp' AND identity_id IS NOT NULL",
            (contact_id,),
        ).all()
    windows: dict[int, datetime] = {}
    for identity_id, recorded, last_inbound in rows:
        closes = from_ts(recorded)
        if closes is None and (last := from_ts(last_inbound)) is not None:
            closes = last + WHATSAPP_WINDOW
        if closes is not None and (identity_id not in windows or closes > windows[identity_id]):
            windows[identity_id] = closes
    return windows
