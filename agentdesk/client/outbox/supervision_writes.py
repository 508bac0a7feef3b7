"""The supervising writes (issue 9) as the HTTP requests they become.

Presence and capacity change an agent's state, which is not a row of the feed: their
optimistic effect is read from the outbox by `queries.figures.agent_states` (and so leaves
with a refusal, like any other). A move changes the conversation's queue in the overlay.
"""

from __future__ import annotations

from typing import Literal

from agentdesk.client.outbox.writes import Write

Presence = Literal["available", "busy", "away", "offline"]
PRESENCES: tuple[Presence, ...] = ("available", "busy", "away", "offline")


def presence(user_id: int, value: Presence) -> Write:
    if value not in PRESENCES:
        raise ValueError(f"presence is one of {', '.join(PRESENCES)}")
    return Write("presence", "POST", "/api/v1/me/presence", {"presence": value}, {"user_id": user_id})


def capacity(user_id: int, per_channel: dict[str, int]) -> Write:
    """Conversations at once per channel; channels not named keep their capacity."""
    if not per_channel:
        raise ValueError("name at least one channel's capacity")
    body = {"capacity": dict(per_channel)}
    return Write("capacity", "PATCH", f"/api/v1/users/{user_id}/capacity", body, {"user_id": user_id})


def move(conversation_id: int, queue_id: int) -> Write:
    path = f"/api/v1/conversations/{conversation_id}/move"
    return Write("move", "POST", path, {"queue_id": queue_id}, {"conversation_id": conversation_id})
