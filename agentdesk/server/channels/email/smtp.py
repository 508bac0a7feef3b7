"""Handing an agent's reply to the queue's SMTP server.

A refusal becomes a `DeliveryError` carrying the server's own reason, which the server
stores as the message's failed delivery status; other failures are the typed channel
errors shared with IMAP.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage

from agentdesk.server.channels.email.errors import (
    ChannelAuthError,
    ChannelConnectionError,
    ChannelProtocolError,
    ChannelTimeout,
    DeliveryError,
)
from agentdesk.server.channels.email.tls import TlsMode, client_context


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    tls: TlsMode = TlsMode.STARTTLS
    username: str | None = None
    secret: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class SendResult:
    message_id: str
    # Recipients the server refused while it accepted the others: address -> server's reason.
    refused: Mapping[str, str]


def send_message(settings: SmtpSettings, message: EmailMessage) -> SendResult:
    message_id = message.get("Message-ID")
    if not message_id:
        raise ValueError("the message has no Message-ID; build it with compose_reply")
    s = settings
    where = f"the SMTP server {s.host}:{s.port}"
    try:
        client = (
            smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=client_context(s.ssl_context))
            if s.tls is TlsMode.TLS
            else smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        )
        with client:
            client.ehlo()
            if s.tls is TlsMode.STARTTLS:
                if not client.has_extn("starttls"):
                    raise ChannelProtocolError(f"{where} does not offer STARTTLS; choose another TLS mode")
                client.starttls(context=client_context(s.ssl_context))
                client.ehlo()
            if s.username:
                client.login(s.username, s.secret or "")
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise ChannelAuthError(f"{where} rejected the login of {s.username!r}: {_reply(exc)}") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise ChannelProtocolError(f"{where} does not support a needed feature: {exc}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        reasons = {address: _reply(code, text) for address, (code, text) in exc.recipients.items()}
        codes = [code for code, _ in exc.recipients.values()]
        summary = "; ".join(f"{address}: {reason}" for address, reason in reasons.items())
        raise DeliveryError(
            f"{where} refused every recipient: {summary}",
            reason=summary,
            code=max(codes) if codes else None,
            recipients=reasons,
        ) from exc
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError, smtplib.SMTPHeloError) as exc:
        reason = _reply(exc)
        raise DeliveryError(f"{where} refused the message: {reason}", reason=reason, code=exc.smtp_code) from exc
    except smtplib.SMTPConnectError as exc:
        raise ChannelConnectionError(f"{where} refused the session: {_reply(exc)}") from exc
    except smtplib.SMTPServerDisconnected as exc:
        raise ChannelConnectionError(f"{where} closed the connection: {exc}") from exc
    except smtplib.SMTPResponseException as exc:
        reason = _reply(exc)
        raise DeliveryError(f"{where} answered with an error: {reason}", reason=reason, code=exc.smtp_code) from exc
    except TimeoutError as exc:
        raise ChannelTimeout(f"{where} did not answer within {s.timeout:g} s") from exc
    except ConnectionRefusedError as exc:
        raise ChannelConnectionError(
            f"{where} refused the connection; is it running, and are host and port right?"
        ) from exc
    except socket.gaierror as exc:
        raise ChannelConnectionError(f"the host name {s.host!r} could not be resolved: {exc.strerror}") from exc
    except ssl.SSLError as exc:
        raise ChannelConnectionError(f"TLS with {where} failed: {exc.reason or exc}") from exc
    except OSError as exc:
        raise ChannelConnectionError(f"the connection to {where} failed: {exc}") from exc
    return SendResult(
        message_id=str(message_id),
        refused={address: _reply(code, text) for address, (code, text) in refused.items()},
    )


def _reply(code_or_error: int | smtplib.SMTPResponseException, text: bytes | str | None = None) -> str:
    if isinstance(code_or_error, smtplib.SMTPResponseException):
        code, text = code_or_error.smtp_code, code_or_error.smtp_error
    else:
        code = code_or_error
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text or "")
    return f"{code} {message}".strip()
