"""Meta's message statuses as our delivery statuses, applied in any order they arrive.

Meta does not promise order: `read` may come before `delivered`, and a retried `sent` after
both. A status only moves a message forward; `failed` is final.
"""

from __future__ import annotations

from agentdesk.domain.enums import DeliveryStatus

_FROM_META = {
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    # A voice message the customer played was, necessarily, read.
    "played": DeliveryStatus.READ,
    "failed": DeliveryStatus.FAILED,
}
_RANK = {
    DeliveryStatus.QUEUED: 0,
    DeliveryStatus.SENT: 1,
    DeliveryStatus.DELIVERED: 2,
    DeliveryStatus.READ: 3,
    DeliveryStatus.FAILED: 4,
}


def delivery_status(meta_status: str) -> DeliveryStatus | None:
    """Our status for Meta's, or None for one that says nothing about delivery (`deleted`…)."""
    return _FROM_META.get(meta_status)


def advance(current: DeliveryStatus, meta_status: str) -> DeliveryStatus:
    """The message's status after Meta's `meta_status` arrives, whatever came before."""
    incoming = delivery_status(meta_status)
    if incoming is None or current not in _RANK:
        return current
    return incoming if _RANK[incoming] > _RANK[current] else current
