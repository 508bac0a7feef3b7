"""An email queue's mail account: what `Queue.settings` and `Queue.secrets` hold for it.

Settings (readable by agents, in the feed) and secrets (never serialized) are flat JSON
objects, so that an administrator can change one field without resending the others:

    settings: imap_host, imap_port, imap_tls, imap_user, imap_folder,
              smtp_host, smtp_port, smtp_tls, smtp_user,
              from_address, from_name, message_id_domain,
              import_existing, max_attachment_bytes, poll_interval_s, timeout_s
    secrets:  imap_password, smtp_password
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agentdesk.domain.identity import InvalidAddress, normalize_email
from agentdesk.server.channels.email.headers import Mailbox
from agentdesk.server.channels.email.imap import ImapSettings
from agentdesk.server.channels.email.parse import DEFAULT_MAX_ATTACHMENT_BYTES
from agentdesk.server.channels.email.smtp import SmtpSettings
from agentdesk.server.channels.email.tls import TlsMode

SECRET_KEYS = frozenset({"imap_password", "smtp_password"})


class EmailSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    imap_host: str = Field(min_length=1, max_length=255)
    imap_port: int = Field(993, ge=1, le=65535)
    imap_tls: TlsMode = TlsMode.TLS
    imap_user: str = Field(min_length=1, max_length=320)
    imap_folder: str = Field("INBOX", min_length=1, max_length=255)
    smtp_host: str = Field(min_length=1, max_length=255)
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_tls: TlsMode = TlsMode.STARTTLS
    smtp_user: str | None = Field(None, max_length=320)
    from_address: str
    from_name: str = Field("", max_length=200)
    # The right-hand side of our Message-IDs; the from address's domain when not set.
    message_id_domain: str | None = Field(None, max_length=255)
    # A new queue starts "from now"; set this to also take in the mail already in the folder.
    import_existing: bool = False
    max_attachment_bytes: int = Field(DEFAULT_MAX_ATTACHMENT_BYTES, ge=0)
    # Only for servers without IDLE.
    poll_interval_s: float = Field(60.0, ge=1, le=3600)
    timeout_s: float = Field(30.0, ge=1, le=300)

    @field_validator("from_address")
    @classmethod
    def _address(cls, value: str) -> str:
        try:
            return normalize_email(value)
        except InvalidAddress as exc:
            raise ValueError(str(exc)) from exc


class EmailSecrets(BaseModel):
    model_config = ConfigDict(extra="forbid")

    imap_password: str | None = Field(None, max_length=1024)
    smtp_password: str | None = Field(None, max_length=1024)


class AccountError(ValueError):
    """The queue's settings are incomplete or wrong; the text says which, for an administrator."""


@dataclass(frozen=True, slots=True)
class EmailAccount:
    settings: EmailSettings
    # Kept out of repr, so that no log line or traceback shows a password.
    secrets: EmailSecrets = field(repr=False)

    @classmethod
    def of(cls, settings: dict[str, Any], secrets: dict[str, Any]) -> EmailAccount:
        try:
            return cls(EmailSettings.model_validate(settings), EmailSecrets.model_validate(secrets))
        except ValidationError as exc:
            raise AccountError(describe_errors(exc)) from None

    @property
    def imap(self) -> ImapSettings:
        s = self.settings
        return ImapSettings(
            host=s.imap_host,
            port=s.imap_port,
            username=s.imap_user,
            secret=self.secrets.imap_password or "",
            tls=s.imap_tls,
            folder=s.imap_folder,
            timeout=s.timeout_s,
        )

    @property
    def smtp(self) -> SmtpSettings:
        s = self.settings
        return SmtpSettings(
            host=s.smtp_host,
            port=s.smtp_port,
            tls=s.smtp_tls,
            username=s.smtp_user,
            secret=self.secrets.smtp_password,
            timeout=s.timeout_s,
        )

    @property
    def sender(self) -> Mailbox:
        return Mailbox(self.settings.from_name, self.settings.from_address)

    @property
    def message_id_domain(self) -> str:
        return self.settings.message_id_domain or self.settings.from_address.rpartition("@")[2]

    def fingerprint(self) -> str:
        """Changes whenever anything the fetcher uses changes, secrets included (never shown)."""
        text = json.dumps([self.settings.model_dump(mode="json"), self.secrets.model_dump()], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def describe_errors(exc: ValidationError) -> str:
    # Never the input: it may be a password.
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in exc.errors()[:8])
