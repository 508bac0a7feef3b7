"""Typed failures of the mail servers a queue talks to.

Every error's text is written for an administrator reading a queue's health status, and
`retryable` tells the caller whether trying again later can help without a change of
configuration.
"""

from __future__ import annotations


class EmailChannelError(Exception):
    """A mail server could not be used; str(error) says why, for people."""

    retryable: bool = True


class ChannelConnectionError(EmailChannelError):
    """The server could not be reached, refused the connection or dropped it (TLS included)."""


class ChannelTimeout(EmailChannelError):
    """The server stopped answering within the configured time."""


class ChannelAuthError(EmailChannelError):
    """The server rejected the user name or the secret."""

    retryable = False


class ChannelProtocolError(EmailChannelError):
    """The server answered, but not as needed (missing folder, missing STARTTLS, bad reply)."""

    retryable = False


class DeliveryError(EmailChannelError):
    """The SMTP server refused the message or some of its recipients.

    `reason` is the server's own text; `code` its reply code when there was one. A 4xx reply
    is temporary and worth retrying, a 5xx one is final.
    """

    def __init__(
        self, message: str, *, reason: str, code: int | None = None, recipients: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.code = code
        self.recipients = recipients or {}
        self.retryable = code is not None and 400 <= code < 500
