"""Typed failures of the Graph API, written for the agent or administrator who reads them.

`retryable` tells the caller whether trying again later can help without a change of
configuration or content.
"""

from __future__ import annotations

# Meta's codes for throttling and passing outages: the same request may succeed later.
_RETRYABLE_CODES = frozenset({1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131048, 131056, 133004})


class WhatsAppSendError(Exception):
    """The Graph API could not be used for this request; str(error) says why."""

    retryable: bool = False


class GraphError(WhatsAppSendError):
    """Meta answered with an error: `code` and `title` are Meta's (e.g. 131047, "Re-engagement message")."""

    def __init__(
        self,
        *,
        http_status: int,
        code: int | None,
        title: str,
        details: str | None = None,
        subcode: int | None = None,
        fbtrace_id: str | None = None,
    ) -> None:
        self.http_status = http_status
        self.code = code
        self.title = title
        self.details = details
        self.subcode = subcode
        self.fbtrace_id = fbtrace_id
        self.retryable = code in _RETRYABLE_CODES or http_status == 429 or http_status >= 500
        head = f"WhatsApp refused the request: {title}" + (f" (error {code})" if code is not None else "")
        super().__init__(f"{head}: {details}" if details else head)


class GraphUnavailable(WhatsAppSendError):
    """The Graph API could not be reached, or its answer was lost or unreadable.

    `maybe_sent` is False only when the request surely never reached Meta (no connection);
    a retry after a lost answer may otherwise deliver the message twice.
    """

    retryable = True

    def __init__(self, message: str, *, maybe_sent: bool) -> None:
        super().__init__(message)
        self.maybe_sent = maybe_sent


class MediaTooLarge(WhatsAppSendError):
    """A customer's file is larger than this server accepts."""
