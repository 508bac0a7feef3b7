"""Fixtures of the email channel tests: the mail corpus and real mail servers on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.mailservers import (  # noqa: F401 - fixtures used by name
    dovecot,
    dovecot_tls,
    loopback_certificate,
    smtp_server,
    smtp_server_starttls,
    smtp_server_tls,
)


@pytest.fixture(scope="session")
def mail_corpus(corpus: Path) -> Path:
    return corpus / "email"


@pytest.fixture(scope="session")
def read_mail(mail_corpus: Path):
    def read(name: str) -> bytes:
        return (mail_corpus / name).read_bytes()

    return read
