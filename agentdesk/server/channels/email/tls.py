"""How a connection to a mail server is protected; shared by the IMAP and SMTP settings."""

from __future__ import annotations

import ssl
from enum import StrEnum


class TlsMode(StrEnum):
    NONE = "none"  # plain text; only for servers on the same host or a trusted network
    STARTTLS = "starttls"  # plain connect, then upgrade; refused if the server cannot
    TLS = "tls"  # TLS from the first byte (IMAPS 993, SMTPS 465)


def client_context(context: ssl.SSLContext | None) -> ssl.SSLContext:
    # Certificates and host names are verified unless the caller passes its own context.
    return context or ssl.create_default_context()
